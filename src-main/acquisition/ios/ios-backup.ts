// An iPhone backup folder (iTunes, Finder or idevicebackup2), opened read-only: Info.plist, Manifest.plist
// and Status.plist; Manifest.db (opened read-only in place, or — encrypted — decrypted into memory, never
// to disk); the file records; and each file under its hashed name, streamed and, in an encrypted backup,
// decrypted with its own key (AES-256-CBC via Node's crypto, padding removed, size checked).
import { createDecipheriv, type Decipher } from 'node:crypto';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import Database from 'better-sqlite3-multiple-ciphers';
import { SentinelleError } from '../../../src-shared/errors.js';
import { derivePasscodeKey, parseKeybag, unlockKeybag, unwrapKey, type DerivationOptions, type Keybag } from './keybag.js';
import { decodeMbFile, type MbFile } from './mb-file.js';
import { markRollbackJournal, openSqliteInMemory } from './memory-sqlite.js';
import { parseInWorker } from '../../system/parse-worker.js';
import type { ManifestDbCheck } from './manifest-db-check.js';
import { folderFiles, type BackupFiles } from './backup-files.js';
import { backupUnreadable, MAX_PLIST_BYTES, plistData, readPlistDictionaryOffThread } from './plist-file.js';

export interface BackupRecord extends MbFile {
  fileId: string;
  domain: string;
  relativePath: string;
  /** 1 file, 2 folder, 4 symbolic link. */
  flags: number;
}

export interface OpenBackupOptions extends DerivationOptions {
  password?: string;
  /** A key derived earlier from this backup's password (kept in the vault), by keybag UUID (hex). */
  knownKey?: (keybagUuid: string) => Buffer | null;
}

/** The backup metadata files Sentinelle keeps as evidence, with their bytes as found. */
export interface MetadataFile {
  name: 'Info.plist' | 'Manifest.plist' | 'Status.plist';
  bytes: Buffer;
}

const ZERO_IV = Buffer.alloc(16);

/** A stream of a stored file, opened without following a symbolic link put in its place. */
function openStored(files: BackupFiles, name: string, record: BackupRecord): Readable {
  try {
    return files.stream(name);
  } catch (error) {
    throw backupUnreadable(`the file ${record.domain}/${record.relativePath} cannot be opened`, error);
  }
}
const FILE_ID = /^[0-9a-f]{40}$/;
/** Manifest.db of a very large backup is a few hundred MiB; read into memory, it must stay bounded. */
const MAX_MANIFEST_BYTES = 512 * 1024 * 1024;

interface FileRow {
  fileID: string;
  domain: string;
  relativePath: string;
  flags: number;
  file: Buffer | null;
}

export class IosBackup {
  private constructor(
    /** Where the backup's files are read from. */
    private readonly source: BackupFiles,
    readonly metadata: MetadataFile[],
    readonly info: Record<string, unknown>,
    readonly manifest: Record<string, unknown> | null,
    readonly status: Record<string, unknown> | null,
    private readonly db: Database.Database,
    /** The key of an encrypted Manifest.db. */
    private readonly manifestDbKey: Buffer | null,
    private readonly classKeys: Map<number, Buffer> | null,
    readonly keybag: Keybag | null,
    /** The key derived from the password, to keep so it is not asked again. */
    readonly passcodeKey: Buffer | null,
  ) {}

  get encrypted(): boolean {
    return this.classKeys !== null;
  }

  /** Whether Manifest.db itself was encrypted (every encrypted backup since iOS 10.2). */
  get manifestDbEncrypted(): boolean {
    return this.manifestDbKey !== null;
  }

