// APKs for the simulated phones: a small but real zip (built with yazl) holding a compiled manifest with
// the app's package and label, and an APK Signing Block (scheme v2) carrying one of the demo certificates,
// so that pulling an app, reading its name and fingerprinting it work end to end.
// Same package, same bytes: the hash the phone reports and the file it serves always agree.
import { createHash } from 'node:crypto';
import yazl from 'yazl';
import { demoManifest } from './demo-manifest.js';

function lengthPrefixed(...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const length = Buffer.alloc(4);
  length.writeUInt32LE(body.length);
  return Buffer.concat([length, body]);
}

function uint64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(BigInt(value));
  return bytes;
}

/** An APK Signing Block holding a v2 signer with this certificate (digests and signature are placeholders). */
function signingBlock(certificate: Buffer): Buffer {
  const placeholder = createHash('sha256').update(certificate).digest();
  const digests = lengthPrefixed(lengthPrefixed(Buffer.from([0x03, 0x01, 0x00, 0x00]), lengthPrefixed(placeholder)));
  const certificates = lengthPrefixed(lengthPrefixed(certificate));
  const signedData = lengthPrefixed(digests, certificates, lengthPrefixed());
  const signer = lengthPrefixed(signedData, lengthPrefixed(), lengthPrefixed());
  const value = lengthPrefixed(signer);
  const id = Buffer.alloc(4);
  id.writeUInt32LE(0x7109871a);
  const pair = Buffer.concat([uint64(4 + value.length), id, value]);
  const size = pair.length + 8 + 16;
  return Buffer.concat([uint64(size), pair, uint64(size), Buffer.from('APK Sig Block 42', 'latin1')]);
}

async function zipOf(files: Record<string, Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  // Fixed dates: the same app always gives the same bytes.
  for (const [name, bytes] of Object.entries(files)) zip.addBuffer(bytes, name, { mtime: new Date('2026-01-01T00:00:00Z'), compress: false });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The APK of `packageName`, named `label` on the phone, signed (in appearance) with `certificate`. */
export async function demoApk(packageName: string, certificate: Buffer, label: string = packageName): Promise<Buffer> {
  const zip = await zipOf({
    'AndroidManifest.xml': demoManifest(packageName, label),
    'classes.dex': createHash('sha512').update(`dex:${packageName}`).digest(),
  });
  let eocd = zip.length - 22;
  while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50) eocd -= 1;
  const centralDirectory = zip.readUInt32LE(eocd + 16);
  const block = signingBlock(certificate);
  const patchedEocd = Buffer.from(zip.subarray(eocd));
  patchedEocd.writeUInt32LE(centralDirectory + block.length, 16);
  return Buffer.concat([zip.subarray(0, centralDirectory), block, zip.subarray(centralDirectory, eocd), patchedEocd]);
}
