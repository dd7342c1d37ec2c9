// From an Android acquisition to typed observations (src-shared/observations.ts): apps with their
// installer, permissions, launcher icon, roles, APK hash and certificates; accessibility services,
// administrators, notification listeners; security settings and properties; root traces; processes;
// recent app operations. Each observation names the artifacts it was read from. Pure.
import type { AndroidProfile } from '../../../src-shared/observations.js';
import { systemAppTest, usersOf, type AndroidAcquisition } from './acquisition.js';
import { grantedFor } from './parsers/dumpsys-package.js';
import { componentList } from './parsers/settings.js';
import type { AcquiredObservation } from '../acquired-observation.js';


/** Settings whose values matter for detection or for the expert reading the evidence. */
const SETTINGS_OF_INTEREST = new Set([
  'secure:enabled_accessibility_services',
  'secure:enabled_notification_listeners',
  'secure:default_input_method',
  'secure:install_non_market_apps',
  'secure:location_mode',
  'secure:package_verifier_user_consent',
  'global:package_verifier_enable',
  'global:package_verifier_user_consent',
  'global:verifier_verify_adb_installs',
  'global:adb_enabled',
  'global:adb_wifi_enabled',
  'global:development_settings_enabled',
  'global:install_non_market_apps',
]);

const PROPERTIES_OF_INTEREST = [
  'ro.product.manufacturer',
  'ro.product.model',
  'ro.build.version.release',
  'ro.build.version.sdk',
  'ro.build.version.security_patch',
  'ro.build.fingerprint',
  'ro.build.tags',
  'ro.build.type',
  'ro.debuggable',
  'ro.secure',
  'ro.boot.verifiedbootstate',
  'ro.boot.flash.locked',
];

/** App operations that show surveillance: location, camera, microphone, messages, calls, contacts. */
const OPS_OF_INTEREST = /^(FINE_LOCATION|COARSE_LOCATION|MONITOR_LOCATION|MONITOR_HIGH_POWER_LOCATION|CAMERA|RECORD_AUDIO|READ_SMS|RECEIVE_SMS|SEND_SMS|READ_CALL_LOG|READ_CONTACTS|READ_CLIPBOARD|GET_USAGE_STATS|SYSTEM_ALERT_WINDOW|BIND_ACCESSIBILITY_SERVICE|PROJECT_MEDIA|READ_EXTERNAL_STORAGE|READ_MEDIA_IMAGES)$/;

const MAGISK = /magisk|ksu/i;

const packageOf = (component: string) => component.split('/')[0]!;

