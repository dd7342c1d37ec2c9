// Android heuristics: what no signature list names yet but stalkerware needs — accessibility, device
// administrator and notification-listener rights, a hidden icon with sensitive permissions, background
// location with messages or microphone, a name that pretends to be the system, a keyboard from outside a
// store, root, Play Protect turned off, a device owner. System apps, store-installed keyboards and
// launchers are never flagged for the rights their job needs.
import { SEVERITY_RANK, type LocalizedText, type Severity } from '../../../src-shared/model.js';
import { evidenceOf, text, type Heuristic, type HeuristicHit } from '../heuristic.js';
import { makerOf } from '../maker-certificates.js';
import { installedFromStore, isPhoneInfrastructure, type ObservationSet, type Observed } from '../observation-set.js';
import { INSTALLERS, installOrigin, STORE_LIKE, type InstallOrigin } from '../../../src-shared/install-origins.js';
import { companionOf } from '../companions.js';

const P = 'android.permission.';
const SENSITIVE = ['READ_SMS', 'RECEIVE_SMS', 'SEND_SMS', 'READ_CALL_LOG', 'PROCESS_OUTGOING_CALLS', 'RECORD_AUDIO', 'CAMERA', 'ACCESS_FINE_LOCATION', 'ACCESS_COARSE_LOCATION', 'ACCESS_BACKGROUND_LOCATION', 'READ_CONTACTS'].map((name) => P + name);
const COMMUNICATIONS = ['READ_SMS', 'RECEIVE_SMS', 'READ_CALL_LOG', 'RECORD_AUDIO', 'CAMERA'].map((name) => P + name);
const BACKGROUND_LOCATION = `${P}ACCESS_BACKGROUND_LOCATION`;

const IMPERSONATING_LABEL =
  /^(system|system service|system services|system update|system framework|android system|android services?|google services?|google play services|wi-?fi|wi-?fi service|updates?( service)?|software update|sync|sync service|settings|device (health|care)|battery( service)?|security( service)?|services?|framework|phone services?)$/i;
const SYSTEM_PACKAGE_PREFIX = /^(android\.|com\.android\.|com\.google\.android\.|com\.samsung\.android\.|com\.sec\.android\.)/;

/** A store app installed this shortly before the phone was read is a sign of its own (set up for the occasion). */
const JUST_BEFORE_DAYS = 7;

function installedJustBefore(pkg: Observed<'android.package'>): boolean {
  const installed = pkg.data.firstInstallTime ? Date.parse(pkg.data.firstInstallTime) : Number.NaN;
  const days = (Date.parse(pkg.observedAt) - installed) / 86_400_000;
  return days >= 0 && days <= JUST_BEFORE_DAYS;
}

/** How an app came to the phone, as a verdict says it: its origin, or a store app installed just before the check, or an app the phone does not list. */
type Source = InstallOrigin | 'recent' | 'unknown';

/**
 * Rights an app from outside a store holds weigh more than the same rights from a store app (or an open
 * store, a restore of her earlier phone, her employer's store): one right of such an app is "review with
 * her" (low) unless it was installed just before the consultation; an app whose installer field names
 * itself is of unknown origin (medium for one sign; signs add up in its verdict, docs/detection.md); one
 * sideloaded or installed from a computer, the `sideloaded` weight.
 */
function bySource(pkg: Observed<'android.package'> | undefined, fromStore: Severity, sideloaded: Severity): { severity: Severity; source: Source } {
  if (!pkg) return { severity: sideloaded, source: 'unknown' };
  const origin = installOrigin(pkg.data);
  if (STORE_LIKE.has(origin)) return installedJustBefore(pkg) ? { severity: fromStore === 'low' ? 'medium' : fromStore, source: 'recent' } : { severity: fromStore, source: origin };
  return origin === 'self' ? { severity: SEVERITY_RANK[sideloaded] > SEVERITY_RANK.medium ? 'medium' : sideloaded, source: origin } : { severity: sideloaded, source: origin };
}

