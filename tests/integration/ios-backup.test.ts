// iPhone backups end to end through the typed API: MVT's real backup (read: device facts from its binary
// Info.plist, its apps, its Manifest.db records, files resolved by hash), and backups written in the real
// on-disk format by tests/helpers/ios-backup-writer.ts — plain and encrypted — with a monitoring app, a
// management profile, supervision, jailbreak traces, network use, browsing history and permissions
// planted, which the scan must find. The encrypted one opens with the right password only.
import { execFileSync } from 'node:child_process';
import { createHash, pbkdf2Sync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as plist from 'plist';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SentinelleError } from '../../src-shared/errors.js';
import type { App } from '../../src-main/app.js';
import { appWithVault } from '../helpers/app.js';
import { sqliteFile, writeIosBackup, type BackupSpec } from '../helpers/ios-backup-writer.js';
import { MVT } from '../helpers/shared.js';
import { makeTempDir, readAllFiles, removeDir } from '../helpers/temp.js';
import { callWithFindings } from '../helpers/findings.js';

const CORPUS = path.join(MVT, 'ios_backup');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const CORE_DATA = (iso: string) => (Date.parse(iso) - Date.UTC(2001, 0, 1)) / 1000;

let dir: string;
let app: App;
let caseId: string;
beforeEach(async () => {
  dir = makeTempDir('sentinelle-ios-');
  ({ app } = await appWithVault(path.join(dir, 'vault')));
  caseId = (await app.call('cases.create', { label: 'iPhone' })).id;
});
afterEach(async () => {
  await app.dispose();
  removeDir(dir);
});

async function failure(promise: Promise<unknown>): Promise<SentinelleError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(SentinelleError);
  return error as SentinelleError;
}

describe('MVT’s real backup', () => {
  it('reads the device facts, the apps, the Manifest.db records and the files found by hash', async () => {
    const listed = await app.call('backups.list', { folders: [CORPUS] });
    expect(listed[0]).toMatchObject({ path: CORPUS, deviceName: 'iPhone', productType: 'iPhone9,3', iosVersion: '14.3', encrypted: false, lastBackup: '2021-12-03T19:33:13.000Z', problem: null });

    const outcome = await callWithFindings(app, 'scans.iosBackup', { caseId, path: CORPUS });
    expect(outcome.scan.status).toBe('completed');
    // The corpus is a partial copy: the files it lacks are named, not fatal.
    expect(outcome.notes.some((note) => note.includes('Library/Safari/History.db'))).toBe(true);

    const [device] = (await app.call('scans.list', { caseId })).map((scan) => scan.deviceId);
    expect(device).toBeTruthy();

    // Apps: every bundle of Info.plist's list, and every app domain of Manifest.db (counted here with SQLite).
    const info = plist.parseBinary(fs.readFileSync(path.join(CORPUS, 'Info.plist'))) as Record<string, unknown>;
    const manifest = new Database(path.join(CORPUS, 'Manifest.db'), { readonly: true });
    const appDomains = (manifest.prepare("SELECT DISTINCT substr(domain, 11) AS id FROM Files WHERE domain LIKE 'AppDomain-%'").all() as { id: string }[]).map((row) => row.id);
    const records = (manifest.prepare('SELECT count(*) AS n FROM Files').get() as { n: number }).n;
    manifest.close();
    const apps = (await app.call('observations.list', { caseId, kind: 'ios.app' })).map((observation) => observation.subject);
    expect(apps).toEqual(expect.arrayContaining([...(info['Installed Applications'] as string[]), ...appDomains]));
    expect(records).toBe(3721);

    // Files resolved by their hashed names: TCC.db and DataUsage.sqlite, kept byte for byte.
    const captures = await app.call('artifacts.list', { caseId });
    const tcc = captures.find((capture) => capture.path === 'HomeDomain/Library/TCC/TCC.db');
    expect(tcc?.sha256).toBe(sha256(fs.readFileSync(path.join(CORPUS, '64', '64d0019cb3d46bfc8cce545a8ba54b93e7ea9347'))));
    expect(captures.find((capture) => capture.path === 'Manifest.db')?.sha256).toBe(sha256(fs.readFileSync(path.join(CORPUS, 'Manifest.db'))));
    const permissions = await app.call('observations.list', { caseId, kind: 'ios.permission' });
    expect(permissions.find((permission) => permission.subject === 'net.whatsapp.WhatsApp:Ubiquity')?.data).toMatchObject({ allowed: true, lastModified: new Date(1610657051 * 1000).toISOString() });
    const usage = await app.call('observations.list', { caseId, kind: 'ios.data-usage' });
    expect(usage.length).toBe(40);
  });
});

