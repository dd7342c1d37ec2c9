// What the simulated phone prints about what it shares — accounts, paired devices, Smart Lock, the screen
// lock, where it backs up to — from its profile, line for line as Android 14 prints them (the sources are named in
// tests/fixtures/android-consultation/README.md, beside dumps of the same form).
import type { PhoneProfile } from './phone-profile.js';

const OWNER = 'UserInfo{0:Owner:4c13}';

/** AccountManagerService.dump for the owner: the accounts, an empty history, the authenticators. */
export function dumpsysAccount(profile: PhoneProfile): string {
  const types = [...new Set(profile.accounts.map((account) => account.type))];
  return [
    `User ${OWNER}:`,
    `  Accounts: ${profile.accounts.length}`,
    ...profile.accounts.map((account) => `    Account {name=${account.name}, type=${account.type}}`),
    '  ',
    '  AccountId, Action_Type, timestamp, UID, TableName, Key',
    '  Accounts History',
    '',
    '  Active Sessions: 0',
    '',
    `  RegisteredServicesCache: ${types.length} services`,
    ...types.map((type, i) => `    ServiceInfo: AuthenticatorDescription {type=${type}}, ComponentInfo{${type}/${type}.AccountAuthenticatorService}, uid ${10100 + i}`),
    '',
    '',
  ].join('\n');
}

/** BluetoothManagerService.dump, then AdapterProperties.dump with the bonded devices. */
export function dumpsysBluetooth(profile: PhoneProfile): string {
  const type = { 'BR/EDR': 'BR/EDR', LE: '  LE  ', DUAL: ' DUAL ' } as const;
  return [
    'Bluetooth Status',
    '  enabled: true',
    '  state: ON',
    '  address: 3C:28:6D:11:22:33',
    `  name: ${profile.device.model}`,
    '',
    'Bluetooth crashed 0 times',
    '',
    '0 BLE appsregistered',
    '',
    'BluetoothAdapterProperties',
    `  Name: ${profile.device.model}`,
    '  Address: 3C:28:6D:11:22:33',
    '  ScanMode: SCAN_MODE_CONNECTABLE',
    '  State: ON',
    '  Bonded devices:',
    ...profile.pairedDevices.map((device) => `    ${device.address} [${type[device.type]}] ${device.name}`),
    '',
    '  Scan Mode Changes:',
    '',
  ].join('\n');
}

/** TrustManagerService's dump for the owner. */
export function dumpsysTrust(profile: PhoneProfile): string {
  const managed = profile.trustAgents.some((agent) => agent.managingTrust);
  const lines = ['Trust manager state:', ` User "Owner" (id=0, flags=0x4c13) (current): trusted=${managed ? 1 : 0}, trustManaged=${managed ? 1 : 0}, deviceLocked=0, isActiveUnlockRunning=0, strongAuthRequired=0x0`, '   Enabled agents:'];
  for (const agent of profile.trustAgents) {
    lines.push(`    ${agent.component}`, `     bound=1, connected=1, managingTrust=${agent.managingTrust ? 1 : 0}, trusted=${agent.managingTrust ? 1 : 0}`);
    if (agent.managingTrust && agent.message) lines.push(`      message="${agent.message}"`);
  }
  lines.push('   Events:', '');
  return `${lines.join('\n')}\n`;
}

/** LockSettingsService.dumpInternal for the owner. */
export function dumpsysLockSettings(profile: PhoneProfile): string {
  const none = profile.screenLock === 'none';
  return [
    'Current lock settings service state:',
    '',
    'User State:',
    '  User 0',
    `    LSKF-based SP protector ID: ${none ? '0000000000000000' : '3a7c5e01d2b94f60'}`,
    `    SID: ${none ? '0000000000000000' : '6d1f0b7e2c4a9835'}`,
    `    Quality: ${none ? 0 : 131072}`,
    `    CredentialType: ${profile.screenLock.toUpperCase()}`,
    '    SeparateChallenge: false',
    `    Metrics: ${none ? 'unknown' : 'known'}`,
    '  ',
    'Storage:',
    '',
  ].join('\n');
}

/** UserBackupManagerService.dumpInternal for the owner: Google's transport in use, backing up to the profile's backup account. */
export function dumpsysBackup(profile: PhoneProfile): string {
  const account = profile.backupAccount === undefined ? (profile.accounts.find((candidate) => candidate.type === 'com.google')?.name ?? null) : profile.backupAccount;
  return [
    `Backup Manager is ${account ? 'enabled' : 'disabled'} / setup complete / not pending init`,
    'Auto-restore is enabled',
    'No backups running',
    `Last backup pass started: ${account ? '1764972000000' : '0'} (now = 1765098123456)`,
    `  next scheduled: ${account ? '1765112400000' : '0'}`,
    'Transport whitelist:',
    '    com.google.android.gms/.backup.BackupTransportService',
    '    com.google.android.gms/.backup.migrate.service.D2dTransport',
    'Available transports:',
    '  * com.google.android.gms/.backup.BackupTransportService',
    `       destination: ${account ?? 'null'}`,
    '       intent: Intent { act=com.google.android.gms.backup.ACTION_BACKUP_SETTINGS flg=0x10000000 }',
    '    com.google.android.gms/.backup.migrate.service.D2dTransport',
    '       destination: Moving data to new device',
    '       intent: null',
    'Pending init: 0',
    'Ancestral: 0',
    'Current:   3f2a9c41d7e8b650',
    'Participants:',
    '',
  ].join('\n');
}
