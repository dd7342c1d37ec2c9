// Test fixture generator: writes iPhone backups (iTunes / Finder / idevicebackup2) in the real on-disk format,
// plain or encrypted: hashed file tree, Manifest.db with NSKeyedArchiver MBFile records, Info/Manifest/Status
// plists, and for encrypted backups the keybag, per-file keys and an encrypted Manifest.db. The format follows
// public references (iphone-dataprotection, iphone_backup_decrypt, iOSbackup) and mirrors MVT's corpus backup.
import { createCipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Database from 'better-sqlite3-multiple-ciphers';
import * as plist from 'plist';

type PlistValue = Parameters<typeof plist.buildBinary>[0];

export interface BackupFileSpec {
  /** e.g. 'HomeDomain', 'AppDomain-com.example.app', 'WirelessDomain', 'SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles' */
  domain: string;
  /** e.g. 'Library/Databases/DataUsage.sqlite' */
  relativePath: string;
  /** The last form: deterministic pseudo-random bytes (see `seededChunks`), generated and written in streamed chunks. */
  content: Buffer | string | { size: number; seed: number };
  /** Default 3 (NSFileProtectionCompleteUntilFirstUserAuthentication); an encrypted backup wraps the file key with this class's key. */
  protectionClass?: number;
  /** Default 0o100644. */
  mode?: number;
  /** Unix seconds; default 1_700_000_000. */
  lastModified?: number;
}

export interface BackupSpec {
  device: {
    name: string;
    productType: string;
    productVersion: string;
    buildVersion: string;
    serialNumber: string;
    udid: string;
    imei?: string;
    /** Written as Info.plist 'ICCID' when given (the corpus backup has one). */
    iccid?: string;
    /** Written as Info.plist 'Phone Number' when given. */
    phoneNumber?: string;
    lastBackupDate?: Date;
  };
  /** -> Info.plist 'Installed Applications' (bundle ids) and Manifest.plist 'Applications'. */
  apps: { bundleId: string; name?: string; version?: string }[];
  /** Directory records (flags=2) are added automatically for each parent folder of each file, as real backups have them. */
  files: Iterable<BackupFileSpec> | AsyncIterable<BackupFileSpec>;
  /** Default low counts for test speed: dpic 10, iter 10 (real backups: 10 000 000 and 10 000). */
  encryption?: { password: string; dpic?: number; iter?: number };
  /** Not written anywhere (real backups do not carry it in these files). */
  isSupervised?: boolean;
  /**
   * Manifest.db in WAL mode (header bytes 18-19 = 2), as the corpus backup's Manifest.db is. Default true.
   * Like the real file, this trips readers: SQLite refuses to deserialize a WAL-mode image from a Buffer
   * ("unable to open database file"), and opening it in place, even read-only, leaves Manifest.db-wal/-shm in
   * the backup folder. Set false for a rollback-journal database.
   */
  manifestDbWal?: boolean;
}

export interface WrittenBackup {
  dir: string;
  /** `${domain}-${relativePath}` -> fileID, for every file spec written (not the automatic directory records). */
  fileIds: Map<string, string>;
  /** The raw 32-byte Manifest.db key (encrypted backups). */
  manifestKey?: Buffer;
  /** Protection class -> raw 32-byte class key (encrypted backups). */
  classKeys?: Map<number, Buffer>;
  /** The password-derived key ("passcode key", what MVT/iOSbackup accept as a key file / derivedkey). */
  derivedKey?: Buffer;
}

export const DEFAULT_LAST_MODIFIED = 1_700_000_000;
export const DEFAULT_BACKUP_DATE = new Date(DEFAULT_LAST_MODIFIED * 1000);
/** Protection class of the ManifestKey (NSFileProtectionNone), as in real backups. */
export const MANIFEST_KEY_CLASS = 4;
/** Classes present in the backup keybag: file classes 1-5 and keychain classes 6-11. */
export const KEYBAG_CLASSES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
/**
 * Classes whose keybag entry has WRAP 3 (passcode key + device UID) instead of 2: the recovery class and the
 * keychain "ThisDeviceOnly" classes, which a backup can only restore to the same device. Their WPKY is still an
 * RFC 3394 wrap under the passcode key here (the device-key layer cannot be reproduced off-device), so the
 * `classKeys` returned for them are the passcode-layer keys.
 */
export const DEVICE_BOUND_CLASSES: ReadonlySet<number> = new Set([5, 9, 10, 11]);

const RFC3394_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');
const ZERO_IV = Buffer.alloc(16);
const STREAM_CHUNK = 1 << 20;
const MOBILE_UID = 501;
const FILE_FLAG = 1;
const DIRECTORY_FLAG = 2;
const DIRECTORY_MODE = 0o40755;

/** fileID of a backup record: sha1 of `${domain}-${relativePath}`, lowercase hex. */
export function fileIdFor(domain: string, relativePath: string): string {
  return createHash('sha1').update(`${domain}-${relativePath}`, 'utf8').digest('hex');
}

/**
 * The deterministic pseudo-random bytes of `{ size, seed }` contents, in chunks: the AES-256-CTR keystream (zero
 * IV) under key sha256('ios-backup-writer/seed/' + seed). Node's cipher makes it fast enough for GiB sizes.
 */
export function* seededChunks(seed: number, size: number, chunkSize = STREAM_CHUNK): Generator<Buffer> {
  const key = createHash('sha256').update(`ios-backup-writer/seed/${seed}`).digest();
  const keystream = createCipheriv('aes-256-ctr', key, ZERO_IV);
  const zeros = Buffer.alloc(Math.max(1, Math.min(chunkSize, size)));
  for (let left = size; left > 0; ) {
    const n = Math.min(left, zeros.length);
    yield keystream.update(n === zeros.length ? zeros : zeros.subarray(0, n));
    left -= n;
  }
}

/** All of a `{ size, seed }` content at once (small sizes only). */
export function seededBytes(seed: number, size: number): Buffer {
  return Buffer.concat([...seededChunks(seed, size)]);
}

/** Convenience for tests building files: a SQLite database (created in memory with better-sqlite3 from the given SQL statements) serialized to a Buffer. */
export function sqliteFile(statements: string[]): Buffer {
  const db = new Database(':memory:');
  try {
    for (const statement of statements) db.exec(statement);
    return db.serialize();
  } finally {
    db.close();
  }
}

/** A fresh random 32-byte key, cut from a pooled randomBytes() block (one call per 1024 keys). */
let keyPool = Buffer.alloc(0);
function randomKey(): Buffer {
  if (keyPool.length < 32) keyPool = randomBytes(32 * 1024);
  const key = keyPool.subarray(0, 32);
  keyPool = keyPool.subarray(32);
  return key;
}

/** RFC 3394 AES key wrap (OpenSSL's id-aes256-wrap). */
function wrapKey(kek: Buffer, key: Buffer): Buffer {
  const cipher = createCipheriv('id-aes256-wrap', kek, RFC3394_IV);
  return Buffer.concat([cipher.update(key), cipher.final()]);
}

function encryptBuffer(key: Buffer, plain: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-cbc', key, ZERO_IV);
  return Buffer.concat([cipher.update(plain), cipher.final()]);
}

function uint32be(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

function uint32le(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

function tlv(tag: string, value: Buffer | number): Buffer {
  if (tag.length !== 4) throw new Error(`keybag tag must be 4 characters: ${tag}`);
  const data = typeof value === 'number' ? uint32be(value) : value;
  return Buffer.concat([Buffer.from(tag, 'latin1'), uint32be(data.length), data]);
}

/** Deterministic bytes for identifiers (UUIDs, GUID), so the plain parts of a backup are reproducible. */
function derived(label: string, length: number): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; out.length * 32 < length; i++) out.push(createHash('sha256').update(`ios-backup-writer/${label}/${i}`).digest());
  return Buffer.concat(out).subarray(0, length);
}

function uuidString(bytes: Buffer): string {
  const hex = bytes.subarray(0, 16).toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

interface MbFileFields {
  relativePath: string;
  mode: number;
  size: number;
  protectionClass: number;
  lastModified: number;
  inode: number;
  /** 4-byte LE class + 40-byte wrapped key; only for files of encrypted backups. */
  encryptionKey?: Buffer;
}

/** What the archived MBFile records are made of; `{ UID: n }` is an NSKeyedArchiver reference, bigint an 8-byte integer. */
export type ArchiveValue = string | number | bigint | Buffer | { UID: number } | ArchiveValue[] | { [key: string]: ArchiveValue };

const MBFILE_CLASS = { $classname: 'MBFile', $classes: ['MBFile', 'NSObject'] };
const NSMUTABLEDATA_CLASS = { $classname: 'NSMutableData', $classes: ['NSMutableData', 'NSData', 'NSObject'] };

/** The NSKeyedArchiver archive of an MBFile, with the key order and object layout of the corpus records. */
export function mbFileArchive(f: MbFileFields, directory: boolean): ArchiveValue {
  const t = f.lastModified;
  const size = f.size > 0xffffffff ? BigInt(f.size) : f.size;
  let objects: ArchiveValue[];
  if (directory) {
    // Corpus directory records: [$null, MBFile, path, MBFile class].
    const root = { LastModified: t, Flags: 0, GroupID: MOBILE_UID, $class: { UID: 3 }, LastStatusChange: t, RelativePath: { UID: 2 }, Birth: t, Size: 0, InodeNumber: f.inode, Mode: f.mode, UserID: MOBILE_UID, ProtectionClass: f.protectionClass };
    objects = ['$null', root, f.relativePath, MBFILE_CLASS];
  } else if (f.encryptionKey) {
    // Corpus file records: [$null, MBFile, path, NSMutableData, NSMutableData class, MBFile class]; key order of
    // the most common corpus variant (the one without Digest / ExtendedAttributes).
    const root = { LastModified: t, Flags: 0, GroupID: MOBILE_UID, $class: { UID: 5 }, LastStatusChange: t, RelativePath: { UID: 2 }, Birth: t, EncryptionKey: { UID: 3 }, Size: size, Mode: f.mode, UserID: MOBILE_UID, InodeNumber: f.inode, ProtectionClass: f.protectionClass };
    objects = ['$null', root, f.relativePath, { 'NS.data': f.encryptionKey, $class: { UID: 4 } }, NSMUTABLEDATA_CLASS, MBFILE_CLASS];
  } else {
    // Plain backups carry no EncryptionKey: [$null, MBFile, path, MBFile class].
    const root = { LastModified: t, Flags: 0, GroupID: MOBILE_UID, $class: { UID: 3 }, LastStatusChange: t, RelativePath: { UID: 2 }, Birth: t, Size: size, Mode: f.mode, UserID: MOBILE_UID, InodeNumber: f.inode, ProtectionClass: f.protectionClass };
    objects = ['$null', root, f.relativePath, MBFILE_CLASS];
  }
  return { $version: 100000, $archiver: 'NSKeyedArchiver', $top: { root: { UID: 1 } }, $objects: objects };
}

function mbFileBlob(f: MbFileFields, directory: boolean): Buffer {
  return encodeBplist(mbFileArchive(f, directory));
}

// A small binary plist (bplist00) writer for the archives above: the plist library's buildBinary gives the same
// parse (the self-check compares them) but is the bottleneck when writing 300 000 records. No object sharing;
// integers as Apple writes them (1, 2, 4 bytes unsigned, 8 bytes signed), strings ASCII or UTF-16BE. Everything
// is written into one reusable scratch buffer, then copied out once.

type BplistNode =
  | { kind: 'string'; value: string }
  | { kind: 'int'; value: number | bigint }
  | { kind: 'data'; value: Buffer }
  | { kind: 'uid'; value: number }
  | { kind: 'array'; refs: number[] }
  | { kind: 'dict'; keys: number[]; values: number[] };

function isUidValue(v: ArchiveValue): v is { UID: number } {
  return typeof v === 'object' && !Buffer.isBuffer(v) && !Array.isArray(v) && typeof (v as { UID?: unknown }).UID === 'number' && Object.keys(v).length === 1;
}

const ASCII = /^[\x00-\x7f]*$/;

class BplistScratch {
  buf = Buffer.allocUnsafe(64 * 1024);
  pos = 0;
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
  }
  int(n: number | bigint): void {
    this.ensure(9);
    const b = this.buf;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 0xffffffff) {
      if (n <= 0xff) {
        b[this.pos++] = 0x10;
        b[this.pos++] = n;
      } else if (n <= 0xffff) {
        b[this.pos++] = 0x11;
        this.pos = b.writeUInt16BE(n, this.pos);
      } else {
        b[this.pos++] = 0x12;
        this.pos = b.writeUInt32BE(n, this.pos);
      }
      return;
    }
    if (typeof n === 'number' && !Number.isSafeInteger(n)) throw new Error(`not an integer: ${n}`);
    b[this.pos++] = 0x13;
    this.pos = b.writeBigInt64BE(BigInt(n), this.pos);
  }
  count(type: number, n: number): void {
    this.ensure(1);
    if (n < 15) this.buf[this.pos++] = (type << 4) | n;
    else {
      this.buf[this.pos++] = (type << 4) | 0x0f;
      this.int(n);
    }
  }
  ref(r: number, size: number): void {
    this.ensure(size);
    this.pos = this.buf.writeUIntBE(r, this.pos, size);
  }
}
const scratch = new BplistScratch();

