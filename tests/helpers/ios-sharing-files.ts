// Test fixture generator: the files of an iPhone backup that tell what the phone shares, in their real
// formats. Accounts3.sqlite with the ZACCOUNT and ZACCOUNTTYPE tables exactly as plaso's ios_accounts plugin
// records their schema from a real phone (log2timeline/plaso, plaso/parsers/sqlite_plugins/ios_accounts.py,
// SCHEMAS), its rows shaped like plaso's test database (an "iCloud" account owned by com.apple.purplebuddy,
// Core Data dates); com.apple.MobileBluetooth.ledevices.paired.db with the PairedDevices columns iLEAPP reads
// (abrignoni/iLEAPP, scripts/artifacts/bluetooth.py: Uuid, Name, NameOrigin, Address, ResolvedAddress,
// LastSeenTime, LastConnectionTime); and the classic com.apple.MobileBluetooth.devices.plist, a dictionary by
// Bluetooth address with Name, DefaultName, LastSeenTime and DeviceIdProduct, as the same iLEAPP artifact reads it.
import * as plist from 'plist';
import type { BackupFileSpec } from './ios-backup-writer.js';
import { sqliteFile } from './ios-backup-writer.js';

const ACCOUNT_TABLES = [
  'CREATE TABLE ZACCOUNT (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZACTIVE INTEGER, ZAUTHENTICATED INTEGER, ZSUPPORTSAUTHENTICATION INTEGER, ZVISIBLE INTEGER, ZACCOUNTTYPE INTEGER, ZPARENTACCOUNT INTEGER, ZDATE TIMESTAMP, ZLASTCREDENTIALRENEWALREJECTIONDATE TIMESTAMP, ZACCOUNTDESCRIPTION TEXT, ZAUTHENTICATIONTYPE TEXT, ZCREDENTIALTYPE TEXT, ZIDENTIFIER TEXT, ZOWNINGBUNDLEID TEXT, ZUSERNAME TEXT, ZDATACLASSPROPERTIES BLOB)',
  'CREATE TABLE ZACCOUNTTYPE (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZENCRYPTACCOUNTPROPERTIES INTEGER, ZOBSOLETE INTEGER, ZSUPPORTSAUTHENTICATION INTEGER, ZSUPPORTSMULTIPLEACCOUNTS INTEGER, ZVISIBILITY INTEGER, ZACCOUNTTYPEDESCRIPTION TEXT, ZCREDENTIALPROTECTIONPOLICY TEXT, ZCREDENTIALTYPE TEXT, ZIDENTIFIER TEXT, ZOWNINGBUNDLEID TEXT)',
];

/** The account types a phone's database lists, with their identifiers and the names iOS gives them. */
const TYPES = [
  { id: 'com.apple.account.AppleAccount', description: 'iCloud' },
  { id: 'com.apple.account.IdentityServices', description: 'iMessage' },
  { id: 'com.apple.account.Google', description: 'Gmail' },
  { id: 'com.apple.account.Exchange', description: 'Exchange' },
  { id: 'com.apple.account.iTunesStore', description: 'iTunes Store' },
] as const;
type AccountType = (typeof TYPES)[number]['id'];

export interface IosAccountSpec {
  type: AccountType;
  username: string;
  owner: string;
  /** ISO date the account was added. */
  added: string;
  /** The username of the account it hangs under (iMessage under iCloud), if any. */
  under?: string;
}

const coreData = (iso: string) => (Date.parse(iso) - Date.UTC(2001, 0, 1)) / 1000;
const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

export function accountsDatabase(accounts: readonly IosAccountSpec[]): Buffer {
  const types = TYPES.map((type, i) => `INSERT INTO ZACCOUNTTYPE (Z_PK, Z_ENT, Z_OPT, ZSUPPORTSMULTIPLEACCOUNTS, ZACCOUNTTYPEDESCRIPTION, ZIDENTIFIER) VALUES (${i + 1}, 2, 1, 1, ${quote(type.description)}, ${quote(type.id)})`);
  const rows = accounts.map((account, i) => {
    const type = TYPES.findIndex((candidate) => candidate.id === account.type) + 1;
    const parent = account.under ? accounts.findIndex((other) => other.username === account.under && !other.under) + 1 : 0;
    const identifier = `${(0x1589f4ec + i).toString(16).toUpperCase()}-8F6C-4F37-929F-C6F121B36A59`;
    return `INSERT INTO ZACCOUNT (Z_PK, Z_ENT, Z_OPT, ZACTIVE, ZAUTHENTICATED, ZVISIBLE, ZACCOUNTTYPE, ZPARENTACCOUNT, ZDATE, ZACCOUNTDESCRIPTION, ZIDENTIFIER, ZOWNINGBUNDLEID, ZUSERNAME) VALUES (${i + 1}, 1, 3, 1, 1, 1, ${type}, ${parent || 'NULL'}, ${coreData(account.added)}, ${quote(TYPES[type - 1]!.description)}, ${quote(identifier)}, ${quote(account.owner)}, ${quote(account.username)})`;
  });
  return sqliteFile([...ACCOUNT_TABLES, ...types, ...rows]);
}

export interface IosPairedSpec {
  name: string;
  address: string;
  /** Unix seconds. */
  lastSeen: number;
}

export function pairedLeDatabase(devices: readonly IosPairedSpec[]): Buffer {
  return sqliteFile([
    'CREATE TABLE PairedDevices (Uuid TEXT PRIMARY KEY, Name TEXT, NameOrigin INTEGER, Address TEXT, ResolvedAddress TEXT, LastSeenTime INTEGER, LastConnectionTime INTEGER)',
    ...devices.map((device, i) => `INSERT INTO PairedDevices VALUES ('${(0xa1b2c3d4 + i).toString(16).toUpperCase()}-5E6F-4A1B-9C2D-3E4F5A6B7C8D', ${quote(device.name)}, 1, ${quote(`Public ${device.address}`)}, ${quote(`Public ${device.address}`)}, ${device.lastSeen}, ${device.lastSeen})`),
  ]);
}

export function classicDevicesPlist(devices: readonly (IosPairedSpec & { defaultName?: string; productId?: number })[]): string {
  return plist.build(Object.fromEntries(devices.map((device) => [device.address, { Name: device.name, DefaultName: device.defaultName ?? device.name, LastSeenTime: device.lastSeen, DeviceIdProduct: device.productId ?? 8194 }])));
}

const BLUETOOTH = 'SysSharedContainerDomain-systemgroup.com.apple.bluetooth';

/** The three files as a backup holds them, where they are. */
export function sharingFiles(accounts: readonly IosAccountSpec[], le: readonly IosPairedSpec[], classic: readonly IosPairedSpec[]): BackupFileSpec[] {
  return [
    { domain: 'HomeDomain', relativePath: 'Library/Accounts/Accounts3.sqlite', content: accountsDatabase(accounts) },
    { domain: BLUETOOTH, relativePath: 'Library/Database/com.apple.MobileBluetooth.ledevices.paired.db', content: pairedLeDatabase(le) },
    { domain: BLUETOOTH, relativePath: 'Library/Preferences/com.apple.MobileBluetooth.devices.plist', content: classicDevicesPlist(classic) },
  ];
}
