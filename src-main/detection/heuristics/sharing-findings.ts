// What the sharing heuristics of Android and iPhone say alike (docs/detection.md, "Accounts and sharing"):
// several accounts of a kind that syncs her personal data, and paired devices that receive her notifications
// or report where the phone is. Each is a question for her, never proof; the names are listed in
// `details.personal`, which the report redacts on request (forwarding never sends them).
import { evidenceOf, text, type HeuristicHit } from '../heuristic.js';

/** What every sharing heuristic is: about the phone as a whole, a question for her with the sharing advice. */
export const SHARING_BASE = { version: '1', category: 'account-sharing', scope: 'device', profile: 'sharing' } as const;

/**
 * Paired devices that receive her notifications or report where the phone is: watches and bands, trackers,
 * cars. Earbuds and speakers are not a question. Read from the name the device gives itself.
 */
const RECEIVES_OR_LOCATES = /watch|\bband\b|fitbit|garmin|amazfit|\bgear\b|tag\b|\btile\b|tracker|\bcar\b|carplay|android auto|\bsync\b|uconnect|mylink|idrive/i;

interface Named {
  id: number;
  artifactSha256s: string[];
  name: string | null;
}

/**
 * Several accounts of one kind that syncs her data (`kind`: Google, Samsung, iCloud…), each named; and, when
 * the phone backs up to one of them (`backsUpTo`), which one.
 */
export function severalAccounts(type: string, kind: string, accounts: readonly Named[], backsUpTo: string | null = null): HeuristicHit {
  const names = accounts.map((account) => account.name ?? '').filter(Boolean);
  const quoted = names.map((name) => `“${name}”`).join(', ');
  const backup = backsUpTo && names.includes(backsUpTo) ? backsUpTo : null;
  const backupEn = backup ? ` The phone’s backups — messages, photos, settings — go to “${backup}”: whoever signs in to it can restore them onto another phone.` : '';
  const backupFr = backup ? ` Les sauvegardes du téléphone — messages, photos, réglages — vont vers « ${backup} » : quiconque s’y connecte peut les restaurer sur un autre téléphone.` : '';
  return {
    subject: `accounts:${type}`,
    severity: 'medium',
    title: text(`${accounts.length} ${kind} accounts are signed in on this phone`, `${accounts.length} comptes ${kind} sont connectés sur ce téléphone`),
    explanation: text(
      `${quoted}. Each account receives what the phone syncs to it — contacts, photos, location history, backups — and whoever knows its password sees them.${backupEn} Ask her whether each one is hers and who else can sign in to it.`,
      `${quoted}. Chaque compte reçoit ce que le téléphone lui synchronise — contacts, photos, historique des positions, sauvegardes — et quiconque connaît son mot de passe les voit.${backupFr} Demandez-lui si chacun est le sien et qui d’autre peut s’y connecter.`,
    ),
    ...evidenceOf(...accounts),
    details: { accountType: type, accounts: accounts.length, personal: names, ...(backup ? { backsUpTo: backup } : {}) },
  };
}

/** The paired devices that receive her notifications or report where the phone is, as one finding (none: no finding). */
export function pairedWith(devices: readonly Named[]): HeuristicHit[] {
  const worth = devices.filter((device) => device.name !== null && RECEIVES_OR_LOCATES.test(device.name));
  if (worth.length === 0) return [];
  const names = [...new Set(worth.map((device) => device.name!))];
  const quoted = names.map((name) => `“${name}”`).join(', ');
  return [
    {
      subject: 'paired-devices',
      severity: 'low',
      title: text(`Paired with this phone: ${quoted}`, `Associés à ce téléphone : ${quoted}`),
      explanation: text(
        'A watch or a car paired with the phone receives her notifications and messages; a tracker tag reports where it is. Ask her whether each one is hers and who else has it.',
        'Une montre ou une voiture associée au téléphone reçoit ses notifications et ses messages ; une balise indique où il se trouve. Demandez-lui si chacun est le sien et qui d’autre y a accès.',
      ),
      ...evidenceOf(...worth),
      details: { devices: worth.length, personal: names },
    },
  ];
}
