// A phone profile rendered as the outputs a real phone prints (the formats of the real outputs in MVT's
// test corpus): getprop, pm list, dumpsys package / accessibility / device_policy / appops, ps -A,
// settings, getenforce, the root-path listing, sha256sum over APKs — and the APK files for `adb pull`.
import { createHash } from 'node:crypto';
import { COMMANDS, ROOT_PATHS } from '../acquisition/android/allow-list.js';
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
  /** Apps disabled for user 0 by a containment step (`pm disable-user`), as a real phone keeps them. */
  private readonly disabled = new Set<string>();

  private constructor(private readonly loaded: LoadedProfile) {
    const { device } = loaded.profile;
    this.banner = { name: device.device, model: device.model.replace(/\s+/g, '_'), device: device.device };
    for (const spec of loaded.packages) this.apkPaths.set(spec.name, apkPath(spec));
  }

  /** Builds the phone, including its APKs (they are small, and their hashes must match what is served). */
  static async create(loaded: LoadedProfile): Promise<ProfilePhone> {
    const phone = new ProfilePhone(loaded);
    for (const spec of loaded.packages) {
      phone.apks.set(phone.apkPaths.get(spec.name)!, await demoApk(spec.name, loaded.certificates.get(spec.certificate)!));
    }
    phone.render();
    return phone;
  }

  shell(command: string): Buffer | null {
    const fixed = this.outputs.get(command);
    if (fixed) return fixed;
    const containment = /^pm (disable-user|enable) --user 0 (\S+)$/.exec(command);
    if (containment) return Buffer.from(this.setEnabled(containment[2]!, containment[1] === 'enable'));
    if (command.startsWith('sha256sum ')) {
      const lines = command
        .slice('sha256sum '.length)
        .split(' ')
        .map((path) => {
          const apk = this.apks.get(path);
          return apk ? `${createHash('sha256').update(apk).digest('hex')}  ${path}` : `sha256sum: ${path}: No such file or directory`;
        });
      return Buffer.from(`${lines.join('\n')}\n`);
    }
    return null;
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

  private render(): void {
    const { profile, packages } = this.loaded;
    const set = (command: string, text: string) => this.outputs.set(command, Buffer.from(text));
    set(COMMANDS.properties, this.getprop());
    set(COMMANDS.packages, packages.map((spec) => `package:${this.apkPaths.get(spec.name)}=${spec.name}  installer=${spec.installer ?? 'null'} uid:${uid(spec, packages)}`).join('\n') + '\n');
    set(COMMANDS.packageDetails, this.dumpsysPackage());
    set(
      COMMANDS.launcherActivities,
      packages
        .filter((spec) => spec.launcher)
        .map((spec) => `priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=false\n${spec.name}/.MainActivity`)
        .join('\n') + '\n',
    );
    set(COMMANDS.homeActivity, `priority=0 preferredOrder=0 match=0x108000 specificIndex=-1 isDefault=true\n${profile.defaultLauncher}/.Launcher\n`);
    set(COMMANDS.accessibility, this.accessibility());
    set(COMMANDS.devicePolicy, this.devicePolicy());
    set(COMMANDS.appops, this.appops());
    set(COMMANDS.processes, this.processes());
    set(COMMANDS.secureSettings, settingsText(this.secureSettings()));
    set(COMMANDS.globalSettings, settingsText({ adb_enabled: '1', package_verifier_enable: '1', development_settings_enabled: '1', ...profile.settings.global }));
    set(COMMANDS.selinux, `${profile.device.selinux}\n`);
    set(COMMANDS.rootPaths, profile.rootPaths.filter((path) => ROOT_PATHS.includes(path)).map((path) => `${path}\n`).join(''));
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
    const { packages } = this.loaded;
    const blocks = packages.map((spec) => {
      const flags = spec.system ? '[ SYSTEM HAS_CODE ALLOW_CLEAR_USER_DATA ]' : '[ HAS_CODE ALLOW_CLEAR_USER_DATA ALLOW_BACKUP ]';
      const path = this.apkPaths.get(spec.name)!;
      const granted = new Set(spec.granted.map(permission));
      const runtime = spec.requested.map(permission).filter((name) => RUNTIME.has(name));
      const install = spec.requested.map(permission).filter((name) => !RUNTIME.has(name));
      return [
        `  Package [${spec.name}] (${token(spec.name, 7).toLowerCase()}):`,
        `    userId=${uid(spec, packages)}`,
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
        `    firstInstallTime=${spec.firstInstall}`,
        `    lastUpdateTime=${spec.lastUpdate ?? spec.firstInstall}`,
        `    installerPackageName=${spec.installer ?? 'null'}`,
        `    pkgFlags=${flags}`,
        ...(spec.requested.length > 0 ? ['    requested permissions:', ...spec.requested.map((name) => `      ${permission(name)}`)] : []),
        ...(install.length > 0 ? ['    install permissions:', ...install.map((name) => `      ${name}: granted=${granted.has(name)}`)] : []),
        `    User 0: ceDataInode=${1000 + uid(spec, packages)} installed=true hidden=false suspended=false stopped=false notLaunched=false enabled=${this.disabled.has(spec.name) ? 3 : 0} instant=false virtual=false`,
        ...(runtime.length > 0 ? ['      runtime permissions:', ...runtime.map((name) => `        ${name}: granted=${granted.has(name)}, flags=[ USER_SENSITIVE_WHEN_GRANTED|USER_SENSITIVE_WHEN_DENIED]`)] : []),
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
      '  Enabled Device Admins (User 0, provisioningState: 0):',
      ...deviceAdmins.flatMap((admin) => [`    ${admin}:`, `      uid=${uid(this.loaded.packages.find((spec) => spec.name === admin.split('/')[0]), this.loaded.packages)}`, '      testOnlyAdmin=false', '      policies:', '        force-lock', '        wipe-data']),
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
      lines.push(`  Uid ${uidText(uid(this.loaded.packages.find((spec) => spec.name === name), this.loaded.packages))}:`, '    state=cch', `    Package ${name}:`);
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
      ...this.loaded.packages.filter((spec) => spec.running).map((spec, i) => [uidText(uid(spec, this.loaded.packages)), 2000 + i, 600, spec.name] as const),
    ];
    const header = 'USER           PID  PPID     VSZ    RSS WCHAN            ADDR S NAME';
    return `${[header, ...rows.map(([user, pid, ppid, name]) => `${String(user).padEnd(12)} ${String(pid).padStart(5)} ${String(ppid).padStart(5)} 1234567  98765 0                   0 S ${name}`)].join('\n')}\n`;
  }

  private secureSettings(): Record<string, string> {
    const { profile } = this.loaded;
    return {
      android_id: token(profile.device.serial, 16).toLowerCase(),
      default_input_method: profile.defaultKeyboard,
      enabled_accessibility_services: profile.accessibility.enabled.join(':'),
      enabled_notification_listeners: profile.notificationListeners.join(':'),
      install_non_market_apps: '0',
      location_mode: '3',
      ...profile.settings.secure,
    };
  }
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
  return value >= 10000 ? `u0_a${value - 10000}` : String(value);
}

function settingsText(settings: Record<string, string>): string {
  return `${Object.entries(settings)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}
