// The Android parsers read real phone outputs with the values a person reading the file finds there. The
// fixtures are MVT's real phone outputs in ../shared/corpus/mvt (MVT License 1.1), read at test time and
// never copied into this repository.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MVT } from '../../../../tests/helpers/shared.js';
import { parseAppops, type AppOp } from './appops.js';
import { parseDevicePolicy } from './device-policy.js';
import { parseAccessibility } from './dumpsys-accessibility.js';
import { dumpsysSection, grantedFor, parseDumpsysPackage, type DumpsysPackage } from './dumpsys-package.js';
import { parseGetprop } from './getprop.js';
import { parsePmList } from './pm-list.js';
import { parsePs, type PsProcess } from './ps.js';
import { parseActivityPackages } from './query-activities.js';
import { parseSettings } from './settings.js';
import { parseSha256sum } from './sha256sum.js';

function corpus(...parts: string[]): string {
  return fs.readFileSync(path.join(MVT, ...parts), 'utf8');
}

/** Lines of a text that match a pattern: counts made on the file itself, independently of the parsers. */
function countLines(text: string, pattern: RegExp): number {
  return text.split('\n').filter((line) => pattern.test(line)).length;
}

function pkg(packages: DumpsysPackage[], name: string): DumpsysPackage {
  const found = packages.find((item) => item.packageName === name);
  if (!found) throw new Error(`${name} was not parsed`);
  return found;
}

function op(ops: AppOp[], packageName: string, name: string): AppOp {
  const found = ops.filter((item) => item.packageName === packageName && item.op === name);
  if (found.length !== 1) throw new Error(`${packageName} ${name}: ${found.length} entries`);
  return found[0]!;
}

function proc(processes: PsProcess[], pid: number): PsProcess {
  const found = processes.find((item) => item.pid === pid);
  if (!found) throw new Error(`pid ${pid} was not parsed`);
  return found;
}

describe('dumpsys package (android_data/dumpsys_packages.txt)', () => {
  const text = corpus('android_data', 'dumpsys_packages.txt');
  const packages = parseDumpsysPackage(text);

  it('reads one entry per `Package [` block of the Packages: section, and nothing from the resolver tables', () => {
    const blocks = countLines(text, /^ {2}Package \[[^\]]+\] \(/);
    expect(blocks).toBe(2);
    expect(packages).toHaveLength(blocks);
    expect(packages.map((item) => item.packageName)).toEqual(['com.samsung.android.provider.filterprovider', 'com.sec.android.app.DataCreate']);
  });

  it('reads a system package sharing the system uid', () => {
    const filter = pkg(packages, 'com.samsung.android.provider.filterprovider');
    expect(filter.userId).toBe(1000);
    expect(filter.codePath).toBe('/system/app/FilterProvider');
    expect(filter.versionCode).toBe('500700000');
    expect(filter.versionName).toBe('5.0.07');
    expect(filter.isSystem).toBe(true);
    expect(filter.firstInstallTime).toBe('2008-12-31 16:00:00');
    expect(filter.lastUpdateTime).toBe('2008-12-31 16:00:00');
    // No installerPackageName line in this dump.
    expect(filter.installer).toBeNull();
    // `usesLibraries:` and `declared permissions:` items are not requested or granted permissions.
    expect(filter.requestedPermissions).toEqual([]);
    expect(filter.grantedPermissions).toEqual([]);
    // `User 0: … enabled=0` (the default state).
    expect(filter.enabled).toBe(true);
  });

  it('reads requested, install-time granted and runtime not-granted permissions', () => {
    const data = pkg(packages, 'com.sec.android.app.DataCreate');
    expect(data.userId).toBe(10143);
    expect(data.codePath).toBe('/system/app/AutomationTest_FB');
    expect(data.versionCode).toBe('1');
    expect(data.versionName).toBe('1.0');
    expect(data.isSystem).toBe(true);
    expect(data.firstInstallTime).toBe('2008-12-31 16:00:00');
    expect(data.installer).toBeNull();
    expect(data.enabled).toBe(true);
    expect(data.requestedPermissions).toEqual([
      'android.permission.ACCESS_WIFI_STATE',
      'android.permission.INTERNET',
      'android.permission.ACCESS_NETWORK_STATE',
      'android.permission.WAKE_LOCK',
      'android.permission.GET_ACCOUNTS',
      'android.permission.USE_CREDENTIALS',
      'android.permission.RECEIVE_BOOT_COMPLETED',
      'android.permission.VIBRATE',
      'android.permission.FOREGROUND_SERVICE',
      'android.permission.USE_FULL_SCREEN_INTENT',
      'com.google.android.c2dm.permission.RECEIVE',
    ]);
    // The 20 install permissions are all `granted=true`; the 13 runtime permissions of user 0 all
    // `granted=false` (e.g. READ_SMS, CAMERA, READ_CONTACTS).
    expect(data.grantedPermissions).toHaveLength(20);
    expect(data.grantedPermissions).toEqual(expect.arrayContaining(['android.permission.WRITE_SMS', 'android.permission.WRITE_SECURE_SETTINGS', 'android.permission.MANAGE_APP_OPS_MODES', 'com.sec.android.app.DataCreate.permission.KEYSTRING']));
    expect(data.grantedPermissions[0]).toBe('android.permission.WRITE_SETTINGS');
    expect(data.grantedPermissions[19]).toBe('android.permission.MANAGE_APP_OPS_MODES');
    for (const notGranted of ['android.permission.READ_SMS', 'android.permission.CAMERA', 'android.permission.READ_CONTACTS', 'android.permission.SEND_SMS', 'android.permission.READ_CALL_LOG']) {
      expect(data.grantedPermissions).not.toContain(notGranted);
    }
  });
});

