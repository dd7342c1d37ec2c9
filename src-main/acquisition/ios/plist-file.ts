// Property lists from an iPhone backup (Info.plist, Manifest.plist, Status.plist, configuration profiles,
// the NSKeyedArchiver records of Manifest.db), read through ../property-list.ts (size and shape checked
// first), so that a hostile file is refused with a clear error naming it. Whole files are parsed in the
// parsing worker (system/parse-worker.ts), off the main thread; the small records of Manifest.db, one per
// file of the phone, in place.
import { SentinelleError } from '../../../src-shared/errors.js';
import { ParseLimitError, parseInWorker } from '../../system/parse-worker.js';
import { isDictionary, parsePropertyList } from '../property-list.js';

/** Larger than any plist a backup holds (Info.plist with app icons is a few MiB). */
export const MAX_PLIST_BYTES = 32 * 1024 * 1024;

export function backupUnreadable(what: string, cause?: unknown): SentinelleError {
  return new SentinelleError('backup.unreadable', `This iPhone backup cannot be read: ${what}. Nothing was added to the case.`, cause === undefined ? {} : { cause });
}

/** Parses a binary or XML property list; `what` names it in errors. */
export function readPlist(bytes: Buffer, what: string, maxBytes = MAX_PLIST_BYTES): unknown {
  if (bytes.length > maxBytes) throw backupUnreadable(`${what} is larger than any real one (${bytes.length} bytes)`);
  try {
    return parsePropertyList(bytes, maxBytes);
  } catch (error) {
    throw backupUnreadable(`${what} is not a valid property list`, error);
  }
}

/** A plist dictionary, or an error naming the file. */
export function readPlistDictionary(bytes: Buffer, what: string, maxBytes = MAX_PLIST_BYTES): Record<string, unknown> {
  const value = readPlist(bytes, what, maxBytes);
  if (!isDictionary(value)) throw backupUnreadable(`${what} is not a dictionary`);
  return value as Record<string, unknown>;
}

/** A plist dictionary parsed in the parsing worker (stopped at once when `signal` aborts), or an error naming the file. */
export async function readPlistDictionaryOffThread(bytes: Buffer, what: string, signal?: AbortSignal, maxBytes = MAX_PLIST_BYTES): Promise<Record<string, unknown>> {
  if (bytes.length > maxBytes) throw backupUnreadable(`${what} is larger than any real one (${bytes.length} bytes)`);
  let value: unknown;
  try {
    value = await parseInWorker({ kind: 'plist', bytes, maxBytes }, signal ? { signal } : {});
  } catch (error) {
    if (error instanceof SentinelleError) throw error;
    throw backupUnreadable(error instanceof ParseLimitError ? `${what} is larger or more complex than any real one (${error.message})` : `${what} is not a valid property list`, error);
  }
  if (!isDictionary(value)) throw backupUnreadable(`${what} is not a dictionary`);
  return value as Record<string, unknown>;
}

/** A plist `data` value (the library gives a Uint8Array or a Buffer) as a Buffer; null for anything else. */
export function plistData(value: unknown): Buffer | null {
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  return null;
}
