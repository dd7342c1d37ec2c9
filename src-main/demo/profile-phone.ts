// A phone profile rendered as the outputs a real phone prints (the formats of the real outputs in MVT's
// test corpus): getprop, pm list users / packages, dumpsys user / package / accessibility / device_policy /
// appops, ps -A, settings, getenforce, the root-path listing, sha256sum over APKs — each other user's or
// profile's listings with `--user N` — and the APK files for `adb pull`.
import { createHash } from 'node:crypto';
import type { ListingCollector } from '../acquisition/android/collectors/collector.js';
import { accessibilityCollector } from '../acquisition/android/collectors/accessibility.js';
import { adbDebuggingCollector } from '../acquisition/android/collectors/adb-debugging.js';
import { accountsCollector } from '../acquisition/android/collectors/accounts.js';
import { backupAccountCollector } from '../acquisition/android/collectors/backup-account.js';
import { pairedDevicesCollector } from '../acquisition/android/collectors/paired-devices.js';
import { trustAgentsCollector } from '../acquisition/android/collectors/trust-agents.js';
import { screenLockCollector } from '../acquisition/android/collectors/screen-lock.js';
import { dumpsysAccount, dumpsysBackup, dumpsysBluetooth, dumpsysLockSettings, dumpsysTrust } from './sharing-outputs.js';
import { appopsCollector } from '../acquisition/android/collectors/appops.js';
import { devicePolicyCollector } from '../acquisition/android/collectors/device-policy.js';
import { globalSettingsCollector } from '../acquisition/android/collectors/global-settings.js';
import { homeCollector } from '../acquisition/android/collectors/home.js';
import { commandFor } from '../acquisition/android/collectors/index.js';
import { launcherCollector } from '../acquisition/android/collectors/launcher.js';
import { packageDetailsCollector } from '../acquisition/android/collectors/package-details.js';
import { packagesCollector } from '../acquisition/android/collectors/packages.js';
import { processesCollector } from '../acquisition/android/collectors/processes.js';
import { propertiesCollector } from '../acquisition/android/collectors/properties.js';
import { ROOT_PATHS, rootPathsCollector } from '../acquisition/android/collectors/root-paths.js';
import { secureSettingsCollector } from '../acquisition/android/collectors/secure-settings.js';
import { selinuxCollector } from '../acquisition/android/collectors/selinux.js';
import { storageApksCollector } from '../acquisition/android/collectors/storage-apks.js';
import { systemPackagesCollector } from '../acquisition/android/collectors/system-packages.js';
import { usersCollector, userTypesCollector } from '../acquisition/android/collectors/users.js';
import type { SimulatedPhone } from './adbd-simulator.js';
import { demoApk } from './demo-apk.js';
import type { LoadedProfile, PackageSpec } from './phone-profile.js';

const permission = (name: string) => (name.includes('.') ? name : `android.permission.${name}`);

function token(text: string, length: number): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, length);
}

export class ProfilePhone implements SimulatedPhone {
  readonly banner;
  private readonly outputs = new Map<string, Buffer>();
  private readonly apks = new Map<string, Buffer>();
  private readonly apkPaths = new Map<string, string>();
  /** Installer files in shared storage, with their modification time (seconds). */
  private readonly storage = new Map<string, { bytes: Buffer; modified: number }>();
  /** Apps disabled for user 0 by a containment step (`pm disable-user`), as a real phone keeps them. */
  private readonly disabled = new Set<string>();

  private readonly loaded: LoadedProfile;
  /** Every app on the phone, whichever users have it: the owner's first. */
  private readonly everyPackage: PackageSpec[];

  private constructor(given: LoadedProfile) {
    const loaded = withRecentDates(given);
    this.loaded = loaded;
    const { device } = loaded.profile;
    this.banner = { name: device.device, model: device.model.replace(/\s+/g, '_'), device: device.device };
    const seen = new Set(loaded.packages.map((spec) => spec.name));
    this.everyPackage = [...loaded.packages, ...loaded.profile.users.flatMap((user) => user.packages).filter((spec) => !seen.has(spec.name) && seen.add(spec.name))];
    for (const spec of this.everyPackage) this.apkPaths.set(spec.name, apkPath(spec));
  }