/** A phone where someone installed monitoring: the app, its management profile, supervision, a jailbreak. */
function plantedPhone(encryption?: BackupSpec['encryption']): BackupSpec {
  const profile = plist.build({
    PayloadIdentifier: 'com.devicemonitor.mdm',
    PayloadDisplayName: 'Device Health',
    PayloadOrganization: 'Device Monitor Ltd',
    PayloadType: 'Configuration',
    PayloadContent: [
      { PayloadType: 'com.apple.mdm', PayloadIdentifier: 'com.devicemonitor.mdm.enroll', PayloadDisplayName: 'Management' },
      { PayloadType: 'com.apple.security.root', PayloadIdentifier: 'com.devicemonitor.ca', PayloadDisplayName: 'Device Monitor CA' },
      { PayloadType: 'com.apple.vpn.managed', PayloadIdentifier: 'com.devicemonitor.vpn', PayloadDisplayName: 'Secure Connection' },
    ],
  });
  const dataUsage = sqliteFile([
    'CREATE TABLE ZPROCESS (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZFIRSTTIMESTAMP TIMESTAMP, ZTIMESTAMP TIMESTAMP, ZBUNDLENAME VARCHAR, ZPROCNAME VARCHAR)',
    'CREATE TABLE ZLIVEUSAGE (Z_PK INTEGER PRIMARY KEY, Z_ENT INTEGER, Z_OPT INTEGER, ZKIND INTEGER, ZMETADATA INTEGER, ZTAG INTEGER, ZHASPROCESS INTEGER, ZBILLCYCLEEND TIMESTAMP, ZTIMESTAMP TIMESTAMP, ZWIFIIN FLOAT, ZWIFIOUT FLOAT, ZWWANIN FLOAT, ZWWANOUT FLOAT)',
    `INSERT INTO ZPROCESS VALUES (1, 10, 1, ${CORE_DATA('2026-10-01T08:00:00Z')}, ${CORE_DATA('2026-11-20T21:00:00Z')}, 'com.qustodio.mdm.app.family.pro', 'A1B2C3D4-0000-4000-8000-000000000001/com.qustodio.mdm.app.family.pro')`,
    `INSERT INTO ZPROCESS VALUES (2, 10, 1, ${CORE_DATA('2026-10-01T08:00:00Z')}, ${CORE_DATA('2026-11-20T21:00:00Z')}, 'com.apple.mobilesafari', 'A1B2C3D4-0000-4000-8000-000000000001/com.apple.mobilesafari')`,
    `INSERT INTO ZLIVEUSAGE VALUES (1, 7, 1, 0, 0, 0, 1, NULL, ${CORE_DATA('2026-11-20T21:00:00Z')}, 1000, 52000000, 0, 9000000)`,
    `INSERT INTO ZLIVEUSAGE VALUES (2, 7, 1, 0, 0, 0, 1, NULL, ${CORE_DATA('2026-11-19T21:00:00Z')}, 500, 48000000, 0, 0)`,
  ]);
  const safari = sqliteFile([
    'CREATE TABLE history_items (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, domain_expansion TEXT NULL, visit_count INTEGER NOT NULL)',
    "INSERT INTO history_items VALUES (1, 'https://www.mspy.com/pricing.html', 'mspy', 3)",
    "INSERT INTO history_items VALUES (2, 'https://www.service-public.fr/', 'service-public', 1)",
  ]);
  const chrome = sqliteFile([
    'CREATE TABLE urls (id INTEGER PRIMARY KEY AUTOINCREMENT, url LONGVARCHAR, title LONGVARCHAR, visit_count INTEGER DEFAULT 0 NOT NULL, typed_count INTEGER DEFAULT 0 NOT NULL, last_visit_time INTEGER NOT NULL, hidden INTEGER DEFAULT 0 NOT NULL)',
    "INSERT INTO urls (url, title, visit_count, last_visit_time) VALUES ('https://support.example-shelter.org/help', 'Help', 2, 13370000000000000)",
  ]);
  const firefox = sqliteFile([
    'CREATE TABLE history (id INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT NOT NULL UNIQUE, url TEXT UNIQUE, title TEXT NOT NULL, server_modified INTEGER, local_modified INTEGER, is_deleted TINYINT NOT NULL, should_upload TINYINT NOT NULL, domain_id INTEGER)',
    "INSERT INTO history (guid, url, title, is_deleted, should_upload) VALUES ('a1', 'https://news.example.net/article', 'News', 0, 0)",
    "INSERT INTO history (guid, url, title, is_deleted, should_upload) VALUES ('a2', 'https://deleted.example.net/', 'Gone', 1, 0)",
  ]);
  const tcc = sqliteFile([
    'CREATE TABLE access (service TEXT NOT NULL, client TEXT NOT NULL, client_type INTEGER NOT NULL, auth_value INTEGER NOT NULL, auth_reason INTEGER NOT NULL, auth_version INTEGER NOT NULL, csreq BLOB, policy_id INTEGER, indirect_object_identifier_type INTEGER, indirect_object_identifier TEXT NOT NULL DEFAULT "UNUSED", indirect_object_code_identity BLOB, flags INTEGER, last_modified INTEGER NOT NULL DEFAULT 0)',
    "INSERT INTO access (service, client, client_type, auth_value, auth_reason, auth_version, last_modified) VALUES ('kTCCServiceMicrophone', 'com.qustodio.mdm.app.family.pro', 0, 2, 2, 1, 1763500000)",
    "INSERT INTO access (service, client, client_type, auth_value, auth_reason, auth_version, last_modified) VALUES ('kTCCServiceCamera', 'net.whatsapp.WhatsApp', 0, 0, 2, 1, 1763400000)",
  ]);
  return {
    device: { name: 'Maya’s iPhone', productType: 'iPhone14,5', productVersion: '17.5.1', buildVersion: '21F90', serialNumber: 'F2LXK0ABCD12', udid: '00008110-001A2B3C4D5E6F70' },
    apps: [
      { bundleId: 'net.whatsapp.WhatsApp', name: 'WhatsApp', version: '24.12.81' },
      { bundleId: 'com.qustodio.mdm.app.family.pro', name: 'Qustodio', version: '180.55' },
      { bundleId: 'com.saurik.Cydia', name: 'Cydia', version: '1.1.36' },
    ],
    files: [
      { domain: 'SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles', relativePath: 'Library/ConfigurationProfiles/profile-2f6b1a9c0e.stub', content: profile },
      { domain: 'SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles', relativePath: 'Library/ConfigurationProfiles/CloudConfigurationDetails.plist', content: plist.build({ IsSupervised: true, OrganizationName: 'Device Monitor Ltd' }) },
      { domain: 'WirelessDomain', relativePath: 'Library/Databases/DataUsage.sqlite', content: dataUsage },
      { domain: 'HomeDomain', relativePath: 'Library/Safari/History.db', content: safari },
      { domain: 'HomeDomain', relativePath: 'Library/TCC/TCC.db', content: tcc },
      { domain: 'AppDomain-com.google.chrome.ios', relativePath: 'Library/Application Support/Google/Chrome/Default/History', content: chrome },
      { domain: 'AppDomainGroup-group.org.mozilla.ios.Firefox', relativePath: 'profile.profile/browser.db', content: firefox },
      { domain: 'AppDomain-com.saurik.Cydia', relativePath: 'Library/Caches/com.saurik.Cydia/lists/apt.bingner.com_.Release', content: 'Origin: Bingner/Elucubratus\n' },
      { domain: 'HomeDomain', relativePath: 'Library/Preferences/com.apple.Maps.plist', content: plist.build({ MapsLastVisit: 1 }) },
    ],
    ...(encryption ? { encryption } : {}),
  };
}