/** Serializes an archive to bplist00 (top object first, then its children depth-first). */
export function encodeBplist(top: ArchiveValue): Buffer {
  const nodes: BplistNode[] = [];
  const visit = (v: ArchiveValue): number => {
    const index = nodes.length;
    if (typeof v === 'string') nodes.push({ kind: 'string', value: v });
    else if (typeof v === 'number' || typeof v === 'bigint') nodes.push({ kind: 'int', value: v });
    else if (Buffer.isBuffer(v)) nodes.push({ kind: 'data', value: v });
    else if (Array.isArray(v)) {
      const node: BplistNode = { kind: 'array', refs: [] };
      nodes.push(node);
      for (const item of v) node.refs.push(visit(item));
    } else if (isUidValue(v)) nodes.push({ kind: 'uid', value: v.UID });
    else {
      const node: BplistNode = { kind: 'dict', keys: [], values: [] };
      nodes.push(node);
      const entries = Object.entries(v);
      for (const [key] of entries) node.keys.push(visit(key));
      for (const [, value] of entries) node.values.push(visit(value));
    }
    return index;
  };
  visit(top);

  const w = scratch;
  w.pos = 0;
  w.ensure(8);
  w.pos += w.buf.write('bplist00', 0, 'latin1');
  const refSize = nodes.length <= 0x100 ? 1 : 2;
  const offsets = new Array<number>(nodes.length);
  nodes.forEach((node, i) => {
    offsets[i] = w.pos;
    switch (node.kind) {
      case 'string': {
        const s = node.value;
        if (ASCII.test(s)) {
          w.count(0x5, s.length);
          w.ensure(s.length);
          w.pos += w.buf.write(s, w.pos, 'latin1');
        } else {
          w.count(0x6, s.length);
          w.ensure(s.length * 2);
          const start = w.pos;
          w.pos += w.buf.write(s, w.pos, 'utf16le');
          w.buf.subarray(start, w.pos).swap16();
        }
        break;
      }
      case 'int':
        w.int(node.value);
        break;
      case 'data':
        w.count(0x4, node.value.length);
        w.ensure(node.value.length);
        w.pos += node.value.copy(w.buf, w.pos);
        break;
      case 'uid': {
        const n = node.value;
        const size = n <= 0xff ? 1 : n <= 0xffff ? 2 : 4;
        w.ensure(1 + size);
        w.buf[w.pos++] = 0x80 | (size - 1);
        w.pos = w.buf.writeUIntBE(n, w.pos, size);
        break;
      }
      case 'array':
        w.count(0xa, node.refs.length);
        for (const r of node.refs) w.ref(r, refSize);
        break;
      case 'dict':
        w.count(0xd, node.keys.length);
        for (const r of node.keys) w.ref(r, refSize);
        for (const r of node.values) w.ref(r, refSize);
        break;
    }
  });
  const offsetTableOffset = w.pos;
  const offsetSize = offsetTableOffset <= 0xff ? 1 : offsetTableOffset <= 0xffff ? 2 : 4;
  for (const o of offsets) w.ref(o, offsetSize);
  w.ensure(32);
  w.buf.fill(0, w.pos, w.pos + 32);
  w.buf[w.pos + 6] = offsetSize;
  w.buf[w.pos + 7] = refSize;
  w.buf.writeBigUInt64BE(BigInt(nodes.length), w.pos + 8);
  w.buf.writeBigUInt64BE(BigInt(offsetTableOffset), w.pos + 24);
  w.pos += 32;
  return Buffer.from(w.buf.subarray(0, w.pos));
}