  /** Opens a backup folder on this computer, or the files of one the browser sent. */
  static async open(where: string | BackupFiles, options: OpenBackupOptions = {}): Promise<IosBackup> {
    const files = typeof where === 'string' ? folderFiles(where) : where;
    const manifestDb = files.kind('Manifest.db');
    if (manifestDb === 'missing') {
      if (files.kind('Manifest.mbdb') !== 'missing') throw backupUnreadable('it was made by iOS 9 or earlier (Manifest.mbdb); Sentinelle reads backups of iOS 10 and later');
      throw new SentinelleError('backup.not-found', 'No iPhone backup was found there. Choose the folder of one backup (it holds Manifest.db).', { technical: files.origin });
    }
    if (manifestDb !== 'file') throw backupUnreadable('Manifest.db is not a regular file');
    const metadata: MetadataFile[] = [];
    const readMetadata = async (name: MetadataFile['name'], required: boolean): Promise<Record<string, unknown> | null> => {
      const kind = files.kind(name);
      if (kind === 'missing') {
        if (required) throw backupUnreadable(`${name} is missing`);
        return null;
      }
      if (kind !== 'file') throw backupUnreadable(`${name} is not a regular file`);
      // Checked before reading: a hostile backup's plist may be gigabytes.
      if (files.size(name) > MAX_PLIST_BYTES) throw backupUnreadable(`${name} is larger than any real one`);
      const bytes = await files.head(name, files.size(name));
      metadata.push({ name, bytes });
      return readPlistDictionaryOffThread(bytes, name, options.signal);
    };
    const info = (await readMetadata('Info.plist', true))!;
    const manifest = await readMetadata('Manifest.plist', false);
    const status = await readMetadata('Status.plist', false);

    let keybag: Keybag | null = null;
    let classKeys: Map<number, Buffer> | null = null;
    let passcodeKey: Buffer | null = null;
    let key: Buffer | null = null;
    if (manifest?.IsEncrypted === true) {
      const keybagBytes = plistData(manifest.BackupKeyBag);
      if (!keybagBytes) throw backupUnreadable('Manifest.plist has no keybag');
      keybag = parseKeybag(keybagBytes);
      const remembered = options.knownKey?.(keybag.uuid.toString('hex')) ?? null;
      if (remembered) {
        try {
          classKeys = unlockKeybag(keybag, remembered);
          passcodeKey = remembered;
        } catch {
          classKeys = null; // the backup password was changed since: ask for it
        }
      }
      if (!classKeys) {
        if (options.password === undefined) throw new SentinelleError('backup.password-needed', 'This backup is encrypted. Enter the backup password that was set on the iPhone.');
        passcodeKey = await derivePasscodeKey(options.password, keybag, options);
        classKeys = unlockKeybag(keybag, passcodeKey);
      }
      // iOS 10.0 and 10.1 encrypted the files but not Manifest.db: their Manifest.plist has no ManifestKey.
      key = manifest.ManifestKey === undefined ? null : manifestKey(manifest, classKeys);
    }
    const copy = await readableManifestCopy(files, key);
    // Checked in the parsing worker first (a hostile database cannot hang this thread), then opened here.
    const checked = await parseInWorker<ManifestDbCheck>({ kind: 'manifest-db', image: copy.bytes, file: copy.bytes ? null : copy.file }, { transfer: copy.bytes ? [copy.bytes.buffer as ArrayBuffer] : [], ...(options.signal ? { signal: options.signal } : {}) }).catch((error: unknown) => {
      if (error instanceof SentinelleError) throw error;
      throw backupUnreadable(`Manifest.db could not be checked (${error instanceof Error ? error.message : String(error)})`, error);
    });
    if (checked.problem) throw backupUnreadable(checked.problem);
    const image = checked.image ? Buffer.from(checked.image.buffer, checked.image.byteOffset, checked.image.byteLength) : null;
    const db = openDatabase(() => (image ? openSqliteInMemory(image) : new Database(copy.file!, { readonly: true, fileMustExist: true })));
    db.pragma('trusted_schema = OFF');
    db.pragma('query_only = ON');
    return new IosBackup(files, metadata, info, manifest, status, db, key, classKeys, keybag, passcodeKey);
  }

  countRecords(): number {
    return this.query(() => (this.db.prepare('SELECT count(*) AS n FROM Files').get() as { n: number }).n);
  }

  /** The file records (flags = 1) of a domain, or of every domain starting with a prefix. */
  *files(filter: { domain?: string; domainPrefix?: string; pathPrefix?: string } = {}): Generator<BackupRecord> {
    const clauses = ['flags = 1'];
    const values: string[] = [];
    if (filter.domain !== undefined) {
      clauses.push('domain = ?');
      values.push(filter.domain);
    }
    if (filter.domainPrefix !== undefined) {
      clauses.push("substr(domain, 1, length(?)) = ?");
      values.push(filter.domainPrefix, filter.domainPrefix);
    }
    if (filter.pathPrefix !== undefined) {
      clauses.push("substr(relativePath, 1, length(?)) = ?");
      values.push(filter.pathPrefix, filter.pathPrefix);
    }
    const statement = this.db.prepare(`SELECT fileID, domain, relativePath, flags, file FROM Files WHERE ${clauses.join(' AND ')} ORDER BY domain, relativePath`);
    const rows = this.query(() => statement.iterate(...values)) as IterableIterator<FileRow>;
    try {
      while (true) {
        const next = this.query(() => rows.next());
        if (next.done) return;
        yield this.toRecord(next.value);
      }
    } finally {
      // A caller that stops early (or throws) must not leave the statement running: the database could not close.
      rows.return?.();
    }
  }

