// Tools to tamper with evidence bundles the way an attacker (or a damaged USB stick) would: find where each
// encrypted chunk sits, and rewrite a bundle's content — as a recipient holding the file key could — with
// a changed manifest, another signer or a replaced artifact.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { canonicalJson } from '../../src-shared/canonical-json.js';
import sodium from 'sodium-native';
import { BUNDLE_VERSION, type BundleHeader } from '../../src-shared/bundle.js';
import { decodePrelude } from '../../src-shared/bundle-layout.js';
import { DEFAULT_CHUNK_BYTES, encodePrelude, RecordType } from '../../src-main/evidence/bundle-format.js';
import { openBundleFile } from '../../src-main/evidence/bundle-reader.js';
import type { RecipientKeyPair, RecipientPublicKey } from '../../src-main/evidence/recipient-keys.js';
import { KEY_BYTES, STATE_BYTES } from '../../src-main/evidence/secret-stream.js';
import { TAG_FINAL, TAG_MESSAGE } from '../../src-shared/bundle-crypto.js';

/** Start and end offsets of each length-prefixed message, and where the clear prelude ends. */
export function messageSpans(file: string): { preludeEnd: number; spans: { start: number; end: number }[] } {
  const bytes = fs.readFileSync(file);
  const prelude = decodePrelude(bytes);
  if (!prelude.ok) throw new Error(prelude.detail);
  const spans: { start: number; end: number }[] = [];
  for (let position = prelude.prelude.length; position < bytes.length; ) {
    const end = position + 4 + bytes.readUInt32BE(position);
    spans.push({ start: position, end });
    position = end;
  }
  return { preludeEnd: prelude.prelude.length, spans };
}

export interface BundleContent {
  signed: { manifest: Record<string, unknown>; signature: string };
  files: { name: string; sha256: string; size: number; bytes: Buffer }[];
}

export async function readContent(file: string, identity: RecipientKeyPair): Promise<BundleContent> {
  const reader = await openBundleFile(file, { identity });
  const manifest: Buffer[] = [];
  const files: BundleContent['files'] = [];
  try {
    for await (const record of reader.records.records()) {
      if (record.type === RecordType.manifest) manifest.push(Buffer.from(record.payload));
      else if (record.type === RecordType.file) files.push({ ...(JSON.parse(Buffer.from(record.payload).toString('utf8')) as { name: string; sha256: string; size: number }), bytes: Buffer.alloc(0) });
      else if (record.type === RecordType.data) files.at(-1)!.bytes = Buffer.concat([files.at(-1)!.bytes, record.payload]);
    }
  } finally {
    await reader.close();
  }
  return { signed: JSON.parse(Buffer.concat(manifest).toString('utf8')) as BundleContent['signed'], files };
}

/** How a re-sealed copy may differ from what the writer makes. */
export interface RewriteOptions {
  /** Ends the stream on the last data chunk instead of the end record. */
  dropEnd?: boolean;
  /** Seals these bytes as the signed manifest instead of its canonical form. */
  manifestBytes?: Buffer;
  /** Other counts in the end record than the records hold. */
  endCounts?: { files: number; bytes: number };
  /** The clear header's JSON text written from its canonical form (spaces, another order…). */
  headerText?: (canonical: string) => string;
  /** The recipients' fingerprints as the header writes them. */
  fingerprintText?: (fingerprint: string) => string;
  /** The secretstream tag of message i (from 0) instead of MESSAGE, or FINAL for the last. */
  tagOf?: (index: number, last: boolean) => number;
  /** A record of this type byte sealed just before the end record. */
  extraRecordType?: number;
}

/**
 * Writes `content` as a new bundle for `recipients`, the file records keeping their announced hash and size
 * — as someone holding the file key could, with libsodium's own primitives (the writer itself refuses to
 * seal bytes that do not match).
 */
export async function writeContent(out: string, content: BundleContent, recipients: RecipientPublicKey[], options: RewriteOptions = {}): Promise<void> {
  const key = Buffer.alloc(KEY_BYTES);
  sodium.randombytes_buf(key);
  const header: BundleHeader = {
    format: 'sentinelle-bundle',
    version: BUNDLE_VERSION,
    chunkSize: DEFAULT_CHUNK_BYTES,
    recipients: recipients.map((recipient) => {
      const sealed = Buffer.alloc(KEY_BYTES + sodium.crypto_box_SEALBYTES);
      sodium.crypto_box_seal(sealed, key, recipient.publicKey);
      return { fingerprint: options.fingerprintText ? options.fingerprintText(recipient.fingerprint) : recipient.fingerprint, sealedKey: sealed.toString('base64') };
    }),
    passphrase: null,
  };
  const state = Buffer.alloc(STATE_BYTES);
  const streamHeader = Buffer.alloc(sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES);
  sodium.crypto_secretstream_xchacha20poly1305_init_push(state as never, streamHeader, key);
  const { prelude, ad } = options.headerText ? preludeWithHeaderText(options.headerText(canonicalJson(header)), streamHeader) : encodePrelude(header, streamHeader);
  // The manifest and each file's bytes in chunks of the bundle's chunk size, as the writer cuts them.
  const chunks = (bytes: Buffer) => Array.from({ length: Math.max(1, Math.ceil(bytes.length / DEFAULT_CHUNK_BYTES)) }, (_, i) => bytes.subarray(i * DEFAULT_CHUNK_BYTES, (i + 1) * DEFAULT_CHUNK_BYTES));
  const manifest = options.manifestBytes ?? Buffer.from(canonicalJson(content.signed), 'utf8');
  const records: [number, Buffer][] = chunks(manifest).map((chunk) => [RecordType.manifest, chunk]);
  let bytes = 0;
  for (const file of content.files) {
    records.push([RecordType.file, Buffer.from(canonicalJson({ name: file.name, size: file.size, sha256: file.sha256 }), 'utf8')]);
    if (file.bytes.length > 0) for (const chunk of chunks(file.bytes)) records.push([RecordType.data, chunk]);
    bytes += file.bytes.length;
  }
  if (options.extraRecordType !== undefined) records.push([options.extraRecordType, Buffer.from('{}')]);
  if (!options.dropEnd) records.push([RecordType.end, Buffer.from(canonicalJson(options.endCounts ?? { files: content.files.length, bytes }), 'utf8')]);
  const parts = [prelude];
  records.forEach(([type, payload], i) => {
    const last = i === records.length - 1;
    const message = Buffer.concat([Buffer.from([type]), payload]);
    const ciphertext = Buffer.alloc(message.length + sodium.crypto_secretstream_xchacha20poly1305_ABYTES);
    const tag = options.tagOf ? options.tagOf(i, last) : last ? TAG_FINAL : TAG_MESSAGE;
    sodium.crypto_secretstream_xchacha20poly1305_push(state as never, ciphertext, message, i === 0 ? ad : null, tag as unknown as Buffer);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(ciphertext.length);
    parts.push(length, ciphertext);
  });
  fs.writeFileSync(out, Buffer.concat(parts));
}

/** A prelude whose header is the given text (not necessarily canonical), with its additional data. */
function preludeWithHeaderText(text: string, streamHeader: Buffer): { prelude: Buffer; ad: Buffer } {
  const json = Buffer.from(text, 'utf8');
  const fixed = Buffer.alloc(14);
  fixed.write('SNTLBNDL', 'latin1');
  fixed.writeUInt16BE(BUNDLE_VERSION, 8);
  fixed.writeUInt32BE(json.length, 10);
  const prelude = Buffer.concat([fixed, json, streamHeader]);
  return { prelude, ad: createHash('sha256').update(prelude).digest() };
}