describe('dumpsys package with a work profile (the real dump, a `User 10:` section added in AOSP’s layout)', () => {
  // AOSP's dumpPackageLPr prints one `User N:` line per user of the phone, each followed by that user's
  // runtime permissions; the install permissions above it hold for every user. The phone's own section for
  // its owner is kept as it was read; a work profile (user 10) where the app was given SMS, location and the
  // microphone is added after it, as a phone with a work profile prints it.
  const real = corpus('android_data', 'dumpsys_packages.txt');
  const ownerLine = '    User 0: ceDataInode=-4294835694 installed=true';
  const end = real.indexOf('\n\n', real.indexOf(ownerLine));
  const profile = [
    '    User 10: ceDataInode=-4294835001 installed=true hidden=false suspended=false stopped=false notLaunched=false enabled=0 instant=false virtual=false',
    '      gids=[3002, 1023, 3003]',
    '      runtime permissions:',
    '        android.permission.READ_SMS: granted=true, flags=[ USER_SET|USER_SENSITIVE_WHEN_GRANTED|RESTRICTION_UPGRADE_EXEMPT]',
    '        android.permission.ACCESS_FINE_LOCATION: granted=true, flags=[ USER_SET|USER_SENSITIVE_WHEN_GRANTED]',
    '        android.permission.RECORD_AUDIO: granted=true, flags=[ USER_SET|USER_SENSITIVE_WHEN_GRANTED]',
    '        android.permission.CAMERA: granted=false, flags=[ USER_SENSITIVE_WHEN_GRANTED]',
    '    User 11: ceDataInode=0 installed=false hidden=false suspended=false stopped=true notLaunched=true enabled=0 instant=false virtual=false',
  ].join('\n');
  const text = `${real.slice(0, end)}\n${profile}${real.slice(end)}`;
  const data = parseDumpsysPackage(text).find((item) => item.packageName === 'com.sec.android.app.DataCreate')!;

  it('reads each user’s runtime permissions, and whether the app is installed there', () => {
    expect(data.users.get(0)).toMatchObject({ installed: true, enabled: true, runtimeGranted: [] });
    expect(data.users.get(10)).toMatchObject({ installed: true, enabled: true, runtimeGranted: ['android.permission.READ_SMS', 'android.permission.ACCESS_FINE_LOCATION', 'android.permission.RECORD_AUDIO'] });
    expect(data.users.get(11)).toMatchObject({ installed: false, runtimeGranted: [] });
  });

  it('gives the owner’s view as before, and each profile its own: install permissions plus its runtime ones', () => {
    expect(data.grantedPermissions).toHaveLength(20);
    expect(data.grantedPermissions).not.toContain('android.permission.READ_SMS');
    const inProfile = grantedFor(data, 10);
    expect(inProfile).toHaveLength(23);
    expect(inProfile).toEqual(expect.arrayContaining(['android.permission.READ_SMS', 'android.permission.RECORD_AUDIO', 'android.permission.WRITE_SECURE_SETTINGS']));
    expect(inProfile).not.toContain('android.permission.CAMERA');
    // A user the dump does not print: the owner's view, nothing invented.
    expect(grantedFor(data, 12)).toEqual(data.grantedPermissions);
  });
});

