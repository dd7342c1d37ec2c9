// The listings that tell what a phone shares: its accounts, the devices paired with it, Smart Lock,
// whether a screen lock protects it and where it backs up to — each on a dump built from the Android source that prints it
// (tests/fixtures/android-consultation/README.md names each source) and on the real fragments found in
// public places, each cited; and the outputs of a phone without them.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDumpsysAccount } from './accounts.js';
import { parseBondedDevices } from './bluetooth.js';
import { parseDumpsysTrust } from './trust.js';
import { parseLockSettings } from './lock-settings.js';
import { parseDumpsysBackup } from './backup.js';

const fixture = (name: string) => fs.readFileSync(new URL(`../../../../tests/fixtures/android-consultation/${name}`, import.meta.url), 'utf8');

describe('the accounts on a phone (dumpsys account)', () => {
  it('reads each user’s accounts by type, not the history, the authenticators or the visibility lists', () => {
    expect(parseDumpsysAccount(fixture('dumpsys-account-a14.txt'))).toEqual([
      { user: 0, type: 'com.google', name: 'alice.martin@gmail.com' },
      { user: 0, type: 'com.google', name: 'jm.dupont.1985@gmail.com' },
      { user: 0, type: 'com.whatsapp', name: '+33612345678' },
      { user: 10, type: 'com.google', name: 'a.martin@example.org' },
    ]);
  });

  it('reads a name with spaces, parentheses and a #, as a real phone printed one', () => {
    // Quoted in https://github.com/iamr0s/Dhizuku/issues/149 (DAVx⁵'s address books).
    expect(parseDumpsysAccount('User UserInfo{0:Owner:c13}:\n  Accounts: 1\n    Account {name=連絡先 (Masked1@example.com) #25, type=at.bitfire.davdroid.address_book}\n')).toEqual([
      { user: 0, type: 'at.bitfire.davdroid.address_book', name: '連絡先 (Masked1@example.com) #25' },
    ]);
  });

  it('finds none on a phone without accounts, or in an error', () => {
    expect(parseDumpsysAccount('User UserInfo{0:Owner:c13}:\n  Accounts: 0\n\n  Active Sessions: 0\n')).toEqual([]);
    expect(parseDumpsysAccount("Can't find service: account\n")).toEqual([]);
  });
});

describe('the devices paired with a phone (dumpsys bluetooth_manager)', () => {
  it('reads the bonded devices, a random address by its identity', () => {
    expect(parseBondedDevices(fixture('dumpsys-bluetooth-a14.txt'))).toEqual([
      { address: '00:1B:66:AA:BB:CC', type: 'BR/EDR', name: 'Sennheiser MOMENTUM 3' },
      { address: 'F4:7D:EF:01:02:03', type: 'DUAL', name: 'Galaxy Watch4 (8C1F)' },
      { address: 'D0:03:DF:44:55:66', type: 'LE', name: 'Galaxy SmartTag' },
    ]);
  });

  it('reads the masked form of the newer Bluetooth module, and the list of Android 8 at two spaces', () => {
    const masked = '  Bonded devices:\n    XX:XX:XX:XX:12:34 [BR/EDR][ 0x240404 ] Car Multimedia\n    XX:XX:XX:XX:56:78 [  LE  ][ 0x000000 ] \n\n';
    expect(parseBondedDevices(masked)).toEqual([
      { address: 'XX:XX:XX:XX:12:34', type: 'BR/EDR', name: 'Car Multimedia' },
      { address: 'XX:XX:XX:XX:56:78', type: 'LE', name: null },
    ]);
    // AdapterService.dump before Android 9: the header at the margin, entries at two spaces.
    expect(parseBondedDevices('Bonded devices:\n  5C:F3:70:8A:12:34 [BR/EDR] Jabra Move\nProfile: A2dpService\n')).toEqual([{ address: '5C:F3:70:8A:12:34', type: 'BR/EDR', name: 'Jabra Move' }]);
  });

  it('finds none when Bluetooth is off (the adapter prints no list)', () => {
    expect(parseBondedDevices('Bluetooth Status\n  enabled: false\n  state: OFF\n\nBluetooth Service not connected\n')).toEqual([]);
  });
});

