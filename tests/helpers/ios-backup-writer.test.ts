// Self-check of the iPhone backup fixture generator (ios-backup-writer.ts), independent of Sentinelle's own reader:
// the plain layout and Manifest.db are compared with MVT's corpus backup (when present) and with its recorded shape,
// and an encrypted backup is opened the way public decryptors do it (keybag TLV, PBKDF2 x2, RFC 3394 unwrap,
// AES-256-CBC). Python's plistlib and sqlite3 read the output too, proving the plists and database are standard.
import { spawnSync } from 'node:child_process';
import { createDecipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3-multiple-ciphers';
import * as plist from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeBplist, mbFileArchive, seededBytes, seededChunks, sqliteFile, writeIosBackup, type ArchiveValue, type BackupFileSpec, type BackupSpec, type WrittenBackup } from './ios-backup-writer.js';

const CORPUS = '/work/shared/corpus/mvt/ios_backup';
const HAS_CORPUS = fs.existsSync(path.join(CORPUS, 'Manifest.db'));
const HAS_PYTHON = spawnSync('python3', ['-c', 'import plistlib, sqlite3'], { encoding: 'utf8' }).status === 0;
const RFC3394_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');

/** sqlite_master of the corpus Manifest.db (also checked against the corpus itself when it is on this machine). */
const CORPUS_SCHEMA = [
  ['table', 'Files', 'Files', 'CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, flags INTEGER, file BLOB)'],
  ['index', 'sqlite_autoindex_Files_1', 'Files', null],
  ['index', 'FilesDomainIdx', 'Files', 'CREATE INDEX FilesDomainIdx ON Files(domain)'],
  ['index', 'FilesRelativePathIdx', 'Files', 'CREATE INDEX FilesRelativePathIdx ON Files(relativePath)'],
  ['index', 'FilesFlagsIdx', 'Files', 'CREATE INDEX FilesFlagsIdx ON Files(flags)'],
  ['table', 'Properties', 'Properties', 'CREATE TABLE Properties (key TEXT PRIMARY KEY, value BLOB)'],
  ['index', 'sqlite_autoindex_Properties_1', 'Properties', null],
];
/** Shapes of corpus records (see shapeOf): an encrypted file record and a directory record. */
const CORPUS_FILE_SHAPE = {
  $version: 100000,
  $archiver: 'NSKeyedArchiver',
  $top: { root: 'UID(1)' },
  $objects: [
    '$null',
    [['LastModified', 'int'], ['Flags', 0], ['GroupID', 'int'], ['$class', 'UID(5)'], ['LastStatusChange', 'int'], ['RelativePath', 'UID(2)'], ['Birth', 'int'], ['EncryptionKey', 'UID(3)'], ['Size', 'int'], ['Mode', 'int'], ['UserID', 'int'], ['InodeNumber', 'int'], ['ProtectionClass', 'int']],
    'string',
    [['NS.data', 'data[44]'], ['$class', 'UID(4)']],
    [['$classname', 'NSMutableData'], ['$classes', ['NSMutableData', 'NSData', 'NSObject']]],
    [['$classname', 'MBFile'], ['$classes', ['MBFile', 'NSObject']]],
  ],
};
const CORPUS_DIR_SHAPE = {
  $version: 100000,
  $archiver: 'NSKeyedArchiver',
  $top: { root: 'UID(1)' },
  $objects: [
    '$null',
    [['LastModified', 'int'], ['Flags', 0], ['GroupID', 'int'], ['$class', 'UID(3)'], ['LastStatusChange', 'int'], ['RelativePath', 'UID(2)'], ['Birth', 'int'], ['Size', 'int'], ['InodeNumber', 'int'], ['Mode', 'int'], ['UserID', 'int'], ['ProtectionClass', 'int']],
    'string',
    [['$classname', 'MBFile'], ['$classes', ['MBFile', 'NSObject']]],
  ],
};
/** Same, without the EncryptionKey (plain backups). */
const PLAIN_FILE_SHAPE = {
  ...CORPUS_FILE_SHAPE,
  $objects: [
    '$null',
    [['LastModified', 'int'], ['Flags', 0], ['GroupID', 'int'], ['$class', 'UID(3)'], ['LastStatusChange', 'int'], ['RelativePath', 'UID(2)'], ['Birth', 'int'], ['Size', 'int'], ['Mode', 'int'], ['UserID', 'int'], ['InodeNumber', 'int'], ['ProtectionClass', 'int']],
    'string',
    [['$classname', 'MBFile'], ['$classes', ['MBFile', 'NSObject']]],
  ],
};

type Plist = ReturnType<typeof plist.parseBinary>;
type Dict = { [key: string]: Plist };