const SOURCE_NOTE: Record<Source, LocalizedText> = {
  store: text('It comes from an app store, but check that the survivor uses it for this.', 'Elle provient d’une boutique d’applications, mais vérifiez que la personne l’utilise bien pour cela.'),
  'open-store': text(
    'It comes from an app store she may use on her phone (such as F-Droid or Aurora Store): ask her whether she installed it, and uses it for this.',
    'Elle provient d’une boutique d’applications qu’elle utilise peut-être (comme F-Droid ou Aurora Store) : demandez-lui si elle l’a installée, et si elle s’en sert pour cela.',
  ),
  restore: text(
    'It was put back from her earlier phone when this one was set up (it came from a store there): check that she uses it for this.',
    'Elle a été reprise de son ancien téléphone lors de l’installation de celui-ci (elle venait d’une boutique) : vérifiez qu’elle s’en sert pour cela.',
  ),
  managed: text('It was installed by her employer’s device management: ask her whether this phone is managed by her work.', 'Elle a été installée par la gestion d’appareils de son employeur : demandez-lui si ce téléphone est géré par son travail.'),
  recent: text(
    `It comes from an app store, but was installed less than ${JUST_BEFORE_DAYS} days before the phone was checked: ask her whether she installed it.`,
    `Elle provient d’une boutique d’applications, mais a été installée moins de ${JUST_BEFORE_DAYS} jours avant la vérification du téléphone : demandez-lui si c’est elle qui l’a installée.`,
  ),
  self: text(
    'The phone names the app itself as its installer (it updated itself), so where it first came from is unknown.',
    'Le téléphone indique l’application elle-même comme son installateur (elle s’est mise à jour seule) : on ne sait pas d’où elle vient.',
  ),
  computer: text(
    'It was installed from a computer over USB debugging, not from a store: someone had the phone unlocked in hand, as people who install stalkerware do.',
    'Elle a été installée depuis un ordinateur par le débogage USB, et non depuis une boutique : quelqu’un avait le téléphone déverrouillé en main, comme le font ceux qui installent un logiciel espion.',
  ),
  sideloaded: text('It was installed from outside an app store, as stalkerware usually is.', 'Elle a été installée hors d’une boutique d’applications, comme le sont souvent les logiciels espions.'),
  unknown: text('The phone does not list the app itself, which is unusual.', 'Le téléphone ne liste pas l’application elle-même, ce qui est inhabituel.'),
};

/** How the app came to the phone: said once in its verdict, however many of its reasons depend on it. */
function sourceNote(source: Source, pkg?: Observed<'android.package'>) {
  const store = pkg?.data.installer ? INSTALLERS.get(pkg.data.installer) : undefined;
  // `adb install -i com.android.vending`: the installer field says a store, the phone knows it was the shell.
  if (source === 'computer' && store && STORE_LIKE.has(store.origin)) {
    return { note: text(`${SOURCE_NOTE.computer.en} (The phone names ${store.name.en} as its installer, which whoever installs from a computer can choose.)`, `${SOURCE_NOTE.computer.fr} (Le téléphone indique ${store.name.fr} comme installateur, ce que choisit qui installe depuis un ordinateur.)`) };
  }
  // What the installing app said of the file: a fact about how it arrived, told when it was a file.
  if (source === 'sideloaded' && pkg?.data.packageSource === 'downloaded-file') {
    return { note: text('It was installed from a file downloaded on the phone, outside an app store, as stalkerware usually is.', 'Elle a été installée depuis un fichier téléchargé sur le téléphone, hors d’une boutique d’applications, comme le sont souvent les logiciels espions.') };
  }
  return { note: SOURCE_NOTE[source] };
}

