// Which guided checks (src-shared/guided-checks.ts) to go through with her, from what the scans of the case
// saw: her Google account on an Android phone (said with the accounts read and where it backs up to), her Apple ID with an iPhone (named
// when the backup's accounts say it), each
// messenger and social app found on a device; her phone plan and e-mail forwarding always, since no scan can
// see them. Each suggestion says why, in plain words.
import { guidedCheck, type GuidedCheckId } from '../../src-shared/guided-checks.js';
import type { LocalizedText, Observation } from '../../src-shared/model.js';

export interface SuggestedCheck {
  id: GuidedCheckId;
  title: LocalizedText;
  because: LocalizedText;
}

const t = (en: string, fr: string): LocalizedText => ({ en, fr });

/** The apps that each check is about, by Android package and iOS bundle id. */
const APPS: Partial<Record<GuidedCheckId, { name: string; ids: readonly string[] }>> = {
  whatsapp: { name: 'WhatsApp', ids: ['com.whatsapp', 'com.whatsapp.w4b', 'net.whatsapp.WhatsApp', 'net.whatsapp.WhatsAppSMB'] },
  signal: { name: 'Signal', ids: ['org.thoughtcrime.securesms', 'org.whispersystems.signal'] },
  telegram: { name: 'Telegram', ids: ['org.telegram.messenger', 'ph.telegra.Telegraph'] },
  'facebook-instagram': { name: 'Facebook / Instagram', ids: ['com.facebook.katana', 'com.instagram.android', 'com.facebook.Facebook', 'com.burbn.instagram'] },
  snapchat: { name: 'Snapchat', ids: ['com.snapchat.android', 'com.toyopagroup.picaboo'] },
};

export function suggestChecks(observations: readonly Observation[]): SuggestedCheck[] {
  const suggested: SuggestedCheck[] = [];
  const add = (id: GuidedCheckId, because: LocalizedText) => suggested.push({ id, title: guidedCheck(id).title, because });
  const googleAccounts = observations.filter((observation) => observation.kind === 'android.account' && observation.data.type === 'com.google' && observation.data.user === 0).length;
  const android = observations.some((observation) => observation.kind.startsWith('android.'));
  const backup = observations.find((observation) => observation.kind === 'android.backup-transport' && observation.data.user === 0 && observation.data.current === true && observation.data.enabled === true && typeof observation.data.destination === 'string' && observation.data.destination.includes('@'));
  const backsUp = backup ? t(` It backs up to “${String(backup.data.destination)}”.`, ` Il se sauvegarde vers « ${String(backup.data.destination)} ».`) : t('', '');
  if (googleAccounts > 1) add('google-account', t(`${googleAccounts} Google accounts are signed in on her phone.${backsUp.en}`, `${googleAccounts} comptes Google sont connectés sur son téléphone.${backsUp.fr}`));
  else if (googleAccounts === 1) add('google-account', t(`A Google account is signed in on her phone.${backsUp.en}`, `Un compte Google est connecté sur son téléphone.${backsUp.fr}`));
  else if (android) add('google-account', t('An Android phone works with a Google account.', 'Un téléphone Android fonctionne avec un compte Google.'));
  const appleId = observations.find((observation) => observation.kind === 'ios.account' && observation.data.typeId === 'com.apple.account.AppleAccount' && observation.data.topLevel && typeof observation.data.username === 'string');
  if (appleId) add('apple-id', t(`Her iPhone is signed in to iCloud as “${String(appleId.data.username)}”: is this Apple ID hers, and who else knows its password?`, `Son iPhone est connecté à iCloud en tant que « ${String(appleId.data.username)} » : cet identifiant Apple est-il le sien, et qui d’autre connaît son mot de passe ?`));
  else if (observations.some((observation) => observation.kind.startsWith('ios.'))) add('apple-id', t('An iPhone works with an Apple ID.', 'Un iPhone fonctionne avec un identifiant Apple.'));
  const installed = new Set(observations.filter((observation) => observation.kind === 'android.package' || observation.kind === 'ios.app').map((observation) => observation.subject));
  for (const [id, app] of Object.entries(APPS) as [GuidedCheckId, { name: string; ids: readonly string[] }][]) {
    if (app.ids.some((appId) => installed.has(appId))) add(id, t(`${app.name} is on her phone.`, `${app.name} est sur son téléphone.`));
  }
  add('phone-plan', t('No scan can see who holds her phone plan.', 'Aucun examen ne peut voir qui est titulaire de son forfait.'));
  add('email-forwarding', t('No scan can see her mailbox’s rules.', 'Aucun examen ne peut voir les règles de sa messagerie.'));
  return suggested;
}