describe('dumpsys package within a full dumpsys (androidqf/dumpsys.txt)', () => {
  const text = corpus('androidqf', 'dumpsys.txt');

  it('takes one `DUMP OF SERVICE x:` section, and the whole text when the service is not there', () => {
    const section = dumpsysSection(text, 'package');
    expect(section.startsWith('DUMP OF SERVICE package:\n')).toBe(true);
    expect(section).toContain('Package [com.sec.android.app.DataCreate] (8c78be6):');
    expect(section).toContain('was the duration of dumpsys package');
    expect(section).not.toContain('DUMP OF SERVICE appops:');
    expect(section).not.toContain('ACCESSIBILITY MANAGER');
    expect(dumpsysSection(text, 'device_policy')).toBe(text);
  });

  it('reads the packages of the package section only', () => {
    const packages = parseDumpsysPackage(text);
    const blocks = countLines(dumpsysSection(text, 'package'), /^ {2}Package \[[^\]]+\] \(/);
    expect(blocks).toBe(2);
    expect(packages).toHaveLength(blocks);
    const filter = pkg(packages, 'com.samsung.android.provider.filterprovider');
    expect(filter.userId).toBe(1000);
    expect(filter.versionName).toBe('5.0.07');
    expect(filter.isSystem).toBe(true);
    const data = pkg(packages, 'com.sec.android.app.DataCreate');
    expect(data.userId).toBe(10143);
    expect(data.versionCode).toBe('1');
    expect(data.lastUpdateTime).toBe('2008-12-31 16:00:00');
    // This shorter dump lists no permissions for it (the block ends at lastUpdateTime).
    expect(data.requestedPermissions).toEqual([]);
    expect(data.grantedPermissions).toEqual([]);
  });
});

describe('dumpsys accessibility', () => {
  const installedPre14 = [
    'com.android.settings/com.samsung.android.settings.development.gpuwatch.GPUWatchInterceptor',
    'com.samsung.accessibility/.universalswitch.UniversalSwitchService',
    'com.samsung.accessibility/com.samsung.android.app.talkback.TalkBackService',
    'com.sec.android.app.camera/com.samsung.android.glview.AccessibilityGestureHandler',
  ];

  it('up to Android 13: four services installed, none enabled or bound', () => {
    const text = corpus('android_data', 'dumpsys_accessibility.txt');
    expect(countLines(text, /^ {4}\d+ : \S+\/\S+$/)).toBe(installedPre14.length);
    for (const service of installedPre14) expect(text).toContain(service);
    const services = parseAccessibility(text);
    // Installed is not enabled: the `installed services: {…}` block must not leak into either list.
    expect(services.enabled).toEqual([]);
    expect(services.bound).toEqual([]);
  });

  it('up to Android 13, within a full dumpsys (androidqf/dumpsys.txt, `installed services` printed twice)', () => {
    const text = corpus('androidqf', 'dumpsys.txt');
    const section = dumpsysSection(text, 'accessibility');
    for (const service of installedPre14) expect(section).toContain(service);
    expect(parseAccessibility(section)).toEqual({ enabled: [], bound: [] });
  });

  it('from Android 14: the enabled service `{{pkg/cls}}`', () => {
    const text = corpus('android_data', 'dumpsys_accessibility_v14_or_later.txt');
    const services = parseAccessibility(dumpsysSection(text, 'accessibility'));
    expect(services.enabled).toEqual(['com.malware.accessibility/com.malware.service.malwareservice']);
    // The one bound service is printed by label only (`Service[label=Accessibility service, …]`): no component.
    expect(services.bound).toEqual([]);
    // The registered-clients list names packages, not services.
    expect(services.enabled).not.toContain('com.android.launcher3');
  });
});