  /** Builds the phone, including its APKs (they are small, and their hashes must match what is served). */
  static async create(loaded: LoadedProfile): Promise<ProfilePhone> {
    const phone = new ProfilePhone(loaded);
    for (const spec of phone.everyPackage) {
      phone.apks.set(phone.apkPaths.get(spec.name)!, await demoApk(spec.name, loaded.certificates.get(spec.certificate)!, spec.label));
    }
    // Installers saved in shared storage are copies of an app's APK.
    for (const saved of loaded.profile.storageFiles) {
      const apk = phone.apks.get(phone.apkPaths.get(saved.package) ?? '');
      if (apk) phone.storage.set(saved.path, { bytes: apk, modified: Math.floor(Date.now() / 1000) - saved.savedDaysAgo * 86_400 });
    }
    phone.render();
    return phone;
  }

  shell(command: string): Buffer | null {
    const refused = this.refusedUser(command);
    if (refused !== null) return Buffer.from(securityException(refused));
    const fixed = this.outputs.get(command);
    if (fixed) return fixed;
    const containment = /^pm (disable-user|enable) --user 0 (\S+)$/.exec(command);
    if (containment) return Buffer.from(this.setEnabled(containment[2]!, containment[1] === 'enable'));
    if (command.startsWith('sha256sum ')) {
      const lines = command
        .slice('sha256sum '.length)
        .split(' ')
        .map((path) => {
          const apk = this.apks.get(path) ?? this.storage.get(path)?.bytes;
          return apk ? `${createHash('sha256').update(apk).digest('hex')}  ${path}` : `sha256sum: ${path}: No such file or directory`;
        });
      return Buffer.from(`${lines.join('\n')}\n`);
    }
    return null;
  }

  /** The user a command would reach that the shell may not see (Samsung's Secure Folder): named with `--user`, or any for `pm list packages` without one. */
  private refusedUser(command: string): number | null {
    const hidden = this.loaded.profile.users.filter((user) => !user.shellAccess).map((user) => user.id);
    if (hidden.length === 0) return null;
    const named = /--user (\d+)/.exec(command);
    if (named) return hidden.includes(Number(named[1])) ? Number(named[1]) : null;
    return command.startsWith('pm list packages') ? hidden[0]! : null;
  }

  /** What `pm disable-user` / `pm enable` print; the package listing changes accordingly. */
  private setEnabled(packageName: string, enabled: boolean): string {
    const verb = enabled ? 'enable' : 'disable-user';
    if (!this.apkPaths.has(packageName)) return `Exception occurred while executing '${verb}':\njava.lang.IllegalArgumentException: Unknown package: ${packageName}\n`;
    if (enabled) this.disabled.delete(packageName);
    else this.disabled.add(packageName);
    this.render();
    return `Package ${packageName} new state: ${enabled ? 'enabled' : 'disabled-user'}\n`;
  }

  file(path: string): Buffer | null {
    return this.apks.get(path) ?? null;
  }

  /** The apps installed for a user: the owner's, or the system apps and the profile's own. */
  private packagesOf(user: number): PackageSpec[] {
    if (user === 0) return this.loaded.packages;
    const profile = this.loaded.profile.users.find((candidate) => candidate.id === user);
    return profile ? [...this.loaded.packages.filter((spec) => spec.system), ...profile.packages] : [];
  }

