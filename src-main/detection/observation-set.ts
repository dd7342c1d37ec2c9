// The observations of a case, grouped the way detection reads them: by kind, packages by name, settings
// and properties by key. Each item keeps its observation id and artifacts, the finding's evidence.
import type { Observation } from '../../src-shared/model.js';
import {
  AndroidPackageData,
  observationSchemas,
  type ObservationData,
  type ObservationKind,
} from '../../src-shared/observations.js';
import { installOrigin, STORE_LIKE } from '../../src-shared/install-origins.js';
import { printable } from '../../src-shared/printable.js';

export interface Observed<K extends ObservationKind> {
  id: number;
  artifactSha256s: string[];
  data: ObservationData<K>;
  /** When it was read from the device. */
  observedAt: string;
}

export class ObservationSet {
  private readonly byKind = new Map<ObservationKind, Observed<ObservationKind>[]>();
  /** Each app by its package, the owner's copy when the owner has it (else the first profile's). */
  readonly packages = new Map<string, Observed<'android.package'>>();
  /** Each app as installed in each user or profile (`name@user`, 0 for the owner). */
  private readonly packagesByUser = new Map<string, Observed<'android.package'>>();
  readonly settings = new Map<string, Observed<'android.setting'>>();
  readonly properties = new Map<string, Observed<'android.property'>>();
  /** Observations whose data did not fit their kind's schema: skipped by heuristics, counted. */
  readonly unreadable: number;

  /** `listedNames`: what a shipped list calls an app (by package), for apps whose label was not read. */
  constructor(
    observations: readonly Observation[],
    private readonly listedNames: ReadonlyMap<string, string> = new Map(),
  ) {
    let unreadable = 0;
    for (const observation of observations) {
      const kind = observation.kind as ObservationKind;
      const schema = observationSchemas[kind];
      if (!schema) continue;
      const parsed = schema.safeParse(observation.data);
      if (!parsed.success) {
        unreadable += 1;
        continue;
      }
      const item = { id: observation.id, artifactSha256s: observation.artifactSha256s, data: parsed.data, observedAt: observation.observedAt } as Observed<ObservationKind>;
      const list = this.byKind.get(kind) ?? [];
      list.push(item);
      this.byKind.set(kind, list);
    }
    // An app installed for the owner and in a profile is looked up as the owner's.
    for (const item of this.of('android.package')) {
      if (!this.packages.has(item.data.packageName) || item.data.profile === null) this.packages.set(item.data.packageName, item);
      this.packagesByUser.set(`${item.data.packageName}@${item.data.profile?.id ?? 0}`, item);
    }
    for (const item of this.of('android.setting')) this.settings.set(`${item.data.namespace}:${item.data.key}`, item);
    for (const item of this.of('android.property')) this.properties.set(item.data.key, item);
    this.unreadable = unreadable;
  }

  /** An app as installed where a right was granted (the owner, a work profile…); else as the owner has it. */
  packageIn(packageName: string, profile: { id: number } | null): Observed<'android.package'> | undefined {
    return this.packagesByUser.get(`${packageName}@${profile?.id ?? 0}`) ?? this.packages.get(packageName);
  }

  /** An app's name as the survivor sees it: its label on the phone, else what a list calls it, else its package — as text (no control or reordering character). */
  nameOf(pkg: Pick<AndroidPackage, 'label'> | undefined, packageName: string): string {
    return printable(pkg?.label?.trim() || this.listedNames.get(packageName) || packageName);
  }

  of<K extends ObservationKind>(kind: K): Observed<K>[] {
    return (this.byKind.get(kind) ?? []) as Observed<K>[];
  }
}

export type AndroidPackage = ReturnType<typeof AndroidPackageData.parse>;

/** Whether an app came from a store, an open store, her earlier phone's restore or her employer's store (see src-shared/install-origins.ts). */
export function installedFromStore(pkg: AndroidPackage): boolean {
  return STORE_LIKE.has(installOrigin(pkg));
}

/**
 * System apps, and the keyboard and launcher in use when a store installed them, legitimately hold rights
 * a spy app would want. (A keyboard from outside a store is a heuristic of its own: it can log keys.)
 */
export function isPhoneInfrastructure(pkg: AndroidPackage): boolean {
  return pkg.isSystem || ((pkg.roles.includes('keyboard') || pkg.roles.includes('launcher')) && installedFromStore(pkg));
}
