// Verifying an evidence bundle, as a lawyer or the app does: decrypt it, check the manifest's signature and
// who made it, the custody chain, and every file against the hash and size the manifest records — and that
// none is missing or added, and the bundle ends where its writer ended it. The verdict lists each problem in
// words that say exactly what is wrong; nothing a hostile bundle holds makes it throw instead. Optionally the
// files are extracted: each under a temporary name, kept only once its hash matched.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sodium from 'sodium-native';
import { z } from 'zod';
import { canonicalJson } from '../../src-shared/canonical-json.js';
import { BundleManifest, SignedManifest, type BundleHeader, type VerifyProblemCode, type VerifyVerdict } from '../../src-shared/bundle.js';
import { parseCanonicalJson } from '../../src-shared/strict-json.js';
import { FILE_NAME, RecordType, type FileStart } from './bundle-format.js';
import { BundleProblem, BundleReader, type BundleRecord, type OpenBundleOptions } from './bundle-reader.js';
import { checkCustodyExcerpt } from './custody-excerpt.js';
import { readableFingerprint } from './recipient-keys.js';

/** A signed manifest larger than this is refused: a real one (thousands of artifacts) is a few MiB. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

export interface VerifyOptions extends OpenBundleOptions {
  /** Installation keys the verifier trusts (Ed25519 public keys), or their fingerprints as read aloud. */
  knownSigners?: readonly (Buffer | string)[];
  /** A new folder to extract the manifest, report and artifacts into. */
  extractTo?: string;
  onProgress?: (bytes: number, totalBytes: number) => void;
}