describe('dumpsys appops', () => {
  const text = corpus('android_data', 'dumpsys_appops.txt');
  const ops = parseAppops(text);

  it('reads every per-package operation, and no uid-level one', () => {
    // `      OP (mode):` lines; uid-level modes are printed `      OP: mode=x` and belong to no package.
    const opLines = countLines(text, /^ {6}[A-Z_0-9]+ \([a-z_]+\):$/);
    expect(opLines).toBe(37);
    expect(ops).toHaveLength(opLines);
    expect(ops.some((item) => item.op === 'LEGACY_STORAGE' || item.op === 'COARSE_LOCATION')).toBe(false);
    expect(new Set(ops.map((item) => item.packageName)).size).toBe(countLines(text, /^ {4}Package \S+:$/));
  });

  it('reads a package’s operations with their modes and latest access', () => {
    const facebook = ops.filter((item) => item.packageName === 'com.facebook.katana');
    expect(facebook.map((item) => [item.op, item.mode, item.lastAccess])).toEqual([
      ['READ_CONTACTS', 'allow', '2022-03-07 18:05:34'],
      // Only rejections: no access.
      ['WRITE_SMS', 'ignore', null],
      // The latest of fg 2021-05-19, bg 2022-03-29 and cch 2022-03-07.
      ['WAKE_LOCK', 'allow', '2022-03-29 23:03:03'],
      ['TOAST_WINDOW', 'allow', null],
      ['READ_PHONE_STATE', 'allow', '2022-03-29 18:57:58'],
      ['READ_EXTERNAL_STORAGE', 'allow', null],
      ['WRITE_EXTERNAL_STORAGE', 'allow', null],
      ['READ_DEVICE_IDENTIFIERS', 'deny', null],
    ]);
  });

  it('reads modes and accesses elsewhere in the file (proxy suffixes, `default`, `deny`)', () => {
    expect(op(ops, 'com.sec.epdg', 'MANAGE_IPSEC_TUNNELS').mode).toBe('deny');
    expect(op(ops, 'com.android.phone', 'MANAGE_IPSEC_TUNNELS').mode).toBe('allow');
    expect(op(ops, 'com.sec.factory.camera', 'RUN_IN_BACKGROUND')).toEqual({ packageName: 'com.sec.factory.camera', user: 0, op: 'RUN_IN_BACKGROUND', mode: 'allow', lastAccess: '2022-03-29 18:37:30' });
    expect(op(ops, 'com.sec.factory.camera', 'RECORD_AUDIO').lastAccess).toBeNull();
    expect(op(ops, 'org.fdroid.fdroid', 'SYSTEM_ALERT_WINDOW')).toMatchObject({ mode: 'default', lastAccess: null });
    expect(op(ops, 'org.fdroid.fdroid', 'TOAST_WINDOW').lastAccess).toBe('2022-01-24 05:16:25');
    expect(op(ops, 'org.fdroid.fdroid', 'RUN_IN_BACKGROUND').lastAccess).toBe('2022-02-03 11:24:26');
    expect(op(ops, 'org.fdroid.fdroid', 'REQUEST_INSTALL_PACKAGES')).toMatchObject({ mode: 'allow', lastAccess: '2022-02-02 23:20:13' });
    expect(op(ops, 'org.mozilla.firefox', 'REQUEST_INSTALL_PACKAGES')).toMatchObject({ mode: 'allow', lastAccess: null });
    expect(op(ops, 'com.sec.android.app.clockpackage', 'WAKE_LOCK').lastAccess).toBe('2022-03-29 18:38:31');
  });

  it('says in which user each operation was used, from the `Uid` line above its package', () => {
    expect(new Set(ops.map((item) => item.user))).toEqual(new Set([0]));
    // The same dump as a work profile (user 10) would print it: `u10a104` (UserHandle.formatUid), and a
    // numeric uid (user × 100000 + app id), as older releases print some.
    const inProfile = parseAppops(text.replace('  Uid u0a104:', '  Uid u10a104:').replace('  Uid u0a105:', '  Uid 1010105:'));
    expect(inProfile.filter((item) => item.packageName === 'org.mozilla.firefox').map((item) => item.user)).toEqual([10]);
    expect(new Set(inProfile.filter((item) => item.packageName === 'com.android.carrierdefaultapp').map((item) => item.user))).toEqual(new Set([10]));
    expect(op(inProfile, 'com.facebook.katana', 'READ_CONTACTS').user).toBe(0);
  });

  it('reads the appops section of a full dumpsys (androidqf/dumpsys.txt)', () => {
    const full = corpus('androidqf', 'dumpsys.txt');
    const section = dumpsysSection(full, 'appops');
    const fromFull = parseAppops(section);
    expect(fromFull).toHaveLength(countLines(section, /^ {6}[A-Z_0-9]+ \([a-z_]+\):$/));
    expect(fromFull).toHaveLength(30);
    expect(op(fromFull, 'com.facebook.katana', 'WAKE_LOCK').lastAccess).toBe('2022-03-29 23:03:03');
    expect(fromFull.some((item) => item.packageName === 'org.fdroid.fdroid')).toBe(false);
  });
});