  private render(): void {
    const { profile } = this.loaded;
    const set = (collector: ListingCollector, text: string, user = 0) => {
      this.outputs.set(commandFor(collector, user), Buffer.from(text));
      // The owner's listing named with `--user 0` too, as a phone answers it.
      if (user === 0 && collector.perUser) this.outputs.set(commandFor(collector, 0, true), Buffer.from(text));
    };
    set(propertiesCollector, this.getprop());
    set(usersCollector, ['Users:', ...this.users().map((user) => `\tUserInfo{${user.id}:${user.name}:${user.flags.toString(16)}} running`)].join('\n') + '\n');
    set(userTypesCollector, this.dumpsysUser());
    set(packageDetailsCollector, this.dumpsysPackage());

    set(homeCollector, `priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=true\n${profile.defaultLauncher}/.Launcher\n`);
    set(accessibilityCollector, this.accessibility());
    set(devicePolicyCollector, this.devicePolicy());
    set(appopsCollector, this.appops());
    set(processesCollector, this.processes());
    set(globalSettingsCollector, settingsText({ adb_enabled: '1', package_verifier_enable: '1', development_settings_enabled: '1', ...profile.settings.global }));
    set(selinuxCollector, `${profile.device.selinux}\n`);
    set(adbDebuggingCollector, this.dumpsysAdb());
    set(accountsCollector, dumpsysAccount(profile));
    set(pairedDevicesCollector, dumpsysBluetooth(profile));
    set(trustAgentsCollector, dumpsysTrust(profile));
    set(screenLockCollector, dumpsysLockSettings(profile));
    set(backupAccountCollector, dumpsysBackup(profile));
    set(storageApksCollector, [...this.storage].map(([path, file]) => `${file.bytes.length}|${file.modified}|${path}\n`).join(''));
    set(rootPathsCollector, profile.rootPaths.filter((path) => ROOT_PATHS.includes(path)).map((path) => `${path}\n`).join(''));
    for (const { id: user } of this.users()) {
      const packages = this.packagesOf(user);
      set(packagesCollector, packages.map((spec) => `package:${this.apkPaths.get(spec.name)}=${spec.name}  installer=${spec.installer ?? 'null'} uid:${this.uid(spec, user)}`).join('\n') + '\n', user);
      set(
        launcherCollector,
        packages
          .filter((spec) => spec.launcher)
          .map((spec) => `priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=false\n${spec.name}/.MainActivity`)
          .join('\n') + '\n',
        user,
      );
      set(secureSettingsCollector, settingsText(this.secureSettings(user)), user);
      set(systemPackagesCollector, packages.filter((spec) => spec.system).map((spec) => `package:${spec.name}\n`).join(''), user);
    }
  }

  /** The owner, then the profile's other users, with UserInfo's flags (0xc13 the owner; 0x1030 a managed profile…). */
  private users(): { id: number; name: string; type: string; flags: number }[] {
    const FLAGS: Record<string, number> = { 'profile.managed': 0x1030, 'profile.private': 0x1010, 'profile.clone': 0x1010, 'full.guest': 0x414, 'full.secondary': 0x410 };
    return [{ id: 0, name: 'Owner', type: 'full.system', flags: 0xc13 }, ...this.loaded.profile.users.map((user) => ({ id: user.id, name: user.name, type: user.type, flags: FLAGS[user.type] ?? 0x410 }))];
  }

  /** As Android 11+ prints it (the layout of MVT's dumpsys_adb_xml.txt): the keys "Always allow" kept, and when each last connected. */
  private dumpsysAdb(): string {
    const keys = this.loaded.profile.adbKeys.map((key) => ({ text: `${pseudoAdbKey(key.comment)} ${key.comment}`, lastConnection: Date.now() - key.lastConnectionDaysAgo * 86_400_000 }));
    const lines = ['ADB MANAGER STATE (dumpsys adb):', '{', '  debugging_manager={', '    connected_to_adb=true'];
    if (keys.length > 0) {
      lines.push(`    user_keys=${keys.map((key) => key.text).join('\n')}`, '');
      lines.push("    keystore=<?xml version='1.0' encoding='utf-8' standalone='yes' ?>", '    <keyStore version="1">');
      for (const key of keys) lines.push(`    <adbKey key="${key.text}" lastConnection="${key.lastConnection}" />`);
      lines.push('    </keyStore>', '');
    }
    lines.push('  }', '}');
    return `${lines.join('\n')}\n`;
  }

  private dumpsysUser(): string {
    const lines = ['Current user: 0', 'Users:'];
    for (const user of this.users()) {
      lines.push(`  UserInfo{${user.id}:${user.name}:${user.flags.toString(16)}} serialNo=${user.id} isPrimary=${user.id === 0} parentId=${user.id === 0 ? -10000 : 0}`);
      lines.push(`    Type: android.os.usertype.${user.type.replace(/\.([a-z_]+)$/, (_, rest: string) => `.${rest.toUpperCase()}`)}`);
      lines.push('    State: RUNNING_UNLOCKED');
    }
    return `${lines.join('\n')}\n`;
  }

