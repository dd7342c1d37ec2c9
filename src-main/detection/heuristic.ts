// The shape of a heuristic: what it looks for (described, for the report's method section), how severe a
// hit is, what to tell the advocate, and the function that finds hits in a case's observations.
import type { LocalizedText, Platform, Severity } from '../../src-shared/model.js';
import type { AdviceProfile } from './advice.js';
import type { ObservationSet } from './observation-set.js';

export interface HeuristicHit {
  /** What the hit is about (a package name, a profile id): one finding per heuristic and subject. */
  subject: string;
  severity: Severity;
  title: LocalizedText;
  explanation: LocalizedText;
  /** What holds for every reason about the app (how it came to the phone): said once in its verdict. */
  note?: LocalizedText;
  observationIds: number[];
  artifactSha256s: string[];
  details: Record<string, unknown>;
}

export interface Heuristic {
  id: string;
  version: string;
  /** `any`: about the case whatever its devices (her answers in the consultation). */
  platform: Platform | 'computer' | 'any';
  category: string;
  /**
   * What a hit is about: one app (its subject is the package or bundle id, and it joins that app's verdict
   * with every other reason about it) or the device as a whole (rooted, managed, a trusted computer: a
   * finding of its own).
   */
  scope: 'app' | 'device';
  profile: AdviceProfile;
  /** What it looks for, in plain words. */
  description: LocalizedText;
  evaluate(observations: ObservationSet): HeuristicHit[];
}

/** Evidence from several observations: their ids and artifacts, without repeats. */
export function evidenceOf(...items: ({ id: number; artifactSha256s: string[] } | undefined)[]): Pick<HeuristicHit, 'observationIds' | 'artifactSha256s'> {
  const present = items.filter((item): item is { id: number; artifactSha256s: string[] } => item !== undefined);
  return { observationIds: [...new Set(present.map((item) => item.id))], artifactSha256s: [...new Set(present.flatMap((item) => item.artifactSha256s))] };
}

export const text = (en: string, fr: string): LocalizedText => ({ en, fr });