function isUid(v: unknown): v is { UID: number } {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) && Object.keys(v).length === 1 && typeof (v as { UID?: unknown }).UID === 'number';
}

/** Structure of an archived MBFile: key order, UID layout and value kinds (class dictionaries verbatim). */
function shapeOf(archive: Plist): unknown {
  const a = archive as Dict;
  const kind = (v: Plist): unknown => {
    if (isUid(v)) return `UID(${v.UID})`;
    if (v instanceof Uint8Array) return `data[${v.length}]`;
    if (typeof v === 'number') return 'int';
    if (typeof v === 'string') return 'string';
    return v;
  };
  const objects = (a.$objects as Plist[]).map((o, i) => {
    if (i === 0) return o;
    if (typeof o === 'string') return 'string';
    const d = o as Dict;
    if ('$classname' in d) return Object.entries(d);
    return Object.entries(d).map(([k, v]) => [k, k === 'Flags' ? v : kind(v)]);
  });
  return { $version: a.$version, $archiver: a.$archiver, $top: { root: kind((a.$top as Dict).root as Plist) }, $objects: objects };
}

function mbFile(blob: Buffer): { root: Dict; objects: Plist[] } {
  const archive = plist.parseBinary(blob) as Dict;
  const objects = archive.$objects as Plist[];
  const rootUid = (archive.$top as Dict).root as unknown as { UID: number };
  return { root: objects[rootUid.UID] as Dict, objects };
}

function deref(objects: Plist[], v: Plist | undefined): Plist {
  if (!isUid(v)) throw new Error('expected a UID');
  return objects[v.UID] as Plist;
}

function unwrap(kek: Buffer, wrapped: Buffer): Buffer {
  const d = createDecipheriv('id-aes256-wrap', kek, RFC3394_IV);
  return Buffer.concat([d.update(wrapped), d.final()]);
}

function aesCbcDecrypt(key: Buffer, data: Buffer): Buffer {
  const d = createDecipheriv('aes-256-cbc', key, Buffer.alloc(16));
  return Buffer.concat([d.update(data), d.final()]);
}

/** The keybag TLV, parsed as public decryptors do: header attributes until the second UUID, then one entry per class. */
function parseKeybag(blob: Buffer): { header: [string, Buffer][]; classes: Map<number, Map<string, Buffer>> } {
  const header: [string, Buffer][] = [];
  const classes = new Map<number, Map<string, Buffer>>();
  let current: Map<string, Buffer> | null = null;
  const flush = () => {
    if (current) classes.set(current.get('CLAS')!.readUInt32BE(0), current);
  };
  for (let i = 0; i + 8 <= blob.length; ) {
    const tag = blob.toString('latin1', i, i + 4);
    const length = blob.readUInt32BE(i + 4);
    const value = blob.subarray(i + 8, i + 8 + length);
    i += 8 + length;
    if (tag === 'UUID' && header.some(([t]) => t === 'UUID')) {
      flush();
      current = new Map([['UUID', value]]);
    } else if (current) current.set(tag, value);
    else header.push([tag, value]);
  }
  flush();
  return { header, classes };
}

function readBackupFile(dir: string, fileId: string): Buffer {
  return fs.readFileSync(path.join(dir, fileId.slice(0, 2), fileId));
}