/** One heuristic per right (accessibility, admin, notifications): the same checks, different words. */
function rightHeuristic(options: {
  id: string;
  kind: 'android.accessibility-service' | 'android.device-admin' | 'android.notification-listener';
  description: { en: string; fr: string };
  fromStore: Severity;
  title: (name: string) => { en: string; fr: string };
  explanation: { en: string; fr: string };
  applies?: (grant: Observed<'android.accessibility-service' | 'android.device-admin' | 'android.notification-listener'>) => boolean;
}): Heuristic {
  return {
    id: options.id,
    version: '3',
    platform: 'android',
    category: 'suspicious-rights',
    scope: 'app',
    profile: 'surveillance',
    description: options.description,
    evaluate(observations) {
      // Grants by app and by the profile they were granted in: each judged with the app as installed there.
      const grantsByPackage = new Map<string, Observed<typeof options.kind>[]>();
      for (const grant of observations.of(options.kind) as Observed<typeof options.kind>[]) {
        if (options.applies && !options.applies(grant)) continue;
        const key = `${grant.data.packageName}@${grant.data.profile?.id ?? 0}`;
        const grants = grantsByPackage.get(key) ?? [];
        grants.push(grant);
        grantsByPackage.set(key, grants);
      }
      const hits: HeuristicHit[] = [];
      for (const grants of grantsByPackage.values()) {
        const { packageName, profile } = grants[0]!.data;
        const pkg = observations.packageIn(packageName, profile);
        if (pkg && isPhoneInfrastructure(pkg.data)) continue;
        const { severity, source } = bySource(pkg, options.fromStore, 'high');
        hits.push({
          subject: packageName,
          severity,
          title: options.title(observations.nameOf(pkg?.data, packageName)),
          explanation: options.explanation,
          ...sourceNote(source, pkg),
          ...evidenceOf(pkg, ...grants),
          details: { packageName, installer: pkg?.data.installer ?? null, components: grants.map((grant) => grant.data.component), source },
        });
      }
      return hits;
    },
  };
}

export const accessibilityRights = rightHeuristic({
  id: 'android.accessibility-rights',
  kind: 'android.accessibility-service',
  applies: (grant) => (grant.data as { enabled: boolean }).enabled,
  description: text('Apps that are not part of the phone with accessibility rights turned on.', 'Applications étrangères au téléphone dont les droits d’accessibilité sont activés.'),
  fromStore: 'low',
  title: (name) => text(`“${name}” can read everything on the screen`, `« ${name} » peut lire tout ce qui s’affiche à l’écran`),
  explanation: text(
    'Accessibility rights let an app see and control everything on the screen, including messages as they are typed. Stalkerware relies on them.',
    'Les droits d’accessibilité permettent à une application de voir et de contrôler tout l’écran, y compris les messages en cours de saisie. Les logiciels espions s’en servent.',
  ),
});

export const deviceAdminRights = rightHeuristic({
  id: 'android.device-admin-rights',
  kind: 'android.device-admin',
  applies: (grant) => (grant.data as { role: string }).role === 'admin',
  description: text('Apps that are not part of the phone acting as device administrators.', 'Applications étrangères au téléphone agissant comme administrateur de l’appareil.'),
  fromStore: 'low',
  title: (name) => text(`“${name}” is a device administrator`, `« ${name} » est administrateur de l’appareil`),
  explanation: text(
    'Device administrator rights let an app lock or wipe the phone and make it hard to uninstall. Stalkerware uses them to stay on the phone.',
    'Les droits d’administrateur permettent à une application de verrouiller ou d’effacer le téléphone et de rendre sa désinstallation difficile. Les logiciels espions s’en servent pour rester sur le téléphone.',
  ),
});

export const notificationListenerRights = rightHeuristic({
  id: 'android.notification-access',
  kind: 'android.notification-listener',
  description: text('Apps that are not part of the phone reading every notification.', 'Applications étrangères au téléphone qui lisent toutes les notifications.'),
  fromStore: 'low',
  title: (name) => text(`“${name}” reads every notification`, `« ${name} » lit toutes les notifications`),
  explanation: text(
    'Notification access lets an app read every notification, including message previews from every messaging app. Smartwatch apps need it; stalkerware abuses it.',
    'L’accès aux notifications permet de lire toutes les notifications, y compris les aperçus des messages de toutes les messageries. Les applications de montre connectée en ont besoin ; les logiciels espions en abusent.',
  ),
});