interface Crypto {
  classKeys: Map<number, Buffer>;
  manifestKey: Buffer;
  derivedKey: Buffer;
  keybag: Buffer;
}

/** Backup keybag (TLV) with fresh random class keys wrapped under the password-derived key. */
function makeKeybag(password: string, dpic: number, iter: number, udid: string): Crypto {
  const salt = randomBytes(20);
  const dpsl = randomBytes(20);
  // iOS >= 10.2: PBKDF2-HMAC-SHA256 over DPSL/DPIC, then PBKDF2-HMAC-SHA1 over SALT/ITER.
  const derivedKey = pbkdf2Sync(pbkdf2Sync(Buffer.from(password, 'utf8'), dpsl, dpic, 32, 'sha256'), salt, iter, 32, 'sha1');
  const parts: Buffer[] = [
    tlv('VERS', 4), // "set to four in iOS 12 or later" (Apple Platform Security, keybag format)
    tlv('TYPE', 1), // backup keybag
    tlv('UUID', derived(`keybag-uuid/${udid}`, 16)),
    tlv('HMCK', randomBytes(40)),
    tlv('WRAP', 1),
    tlv('SALT', salt),
    tlv('ITER', iter),
    tlv('DPWT', 1),
    tlv('DPIC', dpic),
    tlv('DPSL', dpsl),
  ];
  const classKeys = new Map<number, Buffer>();
  for (const clas of KEYBAG_CLASSES) {
    const key = randomBytes(32);
    classKeys.set(clas, key);
    parts.push(
      tlv('UUID', derived(`class-uuid/${udid}/${clas}`, 16)),
      tlv('CLAS', clas),
      tlv('WRAP', DEVICE_BOUND_CLASSES.has(clas) ? 3 : 2),
      tlv('KTYP', 0),
      tlv('WPKY', wrapKey(derivedKey, key)),
    );
  }
  return { classKeys, manifestKey: randomBytes(32), derivedKey, keybag: Buffer.concat(parts) };
}