const FileStartSchema = z.object({ name: z.string().max(200), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
const EndSchema = z.object({ files: z.number().int().nonnegative(), bytes: z.number().int().nonnegative() }).strict();
/** The signed manifest as the bundle holds it, written by --extract so that `verify --dir` can check the folder later. */
export const SIGNED_MANIFEST_FILE = 'manifest.signed.json';

interface ExpectedFile {
  size: number;
  sha256: string;
}

interface OpenFile extends FileStart {
  hash: ReturnType<typeof createHash>;
  bytes: number;
  /** Where the file is being extracted, under a temporary name, when it is. */
  out: { fd: number; partial: string; final: string } | null;
}

/** The verdict on a bundle nothing could be verified in, with why. */
export function unverifiableVerdict(message: string): VerifyVerdict {
  return { ok: false, problems: [{ code: 'not-a-bundle', message }], signer: null, case: null, createdAt: null, files: { expected: 0, verified: 0, excluded: 0 }, findings: 0, custodyEntries: 0, sealedFor: null, extractedTo: null };
}

export async function verifyBundle(file: string, options: VerifyOptions): Promise<VerifyVerdict> {
  const verdict: VerifyVerdict = { ...unverifiableVerdict(''), problems: [] };
  const problem = (code: VerifyProblemCode, message: string) => verdict.problems.push({ code, message });
  let reader: BundleReader;
  try {
    reader = await BundleReader.open(file, options);
  } catch (error) {
    if (error instanceof BundleProblem) problem(error.code, error.message);
    else problem('not-a-bundle', `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    return verdict;
  }
  let extraction: Extraction | null = null;
  let extract: string | null = null;
  let current: OpenFile | null = null;
  try {
    extraction = options.extractTo ? prepareExtraction(options.extractTo) : null;
    extract = extraction?.staging ?? null;
    const manifestParts: Buffer[] = [];
    let manifestBytes = 0;
    let manifest: BundleManifest | null = null;
    const expected = new Map<string, ExpectedFile>();
    const seen = new Set<string>();
    let ended = false;
    let fileRecords = 0;
    let dataBytes = 0;
    const finishFile = () => {
      const open = current;
      if (!open) return;
      current = null;
      const want = expected.get(open.name);
      const got = open.hash.digest('hex');
      const good = want !== undefined && got === want.sha256 && open.bytes === want.size;
      if (open.out) {
        fs.closeSync(open.out.fd);
        if (good) fs.renameSync(open.out.partial, open.out.final);
        else fs.rmSync(open.out.partial, { force: true });
      }
      if (good) verdict.files.verified += 1;
      else if (want) problem('artifact-changed', changedMessage(open.name, want, got, open.bytes));
    };
    /** Reads the signed manifest once its parts are all in (at the first record that is not one). */
    const closeManifest = () => {
      const signedBytes = Buffer.concat(manifestParts);
      manifestParts.length = 0;
      manifest = checkSignedManifest(signedBytes, options, verdict, problem);
      checkSealedFor(manifest, reader.header, problem);
      for (const [name, want] of expectedFiles(manifest, verdict)) expected.set(name, want);
      if (extract) {
        fs.writeFileSync(path.join(extract, SIGNED_MANIFEST_FILE), signedBytes, { flag: 'wx' });
        fs.writeFileSync(path.join(extract, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
      }
    };
    for await (const record of reader.records()) {
      if (ended) throw new BundleProblem('chunk-altered', `Chunk ${record.index} comes after the end of the bundle.`);
      if (record.type === RecordType.manifest) {
        if (manifest || current) throw new BundleProblem('manifest-invalid', `Chunk ${record.index} holds part of a manifest after the files began.`);
        manifestBytes += record.payload.length;
        if (manifestBytes > MAX_MANIFEST_BYTES) throw new BundleProblem('manifest-invalid', 'The manifest is larger than any real one.');
        manifestParts.push(Buffer.from(record.payload));
      } else {
        if (!manifest) closeManifest();
        if (record.type === RecordType.file) {
          finishFile();
          fileRecords += 1;
          const start = readRecordJson(record, FileStartSchema, 'announces a file');
          const listed = FILE_NAME.test(start.name) && expected.has(start.name) && !seen.has(start.name);
          if (!listed) problem('unexpected-file', `The bundle holds a file the signed manifest does not list (or holds it twice): ${start.name.slice(0, 100)}.`);
          seen.add(start.name);
          current = { ...start, hash: createHash('sha256'), bytes: 0, out: extract && listed ? openForExtraction(extract, start.name) : null };
        } else if (record.type === RecordType.data) {
          if (!current) throw new BundleProblem('manifest-invalid', `Chunk ${record.index} holds data outside any file.`);
          current.hash.update(record.payload);
          current.bytes += record.payload.length;
          if (current.out) fs.writeSync(current.out.fd, record.payload);
          dataBytes += record.payload.length;
          options.onProgress?.(dataBytes, reader.size);
        } else if (record.type === RecordType.end) {
          finishFile();
          ended = true;
          const counts = readRecordJson(record, EndSchema, 'ends the bundle');
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
    for (const [name] of expected) if (!seen.has(name)) problem('artifact-missing', `${describe(name)} is listed in the signed manifest but missing from the bundle.`);
  } catch (error) {
    if (error instanceof BundleProblem) problem(error.code, error.message);
    else problem('not-a-bundle', `The bundle cannot be read: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
  } finally {
    const open = current as OpenFile | null;
    if (open?.out) {
      fs.closeSync(open.out.fd);
      fs.rmSync(open.out.partial, { force: true });
    }
    await reader.close();
  }
  verdict.ok = verdict.problems.length === 0 && verdict.files.verified === verdict.files.expected;
  // What was extracted becomes the folder asked for only when the whole bundle verified; otherwise it goes.
  if (extraction) verdict.extractedTo = finishExtraction(extraction, verdict.ok);
  return verdict;
}

/**
 * Checks an extracted folder again (`sentinelle verify --dir`): the signed manifest it keeps, exactly as
 * the bundle held it, then every file the manifest lists against its hash and size, and nothing else there.
 */
export async function verifyExtractedFolder(dir: string, options: Pick<VerifyOptions, 'knownSigners'>): Promise<VerifyVerdict> {
  const verdict: VerifyVerdict = { ...unverifiableVerdict(''), problems: [] };
  const problem = (code: VerifyProblemCode, message: string) => verdict.problems.push({ code, message });
  const root = path.resolve(dir);
  let signedBytes: Buffer;
  try {
    const size = fs.statSync(path.join(root, SIGNED_MANIFEST_FILE)).size;
    if (size > MAX_MANIFEST_BYTES) throw new BundleProblem('manifest-invalid', 'The manifest is larger than any real one.');
    signedBytes = fs.readFileSync(path.join(root, SIGNED_MANIFEST_FILE));
  } catch (error) {
    if (error instanceof BundleProblem) problem(error.code, error.message);
    else problem('not-a-bundle', `${root} holds no ${SIGNED_MANIFEST_FILE}: it is not a folder \`sentinelle verify --extract\` made.`);
    return verdict;
  }
  try {
    const expected = expectedFiles(checkSignedManifest(signedBytes, options, verdict, problem), verdict);
    for (const [name, want] of expected) {
      const file = path.join(root, ...name.split('/'));
      if (!fs.existsSync(file)) {
        problem('artifact-missing', `${describe(name)} is listed in the signed manifest but missing from the folder.`);
        continue;
      }
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of fs.createReadStream(file)) {
        hash.update(chunk as Buffer);
        bytes += (chunk as Buffer).length;
      }
      const got = hash.digest('hex');
      if (got === want.sha256 && bytes === want.size) verdict.files.verified += 1;
      else problem('artifact-changed', changedMessage(name, want, got, bytes));
    }
    const kept = new Set([SIGNED_MANIFEST_FILE, 'manifest.json', 'artifacts', ...expected.keys()]);
    const present = [...fs.readdirSync(root), ...(fs.existsSync(path.join(root, 'artifacts')) ? fs.readdirSync(path.join(root, 'artifacts')).map((name) => `artifacts/${name}`) : [])];
    for (const name of present) if (!kept.has(name)) problem('unexpected-file', `The folder holds a file the signed manifest does not list: ${name.slice(0, 100)}.`);
  } catch (error) {
    if (error instanceof BundleProblem) problem(error.code, error.message);
    else problem('not-a-bundle', `The folder cannot be read: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
  }
  verdict.ok = verdict.problems.length === 0 && verdict.files.verified === verdict.files.expected;
  return verdict;
}

/** The files the signed manifest says the bundle holds (the reports, the artifacts not left out), counted in the verdict. */
function expectedFiles(manifest: BundleManifest, verdict: VerifyVerdict): Map<string, ExpectedFile> {
  const expected = new Map<string, ExpectedFile>(manifest.report.files.map((report) => [report.name, report]));
  for (const artifact of manifest.artifacts) {
    if (artifact.included) expected.set(`artifacts/${artifact.sha256}`, artifact);
    else verdict.files.excluded += 1;
  }
  verdict.files.expected = expected.size;
  return expected;
}

function changedMessage(name: string, want: ExpectedFile, got: string, bytes: number): string {
  return `${describe(name)} was changed: its bytes do not match the fingerprint the signed manifest records (${want.sha256.slice(0, 16)}…, got ${got.slice(0, 16)}…, ${bytes} of ${want.size} bytes).`;
}

/** A file-start or end record's payload: canonical JSON of exactly the fields the format defines. */
function readRecordJson<T>(record: BundleRecord, schema: z.ZodType<T>, what: string): T {
  const parsed = parseCanonicalJson(record.payload);
  const checked = parsed.ok ? schema.safeParse(parsed.value) : null;
  if (!checked?.success) throw new BundleProblem('manifest-invalid', `Chunk ${record.index} ${what} in a form the format does not define.`);
  return checked.data;
}

/**
 * Reads and checks the signed manifest: exactly canonical JSON without a repeated key (refused, by name,
 * before anything else is looked at), its schema, then — each a problem that does not stop the check —
 * its signature, who signed it, and its custody chain.
 */
function checkSignedManifest(bytes: Buffer, options: Pick<VerifyOptions, 'knownSigners'>, verdict: VerifyVerdict, problem: (code: VerifyProblemCode, message: string) => void): BundleManifest {
  const parsed = parseCanonicalJson(bytes);
  if (!parsed.ok) {
    if (parsed.problem === 'duplicate-key') throw new BundleProblem('manifest-duplicate-key', `The signed manifest repeats a key (${parsed.detail}): readers would disagree on what it says, so it is refused.`);
    if (parsed.problem === 'not-canonical') throw new BundleProblem('manifest-not-canonical', `The signed manifest is not written in canonical form (${parsed.detail}): it was re-formatted after it was signed.`);
    throw new BundleProblem('manifest-invalid', `The manifest cannot be read: ${parsed.detail}.`);
  }
  let signed: z.infer<typeof SignedManifest>;
  let manifest: BundleManifest;
  try {
    signed = SignedManifest.parse(parsed.value);
    manifest = BundleManifest.parse(signed.manifest);
  } catch (error) {
    throw new BundleProblem('manifest-invalid', `The manifest cannot be read: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
  }
  // The signature covers the manifest's own canonical JSON: the bytes between `{"manifest":` and `,"signature":`.
  const signedBytes = Buffer.from(canonicalJson(signed.manifest), 'utf8');
  const publicKey = Buffer.from(manifest.installation.publicKey, 'hex');
  const fingerprint = readableFingerprint(publicKey);
  const known = (options.knownSigners ?? []).some((signer) => (typeof signer === 'string' ? signer.toUpperCase() === fingerprint : signer.equals(publicKey)));
  verdict.signer = { fingerprint, known: (options.knownSigners ?? []).length > 0 ? known : null };
  verdict.case = { id: manifest.case.id, pseudonym: manifest.case.pseudonym };
  verdict.createdAt = manifest.createdAt;
  verdict.findings = manifest.findings.length;
  verdict.custodyEntries = manifest.custody.entries.length;
  verdict.sealedFor = manifest.sealedFor;
  if (!sodium.crypto_sign_verify_detached(Buffer.from(signed.signature, 'hex'), signedBytes, publicKey)) {
    problem('signature-invalid', 'The manifest’s signature does not hold: the manifest was changed after it was signed.');
  }
  // Anyone can seal a bundle for a recipient whose key is public: who signed it is what makes it evidence.
  if (verdict.signer.known === null) problem('unknown-signer', `The manifest is signed by installation ${fingerprint}, which was not checked: give the shelter’s installation key or its fingerprint (--signer) to confirm who made it.`);
  else if (!known) problem('unknown-signer', `The manifest is signed by an installation this verifier does not know (${fingerprint}). Check the fingerprint with the advocate who sent the bundle.`);
  const broken = checkCustodyExcerpt(manifest.custody, publicKey);
  if (broken) problem('custody-broken', `The chain of custody does not hold: ${broken}.`);
  return manifest;
}

/** The clear header's recipients (and passphrase) must be those the signed manifest names: a re-sealed copy is told. */
function checkSealedFor(manifest: BundleManifest, header: BundleHeader, problem: (code: VerifyProblemCode, message: string) => void): void {
  const signed = [...manifest.sealedFor.recipients].sort();
  const sealed = header.recipients.map((recipient) => recipient.fingerprint).sort();
  const same = signed.length === sealed.length && signed.every((fingerprint, i) => fingerprint === sealed[i]) && manifest.sealedFor.passphrase === (header.passphrase !== null);
  if (same) return;
  const list = (fingerprints: string[], passphrase: boolean) => [...fingerprints, ...(passphrase ? ['a passphrase'] : [])].join(', ') || 'nobody';
  problem('recipients-changed', `This copy was sealed again for other people than the advocate chose: the signed manifest says ${list(signed, manifest.sealedFor.passphrase)}, the copy is sealed for ${list(sealed, header.passphrase !== null)}.`);
}

function describe(name: string): string {
  return name.startsWith('artifacts/') ? `Artifact ${name.slice('artifacts/'.length, 'artifacts/'.length + 16)}…` : `The ${name === 'report.pdf' ? 'PDF report' : 'report'}`;
}

/** The folder asked for, and the hidden folder beside it that files are extracted into while the bundle is checked. */
interface Extraction {
  target: string;
  staging: string;
}

function prepareExtraction(dir: string): Extraction {
  const target = path.resolve(dir);
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (stat && (!stat.isDirectory() || fs.readdirSync(target).length > 0)) throw new BundleProblem('unexpected-file', `${target} is not an empty folder: extract into a new folder.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staging = fs.mkdtempSync(path.join(path.dirname(target), `.${path.basename(target)}.not-verified-`));
  fs.mkdirSync(path.join(staging, 'artifacts'), { mode: 0o700 });
  return { target, staging };
}

/** Moves a verified extraction into place; removes one that did not verify. Returns where it is, or null. */
function finishExtraction(extraction: Extraction, verified: boolean): string | null {
  if (!verified) {
    fs.rmSync(extraction.staging, { recursive: true, force: true });
    return null;
  }
  if (fs.existsSync(extraction.target)) fs.rmdirSync(extraction.target);
  fs.renameSync(extraction.staging, extraction.target);
  return extraction.target;
}

function openForExtraction(dir: string, name: string): { fd: number; partial: string; final: string } {
  const final = path.join(dir, ...name.split('/'));
  const partial = `${final}.partial`;
  return { fd: fs.openSync(partial, 'wx', 0o600), partial, final };
}
