// Checking an iPhone backup's Manifest.db before anything trusts it, in the parsing worker: opened read-only
// from memory or in place, with `trusted_schema` off, `Files` required to be a plain table of ordinary columns
// (a view, such as an endless recursive one, or a generated column is refused), and every record's file id
// checked to stay inside the backup.
import type Database from 'better-sqlite3-multiple-ciphers';

/** The task the parsing worker is given: the database's bytes (moved to it), or its path. */
export interface ManifestDbTask {
  kind: 'manifest-db';
  image: Uint8Array | null;
  file: string | null;
}

export interface ManifestDbCheck {
  /** The image, handed back (it was moved to the worker, not copied). */
  image: Uint8Array | null;
  records: number;
  /** Why it is refused, in words for "This iPhone backup cannot be read: …"; null when it is sound. */
  problem: string | null;
}

const MANIFEST_COLUMNS = ['fileID', 'domain', 'relativePath', 'flags', 'file'];
export function checkManifestDb(task: ManifestDbTask, Database: typeof import('better-sqlite3-multiple-ciphers')): ManifestDbCheck {
  const result = (problem: string | null, records = 0): ManifestDbCheck => ({ image: task.image, records, problem });
  let db: Database.Database;
  try {
    db = task.image ? new Database(Buffer.from(task.image.buffer, task.image.byteOffset, task.image.byteLength), { readonly: true }) : new Database(task.file!, { readonly: true, fileMustExist: true });
  } catch {
    return result('Manifest.db cannot be opened');
  }
  try {
    db.pragma('trusted_schema = OFF');
    db.pragma('query_only = ON');
    const kinds = db.prepare("SELECT type FROM sqlite_schema WHERE name = 'Files' COLLATE NOCASE").pluck().all() as string[];
    if (kinds.length === 0) return result('Manifest.db is not a backup manifest (it has no Files table)');
    if (!kinds.every((kind) => kind === 'table' || kind === 'index')) return result('Manifest.db is not a backup manifest (its Files is not a table)');
    const columns = db.prepare("SELECT name, hidden FROM pragma_table_xinfo('Files')").all() as { name: string; hidden: number }[];
    if (columns.some((column) => column.hidden !== 0)) return result('Manifest.db is not a backup manifest (its Files table has computed columns)');
    if (!MANIFEST_COLUMNS.every((name) => columns.some((column) => column.name === name))) return result('Manifest.db is not a backup manifest');
    const outside = db.prepare("SELECT fileID FROM Files WHERE length(fileID) != 40 OR fileID GLOB '*[^0-9a-f]*' LIMIT 1").get() as { fileID: unknown } | undefined;
    if (outside) return result(`a file record points outside the backup (${JSON.stringify(String(outside.fileID)).slice(0, 80)})`);
    return result(null, db.prepare('SELECT count(*) FROM Files').pluck().get() as number);
  } catch {
    return result('Manifest.db is damaged or truncated');
  } finally {
    db.close();
  }
}
