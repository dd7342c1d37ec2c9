// The parsers of a phone's users and profiles, of the computers it trusts for debugging and of the
// installer files in its storage, on real outputs: `dumpsys adb` from MVT's corpus (../shared/corpus/mvt,
// real phones: an Android 14 dump whose keystore is in Android's binary XML, one with wireless debugging,
// one with a text-XML keystore) and its androidqf files.json; `pm list users` / `dumpsys user` in the exact
// formats AOSP prints them (UserManagerServiceShellCommand `runList`: "\t%s%s\n" of UserInfo.toString();
// UserManagerService.dumpUserLocked), with Samsung's Secure Folder line as a Galaxy prints it (adb_client
// issue #99: `UserInfo{150:Secure Folder:10061030} running`); `dumpsys package` in Android 15's layout
// (Settings.dumpPackageLPr: install source, first install per user); toybox `stat -c '%s|%Y|%n'` lines
// (toys/other/stat.c); `pm list packages -s` as PackageManagerShellCommand prints it (`package:NAME` lines).
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { adbGeneratePublicKey } from '@yume-chan/adb';
import { describe, expect, it } from 'vitest';
import { MVT } from '../../../../tests/helpers/shared.js';
import { emptyAcquisition, fillFromOutputs } from '../acquisition.js';
import { adbKeyFingerprint } from '../adb/adb-key.js';
import { dumpsysSection, parseDumpsysPackage } from './dumpsys-package.js';
import { parseDumpsysAdb } from './dumpsys-adb.js';
import { parseNotificationListeners } from './notification-listeners.js';
import { installersFromFilesJson, parseStatListing } from './storage-files.js';
import { mergeUsers, parseDumpsysUser, parsePmListUsers } from './users.js';

const corpus = (name: string) => fs.readFileSync(path.join(MVT, 'android_data', name), 'utf8');

describe('pm list users and dumpsys user', () => {
  const pmListUsers = 'Users:\n\tUserInfo{0:Owner:c13} running\n\tUserInfo{10:Work profile:1030} running\n\tUserInfo{150:Secure Folder:10061030} running\n\tUserInfo{11:Guest:414}\n';

  it('reads each user with a kind from its flags, and which are running', () => {
    expect(parsePmListUsers(pmListUsers)).toEqual([
      { id: 0, name: 'Owner', type: 'full.system', running: true },
      { id: 10, name: 'Work profile', type: 'profile.managed', running: true },
      { id: 150, name: 'Secure Folder', type: 'profile.managed', running: true },
      { id: 11, name: 'Guest', type: 'full.guest', running: false },
    ]);
  });

  it('keeps a name with colons whole', () => {
    expect(parsePmListUsers('Users:\n\tUserInfo{12:Work: Acme:1030} running\n')[0]).toMatchObject({ id: 12, name: 'Work: Acme' });
  });

  it('takes the exact type from dumpsys user (Android 15 Private Space, a clone profile)', () => {
    const dumpsys = [
      'Current user: 0',
      'Users:',
      '  UserInfo{0:Owner:c13} serialNo=0 isPrimary=true',
      '    Type: android.os.usertype.full.SYSTEM',
      '    Flags: 3091 (ADMIN|FULL|INITIALIZED|PRIMARY|SYSTEM)',
      '    State: RUNNING_UNLOCKED',
      '  UserInfo{11:Private space:1010} serialNo=11 isPrimary=false parentId=0',
      '    Type: android.os.usertype.profile.PRIVATE',
      '    Flags: 4112 (INITIALIZED|PROFILE)',
      '  UserInfo{12:Clone:1010} serialNo=12 isPrimary=false parentId=0',
      '    Type: android.os.usertype.profile.CLONE',
    ].join('\n');
    const dumped = parseDumpsysUser(dumpsys);
    expect(dumped.map((user) => [user.id, user.type])).toEqual([[0, 'full.system'], [11, 'profile.private'], [12, 'profile.clone']]);
    const listed = parsePmListUsers('Users:\n\tUserInfo{0:Owner:c13} running\n\tUserInfo{11:Private space:1010} running\n');
    expect(mergeUsers(listed, dumped).map((user) => user.type)).toEqual(['full.system', 'profile.private']);
    // Without pm list users (a bugreport), dumpsys user alone says who there is.
    expect(mergeUsers([], dumped).map((user) => user.id)).toEqual([0, 11, 12]);
  });

  it('finds no user in outputs that are not user listings', () => {
    expect(parsePmListUsers(corpus('dumpsys_packages.txt'))).toEqual([]);
    expect(parseDumpsysUser(corpus('dumpsys_accessibility.txt'))).toEqual([]);
  });
});

