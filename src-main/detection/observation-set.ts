// The observations of a case, grouped the way detection reads them: by kind, packages by name, settings
// and properties by key. Each item keeps its observation id and artifacts, the finding's evidence.
import type { Observation } from '../../src-shared/model.js';
import {
  AndroidPackageData,
  observationSchemas,
  type ObservationData,
  type ObservationKind,
} from '../../src-shared/observations.js';

export interface Observed<K extends ObservationKind> {
  id: number;
  artifactSha256s: string[];
  data: ObservationData<K>;
  /** When it was read from the device. */
  observedAt: string;
}

/** Packages the phone's own stores installed (a sideloaded app has none of these, or a file manager, or adb). */
export const STORE_INSTALLERS = new Set([
  'com.android.vending',
  'com.google.android.feedback',
  'com.amazon.venezia',
  'com.sec.android.app.samsungapps',
  'com.huawei.appmarket',
  'com.xiaomi.market',
  'com.xiaomi.mipicks',
  'com.heytap.market',
  'com.oppo.market',
  'com.bbk.appstore',
  'com.oneplus.market',
  'org.fdroid.fdroid',
]);

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

  /** An app's name as the survivor sees it: its label on the phone, else what a list calls it, else its package. */
  nameOf(pkg: Pick<AndroidPackage, 'label'> | undefined, packageName: string): string {
    return pkg?.label?.trim() || this.listedNames.get(packageName) || packageName;
  }

  of<K extends ObservationKind>(kind: K): Observed<K>[] {
    return (this.byKind.get(kind) ?? []) as Observed<K>[];
  }
}

export type AndroidPackage = ReturnType<typeof AndroidPackageData.parse>;

/**
 * Tools that put back the apps of an earlier phone when a new one is set up — Samsung's Smart Switch,
 * Google's Data Restore Tool — named as the installer of every app they restore: those apps came from a
 * store on the old phone, and are not sideloaded.
 */
export const RESTORE_TOOLS = new Set(['com.sec.android.easyMover', 'com.google.android.apps.restore']);

/** Whether an installer is an app store, or a tool that restored an app from an earlier phone. */
export function isStoreInstaller(installer: string | null): boolean {
  return installer !== null && (STORE_INSTALLERS.has(installer) || RESTORE_TOOLS.has(installer));
}

export function installedFromStore(pkg: AndroidPackage): boolean {
  return isStoreInstaller(pkg.installer);
}

/**
 * Where an app came from: a store (or a restore tool), itself (its installer field names the app — apps
 * that update themselves, some Google apps: where it first came from is unknown, and it is not evidence
 * of sideloading), or anything else (sideloaded: a browser, a file manager, adb, or nothing said).
 */
export function installSource(pkg: AndroidPackage): 'store' | 'self' | 'sideloaded' {
  if (installedFromStore(pkg)) return 'store';
  return pkg.installer === pkg.packageName ? 'self' : 'sideloaded';
}

/**
 * System apps, and the keyboard and launcher in use when a store installed them, legitimately hold rights
 * a spy app would want. (A keyboard from outside a store is a heuristic of its own: it can log keys.)
 */
export function isPhoneInfrastructure(pkg: AndroidPackage): boolean {
  return pkg.isSystem || ((pkg.roles.includes('keyboard') || pkg.roles.includes('launcher')) && installedFromStore(pkg));
}
