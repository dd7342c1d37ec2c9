// Opens the vault's SQLite database, encrypted page by page by SQLite3 Multiple Ciphers with the raw
// 256-bit data key, and sets the durability and privacy pragmas every connection needs.
//
// The page cipher is AEGIS-256 rather than the design card's ChaCha20-Poly1305: both are authenticated
// and take a fresh random nonce for every page written, but SQLite3MC's portable ChaCha20 reaches only
// ~250 MB/s here (artifact streams at 0.5× plain SQLite for writes and 0.26× for reads), while AEGIS uses
// the CPU's AES instructions (0.9× and 0.8×; see `npm run bench`), with a software path where they lack.
import Database from 'better-sqlite3-multiple-ciphers';
import sodium from 'sodium-native';
import { SentinelleError } from '../../src-shared/errors.js';
import type { SecretKey } from './key-wrapping.js';

export type VaultDatabase = Database.Database;

export interface OpenDatabaseOptions {
  /** Create the file if it does not exist (only when a new vault is made). */
  create: boolean;
}

/**
 * Opens and keys the database. A wrong key is only noticed at the first read, so one is made here:
 * the caller gets either a working connection or a typed error, never a connection that fails later.
 */
export function openVaultDatabase(file: string, dataKey: SecretKey, options: OpenDatabaseOptions): VaultDatabase {
  let db: VaultDatabase;
  try {
    db = new Database(file, { fileMustExist: !options.create });
  } catch (error) {
    throw new SentinelleError('vault.database-unreadable', 'The vault database could not be opened. Check that the vault folder is complete and reachable.', {
      cause: error,
    });
  }
  try {
    db.pragma("cipher = 'aegis'");
    db.pragma("algorithm = 'aegis-256'");
    applyRawKey(db, dataKey);
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    applyConnectionPragmas(db);
    return db;
  } catch (error) {
    db.close();
    throw new SentinelleError('vault.database-unreadable', 'The vault database does not open with its key: it may be damaged or replaced. Restore the vault folder from a backup copy.', {
      cause: error,
    });
  }
}

/** Durability and privacy settings every connection to a vault database gets. */
export function applyConnectionPragmas(db: VaultDatabase): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('secure_delete = ON');
  // Sorting and temporary tables stay in memory: SQLite's temporary files would not be encrypted.
  db.pragma('temp_store = MEMORY');
  db.pragma('busy_timeout = 5000');
}

/** `x'…'` makes SQLite3 Multiple Ciphers use the bytes as the page key directly, without its own KDF. */
function applyRawKey(db: VaultDatabase, dataKey: SecretKey): void {
  const hex = dataKey.toString('hex');
  const literal = sodium.sodium_malloc(hex.length + 3);
  literal.write(`x'${hex}'`, 'latin1');
  try {
    db.key(literal);
  } finally {
    sodium.sodium_memzero(literal);
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