/** Non-infrastructure packages, with the permissions they were granted. */
/** Apps that are not part of the phone, as installed in each user and profile (the same app in two is judged in each). */
function thirdPartyPackages(observations: ObservationSet): Observed<'android.package'>[] {
  return observations.of('android.package').filter((pkg) => !isPhoneInfrastructure(pkg.data));
}

export const hiddenAppWithSensitivePermissions: Heuristic = {
  id: 'android.hidden-app',
  version: '3',
  platform: 'android',
  category: 'hidden-app',
  scope: 'app',
  profile: 'surveillance',
  description: text(
    'Apps without a launcher icon that hold sensitive permissions (messages, calls, location, microphone, camera); not a store plug-in of a watch companion installed on the phone.',
    'Applications sans icône qui détiennent des autorisations sensibles (messages, appels, localisation, micro, appareil photo) ; sauf un module d’une application de montre installée, venu d’une boutique.',
  ),
  evaluate(observations) {
    return thirdPartyPackages(observations)
      .filter((pkg) => !pkg.data.hasLauncherIcon)
      // A watch companion's plug-in from a store has the companion's icon, not its own: it does not hide.
      .filter((pkg) => !(installedFromStore(pkg.data) && companionOf(pkg.data, observations) !== null))
      .map((pkg) => ({ pkg, sensitive: pkg.data.grantedPermissions.filter((permission) => SENSITIVE.includes(permission)) }))
      .filter(({ sensitive }) => sensitive.length > 0)
      .map(({ pkg, sensitive }) => {
        const { severity, source } = bySource(pkg, 'low', 'high');
        const name = observations.nameOf(pkg.data, pkg.data.packageName);
        return {
          subject: pkg.data.packageName,
          severity,
          title: text(`“${name}” has no icon but holds sensitive permissions`, `« ${name} » n’a pas d’icône mais détient des autorisations sensibles`),
          explanation: text(
            'An app without an icon does not show in the app list, so the phone’s owner may never notice it; this one can read messages, calls, location, the microphone or the camera.',
            'Une application sans icône n’apparaît pas dans la liste des applications : la personne peut ne jamais la remarquer. Celle-ci a accès aux messages, aux appels, à la localisation, au micro ou à l’appareil photo.',
          ),
          ...sourceNote(source, pkg),
          ...evidenceOf(pkg),
          details: { packageName: pkg.data.packageName, permissions: sensitive, installer: pkg.data.installer, source },
        };
      });
  },
};

export const locationWithCommunications: Heuristic = {
  id: 'android.location-and-communications',
  version: '3',
  platform: 'android',
  category: 'tracking',
  scope: 'app',
  profile: 'surveillance',
  description: text('Apps allowed to follow the location in the background that can also read messages or calls, or use the microphone or camera.', 'Applications autorisées à suivre la localisation en arrière-plan qui peuvent aussi lire les messages ou les appels, ou utiliser le micro ou l’appareil photo.'),
  evaluate(observations) {
    return thirdPartyPackages(observations)
      .filter((pkg) => pkg.data.grantedPermissions.includes(BACKGROUND_LOCATION))
      .map((pkg) => ({ pkg, communications: pkg.data.grantedPermissions.filter((permission) => COMMUNICATIONS.includes(permission)) }))
      .filter(({ communications }) => communications.length > 0)
      .map(({ pkg, communications }) => {
        const { severity, source } = bySource(pkg, 'low', 'high');
        const name = observations.nameOf(pkg.data, pkg.data.packageName);
        return {
          subject: pkg.data.packageName,
          severity,
          title: text(`“${name}” follows the location and can reach messages, calls or the microphone`, `« ${name} » suit la localisation et accède aux messages, aux appels ou au micro`),
          explanation: text(
            'This combination — location at any time, plus messages, calls, the microphone or the camera — is what monitoring apps need.',
            'Cette combinaison — la localisation à tout moment, plus les messages, les appels, le micro ou l’appareil photo — est celle dont ont besoin les applications de surveillance.',
          ),
          ...sourceNote(source, pkg),
          ...evidenceOf(pkg),
          details: { packageName: pkg.data.packageName, permissions: [BACKGROUND_LOCATION, ...communications], source },
        };
      });
  },
};