async function expectPlantedFindings(outcome: Awaited<ReturnType<App['call']>> & { findings: { ruleId: string; severity: string; product: { id: string } | null; details: Record<string, unknown> }[] }) {
  const rules = outcome.findings.map((finding) => finding.ruleId);
  expect(rules).toEqual(expect.arrayContaining(['heuristic:ios.configuration-profile', 'heuristic:ios.supervised', 'heuristic:ios.jailbroken']));
  // Qustodio may be named by our signatures and by the community lists installed: one finding, whichever list speaks for it.
  const qustodio = outcome.findings.filter((finding) => finding.product?.id === 'qustodio' || names(finding, 'qustodio'));
  expect(qustodio).toHaveLength(1);
  // The visit to mSpy's site in Safari: its own finding (no app of mSpy's), high when the site is one of its servers.
  const visit = outcome.findings.find((finding) => finding.product?.id === 'mspy');
  expect(visit?.details.app).toBeUndefined();
  expect(visit?.details.websiteOnly === true || (visit?.details.contacted === true && visit.severity === 'high')).toBe(true);
  expect(outcome.findings.find((finding) => finding.ruleId === 'heuristic:ios.configuration-profile')?.severity).toMatch(/high|critical/);
}

describe('generated backups', () => {
  it('finds what was planted in a plain backup', async () => {
    const written = await writeIosBackup(path.join(dir, 'plain'), plantedPhone());
    const before = readAllFiles(written.dir);
    const outcome = await callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir });
    expect(outcome.notes).toEqual([]);
    // The backup is only read: its Manifest.db is in WAL mode, and SQLite never got to add files beside it.
    expect(readAllFiles(written.dir)).toEqual(before);
    await expectPlantedFindings(outcome);
    const usage = (await app.call('observations.list', { caseId, kind: 'ios.data-usage' })).find((observation) => observation.data.bundleId === 'com.qustodio.mdm.app.family.pro');
    expect(usage?.data).toMatchObject({ wifiOut: 100_000_000, wwanOut: 9_000_000, lastSeen: '2026-11-20T21:00:00.000Z' });
    const domains = (await app.call('observations.list', { caseId, kind: 'network.domain' })).map((observation) => `${observation.data.source}:${observation.subject}:${observation.data.count}`);
    expect(domains.sort()).toEqual(['chrome-history:support.example-shelter.org:2', 'firefox-history:news.example.net:1', 'safari-history:www.mspy.com:3', 'safari-history:www.service-public.fr:1']);
    const microphone = (await app.call('observations.list', { caseId, kind: 'ios.permission' })).find((observation) => observation.subject === 'com.qustodio.mdm.app.family.pro:Microphone');
    expect(microphone?.data.allowed).toBe(true);
    const [device] = await app.call('backups.list', { folders: [written.dir] });
    expect(device).toMatchObject({ deviceName: 'Maya’s iPhone', iosVersion: '17.5.1', encrypted: false });
  });

  it('opens an encrypted backup with its password only, then without asking again', async () => {
    const written = await writeIosBackup(path.join(dir, 'encrypted'), plantedPhone({ password: 'blue-horse-42', dpic: 1000, iter: 100 }));
    expect((await app.call('backups.list', { folders: [written.dir] }))[0]?.encrypted).toBe(true);
    expect((await failure(callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir }))).code).toBe('backup.password-needed');
    const wrong = await failure(callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir, password: 'blue-horse-43' }));
    expect(wrong.code).toBe('backup.wrong-password');
    expect(wrong.message).toMatch(/not this backup’s password/);

    const fractions: number[] = [];
    app.subscribe((event, payload) => {
      const fraction = (payload as { fraction?: number }).fraction;
      if (event === 'scan.progress' && fraction !== undefined) fractions.push(fraction);
    });
    const outcome = await callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir, password: 'blue-horse-42' });
    expect(outcome.notes).toEqual([]);
    await expectPlantedFindings(outcome);
    expect(fractions.at(-1)).toBe(1);
    // Decrypted files are kept as evidence in the vault (encrypted there), never on disk in clear.
    const captures = await app.call('artifacts.list', { caseId, scanId: outcome.scan.id });
    expect(captures.map((capture) => capture.path)).toEqual(expect.arrayContaining(['Manifest.db (decrypted)', 'HomeDomain/Library/TCC/TCC.db']));
    // The decrypted Manifest.db was read in memory: nothing was written beside the vault's own files.
    expect([...readAllFiles(path.join(dir, 'vault')).keys()].sort()).toEqual(['vault.db', 'vault.db-wal', 'vault.json']);

    // The vault kept the derived key: the same backup opens without its password.
    const again = await callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir });
    expect(again.scan.status).toBe('completed');
    const scans = await app.call('scans.list', { caseId });
    expect(scans.map((scan) => scan.status)).toEqual(['failed', 'failed', 'completed', 'completed']);

    // Told to forget it, the vault no longer opens the backup without its password.
    await callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir, rememberKey: false });
    expect((await failure(callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir }))).code).toBe('backup.password-needed');
  });
});

