// The `file` column of Manifest.db: an NSKeyedArchiver property list of an MBFile — the file's size, mode,
// dates, data-protection class and, in encrypted backups, its own key wrapped with that class's key
// (`EncryptionKey`, 4 bytes of class then the RFC 3394 wrapped key). Untrusted input: every reference and
// type is checked.
import { backupUnreadable, plistData, readPlistDictionary } from './plist-file.js';

export interface MbFile {
  size: number;
  mode: number;
  lastModified: number | null;
  protectionClass: number | null;
  /** The file's wrapped key (without its 4-byte class prefix); null in plain backups. */
  wrappedKey: Buffer | null;
}

/** A record's archive is small; anything larger is not a real one. */
const MAX_RECORD_BYTES = 64 * 1024;

function uid(value: unknown): number | null {
  return value !== null && typeof value === 'object' && 'UID' in value && typeof (value as { UID: unknown }).UID === 'number' ? (value as { UID: number }).UID : null;
}

const integer = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) ? value : typeof value === 'bigint' ? Number(value) : null);

export function decodeMbFile(blob: Buffer, fileId: string): MbFile {
  const archive = readPlistDictionary(blob, `the record of ${fileId}`, MAX_RECORD_BYTES);
  const objects = archive.$objects;
  const rootRef = uid((archive.$top as Record<string, unknown> | undefined)?.root);
  if (!Array.isArray(objects) || rootRef === null) throw backupUnreadable(`the record of ${fileId} is not a keyed archive`);
  const resolve = (value: unknown): unknown => {
    const ref = uid(value);
    if (ref === null) return value;
    if (ref < 0 || ref >= objects.length) throw backupUnreadable(`the record of ${fileId} refers outside itself`);
    return objects[ref];
  };
  const root = resolve({ UID: rootRef });
  if (root === null || typeof root !== 'object' || Array.isArray(root)) throw backupUnreadable(`the record of ${fileId} has no file description`);
  const file = root as Record<string, unknown>;
  const size = integer(file.Size);
  if (size === null || size < 0) throw backupUnreadable(`the record of ${fileId} has no valid size`);
  let wrappedKey: Buffer | null = null;
  const key = resolve(file.EncryptionKey);
  if (key !== undefined && key !== null && key !== '$null') {
    const data = plistData((key as Record<string, unknown>)['NS.data']);
    if (!data || data.length < 4 + 40) throw backupUnreadable(`the key of ${fileId} is malformed`);
    wrappedKey = Buffer.from(data.subarray(4));
  }
  return {
    size,
    mode: integer(file.Mode) ?? 0,
    lastModified: integer(file.LastModified),
    protectionClass: integer(file.ProtectionClass),
    wrappedKey,
  };
}
