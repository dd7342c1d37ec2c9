// Tools to tamper with evidence bundles the way an attacker (or a damaged USB stick) would: find where each
// encrypted chunk sits, and rewrite a bundle's content — as a recipient holding the file key could — with
// a changed manifest, another signer or a replaced artifact.
import fs from 'node:fs';
import { canonicalJson } from '../../src-shared/canonical-json.js';
import sodium from 'sodium-native';
import { BUNDLE_VERSION, type BundleHeader } from '../../src-shared/bundle.js';
import { decodePrelude, DEFAULT_CHUNK_BYTES, encodePrelude, RecordType } from '../../src-main/evidence/bundle-format.js';
import { BundleReader } from '../../src-main/evidence/bundle-reader.js';
import type { RecipientKeyPair, RecipientPublicKey } from '../../src-main/evidence/recipient-keys.js';
import { KEY_BYTES, StreamEncryptor } from '../../src-main/evidence/secret-stream.js';

/** Start and end offsets of each length-prefixed message, and where the clear prelude ends. */
export function messageSpans(file: string): { preludeEnd: number; spans: { start: number; end: number }[] } {
  const bytes = fs.readFileSync(file);
  const prelude = decodePrelude(bytes);
  if (!prelude.ok) throw new Error(prelude.detail);
  const spans: { start: number; end: number }[] = [];
  for (let position = prelude.length; position < bytes.length; ) {
    const end = position + 4 + bytes.readUInt32BE(position);
    spans.push({ start: position, end });
    position = end;
  }
  return { preludeEnd: prelude.length, spans };
}

export interface BundleContent {
  signed: { manifest: Record<string, unknown>; signature: string };
  files: { name: string; sha256: string; size: number; bytes: Buffer }[];
}

export async function readContent(file: string, identity: RecipientKeyPair): Promise<BundleContent> {
  const reader = await BundleReader.open(file, { identity });
  const manifest: Buffer[] = [];
  const files: BundleContent['files'] = [];
  try {
    for await (const record of reader.records()) {
      if (record.type === RecordType.manifest) manifest.push(Buffer.from(record.payload));
      else if (record.type === RecordType.file) files.push({ ...(JSON.parse(record.payload.toString('utf8')) as { name: string; sha256: string; size: number }), bytes: Buffer.alloc(0) });
      else if (record.type === RecordType.data) files.at(-1)!.bytes = Buffer.concat([files.at(-1)!.bytes, record.payload]);
    }
  } finally {
    await reader.close();
  }
  return { signed: JSON.parse(Buffer.concat(manifest).toString('utf8')) as BundleContent['signed'], files };
}

/**
 * Writes `content` as a new bundle for `recipients`, the file records keeping their announced hash and size
 * — as someone holding the file key could, with the library's own primitives (the writer itself refuses to
 * seal bytes that do not match). `dropEnd` ends the stream on the last data chunk instead of the end record;
 * `manifestBytes` seals those bytes as the signed manifest instead of its canonical form; `endCounts` writes
 * other counts in the end record than the records hold.
 */
export async function writeContent(
  out: string,
  content: BundleContent,
  recipients: RecipientPublicKey[],
  options: { dropEnd?: boolean; manifestBytes?: Buffer; endCounts?: { files: number; bytes: number } } = {},
): Promise<void> {
  const key = Buffer.alloc(KEY_BYTES);
  sodium.randombytes_buf(key);
  const header: BundleHeader = {
    format: 'sentinelle-bundle',
    version: BUNDLE_VERSION,
    chunkSize: DEFAULT_CHUNK_BYTES,
    recipients: recipients.map((recipient) => {
      const sealed = Buffer.alloc(KEY_BYTES + sodium.crypto_box_SEALBYTES);
      sodium.crypto_box_seal(sealed, key, recipient.publicKey);
      return { fingerprint: recipient.fingerprint, sealedKey: sealed.toString('base64') };
    }),
    passphrase: null,
  };
  const stream = new StreamEncryptor(key);
  const { prelude, ad } = encodePrelude(header, stream.header);
  // The manifest and each file's bytes in chunks of the bundle's chunk size, as the writer cuts them.
  const chunks = (bytes: Buffer) => Array.from({ length: Math.max(1, Math.ceil(bytes.length / DEFAULT_CHUNK_BYTES)) }, (_, i) => bytes.subarray(i * DEFAULT_CHUNK_BYTES, (i + 1) * DEFAULT_CHUNK_BYTES));
  const manifest = options.manifestBytes ?? Buffer.from(canonicalJson(content.signed), 'utf8');
  const records: [RecordType, Buffer][] = chunks(manifest).map((chunk) => [RecordType.manifest, chunk]);
  let bytes = 0;
  for (const file of content.files) {
    records.push([RecordType.file, Buffer.from(canonicalJson({ name: file.name, size: file.size, sha256: file.sha256 }), 'utf8')]);
    if (file.bytes.length > 0) for (const chunk of chunks(file.bytes)) records.push([RecordType.data, chunk]);
    bytes += file.bytes.length;
  }
  if (!options.dropEnd) records.push([RecordType.end, Buffer.from(canonicalJson(options.endCounts ?? { files: content.files.length, bytes }), 'utf8')]);
  const parts = [prelude];
  records.forEach(([type, payload], i) => {
    const ciphertext = stream.push(Buffer.concat([Buffer.from([type]), payload]), i === records.length - 1, i === 0 ? ad : null);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(ciphertext.length);
    parts.push(length, ciphertext);
  });
  fs.writeFileSync(out, Buffer.concat(parts));
}