// The corpus schema, in its sqlite_master order. The indexes (and so Properties, which comes after them) are
// created once the rows are in: a bulk index build is faster than maintaining them row by row.
const MANIFEST_TABLE = 'CREATE TABLE Files (fileID TEXT PRIMARY KEY, domain TEXT, relativePath TEXT, flags INTEGER, file BLOB)';
const MANIFEST_SCHEMA_AFTER_ROWS = [
  'CREATE INDEX FilesDomainIdx ON Files(domain)',
  'CREATE INDEX FilesRelativePathIdx ON Files(relativePath)',
  'CREATE INDEX FilesFlagsIdx ON Files(flags)',
  'CREATE TABLE Properties (key TEXT PRIMARY KEY, value BLOB)',
];

function removeDb(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true });
}

function isAsyncIterable<T>(x: Iterable<T> | AsyncIterable<T>): x is AsyncIterable<T> {
  return typeof (x as AsyncIterable<T>)[Symbol.asyncIterator] === 'function';
}

async function* iterate<T>(x: Iterable<T> | AsyncIterable<T>): AsyncGenerator<T> {
  if (isAsyncIterable(x)) {
    for await (const item of x) yield item;
  } else {
    yield* x;
  }
}

async function streamToFile(target: string, source: Readable, key: Buffer | undefined): Promise<void> {
  if (key) await pipeline(source, createCipheriv('aes-256-cbc', key, ZERO_IV), fs.createWriteStream(target));
  else await pipeline(source, fs.createWriteStream(target));
}

