// Opening a SQLite file from an iPhone backup in memory, read-only, so that decrypted or untrusted
// databases are never written to disk. iOS keeps most databases (Manifest.db included) in WAL mode, which
// SQLite cannot use for an in-memory image: the copy is marked as a rollback-journal database (header
// bytes 18–19), which changes nothing of its content.
import Database from 'better-sqlite3-multiple-ciphers';

/** Marks a SQLite image (or its first bytes) as a rollback-journal database (write and read versions 1), in place; returns it. */
export function markRollbackJournal(image: Buffer): Buffer {
  if (image.length >= 20 && image.toString('latin1', 0, 15) === 'SQLite format 3') image[18] = image[19] = 1;
  return image;
}

/** Opens the image read-only in memory. Its header is changed in place (pass a copy if it must stay as it is). */
export function openSqliteInMemory(image: Buffer): Database.Database {
  return new Database(markRollbackJournal(image), { readonly: true });
}
