// What a network of shelters sees, for the network demo: which devices come in, how often a scan finds
// something, which products (from the signature database the app ships) and which behaviours (the app's own
// heuristics). The weights are rough, stated once here: most phones brought in are clean; dual-use apps
// (family locators, parental controls) and remote-access tools are found more often than stalkerware; of the
// stalkerware, the products public reporting names most (mSpy, TheTruthSpy and its clones, Cocospy,
// FlexiSPY: AssoEchap's indicators, TechCrunch's stalkerware investigations, Kaspersky's State of Stalkerware)
// come up most. They are a demo's assumptions, not measurements.
import type { Platform, Severity } from '../../src-shared/model.js';
import type { Signature } from '../../src-shared/signature-format.js';
import type { VerdictFacts } from '../forward/events.js';
import type { SeededRandom } from './seeded-random.js';

/** The kind of device a scan examines (null: an import whose origin the app cannot tell), with its share of scans. */
export const DEVICE_MIX: readonly { platform: Platform | null; weight: number }[] = [
  { platform: 'android', weight: 52 },
  { platform: 'ios', weight: 33 },
  { platform: 'windows', weight: 8 },
  { platform: 'macos', weight: 4 },
  { platform: 'linux', weight: 1 },
  { platform: null, weight: 2 },
];

/** How often one scan of a device of this kind finds each kind of thing. */
export const FIND_RATES: Record<'phone' | 'computer', { serious: number; dualUse: number; behaviour: number }> = {
  phone: { serious: 0.04, dualUse: 0.22, behaviour: 0.18 },
  computer: { serious: 0.03, dualUse: 0.15, behaviour: 0.1 },
};

/** Relative weights of the products found; a product of the database not named here weighs 1. */
const PRODUCT_WEIGHTS: Record<string, number> = {
  mspy: 12,
  thetruthspy: 8,
  cocospy: 7,
  flexispy: 5,
  hoverwatch: 4,
  kidsguard: 4,
  umobix: 4,
  xnspy: 3,
  ikeymonitor: 3,
  cerberus: 3,
  catwatchful: 2,
  spyrix: 2,
  life360: 14,
  'google-family-link': 9,
  'microsoft-family-safety': 4,
  findmykids: 4,
  qustodio: 3,
  teamviewer: 5,
  anydesk: 5,
  airdroid: 3,
};

export function productWeight(signature: Pick<Signature, 'id'>): number {
  return PRODUCT_WEIGHTS[signature.id] ?? 1;
}

export function isSerious(severity: Severity): boolean {
  return severity === 'high' || severity === 'critical';
}

/** A verdict the app's heuristics give without a product (an unknown app with spying rights, a managed phone…). */
export interface BehaviourVerdict {
  /** The heuristic whose rule the verdict carries (`heuristic:<id>`); the ones that join it as reasons follow. */
  heuristic: string;
  with: readonly string[];
  platform: Platform;
  severity: Severity;
  category: string;
  weight: number;
}

/** Severities are the ones each heuristic gives in the common case (src-main/detection/heuristics/). */
export const BEHAVIOURS: readonly BehaviourVerdict[] = [
  { heuristic: 'android.accessibility-rights', with: ['android.device-admin-rights', 'android.hidden-app'], platform: 'android', severity: 'high', category: 'suspicious-rights', weight: 3 },
  { heuristic: 'android.notification-access', with: [], platform: 'android', severity: 'medium', category: 'suspicious-rights', weight: 4 },
  { heuristic: 'android.location-and-communications', with: [], platform: 'android', severity: 'medium', category: 'tracking', weight: 4 },
  { heuristic: 'android.hidden-app', with: ['android.notification-access'], platform: 'android', severity: 'high', category: 'hidden-app', weight: 2 },
  { heuristic: 'android.play-protect-off', with: [], platform: 'android', severity: 'medium', category: 'device-integrity', weight: 3 },
  { heuristic: 'android.installer-files', with: [], platform: 'android', severity: 'low', category: 'sideloading', weight: 5 },
  { heuristic: 'android.rooted', with: [], platform: 'android', severity: 'high', category: 'device-integrity', weight: 1 },
  { heuristic: 'ios.configuration-profile', with: [], platform: 'ios', severity: 'medium', category: 'device-management', weight: 4 },
  { heuristic: 'ios.app-outside-app-store', with: [], platform: 'ios', severity: 'medium', category: 'hidden-app', weight: 2 },
  { heuristic: 'ios.jailbroken', with: [], platform: 'ios', severity: 'high', category: 'device-integrity', weight: 1 },
  { heuristic: 'computer.unsigned-program-in-user-folder', with: [], platform: 'windows', severity: 'medium', category: 'suspicious-process', weight: 3 },
  { heuristic: 'computer.persistence-in-hidden-folder', with: [], platform: 'windows', severity: 'low', category: 'persistence', weight: 3 },
  { heuristic: 'macos.configuration-profile', with: [], platform: 'macos', severity: 'medium', category: 'device-management', weight: 2 },
  { heuristic: 'computer.ld-preload', with: [], platform: 'linux', severity: 'high', category: 'keylogger', weight: 1 },
];

/** The rules an Android stalkerware verdict usually gathers besides its signature: the rights it abuses. */
export const ANDROID_STALKERWARE_REASONS: readonly { heuristic: string; share: number }[] = [
  { heuristic: 'android.accessibility-rights', share: 0.7 },
  { heuristic: 'android.device-admin-rights', share: 0.45 },
  { heuristic: 'android.hidden-app', share: 0.5 },
];

/** A verdict a product's signature gives: its rule, and the rules that join it (a community list, the rights it abuses). */
export function productFacts(product: Signature, platform: Platform | null, random: SeededRandom): Omit<VerdictFacts, 'findingId' | 'caseId' | 'platform'> {
  const stalkerware = product.category === 'stalkerware';
  return {
    ruleId: `signature:${product.id}`,
    reasons: [
      `signature:${product.id}`,
      ...(stalkerware && random.chance(0.5) ? [`signature:echap:${product.id}`] : []),
      ...((platform ?? 'android') === 'android' && stalkerware ? ANDROID_STALKERWARE_REASONS.filter((reason) => random.chance(reason.share)).map((reason) => `heuristic:${reason.heuristic}`) : []),
    ],
    severity: product.severity,
    category: product.category,
    product: product.name,
  };
}

/** The phone a product is found on: Android when it runs there, else an iPhone, else its first platform. */
export function phonePlatformOf(product: Pick<Signature, 'platforms'>): Platform {
  return product.platforms.includes('android') ? 'android' : product.platforms.includes('ios') ? 'ios' : product.platforms[0]!;
}
