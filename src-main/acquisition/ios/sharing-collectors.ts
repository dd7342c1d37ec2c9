// What an iPhone backup tells of what the phone shares, read-only (issue 32): the accounts on the phone
// (Accounts3.sqlite: iCloud, Gmail, Exchange… with their user names) and the devices paired over Bluetooth
// (the LE paired-devices database, and the classic devices list where the backup holds it). Formats as public
// forensic tools read them: plaso's ios_accounts plugin (log2timeline/plaso, the ZACCOUNT and ZACCOUNTTYPE
// tables) and iLEAPP's bluetooth artifact (abrignoni/iLEAPP, the PairedDevices table and the devices plist).
// Names of accounts and devices are personal data: kept in the vault, never forwarded.
import type { AcquiredObservation } from '../acquired-observation.js';
import { coreDataDate, openSqlite, rows, SQLITE_MAX_BYTES, t, tableColumns, text, unixDate, type Collector } from './backup-reading.js';
import { isDictionary } from '../property-list.js';
import { readPlistDictionaryOffThread } from './plist-file.js';

const BLUETOOTH_DOMAIN = 'SysSharedContainerDomain-systemgroup.com.apple.bluetooth';
/** A devices list is a few KiB; a larger one is not read. */
const DEVICES_PLIST_MAX_BYTES = 4 * 1024 * 1024;
/** More accounts or paired devices than any phone has: the rest are not read (a hostile backup cannot flood the case). */
const MOST_ROWS = 2000;

export const accountsCollector: Collector = {
  id: 'accounts',
  label: t('Reading the accounts on the iPhone', 'Lecture des comptes de l’iPhone'),
  async collect({ backup, keep, skip }) {
    const record = backup.file('HomeDomain', 'Library/Accounts/Accounts3.sqlite');
    const file = record ? await keep(record, SQLITE_MAX_BYTES) : null;
    const db = file ? openSqlite(file) : null;
    if (file && !db) skip(file.record.relativePath, new Error('not a SQLite database'));
    if (!file || !db) return [];
    try {
      const columns = tableColumns(db, 'ZACCOUNT');
      if (!columns.has('ZACCOUNTTYPE') || !columns.has('ZUSERNAME')) return [];
      const optional = (column: string) => (columns.has(column) ? `a.${column}` : 'NULL');
      const found = rows<{ id: unknown; type: unknown; typeId: unknown; username: unknown; owner: unknown; created: unknown; parent: unknown }>(
        db,
        `SELECT a.Z_PK AS id, ty.ZACCOUNTTYPEDESCRIPTION AS type, ty.ZIDENTIFIER AS typeId, a.ZUSERNAME AS username, ${optional('ZOWNINGBUNDLEID')} AS owner,
                ${optional('ZDATE')} AS created, ${optional('ZPARENTACCOUNT')} AS parent
         FROM ZACCOUNT a LEFT JOIN ZACCOUNTTYPE ty ON a.ZACCOUNTTYPE = ty.Z_PK LIMIT ${MOST_ROWS}`,
      );
      return found.map((row) => ({
        kind: 'ios.account',
        subject: `${text(row.typeId) ?? text(row.type) ?? 'account'}:${text(row.username) ?? String(row.id)}`,
        data: { type: text(row.type), typeId: text(row.typeId), username: text(row.username), owner: text(row.owner), created: coreDataDate(row.created), topLevel: row.parent === null || row.parent === undefined },
        artifactSha256s: [file.sha256],
      }));
    } finally {
      db.close();
    }
  },
};

/** The classic devices list: a dictionary by Bluetooth address, each device with its name and when it was last seen. */
function classicDevices(list: Record<string, unknown>): { address: string; name: string | null; lastSeen: string | null }[] {
  return Object.entries(list)
    .slice(0, MOST_ROWS)
    .map(([address, device]) => {
      const fields = isDictionary(device) ? (device as Record<string, unknown>) : {};
      return { address, name: text(fields.Name) ?? text(fields.DefaultName), lastSeen: unixDate(fields.LastSeenTime) };
    });
}

export const pairedDevicesCollector: Collector = {
  id: 'paired-devices',
  label: t('Reading the devices paired with the iPhone', 'Lecture des appareils associés à l’iPhone'),
  async collect({ backup, keep, skip, signal }) {
    const observations: AcquiredObservation[] = [];
    const le = backup.file(BLUETOOTH_DOMAIN, 'Library/Database/com.apple.MobileBluetooth.ledevices.paired.db');
    const leFile = le ? await keep(le, SQLITE_MAX_BYTES) : null;
    const db = leFile ? openSqlite(leFile) : null;
    if (leFile && !db) skip(leFile.record.relativePath, new Error('not a SQLite database'));
    if (leFile && db) {
      try {
        const lastSeen = tableColumns(db, 'PairedDevices').has('LastSeenTime') ? 'LastSeenTime' : 'NULL';
        for (const row of rows<{ uuid: unknown; name: unknown; address: unknown; lastSeen: unknown }>(db, `SELECT Uuid AS uuid, Name AS name, Address AS address, ${lastSeen} AS lastSeen FROM PairedDevices LIMIT ${MOST_ROWS}`)) {
          const address = text(row.address);
          observations.push({ kind: 'ios.paired-device', subject: text(row.uuid) ?? address ?? 'paired-device', data: { name: text(row.name), address, source: 'le-paired', lastSeen: unixDate(row.lastSeen) }, artifactSha256s: [leFile.sha256] });
        }
      } finally {
        db.close();
      }
    }
    const classic = backup.file(BLUETOOTH_DOMAIN, 'Library/Preferences/com.apple.MobileBluetooth.devices.plist');
    const classicFile = classic ? await keep(classic, DEVICES_PLIST_MAX_BYTES) : null;
    let list: Record<string, unknown> = {};
    try {
      if (classicFile) list = await readPlistDictionaryOffThread(classicFile.bytes, classic!.relativePath, signal, DEVICES_PLIST_MAX_BYTES);
    } catch (error) {
      skip(classic!.relativePath, error);
    }
    if (classicFile) {
      for (const device of classicDevices(list)) {
        observations.push({ kind: 'ios.paired-device', subject: device.address, data: { name: device.name, address: device.address, source: 'classic', lastSeen: device.lastSeen }, artifactSha256s: [classicFile.sha256] });
      }
    }
    return observations;
  },
};
