// Apple property lists from untrusted places (an iPhone backup, a Mac's LaunchAgents or `profiles` output):
// binary or XML, read with the `plist` library after a size check and a check of their shape — the object
// graph of binary ones (ios/bplist-guard.ts), the elements, depth and declarations of XML ones
// (xml-plist-guard.ts) — so a hostile file fails with an error instead of hanging or exhausting memory.
// Callers wrap the error in their own words.
import * as plist from 'plist';
import { checkBinaryPlistShape } from './ios/bplist-guard.js';
import { checkXmlPlistShape } from './xml-plist-guard.js';

const BINARY_MAGIC = Buffer.from('bplist00', 'latin1');

/** Parses a binary or XML property list; throws an Error saying what is wrong with it. */
export function parsePropertyList(bytes: Buffer, maxBytes: number): unknown {
  if (bytes.length > maxBytes) throw new Error(`larger than any real one (${bytes.length} bytes)`);
  if (bytes.subarray(0, 8).equals(BINARY_MAGIC)) {
    checkBinaryPlistShape(bytes);
    return plist.parseBinary(bytes);
  }
  const text = bytes.toString('utf8');
  if (!text.trimStart().startsWith('<')) throw new Error('neither a binary nor an XML property list');
  checkXmlPlistShape(text);
  return plist.parse(text);
}

export function isDictionary(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date);
}
