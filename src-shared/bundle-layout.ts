// The evidence bundle's layout (docs/bundle-format.md, section 2), as both sides read it:
//
//   "SNTLBNDL" · version (u16) · header length (u32) · header (canonical JSON) · stream header (24 bytes)
//   then messages, each: length (u32) · crypto_secretstream ciphertext of one record
//
// The first message carries, as additional data, the SHA-256 of everything before it (the prelude), so the
// clear header cannot be changed unnoticed. Each decrypted message is one record: a type byte, then its
// payload — parts of the signed manifest, the start of a file, a piece of a file, and the end (tagged final).
import { readUint16BE, readUint32BE, utf8Bytes, equalBytes } from './bytes.js';
import { BUNDLE_VERSION, BundleHeader } from './bundle-header.js';
import { parseCanonicalJson } from './strict-json.js';

export const MAGIC = utf8Bytes('SNTLBNDL');
/** Bytes before the header: the magic, the version and the header's length. */
export const FIXED_PRELUDE_BYTES = MAGIC.length + 6;
/** Clear headers are small (a sealed key per recipient); anything larger is not a bundle. */
export const MAX_HEADER_BYTES = 1024 * 1024;
/** crypto_secretstream_xchacha20poly1305: header, authentication overhead per message, key. */
export const STREAM_HEADER_BYTES = 24;
export const STREAM_A_BYTES = 17;
export const FILE_KEY_BYTES = 32;
/** The additional data of the passphrase's wrapping of the file key. */
export const PASSPHRASE_AD = 'sentinelle-bundle-v1 passphrase';

export const RecordType = { manifest: 0x4d, file: 0x46, data: 0x44, end: 0x5a } as const;
export type RecordType = (typeof RecordType)[keyof typeof RecordType];

export interface FileStart {
  name: string;
  size: number;
  sha256: string;
}

/** Names a bundle may hold: nothing that could climb out of a folder it is extracted into. */
export const FILE_NAME = /^(report\.html|report\.pdf|artifacts\/[0-9a-f]{64})$/;

/** How long a message may be: a record type byte, a chunk, and the authentication tag. */
export function maxMessageBytes(chunkSize: number): number {
  return chunkSize + 1 + STREAM_A_BYTES;
}

export type PreludeResult =
  | { ok: true; header: BundleHeader; streamHeader: Uint8Array; prelude: Uint8Array }
  | { ok: false; problem: 'not-a-bundle' | 'unsupported-version' | 'truncated' | 'header-altered'; detail: string };

/** How many bytes from the start of the file decodePrelude needs, once it has said `truncated` on fewer. */
export function preludeLength(bytes: Uint8Array): number | null {
  return bytes.length < FIXED_PRELUDE_BYTES ? null : FIXED_PRELUDE_BYTES + readUint32BE(bytes, MAGIC.length + 2) + STREAM_HEADER_BYTES;
}

/** Reads the clear part from the first bytes of a file (`bytes` may hold more), step 1 of section 7 in its order. */
export function decodePrelude(bytes: Uint8Array): PreludeResult {
  if (bytes.length < MAGIC.length || !equalBytes(bytes.subarray(0, MAGIC.length), MAGIC)) return { ok: false, problem: 'not-a-bundle', detail: 'it does not start as a Sentinelle bundle does' };
  if (bytes.length < FIXED_PRELUDE_BYTES) return { ok: false, problem: 'truncated', detail: 'the file ends inside its header' };
  const version = readUint16BE(bytes, MAGIC.length);
  if (version !== BUNDLE_VERSION) return { ok: false, problem: 'unsupported-version', detail: `format version ${version}; this Sentinelle reads version ${BUNDLE_VERSION}` };
  const length = readUint32BE(bytes, MAGIC.length + 2);
  if (length > MAX_HEADER_BYTES) return { ok: false, problem: 'header-altered', detail: `a header of ${length} bytes` };
  const end = FIXED_PRELUDE_BYTES + length + STREAM_HEADER_BYTES;
  if (bytes.length < end) return { ok: false, problem: 'truncated', detail: 'the file ends inside its header' };
  const parsed = parseCanonicalJson(bytes.subarray(FIXED_PRELUDE_BYTES, FIXED_PRELUDE_BYTES + length));
  if (!parsed.ok) return { ok: false, problem: 'header-altered', detail: `its header is not canonical JSON (${parsed.detail})` };
  const header = BundleHeader.safeParse(parsed.value);
  if (!header.success) return { ok: false, problem: 'header-altered', detail: `its header is not what the format defines (${header.error.issues.map((issue) => `${issue.path.join('.') || 'header'}: ${issue.message}`).join('; ').slice(0, 200)})` };
  return { ok: true, header: header.data, streamHeader: bytes.slice(end - STREAM_HEADER_BYTES, end), prelude: bytes.subarray(0, end) };
}
