// The evidence bundle's layout on disk, in one place:
//
//   "SNTLBNDL" · version (u16) · header length (u32) · header (JSON: recipients, passphrase) · stream header
//   then messages, each: length (u32) · crypto_secretstream ciphertext
//
// The first message carries, as additional data, the SHA-256 of everything before it, so the clear header
// cannot be changed unnoticed. Each decrypted message is one record: a type byte, then its bytes — parts of
// the signed manifest, the start of a file (name, size, hash), a piece of a file, and the end (tagged final,
// so a cut bundle is told apart from a complete one). Standard libsodium throughout: any binding can read it.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src-shared/canonical-json.js';
import { BUNDLE_VERSION, BundleHeader } from '../../src-shared/bundle.js';
import { A_BYTES, HEADER_BYTES } from './secret-stream.js';

export const MAGIC = Buffer.from('SNTLBNDL', 'latin1');
export const DEFAULT_CHUNK_BYTES = 1024 * 1024;
/** Clear headers are small (a sealed key per recipient); anything larger is not a bundle. */
const MAX_HEADER_BYTES = 1024 * 1024;

export const RecordType = { manifest: 0x4d, file: 0x46, data: 0x44, end: 0x5a } as const;
export type RecordType = (typeof RecordType)[keyof typeof RecordType];

export interface FileStart {
  name: string;
  size: number;
  sha256: string;
}

/** Names a bundle may hold: nothing that could climb out of a folder it is extracted into. */
export const FILE_NAME = /^(report\.html|report\.pdf|artifacts\/[0-9a-f]{64})$/;

/** The clear part before the first message, and the additional data that binds it to that message. */
export function encodePrelude(header: BundleHeader, streamHeader: Buffer): { prelude: Buffer; ad: Buffer } {
  const json = Buffer.from(canonicalJson(header), 'utf8');
  const fixed = Buffer.alloc(MAGIC.length + 6);
  MAGIC.copy(fixed);
  fixed.writeUInt16BE(BUNDLE_VERSION, MAGIC.length);
  fixed.writeUInt32BE(json.length, MAGIC.length + 2);
  const prelude = Buffer.concat([fixed, json, streamHeader]);
  return { prelude, ad: createHash('sha256').update(prelude).digest() };
}

export type PreludeResult =
  | { ok: true; header: BundleHeader; streamHeader: Buffer; ad: Buffer; length: number }
  | { ok: false; problem: 'not-a-bundle' | 'unsupported-version' | 'truncated' | 'header-altered'; detail: string };

/** Reads the clear part from the first bytes of a file (`bytes` may hold more). */
export function decodePrelude(bytes: Buffer): PreludeResult {
  if (bytes.length < MAGIC.length || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return { ok: false, problem: 'not-a-bundle', detail: 'it does not start as a Sentinelle bundle does' };
  if (bytes.length < MAGIC.length + 6) return { ok: false, problem: 'truncated', detail: 'the file ends inside its header' };
  const version = bytes.readUInt16BE(MAGIC.length);
  if (version !== BUNDLE_VERSION) return { ok: false, problem: 'unsupported-version', detail: `format version ${version}; this Sentinelle reads version ${BUNDLE_VERSION}` };
  const length = bytes.readUInt32BE(MAGIC.length + 2);
  if (length > MAX_HEADER_BYTES) return { ok: false, problem: 'header-altered', detail: `a header of ${length} bytes` };
  const end = MAGIC.length + 6 + length + HEADER_BYTES;
  if (bytes.length < end) return { ok: false, problem: 'truncated', detail: 'the file ends inside its header' };
  let header: BundleHeader;
  try {
    header = BundleHeader.parse(JSON.parse(bytes.subarray(MAGIC.length + 6, MAGIC.length + 6 + length).toString('utf8')));
  } catch (error) {
    return { ok: false, problem: 'header-altered', detail: `its header cannot be read (${error instanceof Error ? error.message.slice(0, 200) : String(error)})` };
  }
  const prelude = bytes.subarray(0, end);
  return { ok: true, header, streamHeader: Buffer.from(bytes.subarray(end - HEADER_BYTES, end)), ad: createHash('sha256').update(prelude).digest(), length: end };
}

/** How long a message may be: a record type byte, a chunk, and the authentication tag. */
export function maxMessageBytes(chunkSize: number): number {
  return chunkSize + 1 + A_BYTES;
}