export async function writeIosBackup(dir: string, spec: BackupSpec): Promise<WrittenBackup> {
  const { device } = spec;
  const date = device.lastBackupDate ?? DEFAULT_BACKUP_DATE;
  const udid = device.udid;
  fs.mkdirSync(dir, { recursive: true });

  const enc = spec.encryption ? makeKeybag(spec.encryption.password, spec.encryption.dpic ?? 10, spec.encryption.iter ?? 10, udid) : undefined;

  // Manifest.db: built in place for plain backups, in a scratch folder for encrypted ones (then encrypted in).
  const manifestPath = path.join(dir, 'Manifest.db');
  removeDb(manifestPath);
  const scratch = enc ? fs.mkdtempSync(path.join(os.tmpdir(), 'ios-backup-writer-')) : undefined;
  const dbPath = scratch ? path.join(scratch, 'Manifest.db') : manifestPath;
  const fileIds = new Map<string, string>();
  try {
    await writeManifestDb(dbPath, dir, spec, enc, fileIds);
    if (enc) await streamToFile(manifestPath, fs.createReadStream(dbPath), enc.manifestKey);
  } finally {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  }

  writePlists(dir, spec, date, enc);

  return {
    dir,
    fileIds,
    ...(enc ? { manifestKey: enc.manifestKey, classKeys: enc.classKeys, derivedKey: enc.derivedKey } : {}),
  };
}