export const systemImpersonation: Heuristic = {
  id: 'android.system-impersonation',
  version: '3',
  platform: 'android',
  category: 'hidden-app',
  scope: 'app',
  profile: 'surveillance',
  description: text(
    'Apps that are not part of the phone but are named like it (“System Service”, “Wi-Fi”, “Update”) or use its package names, unless Google or a phone maker signed them; medium at most when the signature could not be read.',
    'Applications étrangères au téléphone qui portent un nom de système (« Service système », « Wi-Fi », « Mise à jour ») ou ses noms de paquet, sauf si Google ou un fabricant les a signées ; moyen au plus quand la signature n’a pas pu être lue.',
  ),
  evaluate(observations) {
    return observations
      .of('android.package')
      .filter((pkg) => !pkg.data.isSystem)
      .filter((pkg) => IMPERSONATING_LABEL.test(pkg.data.label?.trim() ?? '') || (SYSTEM_PACKAGE_PREFIX.test(pkg.data.packageName) && !installedFromStore(pkg.data)))
      // Signed by Google or a phone maker: their own app (an update of a Google app, a maker's add-on).
      .filter((pkg) => makerOf(pkg.data.certSha1) === null)
      .map((pkg) => {
        const name = observations.nameOf(pkg.data, pkg.data.packageName);
        // Without its certificate (an import that has none) the name alone cannot confirm a disguise.
        const confirmed = pkg.data.certSha1.length > 0;
        const fromStore = installedFromStore(pkg.data);
        const signer = confirmed
          ? text('Its signing certificate is neither Google’s nor a phone maker’s.', 'Son certificat de signature n’est ni celui de Google ni celui d’un fabricant.')
          : text('Sentinelle could not read who signed it, so this could not be confirmed.', 'Sentinelle n’a pas pu lire qui l’a signée : ce n’est donc pas confirmé.');
        return {
          subject: pkg.data.packageName,
          severity: confirmed && !fromStore ? ('high' as const) : ('medium' as const),
          title: confirmed
            ? text(`“${name}” pretends to be part of the phone`, `« ${name} » se fait passer pour un élément du téléphone`)
            : text(`“${name}” may be pretending to be part of the phone`, `« ${name} » se fait peut-être passer pour un élément du téléphone`),
          explanation: text(
            `This app is not part of the phone's system, yet its name (${pkg.data.label ?? '—'}) or package (${pkg.data.packageName}) imitates it. Stalkerware disguises itself this way so nobody dares to remove it. ${signer.en}`,
            `Cette application ne fait pas partie du système, mais son nom (${pkg.data.label ?? '—'}) ou son paquet (${pkg.data.packageName}) l’imite. Les logiciels espions se déguisent ainsi pour que personne n’ose les supprimer. ${signer.fr}`,
          ),
          ...evidenceOf(pkg),
          details: { packageName: pkg.data.packageName, label: pkg.data.label, installer: pkg.data.installer, certificateChecked: confirmed, source: installOrigin(pkg.data) },
        };
      });
  },
};

export const sideloadedKeyboard: Heuristic = {
  id: 'android.sideloaded-keyboard',
  version: '3',
  platform: 'android',
  category: 'keylogger',
  scope: 'app',
  profile: 'surveillance',
  description: text('A keyboard in use that was installed from outside an app store.', 'Un clavier en service installé hors d’une boutique d’applications.'),
  evaluate(observations) {
    return observations
      .of('android.package')
      .filter((pkg) => pkg.data.roles.includes('keyboard') && !pkg.data.isSystem && !installedFromStore(pkg.data))
      .map((pkg) => {
        const name = observations.nameOf(pkg.data, pkg.data.packageName);
        return {
          subject: pkg.data.packageName,
          // A keyboard whose installer names itself is not known to be sideloaded: a question, not an alarm.
          severity: installOrigin(pkg.data) === 'self' ? ('medium' as const) : ('high' as const),
          title: text(`The keyboard “${name}” comes from outside an app store`, `Le clavier « ${name} » ne vient pas d’une boutique d’applications`),
          explanation: text(
            'A keyboard sees everything typed, passwords included. Keyloggers install themselves as the keyboard.',
            'Un clavier voit tout ce qui est tapé, y compris les mots de passe. Les enregistreurs de frappe s’installent comme clavier.',
          ),
          ...evidenceOf(pkg),
          details: { packageName: pkg.data.packageName, installer: pkg.data.installer, source: installOrigin(pkg.data) },
        };
      });
  },
};