describe('getprop', () => {
  it('reads every property, including those after the blank line (android_data/getprop.txt)', () => {
    const text = corpus('android_data', 'getprop.txt');
    const properties = parseGetprop(text);
    expect(properties.size).toBe(countLines(text, /^\[[^\]]+\]: \[/));
    expect(properties.size).toBe(13);
    expect(properties.get('af.fast_track_multiplier')).toBe('1');
    expect(properties.get('dalvik.vm.dex2oat-Xmx')).toBe('512m');
    // After the blank line:
    expect(properties.get('dalvik.vm.dex2oat-max-image-block-size')).toBe('524288');
    expect(properties.get('dalvik.vm.heapgrowthlimit')).toBe('192m');
  });

  it('reads androidqf/getprop.txt', () => {
    const text = corpus('androidqf', 'getprop.txt');
    const properties = parseGetprop(text);
    expect(properties.size).toBe(countLines(text, /^\[[^\]]+\]: \[/));
    expect(properties.size).toBe(10);
    expect(properties.get('dalvik.vm.heapgrowthlimit')).toBe('128m');
    expect(properties.get('dalvik.vm.heapminfree')).toBe('512k');
    expect(properties.get('dalvik.vm.appimageformat')).toBe('lz4');
  });
});

describe('ps -A', () => {
  it('reads every process of android_data/ps.txt, kernel threads in brackets', () => {
    const text = corpus('android_data', 'ps.txt');
    const processes = parsePs(text);
    const rows = text.split('\n').slice(1).filter((line) => line.trim() !== '').length;
    expect(rows).toBe(17);
    expect(processes).toHaveLength(rows);
    expect(proc(processes, 1)).toEqual({ user: 'root', pid: 1, ppid: 0, name: 'init' });
    expect(proc(processes, 2)).toEqual({ user: 'root', pid: 2, ppid: 0, name: '[kthreadd]' });
    expect(proc(processes, 4)).toEqual({ user: 'root', pid: 4, ppid: 2, name: '[kworker/0:0H]' });
    expect(proc(processes, 18)).toEqual({ user: 'root', pid: 18, ppid: 2, name: '[ksoftirqd/1]' });
    expect(processes.some((item) => item.pid === 3)).toBe(false);
  });

  it('reads androidqf/ps.txt, including processes in state D', () => {
    const text = corpus('androidqf', 'ps.txt');
    const processes = parsePs(text);
    const rows = text.split('\n').slice(1).filter((line) => line.trim() !== '').length;
    expect(rows).toBe(15);
    expect(processes).toHaveLength(rows);
    expect(proc(processes, 1)).toEqual({ user: 'root', pid: 1, ppid: 0, name: 'init' });
    expect(proc(processes, 11)).toEqual({ user: 'root', pid: 11, ppid: 2, name: '[tz_worker_threa]' });
    expect(proc(processes, 14).name).toBe('[tz_worker_threa]');
    expect(processes.filter((item) => item.ppid === 2)).toHaveLength(13);
  });
});

describe('settings list (androidqf/settings_random.txt)', () => {
  it('reads every key=value, including an empty value', () => {
    const text = corpus('androidqf', 'settings_random.txt');
    const settings = parseSettings(text);
    expect(settings.size).toBe(countLines(text, /^[^=]+=/));
    expect(settings.size).toBe(9);
    expect(settings.get('samsung_errorlog_agree')).toBe('0');
    expect(settings.get('package_verifier_enable')).toBe('1');
    expect(settings.get('navigationbar_pressure_user_level')).toBe('3');
    expect(settings.has('navigationbar_recently_used_color')).toBe(true);
    expect(settings.get('navigationbar_recently_used_color')).toBe('');
    expect(settings.get('navigationbar_use_theme_default')).toBe('0');
  });
});

