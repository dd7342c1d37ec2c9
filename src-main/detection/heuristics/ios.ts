// iPhone heuristics: configuration and MDM profiles (root certificates, VPN, proxy), supervision,
// jailbreak, and apps installed outside the App Store.
import { SEVERITY_RANK, type Severity } from '../../../src-shared/model.js';
import { evidenceOf, text, type Heuristic, type HeuristicHit } from '../heuristic.js';
import type { Observed } from '../observation-set.js';

const PAYLOAD_RISK: { match: RegExp; severity: Severity; en: string; fr: string }[] = [
  { match: /^com\.apple\.mdm$/, severity: 'high', en: 'remote management (MDM)', fr: 'gestion à distance (MDM)' },
  { match: /^com\.apple\.security\.(root|pem|pkcs1)$/, severity: 'high', en: 'a root certificate (it can let someone read encrypted traffic)', fr: 'un certificat racine (il peut permettre de lire le trafic chiffré)' },
  { match: /^com\.apple\.proxy\.http\.global$/, severity: 'high', en: 'a global proxy (all web traffic goes through someone else’s server)', fr: 'un proxy global (tout le trafic web passe par le serveur de quelqu’un d’autre)' },
  { match: /^com\.apple\.vpn\.managed(\.applayer)?$|^com\.apple\.vpn$/, severity: 'medium', en: 'a VPN', fr: 'un VPN' },
];

/** Findings for configuration profiles on an iPhone or a Mac: what each one allows, rated by its riskiest payload. */
export function configurationProfileHits(profiles: readonly Observed<'ios.profile' | 'macos.profile'>[], device: { en: string; fr: string }): HeuristicHit[] {
  return profiles.map((profile) => {
    const risks = PAYLOAD_RISK.filter((risk) => (profile.data.isMdm && risk.match.test('com.apple.mdm')) || profile.data.payloads.some((payload) => risk.match.test(payload.type)));
    const severity = risks.reduce<Severity>((worst, risk) => (SEVERITY_RANK[risk.severity] > SEVERITY_RANK[worst] ? risk.severity : worst), 'low');
    const name = profile.data.displayName ?? profile.data.identifier;
    const allows = risks.length > 0 ? risks : [{ en: 'settings chosen by whoever installed it', fr: 'des réglages choisis par qui l’a installé' }];
    return {
      subject: profile.data.identifier,
      severity,
      title: text(`Configuration profile “${name}” is installed`, `Le profil de configuration « ${name} » est installé`),
      explanation: text(
        `This profile installs ${allows.map((risk) => risk.en).join(', ')}. Profiles are how employers manage work devices; on a personal ${device.en}, ask who installed it.`,
        `Ce profil installe ${allows.map((risk) => risk.fr).join(', ')}. Les employeurs gèrent ainsi les appareils professionnels ; sur ${device.fr} personnel, demandez qui l’a installé.`,
      ),
      ...evidenceOf(profile),
      details: { identifier: profile.data.identifier, organization: profile.data.organization, payloadTypes: profile.data.payloads.map((payload) => payload.type), isMdm: profile.data.isMdm },
    };
  });
}

export const configurationProfiles: Heuristic = {
  id: 'ios.configuration-profile',
  version: '1',
  platform: 'ios',
  category: 'device-management',
  scope: 'device',
  profile: 'managed',
  description: text('Configuration and MDM profiles, and what they allow: remote management, root certificates, proxies, VPNs.', 'Profils de configuration et de gestion (MDM), et ce qu’ils permettent : gestion à distance, certificats racine, proxys, VPN.'),
  evaluate: (observations) => configurationProfileHits(observations.of('ios.profile'), { en: 'iPhone', fr: 'un iPhone' }),
};

export const supervisedIphone: Heuristic = {
  id: 'ios.supervised',
  version: '1',
  platform: 'ios',
  category: 'device-management',
  scope: 'device',
  profile: 'managed',
  description: text('An iPhone in supervised mode.', 'Un iPhone en mode supervisé.'),
  evaluate(observations) {
    return observations
      .of('ios.device-state')
      .filter((state) => state.data.supervised)
      .map((state) => ({
        subject: 'device',
        severity: 'high' as const,
        title: text('This iPhone is supervised', 'Cet iPhone est supervisé'),
        explanation: text(
          `A supervised iPhone can be fully controlled by whoever supervises it${state.data.organization ? ` (${state.data.organization})` : ''}: apps, restrictions, and settings the owner cannot undo.`,
          `Un iPhone supervisé peut être entièrement contrôlé par qui le supervise${state.data.organization ? ` (${state.data.organization})` : ''} : applications, restrictions et réglages que la propriétaire ne peut pas annuler.`,
        ),
        ...evidenceOf(state),
        details: { organization: state.data.organization },
      }));
  },
};

export const jailbrokenIphone: Heuristic = {
  id: 'ios.jailbroken',
  version: '1',
  platform: 'ios',
  category: 'device-integrity',
  scope: 'device',
  profile: 'integrity',
  description: text('Signs of a jailbreak (Cydia, Sileo, unc0ver, checkra1n… apps and files).', 'Signes de « jailbreak » (applications et fichiers Cydia, Sileo, unc0ver, checkra1n…).'),
  evaluate(observations) {
    const indicators = observations.of('root-indicator').filter((item) => item.data.indicator === 'jailbreak-app' || item.data.indicator === 'jailbreak-file');
    if (indicators.length === 0) return [];
    return [
      {
        subject: 'device',
        severity: 'high',
        title: text('This iPhone shows signs of a jailbreak', 'Cet iPhone présente des signes de « jailbreak »'),
        explanation: text(
          'A jailbreak removes the iPhone’s protections so any software can be installed, including spyware that the App Store would never allow.',
          'Un « jailbreak » retire les protections de l’iPhone pour installer n’importe quel logiciel, y compris des logiciels espions que l’App Store n’autoriserait jamais.',
        ),
        ...evidenceOf(...indicators),
        details: { indicators: indicators.map((item) => ({ indicator: item.data.indicator, detail: item.data.detail })) },
      },
    ];
  },
};

export const appsOutsideAppStore: Heuristic = {
  id: 'ios.app-outside-app-store',
  version: '1',
  platform: 'ios',
  category: 'hidden-app',
  scope: 'app',
  profile: 'surveillance',
  description: text('Apps installed with an enterprise or developer profile instead of the App Store.', 'Applications installées avec un profil d’entreprise ou de développeur au lieu de l’App Store.'),
  evaluate(observations) {
    return observations
      .of('ios.app')
      .filter((app) => app.data.source === 'enterprise' || app.data.source === 'developer')
      .map((app) => {
        const name = app.data.name ?? app.data.bundleId;
        return {
          subject: app.data.bundleId,
          severity: 'medium' as const,
          title: text(`“${name}” was not installed from the App Store`, `« ${name} » n’a pas été installée depuis l’App Store`),
          explanation: text(
            'Apps from outside the App Store escape Apple’s review. Some are work apps; spyware for iPhone is often installed this way.',
            'Les applications installées hors de l’App Store échappent au contrôle d’Apple. Certaines sont des applications professionnelles ; les logiciels espions pour iPhone s’installent souvent ainsi.',
          ),
          ...evidenceOf(app),
          details: { bundleId: app.data.bundleId, source: app.data.source },
        };
      });
  },
};

export const iosHeuristics: readonly Heuristic[] = [configurationProfiles, supervisedIphone, jailbrokenIphone, appsOutsideAppStore];
