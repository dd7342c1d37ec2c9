// What an Android phone shares without any spyware (docs/detection.md, "Accounts and sharing"): clinics that
// help survivors find account compromise and sharing far more often than spyware. Each sign is a question to
// go through with her, never proof: a second Google account signed in, Smart Lock keeping the phone
// unlocked, no screen lock, a paired device that receives her notifications or reports where she is. Names
// of accounts and devices stay in the case (listed in `details.personal`, which the report redacts on request;
// forwarding never sends them).
import { evidenceOf, text, type Heuristic } from '../heuristic.js';
import { pairedWith, severalAccounts, SHARING_BASE } from './sharing-findings.js';

/** Account types whose second account is worth a question: they sync her contacts, photos, messages or location. */
const SYNCING_ACCOUNTS: Record<string, string> = { 'com.google': 'Google', 'com.osp.app.signin': 'Samsung', 'com.microsoft.workaccount': 'Microsoft', 'com.xiaomi': 'Xiaomi', 'com.huawei.hwid': 'Huawei' };

const SHARING = { ...SHARING_BASE, platform: 'android' } as const;

export const secondAccount: Heuristic = {
  id: 'android.second-account',
  ...SHARING,
  description: text(
    'More than one account of a kind that syncs personal data (Google, Samsung…) signed in for the phone’s owner (dumpsys account).',
    'Plus d’un compte d’un type qui synchronise des données personnelles (Google, Samsung…) connecté pour la propriétaire du téléphone (dumpsys account).',
  ),
  evaluate(observations) {
    const owners = observations.of('android.account').filter((account) => account.data.user === 0 && SYNCING_ACCOUNTS[account.data.type]);
    const byType = new Map<string, typeof owners>();
    for (const account of owners) byType.set(account.data.type, [...(byType.get(account.data.type) ?? []), account]);
    // Where the owner's backups go, when backup is on: one of the accounts, said in the finding.
    const backup = observations.of('android.backup-transport').find((transport) => transport.data.user === 0 && transport.data.current && transport.data.enabled)?.data.destination ?? null;
    return [...byType].filter(([, accounts]) => accounts.length > 1).map(([type, accounts]) => severalAccounts(type, SYNCING_ACCOUNTS[type]!, accounts.map((account) => ({ ...account, name: account.data.name })), backup));
  },
};

export const smartLock: Heuristic = {
  id: 'android.smart-lock',
  ...SHARING,
  description: text(
    'A trust agent (Smart Lock) that keeps the owner’s phone unlocked — near a trusted device, in a trusted place, or while carried (dumpsys trust).',
    'Un agent de confiance (Smart Lock) qui garde le téléphone de la propriétaire déverrouillé — près d’un appareil de confiance, dans un lieu de confiance ou lorsqu’il est porté (dumpsys trust).',
  ),
  evaluate(observations) {
    return observations
      .of('android.trust-agent')
      .filter((agent) => agent.data.user === 0 && agent.data.managingTrust)
      .map((agent) => {
        const said = agent.data.message ? ` The phone says: “${agent.data.message}”.` : '';
        const dit = agent.data.message ? ` Le téléphone indique : « ${agent.data.message} ».` : '';
        return {
          subject: agent.data.component,
          severity: 'medium' as const,
          title: text('Smart Lock keeps this phone unlocked', 'Smart Lock garde ce téléphone déverrouillé'),
          explanation: text(
            `A trusted device, place or “on-body detection” opens the phone without its code.${said} Someone who added his own watch, car or home as trusted can open her phone whenever he is near it. Check with her which trusted devices and places are set (Settings, Security, Smart Lock or Extend Unlock).`,
            `Un appareil de confiance, un lieu ou la « détection de port » ouvre le téléphone sans son code.${dit} Quelqu’un qui a ajouté sa propre montre, sa voiture ou son domicile comme lieu de confiance peut ouvrir son téléphone dès qu’il est à proximité. Vérifiez avec elle les appareils et lieux de confiance réglés (Paramètres, Sécurité, Smart Lock ou Extend Unlock).`,
          ),
          ...evidenceOf(agent),
          details: { component: agent.data.component, keepsUnlockedNow: agent.data.trusted, message: agent.data.message, personal: agent.data.message ? [agent.data.message] : [] },
        };
      });
  },
};

export const noScreenLock: Heuristic = {
  id: 'android.no-screen-lock',
  ...SHARING,
  description: text('No PIN, pattern or password protects the owner’s phone (dumpsys lock_settings).', 'Aucun code, schéma ou mot de passe ne protège le téléphone de la propriétaire (dumpsys lock_settings).'),
  evaluate(observations) {
    return observations
      .of('android.screen-lock')
      .filter((lock) => lock.data.user === 0 && lock.data.credential === 'none')
      .map((lock) => ({
        subject: 'screen-lock',
        severity: 'medium' as const,
        title: text('No screen lock protects this phone', 'Aucun verrouillage ne protège ce téléphone'),
        explanation: text(
          'Whoever holds the phone can open it, read it and install an app on it in a minute. Setting a PIN only she knows can be part of her safety plan — once she decides, since a new lock can be noticed.',
          'Quiconque tient le téléphone peut l’ouvrir, le lire et y installer une application en une minute. Régler un code qu’elle seule connaît peut faire partie de son plan de sécurité — quand elle le décide, car un nouveau verrouillage peut être remarqué.',
        ),
        ...evidenceOf(lock),
        details: { credential: lock.data.credential },
      }));
  },
};

export const pairedDevices: Heuristic = {
  id: 'android.paired-devices',
  ...SHARING,
  description: text(
    'Devices paired over Bluetooth that receive notifications or report where the phone is: watches, bands, trackers, cars (dumpsys bluetooth_manager). Earbuds and speakers are not listed.',
    'Des appareils associés en Bluetooth qui reçoivent les notifications ou indiquent où est le téléphone : montres, bracelets, balises, voitures (dumpsys bluetooth_manager). Écouteurs et enceintes ne sont pas listés.',
  ),
  evaluate(observations) {
    return pairedWith(observations.of('android.paired-device').map((device) => ({ ...device, name: device.data.name })));
  },
};

export const sharingHeuristics: readonly Heuristic[] = [secondAccount, smartLock, noScreenLock, pairedDevices];