// The corpus holds no `pm list packages` or `sha256sum` output. androidqf's packages.json records what those
// commands returned on the phone (names, APK paths, installers — `null` as the phone prints it — uids and
// hashes); these tests print them back in the phone's formats, with real paths such as `/data/app/~~==/…-==/`.
describe('pm list packages -f -i -U and sha256sum (lines rebuilt from androidqf/packages.json)', () => {
  interface JsonPackage {
    name: string;
    installer: string;
    uid: number;
    files: { path: string; sha256: string }[];
  }
  const json = JSON.parse(corpus('androidqf', 'packages.json')) as JsonPackage[];

  it('reads name, APK path (with `=` inside), installer and uid', () => {
    const text = json.map((item) => `package:${item.files[0]!.path}=${item.name}  installer=${item.installer} uid:${item.uid}`).join('\n');
    const listed = parsePmList(text);
    expect(listed).toHaveLength(7);
    expect(listed.find((item) => item.packageName === 'com.whatsapp')).toEqual({ packageName: 'com.whatsapp', apkPath: '/data/app/~~/com.whatsapp-~~/base.apk', installer: null, uid: 10271 });
    expect(listed.find((item) => item.packageName === 'app.revanced.manager.flutter')).toEqual({
      packageName: 'app.revanced.manager.flutter',
      apkPath: '/data/app/~~==/app.revanced.manager.flutter-==/base.apk',
      installer: 'com.google.android.packageinstaller',
      uid: 10266,
    });
    expect(listed.find((item) => item.packageName === 'org.nuclearfog.apollo')?.installer).toBe('org.fdroid.fdroid');
    // The APK path need not carry the package's name.
    expect(listed.find((item) => item.packageName === 'com.malware.muahaha')?.apkPath).toBe('/data/app/~~-==/com.malware.meh-==/base.apk');
    for (const item of json) {
      expect(listed).toContainEqual({ packageName: item.name, apkPath: item.files[0]!.path, installer: item.installer === 'null' ? null : item.installer, uid: item.uid });
    }
  });

  it('reads `<sha256>  <path>` lines', () => {
    const text = json.flatMap((item) => item.files.map((file) => `${file.sha256}  ${file.path}`)).join('\n');
    const hashes = parseSha256sum(text);
    expect(hashes.size).toBe(7);
    expect(hashes.get('/data/app/~~/com.whatsapp-~~/base.apk')).toBe('744ed47f8176ec423840344c33e88bd2c96e8988cda0797f3415bb5229efc12b');
    expect(hashes.get('/data/app/~~-==/org.fdroid.fdroid-==/base.apk')).toBe('dc3bb88f6419ee7dde7d1547a41569aa03282fe00e0dc43ce035efd7c9d27d75');
  });
});

// Nor does it hold `dumpsys device_policy` or `cmd package query-activities` output: on the real texts there
// are, these parsers must find nothing rather than mistake other sections for owners or launcher activities.
describe('device policy and launcher activities: no false readings from unrelated real text', () => {
  it('finds no device owner, profile owner or administrator in a dumpsys without device_policy', () => {
    const text = corpus('androidqf', 'dumpsys.txt');
    expect(parseDevicePolicy(dumpsysSection(text, 'device_policy'))).toEqual({ deviceOwner: null, profileOwners: [], admins: [], users: new Map() });
  });

  it('does not read the resolver tables of dumpsys package (`<hash> pkg/cls`) as launcher activities', () => {
    expect(parseActivityPackages(corpus('android_data', 'dumpsys_packages.txt')).size).toBe(0);
    expect(parseActivityPackages(corpus('androidqf', 'dumpsys.txt')).size).toBe(0);
  });
});

describe('broken or hostile outputs', () => {
  it('getprop: keeps values that span lines, and does not let an unterminated value swallow the rest for ever', () => {
    const text = '[a]: [1]\n[banner]: [line one\nline two]\n[c]: []\n';
    expect([...parseGetprop(text)]).toEqual([['a', '1'], ['banner', 'line one\nline two'], ['c', '']]);
    const unterminated = `[broken]: [no end\n${Array.from({ length: 300 }, (_, i) => `filler ${i}`).join('\n')}\n[after]: [ok]\n`;
    expect(parseGetprop(unterminated).get('after')).toBe('ok');
    expect(parseGetprop(unterminated).has('broken')).toBe(false);
  });

  it('sha256sum: pairs a hash only with the path on its own line', () => {
    const hash = 'a'.repeat(64);
    expect([...parseSha256sum(`${hash}\n/data/app/x/base.apk\n${hash}  /data/app/y/base.apk\n`)]).toEqual([['/data/app/y/base.apk', hash]]);
  });
});