export function observationsFromAcquisition(acquisition: AndroidAcquisition): AcquiredObservation[] {
  const evidence = (...parts: string[]) => [...new Set(parts.flatMap((part) => acquisition.evidence.get(part) ?? []))];
  const observations: AcquiredObservation[] = [];
  const details = new Map(acquisition.details.map((detail) => [detail.packageName, detail]));
  const isSystem = systemAppTest(acquisition);
  const ownerSecure = acquisition.secure.get(0) ?? new Map<string, string>();
  const keyboardOf = (user: number) => {
    const keyboard = acquisition.secure.get(user)?.get('default_input_method');
    return keyboard ? packageOf(keyboard) : null;
  };

  // Users and profiles: each app and right says which one it belongs to (null: the owner's).
  const users = usersOf(acquisition);
  const profileOf = (user: number): AndroidProfile | null => {
    if (user === 0) return null;
    const known = users.find((candidate) => candidate.id === user);
    return { id: user, name: known?.name ?? `User ${user}`, type: known?.type ?? 'unknown' };
  };
  for (const user of users) {
    if (user.id === 0 && users.length === 1) continue;
    observations.push({ kind: 'android.user', subject: String(user.id), data: { ...user }, artifactSha256s: evidence('users', 'user-types') });
  }

  // Apps: the package list, completed by the details, the launcher listing, hashes and certificates.
  const listed = acquisition.packages.length > 0 ? acquisition.packages : acquisition.details.map((detail) => ({ packageName: detail.packageName, apkPath: detail.codePath ?? '', installer: detail.installer, uid: detail.userId, user: 0 }));
  for (const pkg of listed) {
    const detail = details.get(pkg.packageName);
    // What the phone holds for the user (or profile) the app lives in: its runtime permissions, state and first install there.
    const state = detail?.users.get(pkg.user);
    const certificates = acquisition.certificates.get(pkg.packageName) ?? [];
    const apkSha256 = acquisition.apkHashes.get(pkg.apkPath) ?? null;
    const roles = [...(keyboardOf(pkg.user) === pkg.packageName ? ['keyboard'] : []), ...(pkg.user === 0 && acquisition.homePackage === pkg.packageName ? ['launcher'] : [])];
    const withIcon = acquisition.launcherPackages.get(pkg.user);
    observations.push({
      kind: 'android.package',
      subject: pkg.packageName,
      data: {
        packageName: pkg.packageName,
        label: acquisition.labels.get(pkg.packageName) ?? null,
        installer: pkg.installer ?? detail?.installer ?? null,
        initiatingInstaller: detail?.initiatingInstaller ?? null,
        originatingInstaller: detail?.originatingInstaller ?? null,
        packageSource: detail?.packageSource ?? null,
        uid: pkg.uid ?? detail?.userId ?? null,
        isSystem: isSystem(pkg.packageName, pkg.apkPath),
        enabled: state?.enabled ?? detail?.enabled ?? true,
        versionName: detail?.versionName ?? null,
        versionCode: detail?.versionCode ?? null,
        firstInstallTime: state?.firstInstallTime ?? detail?.firstInstallTime ?? null,
        lastUpdateTime: detail?.lastUpdateTime ?? null,
        apkPath: pkg.apkPath || null,
        apkSha256,
        certSha1: certificates.map((certificate) => certificate.sha1),
        certSha256: certificates.map((certificate) => certificate.sha256),
        requestedPermissions: detail?.requestedPermissions ?? [],
        grantedPermissions: detail ? grantedFor(detail, pkg.user) : [],
        // Unknown (no launcher listing) counts as visible: hiding is never assumed.
        hasLauncherIcon: withIcon === undefined || withIcon.has(pkg.packageName),
        roles,
        profile: profileOf(pkg.user),
      },
      artifactSha256s: evidence('packages', 'package-details', 'launcher', ...(apkSha256 ? ['apk-hashes'] : []), ...(certificates.length > 0 ? ['apk-certificates'] : [])),
    });
  }

  // Accessibility services and notification listeners are turned on per user (its secure settings); `dumpsys accessibility` speaks for the owner.
  const grantingUsers = new Set([0, ...acquisition.secure.keys(), ...acquisition.notificationListeners.keys()]);
  for (const user of grantingUsers) {
    const settings = acquisition.secure.get(user) ?? new Map<string, string>();
    const enabled = new Set([...(user === 0 ? acquisition.accessibility.enabled : []), ...componentList(settings.get('enabled_accessibility_services'))]);
    for (const component of enabled) {
      observations.push({
        kind: 'android.accessibility-service',
        subject: packageOf(component),
        data: { packageName: packageOf(component), component, enabled: true, bound: acquisition.accessibility.bound.includes(component), profile: profileOf(user) },
        artifactSha256s: evidence('accessibility', 'secure-settings', 'settings-dump'),
      });
    }
    const listeners = new Set([...componentList(settings.get('enabled_notification_listeners')), ...(acquisition.notificationListeners.get(user) ?? [])]);
    for (const component of listeners) {
      observations.push({ kind: 'android.notification-listener', subject: packageOf(component), data: { packageName: packageOf(component), component, profile: profileOf(user) }, artifactSha256s: evidence('secure-settings', 'settings-dump', 'notification-listeners') });
    }
  }

  const admins: { component: string; role: 'admin' | 'device-owner' | 'profile-owner' }[] = [
    ...acquisition.policy.admins.map((component) => ({ component, role: 'admin' as const })),
    ...(acquisition.policy.deviceOwner ? [{ component: acquisition.policy.deviceOwner, role: 'device-owner' as const }] : []),
    ...acquisition.policy.profileOwners.map((owner) => ({ component: owner, role: 'profile-owner' as const })),
  ];
  for (const { component, role } of admins) {
    const user = acquisition.policy.users.get(role === 'admin' ? component : packageOf(component)) ?? 0;
    observations.push({ kind: 'android.device-admin', subject: packageOf(component), data: { packageName: packageOf(component), component, role, profile: profileOf(user) }, artifactSha256s: evidence('device-policy') });
  }


  for (const [namespace, settings, part] of [
    ['secure', ownerSecure, ['secure-settings', 'settings-dump']],
    ['global', acquisition.global, ['global-settings', 'settings-dump']],
  ] as const) {
    for (const [key, value] of settings) {
      if (SETTINGS_OF_INTEREST.has(`${namespace}:${key}`)) observations.push({ kind: 'android.setting', subject: `${namespace}:${key}`, data: { namespace, key, value }, artifactSha256s: evidence(...part) });
    }
  }

  for (const key of PROPERTIES_OF_INTEREST) {
    const value = acquisition.properties.get(key);
    if (value !== undefined) observations.push({ kind: 'android.property', subject: key, data: { key, value }, artifactSha256s: evidence('properties') });
  }

  const root = (indicator: string, detail: string, ...parts: string[]) => observations.push({ kind: 'root-indicator', subject: indicator, data: { indicator, detail }, artifactSha256s: evidence(...parts) });
  // A busybox binary roots nothing (many ROMs ship one): not taken as a sign.
  for (const path of acquisition.rootPaths.filter((found) => !/\/busybox$/.test(found))) root(MAGISK.test(path) ? 'root-manager-app' : 'su-binary', path, 'root');
  for (const pkg of listed) if (/^(com\.topjohnwu\.magisk|eu\.chainfire\.supersu|me\.weishu\.kernelsu)$/.test(pkg.packageName)) root('root-manager-app', pkg.packageName, 'packages');
  if (acquisition.properties.get('ro.build.tags')?.includes('test-keys')) root('test-keys', 'ro.build.tags=test-keys', 'properties');
  if (acquisition.properties.get('ro.debuggable') === '1') root('debuggable-build', 'ro.debuggable=1', 'properties');
  if (acquisition.properties.get('ro.boot.verifiedbootstate') === 'orange') root('unlocked-bootloader', 'ro.boot.verifiedbootstate=orange', 'properties');
  if (acquisition.selinux?.toLowerCase() === 'permissive') root('selinux-permissive', 'getenforce: Permissive', 'selinux');

  for (const file of acquisition.storageFiles ?? []) {
    const sha256 = acquisition.apkHashes.get(file.path) ?? null;
    observations.push({
      kind: 'file',
      subject: file.path,
      data: { path: file.path, sha256, source: 'android-shared-storage', size: file.size, modifiedAt: file.modifiedAt },
      artifactSha256s: evidence('storage-apks', ...(sha256 ? ['apk-hashes'] : [])),
    });
  }

  for (const key of acquisition.adb?.keys ?? []) {
    observations.push({ kind: 'android.adb-key', subject: key.fingerprint, data: { ...key, connectedNow: key.fingerprint === acquisition.adb?.lastKeyReceived }, artifactSha256s: evidence('adb-debugging') });
  }

  // What the phone shares: accounts signed in, devices paired, what keeps it unlocked, whether a lock protects it.
  for (const transport of acquisition.backupTransports) {
    observations.push({ kind: 'android.backup-transport', subject: `${transport.transport}${transport.user === 0 ? '' : `@${transport.user}`}`, data: { ...transport }, artifactSha256s: evidence('backup-account') });
  }
  for (const account of acquisition.accounts) {
    observations.push({ kind: 'android.account', subject: `${account.type}:${account.name}${account.user === 0 ? '' : `@${account.user}`}`, data: { ...account }, artifactSha256s: evidence('accounts') });
  }
  for (const device of acquisition.pairedDevices) {
    observations.push({ kind: 'android.paired-device', subject: device.address, data: { ...device }, artifactSha256s: evidence('paired-devices') });
  }
  for (const agent of acquisition.trustAgents) {
    observations.push({ kind: 'android.trust-agent', subject: `${agent.component}${agent.user === 0 ? '' : `@${agent.user}`}`, data: { ...agent }, artifactSha256s: evidence('trust-agents') });
  }
  for (const lock of acquisition.screenLocks) {
    observations.push({ kind: 'android.screen-lock', subject: `user ${lock.user}`, data: { ...lock }, artifactSha256s: evidence('screen-lock') });
  }

  for (const process of acquisition.processes) {
    if (process.name.startsWith('[')) continue; // kernel threads
    observations.push({ kind: 'process', subject: process.name, data: { platform: 'android', pid: process.pid, ppid: process.ppid, user: process.user, name: process.name }, artifactSha256s: evidence('processes') });
  }

  for (const op of acquisition.appops) {
    if (!OPS_OF_INTEREST.test(op.op)) continue;
    observations.push({ kind: 'android.appop', subject: `${op.packageName}:${op.op}${op.user === 0 ? '' : `@${op.user}`}`, data: { packageName: op.packageName, op: op.op, mode: op.mode, lastAccess: op.lastAccess, profile: profileOf(op.user) }, artifactSha256s: evidence('appops') });
  }
  return observations;
}

/** The device facts for the case's device record, from `getprop`. */
export function deviceFacts(acquisition: AndroidAcquisition): { model: string | null; osVersion: string | null; serial: string | null; label: string; facts: Record<string, string> } {
  const get = (key: string) => acquisition.properties.get(key) ?? null;
  const manufacturer = get('ro.product.manufacturer');
  const model = get('ro.product.model');
  const facts: Record<string, string> = {};
  for (const key of PROPERTIES_OF_INTEREST) {
    const value = get(key);
    if (value !== null) facts[key] = value;
  }
  return {
    model,
    osVersion: get('ro.build.version.release'),
    serial: get('ro.serialno'),
    label: [manufacturer, model].filter(Boolean).join(' ') || 'Android phone',
    facts,
  };
}