  private getprop(): string {
    const { device } = this.loaded.profile;
    const properties: Record<string, string> = {
      'ro.boot.verifiedbootstate': device.debuggable ? 'orange' : 'green',
      'ro.build.fingerprint': `${device.manufacturer.toLowerCase()}/${device.device}/${device.device}:${device.android}/AP1A.${device.securityPatch.replace(/-/g, '').slice(2)}/1234567:user/${device.buildTags}`,
      'ro.build.tags': device.buildTags,
      'ro.build.type': device.debuggable ? 'userdebug' : 'user',
      'ro.build.version.release': device.android,
      'ro.build.version.sdk': String(device.sdk),
      'ro.build.version.security_patch': device.securityPatch,
      'ro.debuggable': device.debuggable ? '1' : '0',
      'ro.product.brand': device.manufacturer.toLowerCase(),
      'ro.product.device': device.device,
      'ro.product.manufacturer': device.manufacturer,
      'ro.product.model': device.model,
      'ro.product.name': device.device,
      'ro.secure': '1',
      'ro.serialno': device.serial,
      'persist.sys.timezone': 'Europe/Paris',
    };
    return Object.entries(properties)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => `[${key}]: [${value}]`)
      .join('\n') + '\n';
  }

  private dumpsysPackage(): string {
    const users = this.users().map((user) => ({ id: user.id, has: new Set(this.packagesOf(user.id).map((spec) => spec.name)) }));
    const { sdk } = this.loaded.profile.device;
    const blocks = this.everyPackage.map((spec) => {
      const flags = spec.system ? '[ SYSTEM HAS_CODE ALLOW_CLEAR_USER_DATA ]' : '[ HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP ]';
      const path = this.apkPaths.get(spec.name)!;
      const granted = new Set(spec.granted.map(permission));
      const runtime = spec.requested.map(permission).filter((name) => RUNTIME.has(name));
      const install = spec.requested.map(permission).filter((name) => !RUNTIME.has(name));
      return [
        `  Package [${spec.name}] (${token(spec.name, 7).toLowerCase()}):`,
        `    userId=${this.uid(spec)}`,
        `    pkg=Package{${token(`pkg${spec.name}`, 7).toLowerCase()} ${spec.name}}`,
        `    codePath=${path.slice(0, path.lastIndexOf('/'))}`,
        `    resourcePath=${path.slice(0, path.lastIndexOf('/'))}`,
        `    versionCode=${spec.versionCode} minSdk=26 targetSdk=34`,
        `    versionName=${spec.versionName}`,
        '    splits=[base]',
        '    apkSigningVersion=2',
        `    flags=${flags}`,
        `    dataDir=/data/user/0/${spec.name}`,
        `    timeStamp=${spec.lastUpdate ?? spec.firstInstall}`,
        // Android 14 and later print the first install time per user (below).
        ...(sdk >= 34 ? [] : [`    firstInstallTime=${spec.firstInstall}`]),
        `    lastUpdateTime=${spec.lastUpdate ?? spec.firstInstall}`,
        `    installerPackageName=${spec.installer ?? 'null'}`,
        ...(sdk >= 30 ? [`    installerPackageUid=${spec.installer ? 10019 : -1}`, `    initiatingPackageName=${(spec.initiator === undefined ? spec.installer : spec.initiator) ?? 'null'}`, '    originatingPackageName=null'] : []),
        ...(sdk >= 33 ? [`    packageSource=${packageSourceOf(spec)}`] : []),
        `    pkgFlags=${flags}`,
        ...(spec.requested.length > 0 ? ['    requested permissions:', ...spec.requested.map((name) => `      ${permission(name)}`)] : []),
        ...(install.length > 0 ? ['    install permissions:', ...install.map((name) => `      ${name}: granted=${granted.has(name)}`)] : []),
        ...users.flatMap((user) => [
          `    User ${user.id}: ceDataInode=${1000 + this.uid(spec, user.id)} installed=${user.has.has(spec.name)} hidden=false suspended=false stopped=false notLaunched=false enabled=${user.id === 0 && this.disabled.has(spec.name) ? 3 : 0} instant=false virtual=false`,
          ...(sdk >= 34 && user.has.has(spec.name) ? ['      installReason=0', `      dataDir=/data/user/${user.id}/${spec.name}`, `      firstInstallTime=${spec.firstInstall}`, '      uninstallReason=0'] : []),
          ...(runtime.length > 0 && user.has.has(spec.name) ? ['      runtime permissions:', ...runtime.map((name) => `        ${name}: granted=${granted.has(name)}, flags=[ USER_SENSITIVE_WHEN_GRANTED|USER_SENSITIVE_WHEN_DENIED]`)] : []),
        ]),
      ].join('\n');
    });
    return [
      'Database versions:',
      '  Internal:',
      `    sdkVersion=${this.loaded.profile.device.sdk} databaseVersion=3`,
      '',
      'Verifiers:',
      '  Required: com.android.vending (uid=10019)',
      '',
      'Packages:',
      ...blocks,
      '',
      'Active install Logging info:',
      '  []',
      '',
    ].join('\n');
  }

  private accessibility(): string {
    const { accessibility } = this.loaded.profile;
    return [
      'ACCESSIBILITY MANAGER (dumpsys accessibility)',
      '',
      'currentUserId=0',
      'User state[',
      `     attributes:{id=0, touchExplorationEnabled=false, installedServiceCount=${accessibility.enabled.length}}`,
      `     Bound services:{${accessibility.bound.map((service) => `Service[label=${service.split('/')[0]}, feedbackType[FEEDBACK_GENERIC]]`).join(', ')}}`,
      `     Enabled services:{${accessibility.enabled.map((service) => `{${service}}`).join(', ')}}`,
      '     Binding services:{}',
      '     Crashed services:{}',
      ']',
      '',
    ].join('\n');
  }

  private devicePolicy(): string {
    const { deviceAdmins, deviceOwner } = this.loaded.profile;
    return [
      'Current Device Policy Manager state:',
      '  Immutable state:',
      '    mHasFeature=true',
      ...(deviceOwner ? ['  Device Owner: ', `    admin=ComponentInfo{${deviceOwner}/${deviceOwner}.AdminReceiver}`, '    name=', `    package=${deviceOwner}`] : []),
      '',
      ...this.loaded.profile.users.flatMap((user) =>
        user.profileOwner ? [`  Profile Owner (User ${user.id}): `, `    admin=ComponentInfo{${user.profileOwner}}`, '    name=', `    package=${user.profileOwner.split('/')[0]}`, ''] : [],
      ),
      '  Enabled Device Admins (User 0, provisioningState: 0):',
      ...deviceAdmins.flatMap((admin) => [`    ${admin}:`, `      uid=${this.uid(this.everyPackage.find((spec) => spec.name === admin.split('/')[0]))}`, '      testOnlyAdmin=false', '      policies:', '        force-lock', '        wipe-data']),
      '',
      '  Encryption Status: per-user',
      '',
    ].join('\n');
  }

  private appops(): string {
    const byPackage = new Map<string, LoadedProfile['profile']['appops']>();
    for (const op of this.loaded.profile.appops) byPackage.set(op.package, [...(byPackage.get(op.package) ?? []), op]);
    const lines = ['Current AppOps Service state:', '  Settings:', '    top_state_settle_time=+30s0ms', ''];
    for (const [name, ops] of byPackage) {
      lines.push(`  Uid ${uidText(this.uid(this.everyPackage.find((spec) => spec.name === name)))}:`, '    state=cch', `    Package ${name}:`);
      for (const op of ops) {
        lines.push(`      ${op.op} (${op.mode}):`);
        if (op.lastAccess) lines.push(`          Access: [bg-s] ${op.lastAccess}.000 (-1h0m0s0ms)`);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  private processes(): string {
    const rows = [
      ['root', 1, 0, 'init'],
      ['root', 2, 0, '[kthreadd]'],
      ['system', 600, 1, 'system_server'],
      ['u0_a120', 1500, 600, 'com.android.systemui'],
      ...this.loaded.packages.filter((spec) => spec.running).map((spec, i) => [uidText(this.uid(spec)), 2000 + i, 600, spec.name] as const),
    ];
    const header = 'USER           PID  PPID     VSZ    RSS WCHAN            ADDR S NAME';
    return `${[header, ...rows.map(([user, pid, ppid, name]) => `${String(user).padEnd(12)} ${String(pid).padStart(5)} ${String(ppid).padStart(5)} 1234567  98765 0                   0 S ${name}`)].join('\n')}\n`;
  }

  private secureSettings(user: number): Record<string, string> {
    const { profile } = this.loaded;
    const other = profile.users.find((candidate) => candidate.id === user);
    return {
      android_id: token(`${profile.device.serial}:${user}`, 16).toLowerCase(),
      default_input_method: profile.defaultKeyboard,
      enabled_accessibility_services: (other ? other.accessibility : profile.accessibility.enabled).join(':'),
      enabled_notification_listeners: (other ? other.notificationListeners : profile.notificationListeners).join(':'),
      install_non_market_apps: '0',
      location_mode: '3',
      ...(other ? {} : profile.settings.secure),
    };
  }

  /** The uid an app runs as for a user: the user's range (100000 per user) plus the app's id. */
  private uid(spec: PackageSpec | undefined, user = 0): number {
    return user * 100_000 + uid(spec, this.everyPackage);
  }
}

/** The profile with `installedDaysAgo` turned into dates (the phone's local time taken as UTC). */
function withRecentDates(loaded: LoadedProfile): LoadedProfile {
  const dated = (spec: PackageSpec): PackageSpec => {
    if (spec.installedDaysAgo === undefined) return spec;
    const day = new Date(Date.now() - spec.installedDaysAgo * 86_400_000).toISOString().slice(0, 10);
    return { ...spec, firstInstall: `${day} ${spec.firstInstall.slice(11) || '12:00:00'}` };
  };
  return { ...loaded, packages: loaded.packages.map(dated), profile: { ...loaded.profile, users: loaded.profile.users.map((user) => ({ ...user, packages: user.packages.map(dated) })) } };
}

/** A computer's adb public key as a phone keeps it (base64 of adb's 524-byte structure, starting "QAAAA"), made up from its name. */
function pseudoAdbKey(comment: string): string {
  const bytes = Buffer.alloc(524);
  bytes.writeUInt32LE(64, 0);
  for (let offset = 4, block = 0; offset < bytes.length; offset += 32, block += 1) createHash('sha256').update(`${comment}:${block}`).digest().copy(bytes, offset);
  return bytes.toString('base64');
}

/** What a Samsung phone prints when the shell reaches for its Secure Folder (as reported by Maestro, androidqf and web-ext users). */
function securityException(user: number): string {
  return [
    '',
    "Exception occurred while executing 'list':",
    `java.lang.SecurityException: Shell does not have permission to access user ${user}`,
    ' com.android.server.am.ActivityManagerService.handleIncomingUser:14983 android.app.ActivityManager.handleIncomingUser:4805 com.android.server.pm.PackageManagerShellCommand.translateUserId:3517',
    '\tat com.android.server.am.UserController.handleIncomingUser(UserController.java:2680)',
    '\tat com.android.server.pm.PackageManagerShellCommand.runListPackages(PackageManagerShellCommand.java:969)',
    '',
  ].join('\n');
}

/** Android's runtime (dangerous) permissions: granted per user, listed under `runtime permissions`. */
const RUNTIME = new Set(
  ['READ_SMS', 'RECEIVE_SMS', 'SEND_SMS', 'READ_CALL_LOG', 'WRITE_CALL_LOG', 'PROCESS_OUTGOING_CALLS', 'RECORD_AUDIO', 'CAMERA', 'ACCESS_FINE_LOCATION', 'ACCESS_COARSE_LOCATION', 'ACCESS_BACKGROUND_LOCATION', 'READ_CONTACTS', 'WRITE_CONTACTS', 'READ_PHONE_STATE', 'READ_EXTERNAL_STORAGE', 'GET_ACCOUNTS', 'READ_CALENDAR', 'POST_NOTIFICATIONS'].map(permission),
);

function apkPath(spec: PackageSpec): string {
  if (spec.system) {
    const folder = spec.label.replace(/[^A-Za-z0-9]/g, '') || 'App';
    return `/system/app/${folder}/${folder}.apk`;
  }
  return `/data/app/~~${token(`a${spec.name}`, 22)}==/${spec.name}-${token(`b${spec.name}`, 22)}==/base.apk`;
}

function uid(spec: PackageSpec | undefined, all: readonly PackageSpec[]): number {
  if (!spec) return 10999;
  if (spec.system && spec.name === 'android') return 1000;
  return 10100 + all.indexOf(spec);
}

function uidText(value: number): string {
  const user = Math.floor(value / 100_000);
  const app = value % 100_000;
  return app >= 10000 ? `u${user}_a${app - 10000}` : String(value);
}

function settingsText(settings: Record<string, string>): string {
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}

/** What the installing app would declare (PackageInstaller.PACKAGE_SOURCE_*): a store 2, a file downloaded in a browser 4, another file 3, adb 0. */
function packageSourceOf(spec: PackageSpec): number {
  const initiator = spec.initiator === undefined ? spec.installer : spec.initiator;
  if (spec.installer === null || initiator === 'com.android.shell') return 0;
  if (/packageinstaller$/.test(spec.installer)) return initiator === 'com.android.chrome' || initiator?.includes('browser') ? 4 : 3;
  return 2;
}
