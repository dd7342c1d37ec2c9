// What an iPhone shares without any spyware (docs/detection.md, "Accounts and sharing"), read from its
// backup: several accounts of a kind that syncs her personal data (two Gmail or two Exchange accounts…), and
// a paired watch, tracker or car. The same questions for her as on Android (sharing-findings.ts).
import { text, type Heuristic } from '../heuristic.js';
import { pairedWith, severalAccounts, SHARING_BASE } from './sharing-findings.js';

/** Account types (Accounts3.sqlite's ZACCOUNTTYPE.ZIDENTIFIER) that sync her mail, contacts, photos or location. */
const SYNCING_ACCOUNTS: Record<string, string> = {
  'com.apple.account.AppleAccount': 'iCloud',
  'com.apple.account.Google': 'Google',
  'com.apple.account.Exchange': 'Exchange',
  'com.apple.account.Hotmail': 'Outlook',
  'com.apple.account.Yahoo': 'Yahoo',
};

const SHARING = { ...SHARING_BASE, platform: 'ios' } as const;

export const iosSecondAccount: Heuristic = {
  id: 'ios.second-account',
  ...SHARING,
  description: text(
    'More than one account of a kind that syncs personal data (iCloud, Google, Exchange…) on the iPhone, from its backup’s accounts database (Accounts3.sqlite).',
    'Plus d’un compte d’un type qui synchronise des données personnelles (iCloud, Google, Exchange…) sur l’iPhone, d’après la base des comptes de sa sauvegarde (Accounts3.sqlite).',
  ),
  evaluate(observations) {
    const accounts = observations.of('ios.account').filter((account) => account.data.topLevel && account.data.typeId !== null && SYNCING_ACCOUNTS[account.data.typeId] && account.data.username);
    const byType = new Map<string, typeof accounts>();
    for (const account of accounts) {
      const same = byType.get(account.data.typeId!) ?? [];
      // The same account listed twice (a restored database) is one account.
      if (!same.some((other) => other.data.username === account.data.username)) byType.set(account.data.typeId!, [...same, account]);
    }
    return [...byType].filter(([, list]) => list.length > 1).map(([type, list]) => severalAccounts(type, SYNCING_ACCOUNTS[type]!, list.map((account) => ({ ...account, name: account.data.username }))));
  },
};

export const iosPairedDevices: Heuristic = {
  id: 'ios.paired-devices',
  ...SHARING,
  description: text(
    'Devices paired with the iPhone over Bluetooth that receive notifications or report where the phone is: watches, bands, trackers, cars (the backup’s paired-devices lists). Earbuds and speakers are not listed.',
    'Des appareils associés à l’iPhone en Bluetooth qui reçoivent les notifications ou indiquent où est le téléphone : montres, bracelets, balises, voitures (listes d’appareils associés de la sauvegarde). Écouteurs et enceintes ne sont pas listés.',
  ),
  evaluate(observations) {
    return pairedWith(observations.of('ios.paired-device').map((device) => ({ ...device, name: device.data.name })));
  },
};

export const iosSharingHeuristics: readonly Heuristic[] = [iosSecondAccount, iosPairedDevices];
