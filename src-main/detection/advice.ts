// What an advocate should do after a finding, and the safety notes that go with it, in English and
// French. The rule everywhere: document first, plan safety with the survivor, never remove or disable
// anything in a hurry — removing stalkerware can alert the person who installed it.
import type { LocalizedText } from '../../src-shared/model.js';

const t = (en: string, fr: string): LocalizedText => ({ en, fr });

export const SAFETY = {
  removalAlerts: t(
    'Removing or disabling this can alert the person who installed it and may escalate the danger. Do not change anything on the device before a safety plan is in place.',
    'Supprimer ou désactiver cet élément peut alerter la personne qui l’a installé et aggraver le danger. Ne modifiez rien sur l’appareil avant d’avoir établi un plan de sécurité.',
  ),
  abuserMaySee: t(
    'Assume the other person can see messages, calls, photos and location on this device. Plan sensitive conversations on a device they have never had access to.',
    'Partez du principe que l’autre personne peut voir les messages, appels, photos et la localisation de cet appareil. Prévoyez les échanges sensibles sur un appareil auquel elle n’a jamais eu accès.',
  ),
  locationShared: t(
    'This may show where the survivor is right now, including at the shelter.',
    'Cela peut indiquer où se trouve la personne en ce moment, y compris au refuge.',
  ),
  remoteControl: t(
    'Someone may be able to see the screen or control the device from afar, possibly right now.',
    'Quelqu’un peut voir l’écran ou contrôler l’appareil à distance, peut-être en ce moment même.',
  ),
};

export const ADVICE = {
  talkFirst: t(
    'Talk with the survivor about what was found and about her safety before anything on the device is changed.',
    'Parlez avec la personne de ce qui a été trouvé et de sa sécurité avant de modifier quoi que ce soit sur l’appareil.',
  ),
  keepEvidence: t(
    'Keep the evidence: export a sealed evidence bundle if she may want to go to the police or to court.',
    'Conservez les preuves : exportez un lot de preuves scellé si elle envisage de porter plainte ou d’aller en justice.',
  ),
  planRemoval: t(
    'If she decides to act, plan when and how with her — for example a new phone, and passwords changed from a safe device — rather than removing it on the spot.',
    'Si elle décide d’agir, planifiez avec elle quand et comment — par exemple un nouveau téléphone et des mots de passe changés depuis un appareil sûr — plutôt que de le supprimer sur-le-champ.',
  ),
  askIfInstalled: t(
    'Ask the survivor whether she installed this herself and knows what it shares. If she did not, treat it as surveillance: document first, plan safety before removing it.',
    'Demandez à la personne si elle l’a installé elle-même et si elle sait ce qu’il partage. Sinon, traitez-le comme de la surveillance : documentez d’abord, planifiez la sécurité avant de le supprimer.',
  ),
  askIfManaged: t(
    'Ask whether the device is managed by an employer or a school. If not, someone may control it: document it and ask an expert for help.',
    'Demandez si l’appareil est géré par un employeur ou une école. Sinon, quelqu’un peut le contrôler : documentez-le et demandez l’aide d’une personne experte.',
  ),
  expertHelp: t(
    'Ask a technical expert of your network to look at the evidence before deciding anything.',
    'Demandez à une personne experte de votre réseau d’examiner les preuves avant de décider quoi que ce soit.',
  ),
  checkSettingsWithHer: t(
    'Check with the survivor whether she changed this setting. Changing it back can be part of the safety plan, once she agrees.',
    'Vérifiez avec la personne si elle a modifié ce réglage. Le rétablir peut faire partie du plan de sécurité, avec son accord.',
  ),
};

export type AdviceProfile = 'surveillance' | 'dual-use' | 'remote-access' | 'managed' | 'integrity' | 'setting' | 'website';

/** The advice and safety notes for each kind of finding. */
export const PROFILES: Record<AdviceProfile, { advice: LocalizedText[]; safety: LocalizedText[] }> = {
  surveillance: { advice: [ADVICE.talkFirst, ADVICE.keepEvidence, ADVICE.planRemoval], safety: [SAFETY.removalAlerts, SAFETY.abuserMaySee] },
  'dual-use': { advice: [ADVICE.askIfInstalled, ADVICE.keepEvidence], safety: [SAFETY.removalAlerts, SAFETY.locationShared] },
  'remote-access': { advice: [ADVICE.askIfInstalled, ADVICE.keepEvidence, ADVICE.planRemoval], safety: [SAFETY.remoteControl, SAFETY.removalAlerts] },
  managed: { advice: [ADVICE.askIfManaged, ADVICE.keepEvidence, ADVICE.expertHelp], safety: [SAFETY.abuserMaySee, SAFETY.removalAlerts] },
  integrity: { advice: [ADVICE.talkFirst, ADVICE.expertHelp, ADVICE.keepEvidence], safety: [SAFETY.abuserMaySee] },
  setting: { advice: [ADVICE.checkSettingsWithHer, ADVICE.keepEvidence], safety: [SAFETY.removalAlerts] },
  website: {
    advice: [
      t(
        'Ask the survivor whether she visited this site herself (for example while looking for information). If not, someone else may have used the device to buy or manage surveillance software.',
        'Demandez à la personne si elle a consulté ce site elle-même (par exemple pour se renseigner). Sinon, quelqu’un d’autre a pu utiliser l’appareil pour acheter ou gérer un logiciel de surveillance.',
      ),
      ADVICE.keepEvidence,
    ],
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
