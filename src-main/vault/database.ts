// Opens the vault's SQLite database, encrypted page by page by SQLite3 Multiple Ciphers with the raw
// 256-bit data key, and sets the durability and privacy pragmas every connection needs.
//
// The page cipher is AEGIS-256 rather than the design card's ChaCha20-Poly1305: both are authenticated
// and take a fresh random nonce for every page written, but SQLite3MC's portable ChaCha20 reaches only
// ~250 MB/s here (artifact streams at 0.5× plain SQLite for writes and 0.26× for reads), while AEGIS uses
// the CPU's AES instructions (0.9× and 0.8×; see `npm run bench`), with a software path where they lack.
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import sodium from 'sodium-native';
import { SentinelleError } from '../../src-shared/errors.js';
import type { SecretKey } from './key-wrapping.js';

export type VaultDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** Create the file if it does not exist (only when a new vault is made). */
  create: boolean;
}

/** How long to wait for another process to let go of the vault before saying it is busy. */
const LOCK_WAIT_MS = 2000;

/**
 * Opens and keys the database. A wrong key is only noticed at the first read, so one is made here:
 * the caller gets either a working connection or a typed error, never a connection that fails later.
 *
 * The connection takes the database for itself (exclusive locking, held until it closes): one process
 * at a time works in a vault, so a second window or a command run meanwhile is told the vault is busy
 * instead of racing the first one. The write-ahead log's index then lives in memory: no -shm file.
 */
export function openVaultDatabase(file: string, dataKey: SecretKey, options: OpenDatabaseOptions): VaultDatabase {
  let db: VaultDatabase;
  try {
    db = new Database(file, { fileMustExist: !options.create });
    // Only this user may read the files (SQLite gives the WAL the database file's permissions).
    if (options.create && process.platform !== 'win32') fs.chmodSync(file, 0o600);
  } catch (error) {
    throw new SentinelleError('vault.database-unreadable', 'The vault database could not be opened. Check that the vault folder is complete and reachable.', {
      cause: error,
    });
  }
  try {
    db.pragma("cipher = 'aegis'");
    db.pragma("algorithm = 'aegis-256'");
    applyRawKey(db, dataKey);
    // Freed pages can be handed back to the file system after a purge without rewriting the whole vault
    // (a full VACUUM would copy it through temporary storage, which is kept in memory: see below).
    if (options.create) db.pragma('auto_vacuum = INCREMENTAL');
    applyConnectionPragmas(db);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    // Take the write lock now, so that the vault is ours from the start.
    db.exec('BEGIN IMMEDIATE; COMMIT;');
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      throw new SentinelleError('vault.busy', 'This vault is open in another Sentinelle window or command. Lock or close it there, then try again.', { cause: error });
    }
    throw new SentinelleError('vault.database-unreadable', 'The vault database does not open with its key: it may be damaged or replaced. Restore the vault folder from a backup copy.', {
      cause: error,
    });
  }
}

/** Durability and privacy settings every connection to a vault database gets. */
export function applyConnectionPragmas(db: VaultDatabase): void {
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma(`busy_timeout = ${LOCK_WAIT_MS}`);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  // Sorting and temporary tables stay in memory: SQLite's temporary files would not be encrypted.
  db.pragma('temp_store = MEMORY');
}

/** `x'…'` makes SQLite3 Multiple Ciphers use the bytes as the page key directly, without its own KDF. */
function applyRawKey(db: VaultDatabase, dataKey: SecretKey): void {
  withKeyLiteral(dataKey, (literal) => db.key(literal));
}

/** The key as SQLite3MC's raw-key literal, written byte by byte into guarded memory wiped afterwards (a JavaScript string of the key could never be wiped). */
function withKeyLiteral(dataKey: SecretKey, use: (literal: Buffer) => void): void {
  const digits = '0123456789abcdef';
  const literal = sodium.sodium_malloc(dataKey.length * 2 + 3);
  literal[0] = 0x78; // x
  literal[1] = 0x27; // '
  for (let i = 0; i < dataKey.length; i += 1) {
    literal[2 + 2 * i] = digits.charCodeAt(dataKey[i]! >> 4);
    literal[3 + 2 * i] = digits.charCodeAt(dataKey[i]! & 15);
  }
  literal[literal.length - 1] = 0x27; // '
  try {
    use(literal);
  } finally {
    sodium.sodium_memzero(literal);
  }
}

/**
 * Re-encrypts every page of the database under a new data key, in one transaction (a crash leaves the
 * database under the old key, restored from its encrypted rollback journal). SQLite3 Multiple Ciphers
 * cannot re-key in WAL mode: the log is folded in and the database switched to a rollback journal for the
 * time of the change, then back.
 */
export function rekeyVaultDatabase(db: VaultDatabase, newKey: SecretKey): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  try {
    withKeyLiteral(newKey, (literal) => db.rekey(literal));
  } finally {
    db.pragma('journal_mode = WAL');
  }
}

/** Whether the database file opens with this key (closed again at once); a busy vault is reported as such. */
export function databaseOpensWith(file: string, key: SecretKey): boolean {
  try {
    openVaultDatabase(file, key, { create: false }).close();
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 'vault.busy') throw error;
    return false;
  }
}

/** Closes the connection after folding the write-ahead log into the database file. */
export function closeVaultDatabase(db: VaultDatabase): void {
  if (!db.open) return;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}