describe('Smart Lock and other trust agents (dumpsys trust)', () => {
  it('reads the agents that keep a user’s phone unlocked, and what they say', () => {
    expect(parseDumpsysTrust(fixture('dumpsys-trust-a14.txt'))).toEqual([
      { user: 0, component: 'com.google.android.gms/.auth.trustagent.GoogleTrustAgent', managingTrust: true, trusted: true, message: 'Kept unlocked by Galaxy Watch4 (8C1F)' },
    ]);
  });

  it('reads an agent enabled but not in charge (Android 8’s line, without isActiveUnlockRunning)', () => {
    const text = 'Trust manager state:\n User "Owner" (id=0, flags=0x13) (current): trusted=0, trustManaged=0, deviceLocked=1, strongAuthRequired=0x0\n   Enabled agents:\n    com.google.android.gms/.auth.trustagent.GoogleTrustAgent\n     bound=1, connected=1, managingTrust=0, trusted=0\n   Events:\n';
    expect(parseDumpsysTrust(text)).toEqual([{ user: 0, component: 'com.google.android.gms/.auth.trustagent.GoogleTrustAgent', managingTrust: false, trusted: false, message: null }]);
    expect(parseDumpsysTrust('disabled because the third-party apps can\'t run yet.\n')).toEqual([]);
  });
});

describe('whether a screen lock protects the phone (dumpsys lock_settings)', () => {
  it('reads each user’s credential type, not the storage section’s users', () => {
    expect(parseLockSettings(fixture('dumpsys-lock-settings-a14.txt'))).toEqual([
      { user: 0, credential: 'pin' },
      { user: 10, credential: 'none' },
    ]);
  });

  it('reads the Android 11–12 form as a real phone printed it, indentation flattened', () => {
    // The "Dumpsys lock_settings" section of https://github.com/WuhDaFak/adb-cheatsheet (a Samsung phone).
    const real = 'Current lock settings service state:\n\nUser State:\n User 0\n SP Handle: 5f0ef3437a85f55\nLast changed: 2021-07-28 20:22:36 (b8212446331f2358)\n  SID: 3fffcda35ee6c180\n  Quality: 0\n CredentialType: Pin\n SeparateChallenge: true\n Metrics: known\n';
    expect(parseLockSettings(real)).toEqual([{ user: 0, credential: 'pin' }]);
  });

  it('tells no lock from a lock on Android 8–10 by the secure user id', () => {
    expect(parseLockSettings(fixture('dumpsys-lock-settings-a9.txt'))).toEqual([{ user: 0, credential: 'none' }]);
    expect(parseLockSettings('Current lock settings service state:\nSP Enabled = true\n    User 0\n        SP Handle = 2a\n        SID = 7f3e2c1d\n')).toEqual([{ user: 0, credential: 'set' }]);
  });
});

describe('where the phone backs up to (dumpsys backup)', () => {
  it('reads each user’s transports, the one in use and its destination, not the whitelist or the state files', () => {
    expect(parseDumpsysBackup(fixture('dumpsys-backup-a14.txt'))).toEqual([
      { user: 0, transport: 'com.google.android.gms/.backup.BackupTransportService', current: true, destination: 'amina.kaddour@gmail.com', enabled: true },
      { user: 0, transport: 'com.google.android.gms/.backup.migrate.service.D2dTransport', current: false, destination: 'Moving data to new device', enabled: true },
      { user: 10, transport: 'com.google.android.gms/.backup.BackupTransportService', current: true, destination: null, enabled: false },
    ]);
  });

  it('reads the Android 9 form as a real phone printed it (the address masked by its owner)', () => {
    // From the question "Is there a generalized man page or documentation for the Android adb shell dumpsys
    // [service] command?" (Stack Overflow 59134552, 2019), output of `adb shell dumpsys backup`, truncated there.
    const real = [
      'Backup Manager is enabled / provisioned / not pending init',
      'Auto-restore is enabled',
      'Last backup pass started: 0 (now = 1575271089047)',
      '  next scheduled: 1575281388106',
      'Transport whitelist:',
      '    android/com.android.internal.backup.LocalTransportService',
      '    com.google.android.gms/.backup.component.D2dTransportService',
      '    com.google.android.gms/.backup.BackupTransportService',
      'Available transports:',
      '    android/com.android.internal.backup.LocalTransport',
      '       destination: Backing up to debug-only private cache',
      '       intent: null',
      '  * com.google.android.gms/.backup.BackupTransportService',
      '       destination: *****@gmail.com',
      '       intent: Intent { cmp=com.google.android.gms/.backup.SetBackupAccountActivity }',
      '       @pm@ - 3794 state bytes',
      '       com.google.android.dialer - 124 state bytes',
      'Pending init: 0',
      'Ancestral: 0',
      'Current:   39b423cbcb6862e5',
    ].join('\n');
    expect(parseDumpsysBackup(real)).toEqual([
      { user: 0, transport: 'android/com.android.internal.backup.LocalTransport', current: false, destination: 'Backing up to debug-only private cache', enabled: true },
      { user: 0, transport: 'com.google.android.gms/.backup.BackupTransportService', current: true, destination: '*****@gmail.com', enabled: true },
    ]);
  });

  it('finds none in an error, or when the service is missing', () => {
    expect(parseDumpsysBackup("Can't find service: backup\n")).toEqual([]);
    expect(parseDumpsysBackup('')).toEqual([]);
  });
});