/** Writes the files (encrypted when `enc` is given) and their Manifest.db records (plain SQLite, at `dbPath`). */
async function writeManifestDb(dbPath: string, dir: string, spec: BackupSpec, enc: Crypto | undefined, fileIds: Map<string, string>): Promise<void> {
  const db = new Database(dbPath);
  try {
    // Mirror the corpus database's header: incremental auto-vacuum, user_version 2, 4 KiB pages, WAL (set once
    // the rows are in: building without a journal is much faster for 300 000 records).
    db.pragma('page_size = 4096');
    db.pragma('auto_vacuum = 2');
    db.pragma('journal_mode = OFF');
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -65536');
    db.pragma('user_version = 2');
    db.exec(MANIFEST_TABLE);
    const insert = db.prepare('INSERT INTO Files (fileID, domain, relativePath, flags, file) VALUES (?, ?, ?, ?, ?)');

    const kinds = new Map<string, 'file' | 'dir'>(); // `${domain}\0${relativePath}` -> record kind
    const madeDirs = new Set<string>();
    let inode = 100_000;

    // One transaction; on an error the half-written database is left as it is (without a journal it cannot be
    // rolled back) and the error goes to the caller.
    db.exec('BEGIN');
    for await (const file of iterate(spec.files)) {
      const { domain, relativePath } = file;
      if (!domain || domain.includes('\0') || relativePath.includes('\0')) throw new Error(`invalid backup file spec: ${JSON.stringify({ domain, relativePath })}`);
      if (relativePath === '' || relativePath.startsWith('/') || relativePath.endsWith('/')) throw new Error(`invalid relativePath for a file: ${JSON.stringify(relativePath)}`);
      const recordKey = `${domain}\0${relativePath}`;
      if (kinds.has(recordKey)) throw new Error(`duplicate backup record: ${domain} ${relativePath}`);

      // Parent directory records: the domain root ('') and every folder on the way. Walk up from the nearest
      // parent until a known folder, then add the missing ones top-down.
      const missing: string[] = [];
      for (let end = relativePath.lastIndexOf('/'); ; end = end > 0 ? relativePath.lastIndexOf('/', end - 1) : -1) {
        const dirPath = end > 0 ? relativePath.slice(0, end) : '';
        const kind = kinds.get(`${domain}\0${dirPath}`);
        if (kind === 'dir') break;
        if (kind === 'file') throw new Error(`${domain} ${dirPath} is both a file and a folder`);
        missing.push(dirPath);
        if (dirPath === '') break;
      }
      for (let i = missing.length - 1; i >= 0; i--) {
        const dirPath = missing[i]!;
        kinds.set(`${domain}\0${dirPath}`, 'dir');
        const blob = mbFileBlob({ relativePath: dirPath, mode: DIRECTORY_MODE, size: 0, protectionClass: 0, lastModified: DEFAULT_LAST_MODIFIED, inode: inode++ }, true);
        insert.run(fileIdFor(domain, dirPath), domain, dirPath, DIRECTORY_FLAG, blob);
      }
      kinds.set(recordKey, 'file');

      const protectionClass = file.protectionClass ?? 3;
      if (enc && !enc.classKeys.has(protectionClass)) throw new Error(`no keybag class ${protectionClass} for ${domain} ${relativePath}`);
      const fileId = fileIdFor(domain, relativePath);
      const bucket = path.join(dir, fileId.slice(0, 2));
      if (!madeDirs.has(bucket)) {
        fs.mkdirSync(bucket, { recursive: true });
        madeDirs.add(bucket);
      }
      const target = path.join(bucket, fileId);
      const fileKey = enc ? randomKey() : undefined;

      let size: number;
      const content = file.content;
      if (typeof content === 'string' || Buffer.isBuffer(content)) {
        const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
        size = bytes.length;
        fs.writeFileSync(target, fileKey ? encryptBuffer(fileKey, bytes) : bytes);
      } else {
        if (!Number.isSafeInteger(content.size) || content.size < 0) throw new Error(`invalid content size ${content.size}`);
        size = content.size;
        await streamToFile(target, Readable.from(seededChunks(content.seed, content.size)), fileKey);
      }

      const encryptionKey = enc && fileKey ? Buffer.concat([uint32le(protectionClass), wrapKey(enc.classKeys.get(protectionClass)!, fileKey)]) : undefined;
      const blob = mbFileBlob({ relativePath, mode: file.mode ?? 0o100644, size, protectionClass, lastModified: file.lastModified ?? DEFAULT_LAST_MODIFIED, inode: inode++, ...(encryptionKey ? { encryptionKey } : {}) }, false);
      insert.run(fileId, domain, relativePath, FILE_FLAG, blob);
      fileIds.set(`${domain}-${relativePath}`, fileId);
    }
    for (const statement of MANIFEST_SCHEMA_AFTER_ROWS) db.exec(statement);
    db.exec('COMMIT');
    db.pragma(spec.manifestDbWal === false ? 'journal_mode = DELETE' : 'journal_mode = WAL');
  } finally {
    db.close(); // checkpoints and removes the -wal/-shm files
  }
}