describe('the long key derivation', () => {
  it('reports its progress and stops at once when cancelled', async () => {
    const dpic = 4_000_000;
    const written = await writeIosBackup(path.join(dir, 'slow'), { ...plantedPhone({ password: 'blue-horse-42', dpic, iter: 10 }), files: [] });
    // Counted in work, not time: the derivation's own progress reports, before and after the cancel.
    const fractions: number[] = [];
    let cancelledAfter = -1;
    app.subscribe((event, payload) => {
      const progress = payload as { scanId: string; fraction?: number };
      if (event !== 'scan.progress' || progress.fraction === undefined) return;
      fractions.push(progress.fraction);
      if (cancelledAfter < 0) {
        cancelledAfter = fractions.length;
        void app.call('scans.cancel', { scanId: progress.scanId }).catch(() => undefined);
      }
    });
    expect((await failure(callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir, password: 'blue-horse-42' }))).code).toBe('scan.cancelled');
    // It reported its progress, was cancelled at its first report, and never got to the end of the derivation.
    expect(cancelledAfter).toBe(1);
    expect(Math.max(...fractions)).toBeLessThan(1);
    expect((await app.call('scans.list', { caseId }))[0]?.status).toBe('cancelled');
  });
});

describe('broken and hostile backups', () => {
  const plain = () => writeIosBackup(path.join(dir, `b${Math.random().toString(36).slice(2)}`), plantedPhone());

  it('refuses a truncated Manifest.db', async () => {
    const written = await plain();
    const manifest = path.join(written.dir, 'Manifest.db');
    fs.truncateSync(manifest, Math.floor(fs.statSync(manifest).size / 3));
    const error = await failure(callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir }));
    expect(error.code).toBe('backup.unreadable');
    expect(error.message).toMatch(/Manifest\.db/);
  });

  it('refuses a file record that points outside the backup', async () => {
    const written = await plain();
    const db = new Database(path.join(written.dir, 'Manifest.db'));
    db.prepare("UPDATE Files SET fileID = '../../../etc/passwd' WHERE relativePath = 'Library/TCC/TCC.db'").run();
    db.close();
    const error = await failure(callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir }));
    expect(error.code).toBe('backup.unreadable');
    expect(error.message).toMatch(/points outside the backup/);
  });

  it('refuses a huge plist without reading it', async () => {
    const written = await plain();
    fs.truncateSync(path.join(written.dir, 'Info.plist'), 200 * 1024 * 1024); // sparse: 200 MiB on paper
    const error = await failure(callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir }));
    expect(error.message).toMatch(/Info\.plist is larger than any real one/);
  });

  it('names the files it cannot decrypt when the keybag lacks their class key, and reads the rest', async () => {
    const written = await writeIosBackup(path.join(dir, 'missing-class'), {
      ...plantedPhone({ password: 'blue-horse-42', dpic: 10, iter: 10 }),
      files: [...(plantedPhone().files as Iterable<{ domain: string; relativePath: string; content: Buffer | string }>)].map((file) => (file.relativePath.endsWith('TCC.db') ? { ...file, protectionClass: 2 } : file)),
    });
    // Remove class 2 from the keybag in Manifest.plist.
    const manifestFile = path.join(written.dir, 'Manifest.plist');
    const manifest = plist.parseBinary(fs.readFileSync(manifestFile)) as Record<string, unknown>;
    manifest.BackupKeyBag = withoutClass(Buffer.from(manifest.BackupKeyBag as Uint8Array), 2);
    fs.writeFileSync(manifestFile, plist.buildBinary(manifest as Parameters<typeof plist.buildBinary>[0]));
    const outcome = await callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir, password: 'blue-horse-42' });
    expect(outcome.scan.status).toBe('completed');
    expect(outcome.notes).toEqual([expect.stringMatching(/TCC\.db.*protection class 2 is missing/)]);
    expect((await app.call('custody.list', { caseId })).some((entry) => entry.action === 'scan.file-skipped')).toBe(true);
  });

  it('does not follow a symbolic link or read a FIFO planted in place of a file, and reads the rest', async () => {
    const written = await plain();
    const tcc = path.join(written.dir, written.fileIds.get('HomeDomain-Library/TCC/TCC.db')!.slice(0, 2), written.fileIds.get('HomeDomain-Library/TCC/TCC.db')!);
    fs.rmSync(tcc);
    fs.symlinkSync('/etc/passwd', tcc);
    const history = path.join(written.dir, written.fileIds.get('HomeDomain-Library/Safari/History.db')!.slice(0, 2), written.fileIds.get('HomeDomain-Library/Safari/History.db')!);
    fs.rmSync(history);
    execFileSync('mkfifo', [history]);
    const outcome = await callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir });
    expect(outcome.scan.status).toBe('completed');
    expect(outcome.notes.join('\n')).toMatch(/TCC\.db[^\n]*not a regular file/);
    expect(outcome.notes.join('\n')).toMatch(/History\.db[^\n]*not a regular file/);
    expect((await app.call('artifacts.list', { caseId })).some((capture) => capture.path?.includes('TCC.db'))).toBe(false);
    expect((await app.call('observations.list', { caseId, kind: 'ios.data-usage' })).length).toBeGreaterThan(0);
  });

  it('notes a damaged profile and goes on with the rest of the backup', async () => {
    const spec = plantedPhone();
    const written = await writeIosBackup(path.join(dir, 'damaged-profile'), {
      ...spec,
      files: [...(spec.files as Iterable<{ domain: string; relativePath: string; content: Buffer | string }>), { domain: 'SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles', relativePath: 'Library/ConfigurationProfiles/profile-0bad.stub', content: 'bplist00 not really' }],
    });
    const outcome = await callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir });
    expect(outcome.scan.status).toBe('completed');
    expect(outcome.notes).toEqual([expect.stringMatching(/profile-0bad\.stub/)]);
    expect(outcome.findings.map((finding) => finding.ruleId)).toEqual(expect.arrayContaining(['heuristic:ios.configuration-profile', 'heuristic:ios.jailbroken']));
  });

  it('never lets SQLite write beside a Manifest.db in WAL mode, however its header says it', async () => {
    const written = await writeIosBackup(path.join(dir, 'wal-read-only'), { ...plantedPhone(), manifestDbWal: false });
    const manifest = path.join(written.dir, 'Manifest.db');
    const handle = fs.openSync(manifest, 'r+');
    fs.writeSync(handle, Buffer.from([1, 2]), 0, 2, 18); // write version 1, read version 2
    fs.closeSync(handle);
    const before = readAllFiles(written.dir);
    expect((await callWithFindings(app, 'scans.iosBackup', { caseId, path: written.dir })).scan.status).toBe('completed');
    expect(readAllFiles(written.dir)).toEqual(before);
  });

  it('says clearly when the folder is not a backup', async () => {
    expect((await failure(callWithFindings(app, 'scans.iosBackup', { caseId, path: dir }))).code).toBe('backup.not-found');
  });
});

