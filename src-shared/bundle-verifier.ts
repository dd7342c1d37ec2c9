// Verifying an evidence bundle (docs/bundle-format.md, section 7), the one implementation behind
// `sentinelle verify`, the app and the lawyer's reader page: decrypt it, check the signed manifest (its form,
// signature, signer and custody chain), who it was sealed for, and every file against the hash and size the
// manifest records — and that none is missing or added, and the bundle ends where its writer ended it. The
// verdict lists each problem in words that say exactly what is wrong; nothing a hostile bundle holds makes
// it throw instead. What is done with the files' bytes (extracting them, showing the report) is the
// caller's, through a sink that is told which bytes belong to which file and whether that file verified.
import { bytesToHex, concatBytes, equalBytes, hexToBytes, utf8Bytes } from './bytes.js';
import { sha256Of, type BundleCrypto, type Sha256 } from './bundle-crypto.js';
import type { BundleHeader } from './bundle-header.js';
import { FILE_NAME, RecordType, type FileStart } from './bundle-layout.js';
import { ManifestForm } from './bundle-manifest-form.js';
import { BundleProblem, BundleRecords, type BundleOpening, type BundleRecord, type ByteSource } from './bundle-records.js';
import { unverifiableVerdict, type VerifyProblemCode, type VerifyVerdict } from './bundle-verdict.js';
import { canonicalJson } from './canonical-json.js';
import { checkCustodyChain } from './custody-chain.js';
import { fingerprintOfDigest, sameFingerprint } from './fingerprint.js';
import { parseCanonicalJson } from './strict-json.js';
import { z } from 'zod';

/** A signed manifest larger than this is refused: a real one (thousands of artifacts) is a few MiB. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

/** Installation keys the verifier trusts: raw Ed25519 public keys, or their fingerprints as read aloud. */
export type KnownSigner = Uint8Array | string;

/** Told about the files as they are read; each may be asynchronous (writing to a disk). */
export interface VerifySink {
  /** The signed manifest's exact bytes, once read and found in the right form. */
  manifest?(signedBytes: Uint8Array, manifest: ManifestForm): void | Promise<void>;
  /** A file begins; `listed` is whether the manifest expects it (an unlisted file's bytes must never be kept). */
  fileStart?(name: string, listed: boolean): void | Promise<void>;
  fileData?(bytes: Uint8Array): void | Promise<void>;
  /** The current file ended: `verified` when its hash and size are the manifest's. */
  fileEnd?(verified: boolean): void | Promise<void>;
}

export interface VerifySourceOptions extends BundleOpening {
  crypto: BundleCrypto;
  knownSigners?: readonly KnownSigner[];
  /**
   * Whether a signer that was not checked (no trusted key given) is a problem — as it is for `sentinelle
   * verify`. The lawyer's reader, given no fingerprint, shows the signer's for its user to compare with the
   * hand-over sheet instead.
   */
  requireKnownSigner?: boolean;
  sink?: VerifySink;
  onProgress?: (bytes: number, totalBytes: number) => void;
}

export interface ExpectedFile {
  size: number;
  sha256: string;
}

interface OpenFile extends FileStart {
  listed: boolean;
  hash: Sha256;
  bytes: number;
}