const ANDROID_ROOT = new Set(['su-binary', 'root-manager-app', 'test-keys', 'debuggable-build', 'selinux-permissive', 'unlocked-bootloader']);

export const rootedPhone: Heuristic = {
  id: 'android.rooted',
  version: '1',
  platform: 'android',
  category: 'device-integrity',
  scope: 'device',
  profile: 'integrity',
  description: text('Signs that the phone is rooted or that its protections are weakened (su, Magisk, test keys, SELinux permissive).', 'Signes que le téléphone est « rooté » ou que ses protections sont affaiblies (su, Magisk, clés de test, SELinux permissif).'),
  evaluate(observations) {
    const indicators = observations.of('root-indicator').filter((item) => ANDROID_ROOT.has(item.data.indicator));
    if (indicators.length === 0) return [];
    return [
      {
        subject: 'device',
        severity: 'high',
        title: text('This phone is rooted or its protections are weakened', 'Ce téléphone est « rooté » ou ses protections sont affaiblies'),
        explanation: text(
          'On a rooted phone, an app can give itself any right and hide from the phone’s own checks. Some stalkerware needs this; the survivor may also have done it herself.',
          'Sur un téléphone « rooté », une application peut s’accorder tous les droits et échapper aux contrôles du téléphone. Certains logiciels espions en ont besoin ; la personne peut aussi l’avoir fait elle-même.',
        ),
        ...evidenceOf(...indicators),
        details: { indicators: indicators.map((item) => ({ indicator: item.data.indicator, detail: item.data.detail })) },
      },
    ];
  },
};

export const playProtectOff: Heuristic = {
  id: 'android.play-protect-off',
  version: '1',
  platform: 'android',
  category: 'device-integrity',
  scope: 'device',
  profile: 'setting',
  description: text('Google Play Protect or the package verifier turned off.', 'Google Play Protect ou la vérification des applications désactivés.'),
  evaluate(observations) {
    const off = [
      observations.settings.get('global:package_verifier_enable'),
      observations.settings.get('global:verifier_verify_adb_installs'),
    ].filter((setting) => setting?.data.value.trim() === '0');
    const consent = [observations.settings.get('global:package_verifier_user_consent'), observations.settings.get('secure:package_verifier_user_consent')].filter(
      (setting) => setting?.data.value.trim() === '-1',
    );
    const evidence = [...off, ...consent];
    if (evidence.length === 0) return [];
    return [
      {
        subject: 'device',
        severity: 'medium',
        title: text('Play Protect is turned off', 'Play Protect est désactivé'),
        explanation: text(
          'Play Protect checks apps for harmful behaviour. Stalkerware installers often ask to turn it off so the app is not flagged.',
          'Play Protect vérifie que les applications ne sont pas dangereuses. Les programmes d’installation de logiciels espions demandent souvent de le désactiver pour ne pas être repérés.',
        ),
        ...evidenceOf(...evidence),
        details: { settings: evidence.map((setting) => `${setting!.data.namespace}:${setting!.data.key}=${setting!.data.value}`) },
      },
    ];
  },
};

/**
 * Device management apps companies use (Android Enterprise device policy controllers): Google's Android
 * Device Policy, Microsoft Intune's Company Portal, VMware Workspace ONE's Hub, Ivanti (MobileIron),
 * ManageEngine, Hexnode, SOTI MobiControl — their application ids on Google Play. A phone they manage is
 * most likely her work phone: "ask her", not an alarm. Any other device owner is high.
 */
