// The advice and safety notes each kind of rule gives its findings (the texts are in src-shared/advice.ts,
// which then keeps those that fit the verdict's class). The rule everywhere: document first, plan safety
// with the survivor, never remove or disable anything in a hurry — removing stalkerware can alert the
// person who installed it.
import { ADVICE, SAFETY } from '../../src-shared/advice.js';
import type { LocalizedText } from '../../src-shared/model.js';

export type AdviceProfile = 'surveillance' | 'dual-use' | 'remote-access' | 'managed' | 'integrity' | 'setting' | 'website' | 'sharing';

/** The advice and safety notes for each kind of finding. */
export const PROFILES: Record<AdviceProfile, { advice: LocalizedText[]; safety: LocalizedText[] }> = {
  surveillance: { advice: [ADVICE.talkFirst, ADVICE.planRemoval], safety: [SAFETY.removalAlerts, SAFETY.abuserMaySee] },
  'dual-use': { advice: [ADVICE.askIfInstalled], safety: [SAFETY.removalAlerts, SAFETY.locationShared] },
  'remote-access': { advice: [ADVICE.askIfInstalled, ADVICE.planRemoval], safety: [SAFETY.remoteControl, SAFETY.removalAlerts] },
  managed: { advice: [ADVICE.askIfManaged, ADVICE.expertHelp], safety: [SAFETY.abuserMaySee, SAFETY.removalAlerts] },
  integrity: { advice: [ADVICE.talkFirst, ADVICE.expertHelp], safety: [SAFETY.abuserMaySee] },
  setting: { advice: [ADVICE.checkSettingsWithHer], safety: [SAFETY.removalAlerts] },
  sharing: { advice: [ADVICE.checkAccountsWithHer], safety: [SAFETY.changesAlert] },
  website: {
    advice: [ADVICE.askIfVisited],
    safety: [SAFETY.abuserMaySee],
  },
};

export function profileForCategory(category: string): AdviceProfile {
  switch (category) {
    case 'dual-use':
    case 'monitoring':
      return 'dual-use';
    case 'remote-access':
      return 'remote-access';
    default:
      return 'surveillance';
  }
}
