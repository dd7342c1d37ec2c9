// The signing certificates of an APK, for fingerprint matching: from the APK Signing Block (schemes v2,
// v3 and v3.1) when there is one, else from the v1 JAR signature (META-INF/*.RSA|DSA|EC, a PKCS#7 blob read
// with @peculiar/asn1-cms). Signatures are not verified: the point is to identify who signed the app.
// The input is untrusted (an APK from a suspect phone): every length is checked against what is there.
import { createHash, X509Certificate } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ContentInfo, SignedData } from '@peculiar/asn1-cms';
import yauzl from 'yauzl';

export interface ApkCertificate {
  /** The signature scheme it was read from; `reported` when an acquisition tool (androidqf) gave the fingerprints. */
  scheme: 'v1' | 'v2' | 'v3' | 'reported';
  sha1: string;
  sha256: string;
  subject: string | null;
}

const EOCD_SIGNATURE = 0x06054b50;
const SIGNING_BLOCK_MAGIC = Buffer.from('APK Sig Block 42', 'latin1');
const SCHEMES = new Map<number, 'v2' | 'v3'>([
  [0x7109871a, 'v2'],
  [0xf05368c0, 'v3'],
  [0x1b93ad61, 'v3'],
]);

class Reader {
  constructor(
    private readonly bytes: Buffer,
    private offset = 0,
    private readonly end = bytes.length,
  ) {}

  get remaining(): number {
    return this.end - this.offset;
  }

  /** A uint32-length-prefixed slice, as a reader of its own. */
  lengthPrefixed(): Reader {
    if (this.remaining < 4) throw new Error('truncated length');
    const length = this.bytes.readUInt32LE(this.offset);
    this.offset += 4;
    if (length > this.remaining) throw new Error('length beyond its block');
    const inner = new Reader(this.bytes, this.offset, this.offset + length);
    this.offset += length;
    return inner;
  }

  rest(): Buffer {
    return this.bytes.subarray(this.offset, this.end);
  }
}

function describe(der: Buffer, scheme: ApkCertificate['scheme']): ApkCertificate {
  let subject: string | null = null;
  try {
    subject = new X509Certificate(der).subject.replace(/\n/g, ', ');
  } catch {
    // a certificate Node cannot decode still has fingerprints
  }
  return {
    scheme,
    sha1: createHash('sha1').update(der).digest('hex').toUpperCase(),
    sha256: createHash('sha256').update(der).digest('hex').toUpperCase(),
    subject,
  };
}

/** The APK Signing Block sits right before the central directory, whose offset the EOCD record gives. */
export function signingBlockCertificates(apk: Buffer): ApkCertificate[] {
  const searchFrom = Math.max(0, apk.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = apk.length - 22; i >= searchFrom; i -= 1) {
    if (apk.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const centralDirectory = apk.readUInt32LE(eocd + 16);
  if (centralDirectory < 32 || centralDirectory > apk.length) return [];
  if (!apk.subarray(centralDirectory - 16, centralDirectory).equals(SIGNING_BLOCK_MAGIC)) return [];
  const blockSize = Number(apk.readBigUInt64LE(centralDirectory - 24));
  const blockStart = centralDirectory - blockSize - 8;
  if (blockStart < 0 || Number(apk.readBigUInt64LE(blockStart)) !== blockSize) return [];

  const certificates: ApkCertificate[] = [];
  let offset = blockStart + 8;
  const pairsEnd = centralDirectory - 24;
  while (offset + 12 <= pairsEnd) {
    const pairLength = Number(apk.readBigUInt64LE(offset));
    if (pairLength < 4 || offset + 8 + pairLength > pairsEnd) break;
    const id = apk.readUInt32LE(offset + 8);
    const scheme = SCHEMES.get(id);
    if (scheme) {
      const signers = new Reader(apk, offset + 12, offset + 8 + pairLength).lengthPrefixed();
      while (signers.remaining > 0) {
        const signer = signers.lengthPrefixed();
        const signedData = signer.lengthPrefixed();
        signedData.lengthPrefixed(); // digests
        const certs = signedData.lengthPrefixed();
        while (certs.remaining > 0) certificates.push(describe(Buffer.from(certs.lengthPrefixed().rest()), scheme));
      }
    }
    offset += 8 + pairLength;
  }
  return dedupe(certificates);
}

/** v1: the certificates inside META-INF's PKCS#7 signature files. */
export function pkcs7Certificates(blob: Buffer): ApkCertificate[] {
  const content = AsnConvert.parse(blob, ContentInfo);
  const signed = AsnConvert.parse(content.content, SignedData);
  return (signed.certificates ?? [])
    .map((choice) => choice.certificate)
    .filter((certificate): certificate is NonNullable<typeof certificate> => certificate !== undefined)
    .map((certificate) => describe(Buffer.from(AsnConvert.serialize(certificate)), 'v1'));
}

function readV1Blobs(apk: Buffer): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(apk, { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      const blobs: Buffer[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!/^META-INF\/[^/]+\.(RSA|DSA|EC)$/i.test(entry.fileName) || entry.uncompressedSize > 1024 * 1024) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            blobs.push(Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(blobs));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Every certificate that signed the APK; empty when none can be read (the reason is not the matcher's concern). */
export async function apkCertificates(apk: Buffer): Promise<ApkCertificate[]> {
  let fromBlock: ApkCertificate[] = [];
  try {
    fromBlock = signingBlockCertificates(apk);
  } catch {
    // a damaged signing block: the v1 signature may still be readable
  }
  if (fromBlock.length > 0) return fromBlock;
  // Not a zip, or a truncated one: there is no v1 signature to read either.
  const blobs = await readV1Blobs(apk).catch(() => []);
  return dedupe(blobs.flatMap((blob) => {
    try {
      return pkcs7Certificates(blob);
    } catch {
      return [];
    }
  }));
}

function dedupe(certificates: ApkCertificate[]): ApkCertificate[] {
  const seen = new Set<string>();
  return certificates.filter((certificate) => !seen.has(certificate.sha256) && seen.add(certificate.sha256));
}