const FileStartForm = z.object({ name: z.string().max(200), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
const EndForm = z.object({ files: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }).strict();

export async function verifyBundleSource(source: ByteSource, options: VerifySourceOptions): Promise<VerifyVerdict> {
  const { crypto, sink } = options;
  const verdict: VerifyVerdict = { ...unverifiableVerdict(''), problems: [] };
  const problem = (code: VerifyProblemCode, message: string) => verdict.problems.push({ code, message });
  let reader: BundleRecords;
  try {
    reader = await BundleRecords.open(source, options, crypto);
  } catch (error) {
    if (error instanceof BundleProblem) problem(error.code, error.message);
    else problem('not-a-bundle', `The file cannot be read: ${describeError(error)}`);
    return finish(verdict);
  }
  let current: OpenFile | null = null;
  try {
    const manifestParts: Uint8Array[] = [];
    let manifestBytes = 0;
    let manifest: ManifestForm | null = null;
    const expected = new Map<string, ExpectedFile>();
    const seen = new Set<string>();
    let ended = false;
    let fileRecords = 0;
    let dataBytes = 0;
    const finishFile = async () => {
      const open = current;
      if (!open) return;
      current = null;
      const want = open.listed ? expected.get(open.name) : undefined;
      const got = bytesToHex(open.hash.digest());
      const good = want !== undefined && got === want.sha256 && open.bytes === want.size;
      await sink?.fileEnd?.(good);
      if (good) verdict.files.verified += 1;
      else if (want) problem('artifact-changed', changedMessage(open.name, want, got, open.bytes));
    };
    /** Reads the signed manifest once its parts are all in (at the first record that is not one). */
    const closeManifest = async () => {
      const signedBytes = concatBytes(manifestParts);
      manifestParts.length = 0;
      manifest = checkSignedManifest(signedBytes, options, verdict, problem);
      checkSealedFor(manifest, reader.header, problem);
      for (const [name, want] of expectedFiles(manifest, verdict)) expected.set(name, want);
      await sink?.manifest?.(signedBytes, manifest);
    };
    for await (const record of reader.records()) {
      if (ended) throw new BundleProblem('chunk-altered', `Chunk ${record.index} comes after the end of the bundle.`);
      if (record.type === RecordType.manifest) {
        if (manifest || current) throw new BundleProblem('manifest-invalid', `Chunk ${record.index} holds part of a manifest after the files began.`);
        manifestBytes += record.payload.length;
        if (manifestBytes > MAX_MANIFEST_BYTES) throw new BundleProblem('manifest-invalid', 'The manifest is larger than any real one.');
        manifestParts.push(record.payload.slice());
      } else {
        if (!manifest) await closeManifest();
        if (record.type === RecordType.file) {
          await finishFile();
          fileRecords += 1;
          const start = readRecordJson(record, FileStartForm, 'announces a file');
          const listed = FILE_NAME.test(start.name) && expected.has(start.name) && !seen.has(start.name);
          if (!listed) problem('unexpected-file', `The bundle holds a file the signed manifest does not list (or holds it twice): ${start.name.slice(0, 100)}.`);
          seen.add(start.name);
          current = { ...start, listed, hash: crypto.sha256(), bytes: 0 };
          await sink?.fileStart?.(start.name, listed);
        } else if (record.type === RecordType.data) {
          const open = current as OpenFile | null;
          if (!open) throw new BundleProblem('manifest-invalid', `Chunk ${record.index} holds data outside any file.`);
          open.hash.update(record.payload);
          open.bytes += record.payload.length;
          dataBytes += record.payload.length;
          await sink?.fileData?.(record.payload);
          options.onProgress?.(dataBytes, reader.size);
        } else if (record.type === RecordType.end) {
          await finishFile();
          ended = true;
          const counts = readRecordJson(record, EndForm, 'ends the bundle');
          if (counts.files !== fileRecords || counts.bytes !== dataBytes) {
            problem('end-counts-wrong', `The end of the bundle counts ${counts.files} files and ${counts.bytes} bytes, but it holds ${fileRecords} files and ${dataBytes} bytes: records were removed or added and the bundle sealed again.`);
          }
        } else {
          throw new BundleProblem('manifest-invalid', `Chunk ${record.index} is of an unknown kind.`);
        }
      }
      // Only the end record may close the stream: a last chunk inside a file means the bundle was cut and re-sealed.
      if (record.final && !ended) throw new BundleProblem('truncated', `The bundle ends inside chunk ${record.index}, before its end: it was cut short.`);
    }
    if (reader.trailingBytes > 0) problem('trailing-bytes', `${reader.trailingBytes} bytes were added after the end of the bundle. What the bundle sealed is checked as it is; the added bytes are not part of it.`);
    for (const [name] of expected) if (!seen.has(name)) problem('artifact-missing', `${describeFile(name)} is listed in the signed manifest but missing from the bundle.`);
  } catch (error) {
    if (error instanceof BundleProblem) problem(error.code, error.message);
    else problem('not-a-bundle', `The bundle cannot be read: ${describeError(error)}`);
    // A file being read when the reading stopped did not verify.
    if (current) await sink?.fileEnd?.(false);
  } finally {
    reader.close();
  }
  return finish(verdict);
}

function finish(verdict: VerifyVerdict): VerifyVerdict {
  verdict.ok = verdict.problems.length === 0 && verdict.files.verified === verdict.files.expected;
  return verdict;
}

/** The files the signed manifest says the bundle holds (the reports, the artifacts not left out), counted in the verdict. */
export function expectedFiles(manifest: ManifestForm, verdict: VerifyVerdict): Map<string, ExpectedFile> {
  const expected = new Map<string, ExpectedFile>(manifest.report.files.map((report) => [report.name, report]));
  for (const artifact of manifest.artifacts) {
    if (artifact.included) expected.set(`artifacts/${artifact.sha256}`, artifact);
    else verdict.files.excluded += 1;
  }
  verdict.files.expected = expected.size;
  return expected;
}

export function changedMessage(name: string, want: ExpectedFile, got: string, bytes: number): string {
  return `${describeFile(name)} was changed: its bytes do not match the fingerprint the signed manifest records (${want.sha256.slice(0, 16)}…, got ${got.slice(0, 16)}…, ${bytes} of ${want.size} bytes).`;
}

/** A file-start or end record's payload: canonical JSON of exactly the fields the format defines. */
function readRecordJson<T>(record: BundleRecord, schema: z.ZodType<T>, what: string): T {
  const parsed = parseCanonicalJson(record.payload);
  const checked = parsed.ok ? schema.safeParse(parsed.value) : null;
  if (!checked?.success) throw new BundleProblem('manifest-invalid', `Chunk ${record.index} ${what} in a form the format does not define.`);
  return checked.data;
}

/**
 * Step 5: reads and checks the signed manifest — exactly canonical JSON without a repeated key (refused, by
 * name, before anything else is looked at), its form, then, each a problem that does not stop the check,
 * its signature, who signed it, and its custody chain.
 */
export function checkSignedManifest(bytes: Uint8Array, options: Pick<VerifySourceOptions, 'knownSigners' | 'requireKnownSigner' | 'crypto'>, verdict: VerifyVerdict, problem: (code: VerifyProblemCode, message: string) => void): ManifestForm {
  const { crypto } = options;
  const parsed = parseCanonicalJson(bytes);
  if (!parsed.ok) {
    if (parsed.problem === 'duplicate-key') throw new BundleProblem('manifest-duplicate-key', `The signed manifest repeats a key (${parsed.detail}): readers would disagree on what it says, so it is refused.`);
    if (parsed.problem === 'not-canonical') throw new BundleProblem('manifest-not-canonical', `The signed manifest is not written in canonical form (${parsed.detail}): it was re-formatted after it was signed.`);
    throw new BundleProblem('manifest-invalid', `The manifest cannot be read: ${parsed.detail}.`);
  }
  const signed = z.object({ manifest: z.unknown(), signature: z.string().regex(/^[0-9a-f]{128}$/) }).strict().safeParse(parsed.value);
  if (!signed.success) throw new BundleProblem('manifest-invalid', `The signed manifest is not exactly a manifest and its signature: ${issuesOf(signed.error)}`);
  const form = ManifestForm.safeParse(signed.data.manifest);
  if (!form.success) throw new BundleProblem('manifest-invalid', `The manifest is not in the form the format defines: ${issuesOf(form.error)}`);
  const manifest = form.data;
  const publicKey = hexToBytes(manifest.installation.publicKey);
  const fingerprint = fingerprintOfDigest(sha256Of(crypto, publicKey));
  if (!sameFingerprint(manifest.installation.fingerprint, fingerprint)) throw new BundleProblem('manifest-invalid', `The manifest gives installation ${manifest.installation.fingerprint.slice(0, 64)} a fingerprint that is not its key's (${fingerprint}).`);
  const knownSigners = options.knownSigners ?? [];
  const known = knownSigners.some((signer) => (typeof signer === 'string' ? sameFingerprint(signer, fingerprint) : equalBytes(signer, publicKey)));
  verdict.signer = { fingerprint, known: knownSigners.length > 0 ? known : null };
  verdict.case = { id: manifest.case.id, pseudonym: manifest.case.pseudonym };
  verdict.createdAt = manifest.createdAt;
  verdict.findings = manifest.findings.length;
  verdict.custodyEntries = manifest.custody.entries.length;
  verdict.sealedFor = manifest.sealedFor;
  // The signature covers the manifest's own canonical JSON: the bytes between `{"manifest":` and `,"signature":`.
  if (!crypto.verifySignature(hexToBytes(signed.data.signature), utf8Bytes(canonicalJson(signed.data.manifest)), publicKey)) {
    problem('signature-invalid', 'The manifest’s signature does not hold: the manifest was changed after it was signed.');
  }
  // Anyone can seal a bundle for a recipient whose key is public: who signed it is what makes it evidence.
  if (verdict.signer.known === null) {
    if (options.requireKnownSigner !== false) problem('unknown-signer', `The manifest is signed by installation ${fingerprint}, which was not checked: give the shelter’s installation key or its fingerprint (--signer) to confirm who made it.`);
  } else if (!known) problem('unknown-signer', `The manifest is signed by an installation this verifier does not know (${fingerprint}). Check the fingerprint with the advocate who sent the bundle.`);
  const broken = checkCustodyChain(manifest.custody, publicKey, crypto);
  if (broken) problem('custody-broken', `The chain of custody does not hold: ${broken}.`);
  return manifest;
}

/** The clear header's recipients (and passphrase) must be those the signed manifest names: a re-sealed copy is told. */
function checkSealedFor(manifest: ManifestForm, header: BundleHeader, problem: (code: VerifyProblemCode, message: string) => void): void {
  const normal = (fingerprints: readonly string[]) => fingerprints.map((fingerprint) => fingerprint.toUpperCase()).sort();
  const signed = normal(manifest.sealedFor.recipients);
  const sealed = normal(header.recipients.map((recipient) => recipient.fingerprint));
  const same = signed.length === sealed.length && signed.every((fingerprint, i) => fingerprint === sealed[i]) && manifest.sealedFor.passphrase === (header.passphrase !== null);
  if (same) return;
  const list = (fingerprints: string[], passphrase: boolean) => [...fingerprints, ...(passphrase ? ['a passphrase'] : [])].join(', ') || 'nobody';
  problem('recipients-changed', `This copy was sealed again for other people than the advocate chose: the signed manifest says ${list(signed, manifest.sealedFor.passphrase)}, the copy is sealed for ${list(sealed, header.passphrase !== null)}.`);
}

export function describeFile(name: string): string {
  return name.startsWith('artifacts/') ? `Artifact ${name.slice('artifacts/'.length, 'artifacts/'.length + 16)}…` : `The ${name === 'report.pdf' ? 'PDF report' : 'report'}`;
}

function issuesOf(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || 'the whole'}: ${issue.message}`).join('; ').slice(0, 300);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 300) : String(error);
}