describe('dumpsys adb: the computers a phone trusts', () => {
  it('reads the key "Always allow" kept, recognises it as the computer connected now, and reads no time from a binary keystore', () => {
    const parsed = parseDumpsysAdb(dumpsysSection(corpus('dumpsys_adb.txt'), 'adb'));
    expect(parsed.connected).toBe(true);
    expect(parsed.lastKeyReceived).toBe('F0:A1:3D:8C:B3:F4:7B:09:9F:EE:8B:D8:38:2E:BD:C6');
    expect(parsed.keys).toEqual([{ fingerprint: 'F0:A1:3D:8C:B3:F4:7B:09:9F:EE:8B:D8:38:2E:BD:C6', comment: 'user@linux', source: 'adb_keys', lastConnection: null }]);
  });

  it('reads the same from a dump with wireless debugging', () => {
    const parsed = parseDumpsysAdb(dumpsysSection(corpus('dumpsys_adb_wifi.txt'), 'adb'));
    expect(parsed.keys.map((key) => key.comment)).toEqual(['user@linux']);
    expect(parsed.keys[0]?.fingerprint).toBe(parsed.lastKeyReceived);
  });

  it('takes nothing for a key that is not a whole adb key (MVT’s text-XML sample is cut short)', () => {
    const parsed = parseDumpsysAdb(dumpsysSection(corpus('dumpsys_adb_xml.txt'), 'adb'));
    expect(parsed).toEqual({ keys: [], lastKeyReceived: null, connected: true });
  });

  it('reads a whole key of a text-XML keystore with its last connection (the layout of MVT’s dumpsys_adb_xml.txt, a key made here)', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
    const publicKey = adbGeneratePublicKey(privateKey.export({ type: 'pkcs8', format: 'der' }));
    const text = corpus('dumpsys_adb_xml.txt').replace(/QAAAAAcgbytJst31DsaSP7hn8QcBXKR9NPVPK9MZssFVSNIP/g, Buffer.from(publicKey).toString('base64'));
    const parsed = parseDumpsysAdb(dumpsysSection(text, 'adb'));
    expect(parsed.keys).toEqual([{ fingerprint: adbKeyFingerprint(publicKey), comment: 'user@laptop', source: 'adb_keys', lastConnection: new Date(1628501829898).toISOString() }]);
    expect(parsed.lastKeyReceived).toBeNull();
  });
});

describe('dumpsys package on Android 14 and later: where an app came from, and when', () => {
  // A block in the layout of Settings.dumpPackageLPr (Android 15: install source keys, first install per user).
  const block = [
    'Packages:',
    '  Package [com.systemservice] (4e1c0f2):',
    '    appId=10231',
    '    pkg=Package{9b2a3e1 com.systemservice}',
    '    codePath=/data/app/~~Yq3sN0bJ1ZQ==/com.systemservice-Kx8cJ0v3Qm==',
    '    versionCode=58 minSdk=21 targetSdk=28',
    '    versionName=5.8',
    '    flags=[ HAS_CODE ALLOW_CLEAR_USER_DATA ]',
    '    timeStamp=2026-11-02 22:15:40',
    '    lastUpdateTime=2026-11-02 22:15:41',
    '    installerPackageName=com.google.android.packageinstaller',
    '    installerPackageUid=10067',
    '    initiatingPackageName=com.google.android.documentsui',
    '    originatingPackageName=com.android.chrome',
    '    packageSource=3',
    '    User 0: ceDataInode=27815 deDataInode=0 installed=true hidden=false suspended=false distractionFlags=0 stopped=false notLaunched=false enabled=0 instant=false virtual=false quarantined=false',
    '      installReason=0',
    '      dataDir=/data/user/0/com.systemservice',
    '      firstInstallTime=2026-11-02 22:15:41',
    '      uninstallReason=0',
    '',
  ].join('\n');

  it('reads the installer, the app that asked for the install, the one the APK came from, and the first install for the owner', () => {
    expect(parseDumpsysPackage(block)[0]).toMatchObject({
      packageName: 'com.systemservice',
      installer: 'com.google.android.packageinstaller',
      initiatingInstaller: 'com.google.android.documentsui',
      originatingInstaller: 'com.android.chrome',
      packageSource: 'local-file',
      firstInstallTime: '2026-11-02 22:15:41',
      lastUpdateTime: '2026-11-02 22:15:41',
    });
  });

  it('takes null for an install source the phone prints as null, and reads the older layout as before (MVT’s real dumpsys)', () => {
    const nulls = block.replace('initiatingPackageName=com.google.android.documentsui', 'initiatingPackageName=null').replace('originatingPackageName=com.android.chrome', 'originatingPackageName=null');
    expect(parseDumpsysPackage(nulls)[0]).toMatchObject({ initiatingInstaller: null, originatingInstaller: null });
    expect(parseDumpsysPackage(block.replace('packageSource=3', 'packageSource=4'))[0]?.packageSource).toBe('downloaded-file');
    const older = parseDumpsysPackage(corpus('dumpsys_packages.txt'));
    expect(older.length).toBeGreaterThan(0);
    expect(older.every((pkg) => pkg.initiatingInstaller === null && pkg.originatingInstaller === null)).toBe(true);
    expect(older.find((pkg) => pkg.packageName === 'com.samsung.android.provider.filterprovider')?.firstInstallTime).toBe('2008-12-31 16:00:00');
  });
});