const ENTERPRISE_MANAGEMENT = new Set([
  'com.google.android.apps.work.clouddpc',
  'com.microsoft.windowsintune.companyportal',
  'com.airwatch.androidagent',
  'com.mobileiron',
  'com.manageengine.mdm.android',
  'com.hexnode.hexnodemdm',
  'net.soti.mobicontrol.androidwork',
]);

export const deviceOwner: Heuristic = {
  id: 'android.device-owner',
  version: '3',
  platform: 'android',
  category: 'device-management',
  scope: 'device',
  profile: 'managed',
  description: text(
    'An app set as the device owner or profile owner (the phone is managed); medium when it is a company’s known management app from a store.',
    'Une application définie comme propriétaire de l’appareil ou du profil (le téléphone est géré) ; moyen quand c’est l’application de gestion connue d’une entreprise, venue d’une boutique.',
  ),
  evaluate(observations) {
    return observations
      .of('android.device-admin')
      .filter((grant) => grant.data.role !== 'admin')
      .map((grant) => {
        const pkg = observations.packageIn(grant.data.packageName, grant.data.profile);
        const name = observations.nameOf(pkg?.data, grant.data.packageName);
        // The owner of a separate profile (a work profile) manages that profile's apps and data only.
        if (grant.data.role === 'profile-owner' && grant.data.profile) {
          return {
            subject: grant.data.packageName,
            severity: 'medium' as const,
            title: text(`A separate profile on the phone is managed by “${name}”`, `Un profil séparé du téléphone est géré par « ${name} »`),
            explanation: text(
            'The app that manages a work profile can install apps in that profile and read their data, but not her own apps. Employers set phones up this way; ask her whether she knows who created this profile, and look at the apps found in it.',
            'L’application qui gère un profil professionnel peut installer des applications dans ce profil et lire leurs données, mais pas ses applications à elle. Les employeurs configurent les téléphones ainsi ; demandez-lui si elle sait qui a créé ce profil, et regardez les applications trouvées dedans.',
            ),
            ...evidenceOf(pkg, grant),
            details: { packageName: grant.data.packageName, role: grant.data.role, component: grant.data.component },
          };
        }
        // Her employer's management app (Android Enterprise's own, or a known company's): a question for her.
        const employer = ENTERPRISE_MANAGEMENT.has(grant.data.packageName) && (pkg === undefined || pkg.data.isSystem || installedFromStore(pkg.data));
        return {
          subject: grant.data.packageName,
          severity: employer ? ('medium' as const) : ('high' as const),
          title: text(`The phone is managed by “${name}”`, `Le téléphone est géré par « ${name} »`),
          explanation: text(
            'A device or profile owner can install apps, read their data and change settings without asking. Work phones are set up this way; a personal phone should not be.',
            'Un propriétaire de l’appareil ou du profil peut installer des applications, lire leurs données et changer les réglages sans demander. Les téléphones professionnels sont configurés ainsi ; un téléphone personnel ne devrait pas l’être.',
          ),
          ...evidenceOf(pkg, grant),
          details: { packageName: grant.data.packageName, role: grant.data.role, component: grant.data.component },
        };
      });
  },
};

/** A computer trusted for debugging that connected this recently before the phone was read is a strong sign. */
const RECENT_DAYS = 30;