function python(script: string, ...args: string[]): unknown {
  const r = spawnSync('python3', ['-c', script, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Reads plists with plistlib and answers JSON (bytes as lengths, dates as ISO, UIDs as {"UID": n}). */
const PY_PLISTS = `
import json, plistlib, sys, datetime
def j(v):
    if isinstance(v, plistlib.UID): return {"UID": v.data}
    if isinstance(v, (bytes, bytearray)): return {"bytes": len(v)}
    if isinstance(v, datetime.datetime): return v.replace(tzinfo=datetime.timezone.utc).isoformat() if v.tzinfo is None else v.isoformat()
    if isinstance(v, dict): return {k: j(x) for k, x in v.items()}
    if isinstance(v, list): return [j(x) for x in v]
    return v
out = []
for p in sys.argv[1:]:
    with open(p, "rb") as f:
        out.append(j(plistlib.load(f)))
print(json.dumps(out))
`;

const DEVICE: BackupSpec['device'] = {
  name: 'Test iPhone',
  productType: 'iPhone9,3',
  productVersion: '14.3',
  buildVersion: '18C66',
  serialNumber: 'F1234567890',
  udid: '1CB128EAFA77C5BE74283E9A3A2130AF36A3C059',
  imei: '356789012345678',
};
const APPS: BackupSpec['apps'] = [
  { bundleId: 'com.example.tracker', name: 'Tracker', version: '2.1' },
  { bundleId: 'net.whatsapp.WhatsApp' },
];

function sampleFiles(): BackupFileSpec[] {
  return [
    { domain: 'WirelessDomain', relativePath: 'Library/Databases/DataUsage.sqlite', content: sqliteFile(['CREATE TABLE ZPROCESS (Z_PK INTEGER PRIMARY KEY, ZBUNDLENAME TEXT)', "INSERT INTO ZPROCESS VALUES (1, 'com.example.tracker')"]) },
    { domain: 'HomeDomain', relativePath: 'Library/SMS/sms.db', content: sqliteFile(['CREATE TABLE message (ROWID INTEGER PRIMARY KEY, text TEXT)', "INSERT INTO message VALUES (1, 'hello')"]), protectionClass: 1, mode: 0o100600 },
    { domain: 'AppDomain-com.example.tracker', relativePath: 'Documents/notes.txt', content: 'plain text — with UTF-8', lastModified: 1_650_000_000 },
    { domain: 'SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles', relativePath: 'Library/ConfigurationProfiles/CloudConfigurationDetails.plist', content: plist.build({ IsSupervised: false }), protectionClass: 4 },
    { domain: 'HomeDomain', relativePath: 'Library/Preferences/empty.plist', content: Buffer.alloc(0) },
    { domain: 'CameraRollDomain', relativePath: 'Media/DCIM/100APPLE/IMG_0001.JPG', content: { size: 3 * 1024 * 1024 + 5, seed: 42 } },
  ];
}

function expectedBytes(content: BackupFileSpec['content']): Buffer {
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  if (Buffer.isBuffer(content)) return content;
  return seededBytes(content.seed, content.size);
}

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ios-backup-writer-test-'));
});
afterAll(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

describe('plain backup', () => {
  let dir: string;
  let written: WrittenBackup;
  let files: BackupFileSpec[];
  beforeAll(async () => {
    dir = path.join(root, 'plain', DEVICE.udid);
    files = sampleFiles();
    written = await writeIosBackup(dir, { device: DEVICE, apps: APPS, files });
  });

  it('has the top-level layout of a backup folder', () => {
    const entries = fs.readdirSync(dir).sort();
    expect(entries.filter((e) => !/^[0-9a-f]{2}$/.test(e))).toEqual(['Info.plist', 'Manifest.db', 'Manifest.plist', 'Status.plist']);
    expect(written.manifestKey).toBeUndefined();
    expect(written.classKeys).toBeUndefined();
  });

  it('has the corpus Manifest.db schema and header', () => {
    const db = new Database(path.join(dir, 'Manifest.db'), { readonly: true });
    try {
      const schema = db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').raw().all();
      expect(schema).toEqual(CORPUS_SCHEMA);
      expect(db.pragma('user_version', { simple: true })).toBe(2);
      expect(db.pragma('auto_vacuum', { simple: true })).toBe(2);
      expect(db.pragma('page_size', { simple: true })).toBe(4096);
    } finally {
      db.close();
    }
    // Read/write format versions 2/2: WAL, like the corpus file.
    const header = fs.readFileSync(path.join(dir, 'Manifest.db')).subarray(0, 20);
    expect(header.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect([header[18], header[19]]).toEqual([2, 2]);
  });

  it.skipIf(!HAS_CORPUS)('matches the corpus Manifest.db schema, header and record shapes', () => {
    const copy = path.join(root, 'corpus-Manifest.db');
    fs.copyFileSync(path.join(CORPUS, 'Manifest.db'), copy);
    const corpus = new Database(copy, { readonly: true });
    const ours = new Database(path.join(dir, 'Manifest.db'), { readonly: true });
    try {
      const master = 'SELECT type, name, tbl_name, sql FROM sqlite_master';
      expect(ours.prepare(master).raw().all()).toEqual(corpus.prepare(master).raw().all());
      expect(corpus.prepare(master).raw().all()).toEqual(CORPUS_SCHEMA);
      for (const pragma of ['user_version', 'auto_vacuum', 'page_size']) expect(ours.pragma(pragma, { simple: true })).toBe(corpus.pragma(pragma, { simple: true }));
      // Every shape we write exists verbatim among the corpus records.
      const corpusShapes = new Set<string>();
      for (const row of corpus.prepare('SELECT flags, file FROM Files WHERE flags IN (1, 2)').all() as { flags: number; file: Buffer }[]) corpusShapes.add(JSON.stringify(shapeOf(plist.parseBinary(row.file))));
      expect(corpusShapes.has(JSON.stringify(CORPUS_FILE_SHAPE))).toBe(true);
      expect(corpusShapes.has(JSON.stringify(CORPUS_DIR_SHAPE))).toBe(true);
      for (const row of ours.prepare('SELECT file FROM Files WHERE flags = 2').all() as { file: Buffer }[]) expect(corpusShapes.has(JSON.stringify(shapeOf(plist.parseBinary(row.file))))).toBe(true);
    } finally {
      corpus.close();
      ours.close();
    }
    const corpusHeader = fs.readFileSync(copy).subarray(16, 20);
    expect(fs.readFileSync(path.join(dir, 'Manifest.db')).subarray(18, 20)).toEqual(corpusHeader.subarray(2, 4));
    const corpusInfo = plist.parseBinary(fs.readFileSync(path.join(CORPUS, 'Info.plist'))) as Dict;
    const ourInfo = plist.parse(fs.readFileSync(path.join(dir, 'Info.plist'), 'utf8')) as Dict;
    expect(Object.keys(ourInfo).sort()).toEqual(Object.keys(corpusInfo).filter((k) => k !== 'ICCID').sort());
  });

  it('writes one file record per file and a directory record per parent folder, with corpus-shaped blobs', () => {
    const db = new Database(path.join(dir, 'Manifest.db'), { readonly: true });
    try {
      const rows = db.prepare('SELECT fileID, domain, relativePath, flags, file FROM Files').all() as { fileID: string; domain: string; relativePath: string; flags: number; file: Buffer }[];
      const expectedDirs = new Set<string>();
      for (const f of files) {
        const parts = f.relativePath.split('/');
        for (let i = 0; i < parts.length; i++) expectedDirs.add(`${f.domain}|${parts.slice(0, i).join('/')}`);
      }
      const dirs = rows.filter((r) => r.flags === 2);
      expect(new Set(dirs.map((r) => `${r.domain}|${r.relativePath}`))).toEqual(expectedDirs);
      expect(rows.filter((r) => r.flags === 1)).toHaveLength(files.length);
      expect(rows).toHaveLength(files.length + expectedDirs.size);
      for (const r of rows) expect(r.fileID).toBe(createHash('sha1').update(`${r.domain}-${r.relativePath}`).digest('hex'));

      for (const r of dirs) {
        expect(shapeOf(plist.parseBinary(r.file))).toEqual(CORPUS_DIR_SHAPE);
        const { root: mb, objects } = mbFile(r.file);
        expect(deref(objects, mb.RelativePath)).toBe(r.relativePath);
        expect(mb.Mode).toBe(0o40755);
        expect(mb.ProtectionClass).toBe(0);
      }
      for (const f of files) {
        const r = rows.find((x) => x.flags === 1 && x.domain === f.domain && x.relativePath === f.relativePath)!;
        expect(shapeOf(plist.parseBinary(r.file))).toEqual(PLAIN_FILE_SHAPE);
        const { root: mb, objects } = mbFile(r.file);
        expect(deref(objects, mb.RelativePath)).toBe(f.relativePath);
        expect(mb.Size).toBe(expectedBytes(f.content).length);
        expect(mb.Mode).toBe(f.mode ?? 0o100644);
        expect(mb.ProtectionClass).toBe(f.protectionClass ?? 3);
        expect(mb.LastModified).toBe(f.lastModified ?? 1_700_000_000);
        expect(mb.Birth).toBe(mb.LastModified);
        expect(mb.Flags).toBe(0);
        expect(mb.UserID).toBe(501);
        expect(mb.EncryptionKey).toBeUndefined();
      }
      expect(db.prepare('SELECT count(*) FROM Properties').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('stores every file as is at <fileID[0:2]>/<fileID>', () => {
    for (const f of files) {
      const id = createHash('sha1').update(`${f.domain}-${f.relativePath}`).digest('hex');
      expect(written.fileIds.get(`${f.domain}-${f.relativePath}`)).toBe(id);
      expect(readBackupFile(dir, id).equals(expectedBytes(f.content))).toBe(true);
    }
    expect(written.fileIds.size).toBe(files.length);
  });

  it('writes Info.plist (XML), Manifest.plist and Status.plist (binary) with the expected keys', () => {
    const infoText = fs.readFileSync(path.join(dir, 'Info.plist'), 'utf8');
    expect(infoText.startsWith('<?xml')).toBe(true);
    const info = plist.parse(infoText) as Dict;
    expect(Object.keys(info)).toEqual(['Build Version', 'Device Name', 'Display Name', 'GUID', 'IMEI', 'Installed Applications', 'Last Backup Date', 'Product Type', 'Product Version', 'Serial Number', 'Target Identifier', 'Target Type', 'Unique Identifier', 'iTunes Version']);
    expect(info['Installed Applications']).toEqual(['com.example.tracker', 'net.whatsapp.WhatsApp']);
    expect(info['Target Identifier']).toBe(DEVICE.udid.toLowerCase());
    expect(info['Unique Identifier']).toBe(DEVICE.udid);
    expect(info['Target Type']).toBe('Device');
    expect((info['Last Backup Date'] as Date).getTime()).toBe(1_700_000_000_000);

    const manifestBytes = fs.readFileSync(path.join(dir, 'Manifest.plist'));
    expect(manifestBytes.subarray(0, 8).toString('latin1')).toBe('bplist00');
    const manifest = plist.parseBinary(manifestBytes) as Dict;
    expect(manifest.IsEncrypted).toBe(false);
    expect(manifest.Version).toBe('10.0');
    expect(manifest.BackupKeyBag).toBeUndefined();
    expect(manifest.ManifestKey).toBeUndefined();
    expect(manifest.Lockdown).toEqual({ ProductVersion: '14.3', ProductType: 'iPhone9,3', BuildVersion: '18C66', UniqueDeviceID: DEVICE.udid, SerialNumber: 'F1234567890', DeviceName: 'Test iPhone' });
    const apps = manifest.Applications as Dict;
    expect(Object.keys(apps)).toEqual(['com.example.tracker', 'net.whatsapp.WhatsApp']);
    expect(apps['com.example.tracker']).toMatchObject({ CFBundleIdentifier: 'com.example.tracker', CFBundleVersion: '2.1', CFBundleShortVersionString: '2.1', ContainerContentClass: 'Data/Application' });
    expect((apps['com.example.tracker'] as Dict).Path).toMatch(/^\/var\/containers\/Bundle\/Application\/[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\/Tracker\.app$/);

    const status = plist.parseBinary(fs.readFileSync(path.join(dir, 'Status.plist'))) as Dict;
    expect(status).toMatchObject({ Version: '3.3', BackupState: 'new', SnapshotState: 'finished' });
    expect(typeof status.IsFullBackup).toBe('boolean');
    expect(status.Date).toBeInstanceOf(Date);
  });

  it('is reproducible: the same spec gives byte-identical plists, files and records', async () => {
    const again = path.join(root, 'plain-again');
    await writeIosBackup(again, { device: DEVICE, apps: APPS, files: sampleFiles() });
    for (const name of ['Info.plist', 'Manifest.plist', 'Status.plist']) expect(fs.readFileSync(path.join(again, name)).equals(fs.readFileSync(path.join(dir, name)))).toBe(true);
    for (const id of written.fileIds.values()) expect(readBackupFile(again, id).equals(readBackupFile(dir, id))).toBe(true);
    const rowsOf = (d: string) => {
      const db = new Database(path.join(d, 'Manifest.db'), { readonly: true });
      try {
        return db.prepare('SELECT * FROM Files ORDER BY fileID').raw().all();
      } finally {
        db.close();
      }
    };
    expect(rowsOf(again)).toEqual(rowsOf(dir));
  });

  it.skipIf(!HAS_PYTHON)("is read by Python's plistlib and sqlite3", () => {
    const blobPath = path.join(root, 'plain-blob.bplist');
    const db = new Database(path.join(dir, 'Manifest.db'), { readonly: true });
    const blob = db.prepare("SELECT file FROM Files WHERE relativePath = 'Library/SMS/sms.db'").pluck().get() as Buffer;
    db.close();
    fs.writeFileSync(blobPath, blob);
    const [info, manifest, status, archive] = python(PY_PLISTS, ...['Info.plist', 'Manifest.plist', 'Status.plist'].map((n) => path.join(dir, n)), blobPath) as Dict[];
    expect(info!['Product Type']).toBe('iPhone9,3');
    expect(info!['Last Backup Date']).toBe('2023-11-14T22:13:20+00:00');
    expect((manifest!.Lockdown as Dict).SerialNumber).toBe('F1234567890');
    expect(manifest!.IsEncrypted).toBe(false);
    expect(status!.SnapshotState).toBe('finished');
    const objects = archive!.$objects as Dict[];
    expect(archive!.$top).toEqual({ root: { UID: 1 } });
    expect(objects[1]).toMatchObject({ $class: { UID: 3 }, RelativePath: { UID: 2 }, ProtectionClass: 1, Mode: 0o100600 });
    expect(objects[2]).toBe('Library/SMS/sms.db');
    fs.copyFileSync(path.join(dir, 'Manifest.db'), path.join(root, 'py-copy2.db'));
    const [n, mode] = python('import json, sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\nprint(json.dumps([c.execute("select count(*) from Files where flags=1").fetchone()[0], c.execute("pragma journal_mode").fetchone()[0]]))', path.join(root, 'py-copy2.db')) as [number, string];
    expect(n).toBe(files.length);
    expect(mode).toBe('wal');
  });
});

describe('encrypted backup', () => {
  const PASSWORD = 'correct horse battery staple';
  let dir: string;
  let written: WrittenBackup;
  let files: BackupFileSpec[];
  let manifest: Dict;
  let keybag: ReturnType<typeof parseKeybag>;
  let passcodeKey: Buffer;
  let classKeys: Map<number, Buffer>;
  let manifestDbPath: string;

  beforeAll(async () => {
    dir = path.join(root, 'encrypted', DEVICE.udid);
    files = sampleFiles();
    async function* asyncFiles() {
      for (const f of files) yield f;
    }
    written = await writeIosBackup(dir, { device: DEVICE, apps: APPS, files: asyncFiles(), encryption: { password: PASSWORD } });
    manifest = plist.parseBinary(fs.readFileSync(path.join(dir, 'Manifest.plist'))) as Dict;
    keybag = parseKeybag(Buffer.from(manifest.BackupKeyBag as Uint8Array));
    const attr = (tag: string) => keybag.header.find(([t]) => t === tag)![1];
    passcodeKey = pbkdf2Sync(pbkdf2Sync(Buffer.from(PASSWORD, 'utf8'), attr('DPSL'), attr('DPIC').readUInt32BE(0), 32, 'sha256'), attr('SALT'), attr('ITER').readUInt32BE(0), 32, 'sha1');
    classKeys = new Map();
    for (const [clas, entry] of keybag.classes) if (entry.get('WRAP')!.readUInt32BE(0) & 2) classKeys.set(clas, unwrap(passcodeKey, entry.get('WPKY')!));
  });

  it('has a backup keybag with the header and class entries of a real one', () => {
    expect(manifest.IsEncrypted).toBe(true);
    const tags = keybag.header.map(([t]) => t);
    expect(tags).toEqual(['VERS', 'TYPE', 'UUID', 'HMCK', 'WRAP', 'SALT', 'ITER', 'DPWT', 'DPIC', 'DPSL']);
    const attr = new Map(keybag.header);
    expect(attr.get('TYPE')!.readUInt32BE(0)).toBe(1);
    expect(attr.get('UUID')).toHaveLength(16);
    expect(attr.get('HMCK')).toHaveLength(40);
    expect(attr.get('SALT')).toHaveLength(20);
    expect(attr.get('DPSL')).toHaveLength(20);
    expect(attr.get('ITER')!.readUInt32BE(0)).toBe(10);
    expect(attr.get('DPIC')!.readUInt32BE(0)).toBe(10);
    expect([...keybag.classes.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    for (const [clas, entry] of keybag.classes) {
      expect([...entry.keys()]).toEqual(['UUID', 'CLAS', 'WRAP', 'KTYP', 'WPKY']);
      expect(entry.get('WPKY')).toHaveLength(40);
      expect(entry.get('KTYP')!.readUInt32BE(0)).toBe(0);
      expect(entry.get('WRAP')!.readUInt32BE(0)).toBe([5, 9, 10, 11].includes(clas) ? 3 : 2);
    }
  });

  it('opens with the password: class keys and the Manifest.db key unwrap', () => {
    expect(classKeys.size).toBe(11);
    for (const [clas, key] of classKeys) expect(key.equals(written.classKeys!.get(clas)!)).toBe(true);
    expect(written.derivedKey!.equals(passcodeKey)).toBe(true);
    const manifestKey = Buffer.from(manifest.ManifestKey as Uint8Array);
    expect(manifestKey).toHaveLength(44);
    expect(manifestKey.readUInt32LE(0)).toBe(4);
    const key = unwrap(classKeys.get(manifestKey.readUInt32LE(0))!, manifestKey.subarray(4));
    expect(key.equals(written.manifestKey!)).toBe(true);

    const encrypted = fs.readFileSync(path.join(dir, 'Manifest.db'));
    expect(encrypted.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(encrypted.length % 16).toBe(0);
    const plain = aesCbcDecrypt(key, encrypted);
    expect(plain.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    manifestDbPath = path.join(root, 'decrypted-Manifest.db');
    fs.writeFileSync(manifestDbPath, plain);
  });

  it('a wrong password fails every unwrap', () => {
    const attr = new Map(keybag.header);
    const wrong = pbkdf2Sync(pbkdf2Sync(Buffer.from('wrong password', 'utf8'), attr.get('DPSL')!, 10, 32, 'sha256'), attr.get('SALT')!, 10, 32, 'sha1');
    for (const entry of keybag.classes.values()) expect(() => unwrap(wrong, entry.get('WPKY')!)).toThrow();
  });

  it('decrypts each file with its own key from its record', () => {
    const db = new Database(manifestDbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master').raw().all()).toEqual(CORPUS_SCHEMA);
      const seenKeys = new Set<string>();
      for (const f of files) {
        const fileId = createHash('sha1').update(`${f.domain}-${f.relativePath}`).digest('hex');
        expect(written.fileIds.get(`${f.domain}-${f.relativePath}`)).toBe(fileId);
        const row = db.prepare('SELECT domain, relativePath, flags, file FROM Files WHERE fileID = ?').get(fileId) as { domain: string; relativePath: string; flags: number; file: Buffer };
        expect(row).toMatchObject({ domain: f.domain, relativePath: f.relativePath, flags: 1 });
        expect(shapeOf(plist.parseBinary(row.file))).toEqual(CORPUS_FILE_SHAPE);
        const { root: mb, objects } = mbFile(row.file);
        const nsData = Buffer.from((deref(objects, mb.EncryptionKey) as Dict)['NS.data'] as Uint8Array);
        const clas = nsData.readUInt32LE(0);
        expect(clas).toBe(f.protectionClass ?? 3);
        expect(mb.ProtectionClass).toBe(clas);
        const fileKey = unwrap(classKeys.get(clas)!, nsData.subarray(4));
        seenKeys.add(fileKey.toString('hex'));
        const stored = readBackupFile(dir, fileId);
        const original = expectedBytes(f.content);
        expect(stored.length).toBe((Math.floor(original.length / 16) + 1) * 16);
        expect(mb.Size).toBe(original.length);
        expect(aesCbcDecrypt(fileKey, stored).equals(original)).toBe(true);
      }
      expect(seenKeys.size).toBe(files.length);
      for (const r of db.prepare('SELECT file FROM Files WHERE flags = 2').all() as { file: Buffer }[]) expect(shapeOf(plist.parseBinary(r.file))).toEqual(CORPUS_DIR_SHAPE);
    } finally {
      db.close();
    }
  });

  it.skipIf(!HAS_PYTHON)("is read by Python's plistlib", () => {
    const db = new Database(manifestDbPath, { readonly: true });
    const blob = db.prepare("SELECT file FROM Files WHERE relativePath = 'Library/SMS/sms.db'").pluck().get() as Buffer;
    db.close();
    const blobPath = path.join(root, 'encrypted-blob.bplist');
    fs.writeFileSync(blobPath, blob);
    const [m, archive] = python(PY_PLISTS, path.join(dir, 'Manifest.plist'), blobPath) as Dict[];
    expect(m).toMatchObject({ IsEncrypted: true, BackupKeyBag: { bytes: (manifest.BackupKeyBag as Uint8Array).length }, ManifestKey: { bytes: 44 }, Version: '10.0' });
    const objects = archive!.$objects as Dict[];
    expect(objects[1]).toMatchObject({ EncryptionKey: { UID: 3 }, $class: { UID: 5 }, ProtectionClass: 1 });
    expect(objects[3]).toMatchObject({ 'NS.data': { bytes: 44 }, $class: { UID: 4 } });
    expect(objects[4]).toEqual({ $classname: 'NSMutableData', $classes: ['NSMutableData', 'NSData', 'NSObject'] });
  });

  it('streams large contents through the cipher with flat memory', async () => {
    const size = 192 * 1024 * 1024 + 3;
    const big = path.join(root, 'big');
    let peak = 0;
    const base = process.memoryUsage().arrayBuffers;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().arrayBuffers - base);
    }, 5);
    let w: WrittenBackup;
    try {
      w = await writeIosBackup(big, { device: DEVICE, apps: [], files: [{ domain: 'HomeDomain', relativePath: 'Media/big.bin', content: { size, seed: 9 } }], encryption: { password: 'x' } });
    } finally {
      clearInterval(sampler);
    }
    expect(peak).toBeLessThan(96 * 1024 * 1024);
    const fileId = w.fileIds.get('HomeDomain-Media/big.bin')!;
    fs.writeFileSync(path.join(root, 'big-manifest.db'), aesCbcDecrypt(w.manifestKey!, fs.readFileSync(path.join(big, 'Manifest.db'))));
    const mdb = new Database(path.join(root, 'big-manifest.db'), { readonly: true });
    const blob = mdb.prepare('SELECT file FROM Files WHERE fileID = ?').pluck().get(fileId) as Buffer;
    mdb.close();
    const { root: mb, objects } = mbFile(blob);
    expect(mb.Size).toBe(size);
    const nsData = Buffer.from((deref(objects, mb.EncryptionKey) as Dict)['NS.data'] as Uint8Array);
    const fileKey = unwrap(w.classKeys!.get(nsData.readUInt32LE(0))!, nsData.subarray(4));
    const decryptedHash = createHash('sha256');
    let decryptedSize = 0;
    await pipeline(
      fs.createReadStream(path.join(big, fileId.slice(0, 2), fileId)),
      createDecipheriv('aes-256-cbc', fileKey, Buffer.alloc(16)),
      new Writable({
        write(chunk: Buffer, _enc, done) {
          decryptedHash.update(chunk);
          decryptedSize += chunk.length;
          done();
        },
      }),
    );
    const expectedHash = createHash('sha256');
    for (const chunk of seededChunks(9, size)) expectedHash.update(chunk);
    expect(decryptedSize).toBe(size);
    expect(decryptedHash.digest('hex')).toBe(expectedHash.digest('hex'));
  });
});

describe('record encoder', () => {
  const tricky = {
    relativePath: `Documents/${'é'.repeat(20)}/日本語 🎉/${'long-'.repeat(70)}.txt`,
    mode: 0o100600,
    size: 2 ** 32 + 5,
    protectionClass: 1,
    lastModified: 1_234_567_890,
    inode: 70_000,
    encryptionKey: Buffer.alloc(44, 7),
  };
  const archives: ArchiveValue[] = [
    mbFileArchive({ relativePath: '', mode: 0o40755, size: 0, protectionClass: 0, lastModified: 1_700_000_000, inode: 1 }, true),
    mbFileArchive({ relativePath: 'Library/SMS/sms.db', mode: 0o100644, size: 2 ** 31, protectionClass: 3, lastModified: 1_700_000_000, inode: 300 }, false),
    mbFileArchive(tricky, false),
    { many: Array.from({ length: 300 }, (_, i) => `s${i}`), big: Buffer.alloc(70_000, 1), n: [0, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1] },
  ];

  it('parses exactly like plist.buildBinary output', () => {
    for (const archive of archives) {
      const ours = plist.parseBinary(encodeBplist(archive));
      const reference = plist.parseBinary(plist.buildBinary(archive as unknown as Parameters<typeof plist.buildBinary>[0]));
      expect(ours).toEqual(reference);
    }
    const parsed = mbFile(encodeBplist(archives[2]!));
    expect(deref(parsed.objects, parsed.root.RelativePath)).toBe(tricky.relativePath);
    expect(parsed.root.Size).toBe(2 ** 32 + 5);
  });

  it.skipIf(!HAS_PYTHON)("is read by Python's plistlib (UTF-16 strings, 8-byte integers, 2-byte references and offsets)", () => {
    const paths = archives.map((a, i) => {
      const p = path.join(root, `archive-${i}.bplist`);
      fs.writeFileSync(p, encodeBplist(a));
      return p;
    });
    const parsed = python(PY_PLISTS, ...paths) as Dict[];
    const trickyObjects = parsed[2]!.$objects as Plist[];
    expect(trickyObjects[2]).toBe(tricky.relativePath);
    expect((trickyObjects[1] as Dict).Size).toBe(2 ** 32 + 5);
    expect((trickyObjects[3] as Dict)['NS.data']).toEqual({ bytes: 44 });
    expect((parsed[3]!.many as string[]).at(-1)).toBe('s299');
    expect(parsed[3]!.n).toEqual([0, 255, 256, 65535, 65536, 2 ** 32 - 1, 2 ** 32, 2 ** 53 - 1]);
    expect(parsed[3]!.big).toEqual({ bytes: 70_000 });
  });
});

describe('input checks', () => {
  it('rejects duplicate records and a path that is both a file and a folder', async () => {
    const base = { device: DEVICE, apps: [] };
    await expect(writeIosBackup(path.join(root, 'dup'), { ...base, files: [{ domain: 'HomeDomain', relativePath: 'a/b', content: 'x' }, { domain: 'HomeDomain', relativePath: 'a/b', content: 'y' }] })).rejects.toThrow(/duplicate/);
    await expect(writeIosBackup(path.join(root, 'clash'), { ...base, files: [{ domain: 'HomeDomain', relativePath: 'a/b', content: 'x' }, { domain: 'HomeDomain', relativePath: 'a/b/c', content: 'y' }] })).rejects.toThrow(/both a file and a folder/);
  });

  it('manifestDbWal: false gives a rollback-journal Manifest.db', async () => {
    const dir = path.join(root, 'no-wal');
    await writeIosBackup(dir, { device: DEVICE, apps: [], files: [{ domain: 'HomeDomain', relativePath: 'x', content: 'x' }], manifestDbWal: false });
    const header = fs.readFileSync(path.join(dir, 'Manifest.db'));
    expect([header[18], header[19]]).toEqual([1, 1]);
  });

  it('seeded contents are deterministic and chunking-independent', () => {
    const whole = seededBytes(5, 100_000);
    expect(Buffer.concat([...seededChunks(5, 100_000, 4096)]).equals(whole)).toBe(true);
    expect(seededBytes(5, 1000).equals(whole.subarray(0, 1000))).toBe(true);
    expect(seededBytes(6, 1000).equals(whole.subarray(0, 1000))).toBe(false);
  });
});
