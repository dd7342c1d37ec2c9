// The evidence bundle's layout as the writer lays it out (src-shared/bundle-layout.ts defines it for both
// sides): the prelude — magic, version, header length, the clear header in canonical JSON, the stream's
// header — and the additional data that binds it to the first message.
import { createHash } from 'node:crypto';
import { BUNDLE_VERSION, type BundleHeader } from '../../src-shared/bundle-header.js';
import { canonicalJson } from '../../src-shared/canonical-json.js';
import { FIXED_PRELUDE_BYTES, MAGIC } from '../../src-shared/bundle-layout.js';

export { FILE_NAME, maxMessageBytes, RecordType, type FileStart } from '../../src-shared/bundle-layout.js';

export const DEFAULT_CHUNK_BYTES = 1024 * 1024;

/** The clear part before the first message, and the additional data that binds it to that message. */
export function encodePrelude(header: BundleHeader, streamHeader: Buffer): { prelude: Buffer; ad: Buffer } {
  const json = Buffer.from(canonicalJson(header), 'utf8');
  const fixed = Buffer.alloc(FIXED_PRELUDE_BYTES);
  fixed.set(MAGIC);
  fixed.writeUInt16BE(BUNDLE_VERSION, MAGIC.length);
  fixed.writeUInt32BE(json.length, MAGIC.length + 2);
  const prelude = Buffer.concat([fixed, json, streamHeader]);
  return { prelude, ad: createHash('sha256').update(prelude).digest() };
}