export const trustedComputer: Heuristic = {
  id: 'android.trusted-computer',
  version: '1',
  platform: 'android',
  category: 'remote-access',
  scope: 'device',
  profile: 'remote-access',
  description: text(
    'Another computer the phone lets in for USB or wireless debugging without asking (dumpsys adb); high when it connected in the last 30 days.',
    'Un autre ordinateur que le téléphone laisse entrer pour le débogage USB ou sans fil sans demander (dumpsys adb) ; élevé s’il s’est connecté dans les 30 derniers jours.',
  ),
  evaluate(observations) {
    return observations
      .of('android.adb-key')
      .filter((key) => !key.data.connectedNow)
      .map((key) => {
        const last = key.data.lastConnection ? Date.parse(key.data.lastConnection) : Number.NaN;
        const daysBefore = Number.isNaN(last) ? null : Math.floor((Date.parse(key.observedAt) - last) / 86_400_000);
        const recent = daysBefore !== null && daysBefore <= RECENT_DAYS;
        const who = key.data.comment ? ` (“${key.data.comment}”)` : '';
        const when = key.data.lastConnection ? key.data.lastConnection.slice(0, 10) : null;
        return {
          subject: key.data.fingerprint,
          severity: recent ? ('high' as const) : ('medium' as const),
          title: text(`Another computer${who} is allowed to control this phone over debugging`, `Un autre ordinateur${who} est autorisé à contrôler ce téléphone par le débogage`),
          explanation: text(
            `The phone lets this computer in without asking${when ? `; it last connected on ${when}` : ''}. With it, someone can install, read and control apps. Ask her whether she ever plugged her phone into a computer and allowed it; if not, someone else did.`,
            `Le téléphone laisse entrer cet ordinateur sans demander${when ? ` ; il s’est connecté pour la dernière fois le ${when}` : ''}. Avec lui, quelqu’un peut installer, lire et contrôler des applications. Demandez-lui si elle a déjà branché son téléphone à un ordinateur et l’a autorisé ; sinon, quelqu’un d’autre l’a fait.`,
          ),
          ...evidenceOf(key),
          details: { fingerprint: key.data.fingerprint, comment: key.data.comment, lastConnection: key.data.lastConnection, daysBeforeScan: daysBefore, source: key.data.source },
        };
      });
  },
};

export const installerFiles: Heuristic = {
  id: 'android.installer-files',
  version: '1',
  platform: 'android',
  category: 'sideloading',
  scope: 'device',
  profile: 'dual-use',
  description: text(
    'Installer files (APK) saved in Downloads, Bluetooth or Documents, and the installed app each one is, when its fingerprint says so.',
    'Des fichiers d’installation (APK) enregistrés dans Téléchargements, Bluetooth ou Documents, et l’application installée que chacun est, quand son empreinte le dit.',
  ),
  evaluate(observations) {
    const files = observations.of('file').filter((file) => file.data.source === 'android-shared-storage');
    if (files.length === 0) return [];
    const byHash = new Map(observations.of('android.package').filter((pkg) => pkg.data.apkSha256).map((pkg) => [pkg.data.apkSha256!, pkg]));
    const installed = files.map((file) => (file.data.sha256 ? byHash.get(file.data.sha256) : undefined));
    const lines = files.map((file, i) => {
      const app = installed[i];
      return { path: file.data.path, size: file.data.size, modifiedAt: file.data.modifiedAt, installedAs: app ? app.data.packageName : null, label: app ? observations.nameOf(app.data, app.data.packageName) : null };
    });
    const asInstalled = lines.filter((line) => line.label !== null);
    return [
      {
        subject: 'device',
        severity: 'low',
        title: text(`Installer files found in her downloads (${files.length})`, `Fichiers d’installation trouvés dans ses téléchargements (${files.length})`),
        explanation: text(
          `An APK file installs an app from outside the store. ${asInstalled.length > 0 ? `Installed from one of them: ${asInstalled.map((line) => `“${line.label}” (${line.path})`).join(', ')}. ` : ''}Ask her whether she saved them herself; the files and their dates can show how an app arrived.`,
          `Un fichier APK installe une application hors du magasin. ${asInstalled.length > 0 ? `Installée depuis l’un d’eux : ${asInstalled.map((line) => `« ${line.label} » (${line.path})`).join(', ')}. ` : ''}Demandez-lui si elle les a enregistrés elle-même ; les fichiers et leurs dates peuvent montrer comment une application est arrivée.`,
        ),
        ...evidenceOf(...files, ...installed),
        details: { files: lines },
      },
    ];
  },
};

export const androidHeuristics: readonly Heuristic[] = [
  accessibilityRights,
  deviceAdminRights,
  notificationListenerRights,
  hiddenAppWithSensitivePermissions,
  locationWithCommunications,
  systemImpersonation,
  sideloadedKeyboard,
  rootedPhone,
  trustedComputer,
  installerFiles,
  playProtectOff,
  deviceOwner,
];