  /** `domain/relativePath` of the records (of any kind) whose path contains one of the words (case-insensitive), up to `limit`. */
  pathsContaining(words: readonly string[], limit: number): string[] {
    if (words.length === 0) return [];
    const where = words.map(() => "(domain || '/' || relativePath) LIKE ? ESCAPE '\\'").join(' OR ');
    const patterns = words.map((word) => `%${word.replace(/[\\%_]/g, (char) => `\\${char}`)}%`);
    return this.query(() => (this.db.prepare(`SELECT domain || '/' || relativePath AS path FROM Files WHERE ${where} ORDER BY path LIMIT ?`).all(...patterns, limit) as { path: string }[]).map((row) => row.path));
  }

  /** Every domain in the backup with how many records it holds. */
  domains(): Map<string, number> {
    return this.query(() => new Map((this.db.prepare('SELECT domain, count(*) AS n FROM Files GROUP BY domain').all() as { domain: string; n: number }[]).map((row) => [row.domain, row.n])));
  }

  file(domain: string, relativePath: string): BackupRecord | null {
    const row = this.query(() => this.db.prepare('SELECT fileID, domain, relativePath, flags, file FROM Files WHERE domain = ? AND relativePath = ? AND flags = 1').get(domain, relativePath)) as FileRow | undefined;
    return row ? this.toRecord(row) : null;
  }

  /** The file's content as a stream: in an encrypted backup decrypted, and checked to be `record.size` bytes long. */
  open(record: BackupRecord): Readable {
    const stored = storedName(record);
    // A plain backup copies live files, which may have changed since their record was written (a
    // database checkpointed in between): its file is taken as it is. Decrypted files must match exactly.
    if (this.source.kind(stored) !== 'file') throw backupUnreadable(`the file ${record.domain}/${record.relativePath} is missing from the backup folder, or is not a regular file`);
    if (!this.classKeys) {
      const plain = openStored(this.source, stored, record);
      const checked = new Transform({ transform: (chunk, _encoding, callback) => callback(null, chunk) });
      plain.on('error', (error) => checked.destroy(backupUnreadable(`the file ${record.domain}/${record.relativePath} cannot be read`, error)));
      return plain.pipe(checked);
    }
    if (!record.wrappedKey || record.protectionClass === null) throw backupUnreadable(`the file ${record.domain}/${record.relativePath} has no key`);
    const classKey = this.classKeys.get(record.protectionClass);
    if (!classKey) throw backupUnreadable(`the key of protection class ${record.protectionClass} is missing from the keybag (needed for ${record.relativePath})`);
    const key = unwrapKey(classKey, record.wrappedKey);
    if (!key) throw backupUnreadable(`the key of ${record.domain}/${record.relativePath} does not open`);
    const decrypting = new DecryptExact(record, createDecipheriv('aes-256-cbc', key, ZERO_IV));
    const source = openStored(this.source, stored, record);
    source.on('error', (error) => decrypting.destroy(backupUnreadable(`the file ${record.domain}/${record.relativePath} cannot be read`, error)));
    return source.pipe(decrypting);
  }