function writePlists(dir: string, spec: BackupSpec, date: Date, enc: Crypto | undefined): void {
  const { device } = spec;
  const udid = device.udid;

  // Info.plist: the corpus keys (alphabetical, as iTunes writes them); XML, as iTunes writes it.
  const info: { [key: string]: PlistValue } = {
    'Build Version': device.buildVersion,
    'Device Name': device.name,
    'Display Name': device.name,
    GUID: derived(`guid/${udid}`, 16).toString('hex').toUpperCase(),
  };
  if (device.iccid !== undefined) info.ICCID = device.iccid;
  if (device.imei !== undefined) info.IMEI = device.imei;
  info['Installed Applications'] = spec.apps.map((a) => a.bundleId);
  info['Last Backup Date'] = date;
  if (device.phoneNumber !== undefined) info['Phone Number'] = device.phoneNumber;
  info['Product Type'] = device.productType;
  info['Product Version'] = device.productVersion;
  info['Serial Number'] = device.serialNumber;
  info['Target Identifier'] = udid.toLowerCase();
  info['Target Type'] = 'Device';
  info['Unique Identifier'] = udid.toUpperCase();
  info['iTunes Version'] = '12.13.1.3';
  fs.writeFileSync(path.join(dir, 'Info.plist'), plist.build(info));

  const applications: { [key: string]: PlistValue } = {};
  for (const app of spec.apps) {
    const name = app.name ?? app.bundleId.split('.').pop() ?? app.bundleId;
    const entry: { [key: string]: PlistValue } = {
      CFBundleIdentifier: app.bundleId,
      CFBundleVersion: app.version ?? '1',
    };
    if (app.version !== undefined) entry.CFBundleShortVersionString = app.version;
    entry.ContainerContentClass = 'Data/Application';
    entry.Path = `/var/containers/Bundle/Application/${uuidString(derived(`app/${udid}/${app.bundleId}`, 16))}/${name}.app`;
    applications[app.bundleId] = entry;
  }

  const manifest: { [key: string]: PlistValue } = {};
  if (enc) manifest.BackupKeyBag = enc.keybag;
  manifest.Version = '10.0';
  manifest.Date = date;
  manifest.SystemDomainsVersion = '24.0';
  if (enc) manifest.ManifestKey = Buffer.concat([uint32le(MANIFEST_KEY_CLASS), wrapKey(enc.classKeys.get(MANIFEST_KEY_CLASS)!, enc.manifestKey)]);
  manifest.WasPasscodeSet = true;
  manifest.Lockdown = {
    ProductVersion: device.productVersion,
    ProductType: device.productType,
    BuildVersion: device.buildVersion,
    UniqueDeviceID: udid,
    SerialNumber: device.serialNumber,
    DeviceName: device.name,
  };
  manifest.Applications = applications;
  manifest.IsEncrypted = enc !== undefined;
  fs.writeFileSync(path.join(dir, 'Manifest.plist'), plist.buildBinary(manifest));

  const status: { [key: string]: PlistValue } = {
    IsFullBackup: false,
    Version: '3.3',
    UUID: uuidString(derived(`status/${udid}/${date.getTime()}`, 16)),
    Date: date,
    BackupState: 'new',
    SnapshotState: 'finished',
  };
  fs.writeFileSync(path.join(dir, 'Status.plist'), plist.buildBinary(status));
}
