// What to do after a finding and what to be careful about, in English and French, and which of it depends
// on the kind of verdict: signs of stalkerware (document, plan safety, never remove in a hurry), a question
// for her (an app or a site with everyday uses), a setting of the device, or information. Detection picks a
// finding's advice and safety by its class; what concerns the whole case (its safety notes) is said once,
// in the summary, and left out of each finding shown under it (screens, report, command line).
import type { Finding, LocalizedText } from './model.js';
import { verdictOf } from './verdicts.js';

const t = (en: string, fr: string): LocalizedText => ({ en, fr });

/** Safety notes. */
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
  beforeRemoving: t(
    'If she did not set this up herself, leave it in place for now: removing it could alert whoever did. Plan the next step with her.',
    'Si elle ne l’a pas installé elle-même, laissez-le en place pour l’instant : le supprimer pourrait alerter la personne qui l’a fait. Préparez la suite avec elle.',
  ),
  remoteControl: t(
    'Someone may be able to see the screen or control the device from afar, possibly right now.',
    'Quelqu’un peut voir l’écran ou contrôler l’appareil à distance, peut-être en ce moment même.',
  ),
  changesAlert: t(
    'Signing an account out, changing its password or unpairing a device can alert whoever uses it. Decide with her when, and from which device, as part of her safety plan.',
    'Déconnecter un compte, changer son mot de passe ou dissocier un appareil peut alerter la personne qui s’en sert. Décidez avec elle quand, et depuis quel appareil, dans son plan de sécurité.',
  ),
};

/** Advice, each a step the advocate can take. */
export const ADVICE = {
  talkFirst: t(
    'Talk with the survivor about what was found and about her safety before anything on the device is changed.',
    'Parlez avec la personne de ce qui a été trouvé et de sa sécurité avant de modifier quoi que ce soit sur l’appareil.',
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
  askIfVisited: t(
    'Ask the survivor whether she visited this site herself (for example while looking for information). If not, someone else may have used the device to buy or manage surveillance software.',
    'Demandez à la personne si elle a consulté ce site elle-même (par exemple pour se renseigner). Sinon, quelqu’un d’autre a pu utiliser l’appareil pour acheter ou gérer un logiciel de surveillance.',
  ),
  checkAccountsWithHer: t(
    'Go through it with her: whose account or device it is, who else knows the password or uses it, and what it shares. Record her answers in the case.',
    'Passez-le en revue avec elle : à qui appartient le compte ou l’appareil, qui d’autre connaît le mot de passe ou s’en sert, et ce qu’il partage. Notez ses réponses dans le dossier.',
  ),
  checkSettingsWithHer: t(
    'Check with the survivor whether she changed this setting. Changing it back can be part of the safety plan, once she agrees.',
    'Vérifiez avec la personne si elle a modifié ce réglage. Le rétablir peut faire partie du plan de sécurité, avec son accord.',
  ),
};

/** The kind of verdict a finding is, which decides the advice and safety notes that go with it. */
export type VerdictClass = 'stalkerware' | 'ask-her' | 'device-setting' | 'information';

/** Categories of findings about how the device itself is set up (managed, protections weakened). */
const DEVICE_CATEGORIES = new Set(['device-integrity', 'device-management']);

type Classified = Pick<Finding, 'severity' | 'category' | 'product' | 'details'>;

/**
 * Critical or high: signs of stalkerware, whatever it is about. Otherwise, what concerns the device's setup
 * is a setting to check with her; a low finding about no app and no product (installer files) is
 * information; anything else (an app, a site of a product) is a question for her.
 */
export function verdictClass(finding: Classified): VerdictClass {
  if (finding.severity === 'critical' || finding.severity === 'high') return 'stalkerware';
  const onApp = verdictOf(finding) !== null;
  if (!onApp && DEVICE_CATEGORIES.has(finding.category)) return 'device-setting';
  if (!onApp && finding.severity === 'low' && finding.product === null) return 'information';
  return 'ask-her';
}

const same = (a: LocalizedText, b: LocalizedText) => a.en === b.en;
const has = (notes: readonly LocalizedText[], note: LocalizedText) => notes.some((candidate) => same(candidate, note));
/** The notes that concern the whole case once something may be watching her; said once, in the summary. */
const CASE_WIDE = [SAFETY.removalAlerts, SAFETY.abuserMaySee];
/** The questions a weaker finding may ask, the first one present wins. */
const QUESTIONS = [ADVICE.checkAccountsWithHer, ADVICE.askIfManaged, ADVICE.askIfVisited, ADVICE.checkSettingsWithHer, ADVICE.askIfInstalled];

/**
 * A finding's advice and safety notes by its class, from those of its reasons: a question for her asks
 * one question and carries the short "leave it in place for now" note rather than the stalkerware warnings; a setting asks whether she
 * changed it; information needs neither. Notes about a particular danger (location shared, remote
 * control) stay whatever the class.
 */
export function adviceByClass(finding: Classified & Pick<Finding, 'advice' | 'safety'>): Pick<Finding, 'advice' | 'safety'> {
  const { advice } = finding;
  const particular = finding.safety.filter((note) => !has(CASE_WIDE, note) && !same(note, SAFETY.beforeRemoving));
  const question = (fallback: LocalizedText) => [QUESTIONS.find((candidate) => has(advice, candidate)) ?? fallback];
  switch (verdictClass(finding)) {
    case 'stalkerware':
      return { advice, safety: finding.safety };
    case 'ask-her':
      return { advice: question(ADVICE.askIfInstalled), safety: [...particular, SAFETY.beforeRemoving] };
    case 'device-setting':
      return { advice: question(ADVICE.checkSettingsWithHer), safety: particular };
    case 'information':
      return { advice: [], safety: [] };
  }
}

/** The safety notes the summary says once for a case with this verdict. */
export function caseSafety(verdict: 'stalkerware' | 'ask-her' | 'nothing'): LocalizedText[] {
  return verdict === 'stalkerware' ? CASE_WIDE : verdict === 'ask-her' ? [SAFETY.beforeRemoving] : [];
}

/** A finding's safety notes under a summary that already says `said`: only what it adds. */
export function ownSafety(finding: Pick<Finding, 'safety'>, said: readonly LocalizedText[]): LocalizedText[] {
  return finding.safety.filter((note) => !has(said, note));
}