describe('installer files in shared storage', () => {
  // toybox stat -c '%s|%Y|%n' (toys/other/stat.c: size, modification seconds, name); the name may hold any character.
  const listing = [
    '4194304|1761000000|/sdcard/Download/SystemService.apk',
    '1200|1761000100|/sdcard/Download/notes|odd name.APK',
    '99|1761000200|/sdcard/Download/a/b/c/too-deep.apk',
    '5|1761000300|/sdcard/DCIM/photo.apk',
    'find: /sdcard/Bluetooth: No such file or directory',
  ].join('\n');

  it('reads names, sizes and dates, keeps a name with | whole, and only the three folders three levels down', () => {
    expect(parseStatListing(listing)).toEqual([
      { path: '/sdcard/Download/SystemService.apk', size: 4194304, modifiedAt: new Date(1761000000 * 1000).toISOString() },
      { path: '/sdcard/Download/notes|odd name.APK', size: 1200, modifiedAt: new Date(1761000100 * 1000).toISOString() },
    ]);
  });

  it('finds no installer in MVT’s real files.json, and reads one androidqf lists under /storage/emulated/0 with its hash', () => {
    const real = JSON.parse(fs.readFileSync(path.join(MVT, 'androidqf', 'files.json'), 'utf8')) as { path: string }[];
    expect(real.length).toBeGreaterThan(0);
    expect(installersFromFilesJson(real)).toEqual({ files: [], hashes: new Map() });
    const sha256 = 'ab'.repeat(32);
    const found = installersFromFilesJson([{ path: '/storage/emulated/0/Download/update.apk', size: 2048, modified_time: 1761000000, sha256 }]);
    expect(found.files).toEqual([{ path: '/sdcard/Download/update.apk', size: 2048, modifiedAt: new Date(1761000000 * 1000).toISOString() }]);
    expect(found.hashes.get('/sdcard/Download/update.apk')).toBe(sha256);
  });
});

describe('dumpsys notification: the apps that read her notifications', () => {
  // The layout of ManagedServices.dump (caption "notification listener"), as NotificationManagerService prints it.
  const section = [
    '  Notification listeners:',
    '    Allowed notification listeners:',
    '      com.fitbit.FitbitMobile/com.fitbit.notifications.NotificationListenerService:com.systemservice/com.systemservice.NotificationReader (user: 0 isPrimary: true isUserChanged: false)',
    '      com.google.android.apps.wearables.maestro.companion (user: 0 isPrimary: false isUserChanged: false)',
    '      core.framework/core.framework.NotifyService (user: 10 isPrimary: true isUserChanged: false)',
    '    All notification listeners (3) enabled for current profiles:',
    '      ComponentInfo{com.fitbit.FitbitMobile/com.fitbit.notifications.NotificationListenerService}',
    '      ComponentInfo{com.systemservice/com.systemservice.NotificationReader}',
    '      ComponentInfo{core.framework/core.framework.NotifyService}',
    '    Live notification listeners (1):',
    '      ComponentInfo{com.fitbit.FitbitMobile/com.fitbit.notifications.NotificationListenerService} (user 0): android.service.notification.INotificationListener$Stub$Proxy@4c2a1d SYSTEM',
    '',
    '  Notification assistants:',
  ].join('\n');

  it('reads each user’s listeners from the allowed lines, leaving out the packages that are not services', () => {
    expect(parseNotificationListeners(section)).toEqual(
      new Map([
        [0, ['com.fitbit.FitbitMobile/com.fitbit.notifications.NotificationListenerService', 'com.systemservice/com.systemservice.NotificationReader']],
        [10, ['core.framework/core.framework.NotifyService']],
      ]),
    );
  });

  it('takes the enabled components as the owner’s on versions without the allowed lines', () => {
    const older = section.split('\n').filter((line) => !/Allowed|isPrimary/.test(line)).join('\n');
    expect(parseNotificationListeners(older).get(0)).toHaveLength(3);
  });

  it('finds none in real dumps without a notification section', () => {
    expect(parseNotificationListeners(corpus('dumpsys_accessibility.txt'))).toEqual(new Map());
    expect(parseNotificationListeners(fs.readFileSync(path.join(MVT, 'androidqf', 'dumpsys.txt'), 'utf8'))).toEqual(new Map());
  });
});

describe('pm list packages -s: the apps that are part of the system', () => {
  it('reads the names, adds up the users’ listings, and takes nothing from a refusal', () => {
    const acquisition = fillFromOutputs(emptyAcquisition(), [
      { command: 'pm list packages -s', text: 'package:android\npackage:com.android.settings\npackage:com.google.android.youtube\n', sha256: 'a'.repeat(64) },
      { command: 'pm list packages -s --user 10', text: 'package:com.android.settings\npackage:com.google.android.apps.work.clouddpc\n', sha256: 'b'.repeat(64) },
    ]);
    expect([...acquisition.systemPackages!].sort()).toEqual(['android', 'com.android.settings', 'com.google.android.apps.work.clouddpc', 'com.google.android.youtube']);
    const refused = fillFromOutputs(emptyAcquisition(), [{ command: 'pm list packages -s', text: "\nException occurred while executing 'list':\njava.lang.SecurityException: Shell does not have permission to access user 150\n", sha256: 'c'.repeat(64) }]);
    expect(refused.systemPackages).toBeNull();
  });
});