/** The keybag TLV without the entry (UUID…WPKY run) of one protection class. */
function withoutClass(keybag: Buffer, protectionClass: number): Buffer {
  const items: { tag: string; value: Buffer }[] = [];
  for (let offset = 0; offset < keybag.length; ) {
    const length = keybag.readUInt32BE(offset + 4);
    items.push({ tag: keybag.toString('latin1', offset, offset + 4), value: keybag.subarray(offset + 8, offset + 8 + length) });
    offset += 8 + length;
  }
  const kept: typeof items = [];
  let group: typeof items = [];
  let seenHeaderUuid = false;
  const flush = () => {
    const clas = group.find((item) => item.tag === 'CLAS');
    if (!clas || clas.value.readUInt32BE(0) !== protectionClass) kept.push(...group);
    group = [];
  };
  for (const item of items) {
    if (item.tag === 'UUID' && seenHeaderUuid) {
      flush();
      group.push(item);
      continue;
    }
    if (item.tag === 'UUID') seenHeaderUuid = true;
    (group.length > 0 ? group : kept).push(item);
  }
  flush();
  return Buffer.concat(kept.map((item) => {
    const header = Buffer.alloc(8);
    header.write(item.tag, 0, 'latin1');
    header.writeUInt32BE(item.value.length, 4);
    return Buffer.concat([header, item.value]);
  }));
}

/** Whether a finding names this signature among the other lists that also list what it found. */
function names(finding: { details: Record<string, unknown> }, signatureId: string): boolean {
  return ((finding.details.alsoListed ?? []) as { id: string }[]).some((listed) => listed.id === signatureId);
}
