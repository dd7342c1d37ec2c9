// What every collector of an iPhone backup shares: the context it reads the backup through (each file kept in
// the vault first), and the small readers of what backups hold — SQLite files opened in memory, Core Data and
// Unix dates, text that may be missing.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { LocalizedText } from '../../../src-shared/model.js';
import type { AcquiredObservation } from '../acquired-observation.js';
import type { BackupRecord, IosBackup } from './ios-backup.js';
import { openSqliteInMemory } from './memory-sqlite.js';

/** A backup file read for a collector: its bytes and the artifact that keeps them. */
export interface KeptFile {
  record: BackupRecord;
  bytes: Buffer;
  sha256: string;
}

export interface CollectorContext {
  backup: IosBackup;
  /** Reads a file of the backup and stores it as an artifact; null (and noted) when the backup lacks it. */
  keep(record: BackupRecord, maxBytes: number): Promise<KeptFile | null>;
  /** The artifacts of the backup's own metadata: Info.plist, Manifest.plist, Manifest.db. */
  metadataArtifacts: string[];
  /** Notes a file that was kept but cannot be understood (a damaged profile…); the scan goes on. */
  skip(where: string, error: unknown): void;
  /** The scan's cancel signal: a file being parsed off the main thread is dropped at once when it aborts. */
  signal?: AbortSignal;
}

export interface Collector {
  id: string;
  label: LocalizedText;
  collect(context: CollectorContext): Promise<AcquiredObservation[]>;
}

export const t = (en: string, fr: string): LocalizedText => ({ en, fr });
/** Held in memory to be read (twice: the bytes, and SQLite's own copy): real ones are far smaller. */
export const SQLITE_MAX_BYTES = 256 * 1024 * 1024;
export const PROFILE_MAX_BYTES = 8 * 1024 * 1024;
/** Core Data dates count seconds from 2001-01-01. */
const CORE_DATA_EPOCH_MS = Date.UTC(2001, 0, 1);

export const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value : null);
export const coreDataDate = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? new Date(CORE_DATA_EPOCH_MS + value * 1000).toISOString() : null);
export const unixDate = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? new Date(value * 1000).toISOString() : null);

/** Opens a SQLite file of the backup in memory (never written to disk); null when it is not one. */
export function openSqlite(file: KeptFile): Database.Database | null {
  try {
    // The kept bytes are already stored as evidence; only this in-memory copy's header is adjusted.
    const db = openSqliteInMemory(file.bytes);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch {
    return null;
  }
}

export function tableColumns(db: Database.Database, table: string): Set<string> {
  return new Set((db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map((column) => column.name));
}

/** Rows of a query on a backup database; a damaged or unexpected database gives none, not an error. */
export function rows<T>(db: Database.Database, sql: string): T[] {
  try {
    return db.prepare(sql).all() as T[];
  } catch {
    return [];
  }
}