  /** The whole content of a (small) file, refused past `maxBytes`. */
  async read(record: BackupRecord, maxBytes: number): Promise<Buffer> {
    const tooLarge = () => backupUnreadable(`${record.relativePath} is larger than Sentinelle reads for it (over ${maxBytes} bytes)`);
    if (record.size > maxBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of this.open(record)) {
      size += (chunk as Buffer).length;
      if (size > maxBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  /** Whether the file of a record is in the backup folder (partial copies of backups lack some). */
  has(record: BackupRecord): boolean {
    return this.source.kind(storedName(record)) !== 'missing';
  }

  /** Manifest.db as it is in the backup — decrypted, for an encrypted backup — as a stream, for the evidence. */
  manifestDbStream(): Readable {
    const source = this.source.stream('Manifest.db');
    if (!this.manifestDbKey) return source;
    const decipher = createDecipheriv('aes-256-cbc', this.manifestDbKey, ZERO_IV);
    source.on('error', (error) => decipher.destroy(error));
    return source.pipe(decipher);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  private toRecord(row: FileRow): BackupRecord {
    if (!FILE_ID.test(row.fileID)) throw backupUnreadable(`a file record points outside the backup (${JSON.stringify(row.fileID).slice(0, 80)})`);
    const described = row.file ? decodeMbFile(row.file, row.fileID) : { size: 0, mode: 0, lastModified: null, protectionClass: null, wrappedKey: null };
    return { fileId: row.fileID, domain: row.domain, relativePath: row.relativePath, flags: row.flags, ...described };
  }

  /** Runs a query; SQLite's errors on a damaged database become a plain message. */
  private query<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      if (error instanceof SentinelleError) throw error;
      throw backupUnreadable('Manifest.db is damaged or truncated', error);
    }
  }
}

/** Where a record's file is kept in the backup: under its hashed name, in the folder of its first two characters. */
function storedName(record: BackupRecord): string {
  return `${record.fileId.slice(0, 2)}/${record.fileId}`;
}

function openDatabase(open: () => Database.Database): Database.Database {
  try {
    return open();
  } catch (error) {
    throw backupUnreadable('Manifest.db cannot be opened', error);
  }
}

/** The Manifest.db key, unwrapped with the class key Manifest.plist names. */
function manifestKey(manifest: Record<string, unknown>, classKeys: Map<number, Buffer>): Buffer {
  const wrapped = plistData(manifest.ManifestKey);
  if (!wrapped || wrapped.length < 4 + 40) throw backupUnreadable('Manifest.plist has no valid ManifestKey');
  const protectionClass = wrapped.readUInt32LE(0);
  const classKey = classKeys.get(protectionClass);
  if (!classKey) throw backupUnreadable(`the key of protection class ${protectionClass} is missing from the keybag (needed for Manifest.db)`);
  const key = unwrapKey(classKey, wrapped.subarray(4));
  if (!key) throw backupUnreadable('the key of Manifest.db does not open');
  return key;
}

/** Where SQLite reads Manifest.db from: the file itself (never written to), or a copy in memory. */
interface ManifestCopy {
  file: string | null;
  bytes: Buffer | null;
}

/**
 * A copy of Manifest.db SQLite can read without writing anything beside the backup or anywhere else. iOS
 * writes it in WAL mode, and SQLite opening a WAL database — even read-only — creates -wal and -shm files
 * next to it: so a WAL one (and any encrypted one, once decrypted) is read into memory and marked there as
 * a rollback-journal database (header bytes 18–19); the content is not otherwise touched. A decrypted
 * Manifest.db is the list of every file on her phone: it is never written to disk. A plain rollback-journal
 * Manifest.db is read in place.
 */
async function readableManifestCopy(files: BackupFiles, key: Buffer | null): Promise<ManifestCopy> {
  const inPlace = files.localPath('Manifest.db');
  if (!key && inPlace) {
    const header = await files.head('Manifest.db', 20);
    // Read in place only a rollback-journal database (write and read versions both 1): anything else
    // would make SQLite create files beside it.
    if (header[18] === 1 && header[19] === 1) return { file: inPlace, bytes: null };
  }
  try {
    if (files.size('Manifest.db') > MAX_MANIFEST_BYTES) throw backupUnreadable('Manifest.db is larger than Sentinelle reads into memory');
    const stream = files.stream('Manifest.db');
    let source: Readable = stream;
    if (key) {
      const decipher = createDecipheriv('aes-256-cbc', key, ZERO_IV);
      stream.on('error', (error) => decipher.destroy(error));
      source = stream.pipe(decipher);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of source) {
      chunks.push(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    // In a memory block of its own (never a slice of Node's shared pool): it is moved to the parsing worker and back.
    const image = Buffer.from(new ArrayBuffer(size));
    let offset = 0;
    for (const chunk of chunks) offset += chunk.copy(image, offset);
    return { file: null, bytes: markRollbackJournal(image) };
  } catch (error) {
    if (error instanceof SentinelleError) throw error;
    throw backupUnreadable(key ? 'Manifest.db does not decrypt (damaged or truncated)' : 'Manifest.db cannot be read', error);
  }
}

/** Decrypts a file's bytes as they come, and passes on exactly `record.size` of them: shorter, longer or badly padded is damaged. */
class DecryptExact extends Transform {
  private received = 0;

  constructor(
    private readonly record: BackupRecord,
    private readonly decipher: Decipher,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.pass(() => this.decipher.update(chunk), callback);
  }

  override _flush(callback: TransformCallback): void {
    this.pass(() => this.decipher.final(), (error, data) => {
      if (error) return callback(error);
      if (data) this.push(data);
      callback(this.received === this.record.size ? null : this.damaged(`is shorter than its record says (${this.received} of ${this.record.size} bytes)`));
    });
  }

  private pass(decrypt: () => Buffer, callback: TransformCallback): void {
    let plain: Buffer;
    try {
      plain = decrypt();
    } catch (error) {
      return callback(this.damaged('does not decrypt (wrong key or damaged)', error));
    }
    this.received += plain.length;
    if (this.received > this.record.size) return callback(this.damaged(`is longer than its record says (${this.record.size} bytes)`));
    callback(null, plain.length > 0 ? plain : undefined);
  }

  private damaged(what: string, cause?: unknown): Error {
    return backupUnreadable(`the file ${this.record.domain}/${this.record.relativePath} ${what}`, cause);
  }
}
