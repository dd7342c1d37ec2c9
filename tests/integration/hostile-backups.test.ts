// Hostile iPhone backups (issue 16, point 2): what a crafted folder can do to a parser ends in a clear
// error within a bound of time and memory, and the app stays in the advocate's hands meanwhile — a
// Manifest.db whose `Files` is an endless recursive view (it used to hang "Opening the backup" until the
// process was killed), one whose `Files` computes a huge value for every row, a 30 MB XML Info.plist of
// tiny elements (it took 72 s and 4.4 GB), one declaring entities; and Quick exit locks the vault at once
// while a large (but legitimate) Info.plist is being parsed.
import fs from 'node:fs';
import path from 'node:path';
import * as plist from 'plist';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SentinelleError } from '../../src-shared/errors.js';
import type { App } from '../../src-main/app.js';
import { parsePropertyList } from '../../src-main/acquisition/property-list.js';
import { appWithVault } from '../helpers/app.js';
import { sqliteFile, writeIosBackup } from '../helpers/ios-backup-writer.js';
import { failsWithin } from '../helpers/bounded.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

let dir: string;
let app: App;
let caseId: string;
beforeEach(async () => {
  dir = makeTempDir('sentinelle-hostile-ios-');
  ({ app } = await appWithVault(path.join(dir, 'vault')));
  caseId = (await app.call('cases.create', { label: 'hostile' })).id;
});
afterEach(async () => {
  await app.dispose();
  removeDir(dir);
});

/** A small, sound plain backup to be altered. */
async function plainBackup(): Promise<string> {
  const written = await writeIosBackup(path.join(dir, 'backup'), {
    device: { name: 'iPhone', productType: 'iPhone14,5', productVersion: '17.5.1', buildVersion: '21F90', serialNumber: 'F2LXK0ABCD12', udid: '00008110-001A2B3C4D5E6F70' },
    apps: [{ bundleId: 'net.whatsapp.WhatsApp', name: 'WhatsApp' }],
    files: [{ domain: 'HomeDomain', relativePath: 'Library/Preferences/com.apple.Maps.plist', content: plist.build({ MapsLastVisit: 1 }) }],
    manifestDbWal: false,
  });
  return written.dir;
}

/** Scans the backup, expecting a typed error; with the time and memory it took. */
const scanBounded = (backup: string) => failsWithin(() => app.call('scans.iosBackup', { caseId, path: backup }));

function replaceManifestDb(backup: string, statements: string[]): void {
  fs.writeFileSync(path.join(backup, 'Manifest.db'), sqliteFile(statements));
}

describe('a hostile Manifest.db', () => {
  it('whose Files is an endless recursive view is refused at once, by name', async () => {
    const backup = await plainBackup();
    replaceManifestDb(backup, [
      "CREATE VIEW Files AS WITH RECURSIVE endless(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM endless) SELECT printf('%040d', n) AS fileID, 'HomeDomain' AS domain, 'x' || n AS relativePath, 1 AS flags, NULL AS file FROM endless",
    ]);
    const { error } = await scanBounded(backup);
    expect(error.code).toBe('backup.unreadable');
    expect(error.message).toMatch(/Files is not a table/);
  });

  it('whose Files computes a huge value for every row is refused', async () => {
    const backup = await plainBackup();
    replaceManifestDb(backup, [
      'CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, flags INTEGER, file BLOB)',
      ...Array.from({ length: 50 }, (_, i) => `INSERT INTO Files VALUES ('${i.toString(16).padStart(40, '0')}', 'HomeDomain', 'f${i}', 1, NULL)`),
      // Added afterwards, as a crafted file would have it: nothing is computed until a row is read.
      'ALTER TABLE Files ADD COLUMN padding TEXT GENERATED ALWAYS AS (hex(zeroblob(100000000))) VIRTUAL',
    ]);
    const { error } = await scanBounded(backup);
    expect(error.code).toBe('backup.unreadable');
    expect(error.message).toMatch(/computed columns/);
  });
});

describe('a hostile XML Info.plist', () => {
  it('of 30 MB of tiny elements ends in a clear error within 30 s, with bounded memory', async () => {
    const backup = await plainBackup();
    const elements = 4_300_000;
    fs.writeFileSync(path.join(backup, 'Info.plist'), `<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><array>${'<true/>'.repeat(elements)}</array></plist>\n`);
    expect(fs.statSync(path.join(backup, 'Info.plist')).size).toBeGreaterThan(30_000_000);
    const { error, peakGrowthMb } = await scanBounded(backup);
    expect(error.code).toBe('backup.unreadable');
    expect(error.message).toMatch(/Info\.plist is larger or more complex than any real one|Info\.plist is not a valid property list/);
    expect(error.technical ?? error.message).toMatch(/elements/);
    expect(peakGrowthMb).toBeLessThan(1024);
  }, slow(60_000));

  it('declaring its own entities is refused', async () => {
    const backup = await plainBackup();
    const laughs = ['<!ENTITY a0 "ha">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY a${i + 1} "${`&a${i};`.repeat(10)}">`)].join('');
    fs.writeFileSync(path.join(backup, 'Info.plist'), `<?xml version="1.0"?><!DOCTYPE plist [${laughs}]><plist version="1.0"><string>&a9;</string></plist>`);
    const { error } = await scanBounded(backup);
    expect(error.code).toBe('backup.unreadable');
    expect(error.technical ?? '').toMatch(/entities/);
  });
});

describe('Quick exit while a file is being parsed', () => {
  it('locks the vault at once, without waiting for the parser', async () => {
    const backup = await plainBackup();
    // A large Info.plist within every bound (as a phone with very many apps could have): seconds to parse.
    const apps = Array.from({ length: 60_000 }, (_, i) => `com.example.app${i}`);
    const xml = plist.build({ 'Device Name': 'iPhone', 'Product Type': 'iPhone14,5', 'Product Version': '17.5.1', 'Unique Identifier': '00008110-001A2B3C4D5E6F70', 'Installed Applications': apps, Padding: apps });
    fs.writeFileSync(path.join(backup, 'Info.plist'), xml);
    // Within every bound: it parses (on the main thread here, as a check of the file itself).
    expect(parsePropertyList(Buffer.from(xml), 64 * 1024 * 1024)).toMatchObject({ 'Device Name': 'iPhone' });

    let locking: Promise<unknown> | null = null;
    app.subscribe((event, payload) => {
      // As soon as the scan starts opening the backup (its Info.plist is being parsed), the advocate presses Quick exit.
      if (event === 'scan.progress' && (payload as { step: string }).step === 'open' && !locking) locking = app.call('vault.lock', { reason: 'quick-exit' });
    });
    const error = await app.call('scans.iosBackup', { caseId, path: backup }).then(() => null, (caught: unknown) => caught);
    // The parser was stopped, not waited for: the scan ends cancelled and the vault is locked. (How fast:
    // `npm run bench -- hostile`.)
    expect((error as SentinelleError).code).toBe('scan.cancelled');
    expect(locking).not.toBeNull();
    await locking;
    expect((await app.call('vault.status', {})).state).toBe('locked');
  }, slow(60_000));
});
