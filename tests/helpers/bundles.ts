// Tools to tamper with evidence bundles the way an attacker (or a damaged USB stick) would: find where each
// encrypted chunk sits, and rewrite a bundle's content — as a recipient holding the file key could — with
// a changed manifest, another signer or a replaced artifact.
import fs from 'node:fs';
import { canonicalJson } from '../../src-shared/canonical-json.js';
import { decodePrelude, RecordType } from '../../src-main/evidence/bundle-format.js';
import { BundleReader } from '../../src-main/evidence/bundle-reader.js';
import { writeBundle, type BundleFile } from '../../src-main/evidence/bundle-writer.js';
import type { RecipientKeyPair, RecipientPublicKey } from '../../src-main/evidence/recipient-keys.js';

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

/** Writes `content` as a new, well-formed bundle for `recipients` (the file records keep their announced hash and size). */
export async function writeContent(out: string, content: BundleContent, recipients: RecipientPublicKey[]): Promise<void> {
  const files: BundleFile[] = content.files.map((file) => ({ name: file.name, sha256: file.sha256, size: file.size, read: async function* () { yield file.bytes; } }));
  await writeBundle({ out, recipients, manifest: Buffer.from(canonicalJson(content.signed), 'utf8'), files });
}
