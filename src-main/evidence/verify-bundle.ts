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
import { BundleManifest, SignedManifest, type VerifyProblemCode, type VerifyVerdict } from '../../src-shared/bundle.js';
import { FILE_NAME, RecordType, type FileStart } from './bundle-format.js';
import { BundleProblem, BundleReader, type OpenBundleOptions } from './bundle-reader.js';
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

const FileStartSchema = z.object({ name: z.string().max(200), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

interface OpenFile extends FileStart {
  hash: ReturnType<typeof createHash>;
  bytes: number;
  /** Where the file is being extracted, under a temporary name, when it is. */
  out: { fd: number; partial: string; final: string } | null;
}

/** The verdict on a bundle nothing could be verified in, with why. */
export function unverifiableVerdict(message: string): VerifyVerdict {
  return { ok: false, problems: [{ code: 'not-a-bundle', message }], signer: null, case: null, createdAt: null, files: { expected: 0, verified: 0, excluded: 0 }, findings: 0, custodyEntries: 0, extractedTo: null };
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
    const expected = new Map<string, { size: number; sha256: string }>();
    const seen = new Set<string>();
    let ended = false;
    let progressed = 0;
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
      else if (want) problem('artifact-changed', `${describe(open.name)} was changed: its bytes do not match the fingerprint the signed manifest records (${want.sha256.slice(0, 16)}…, got ${got.slice(0, 16)}…, ${open.bytes} of ${want.size} bytes).`);
    };
    for await (const record of reader.records()) {
      if (ended) throw new BundleProblem('chunk-altered', `Chunk ${record.index} comes after the end of the bundle.`);
      if (record.type === RecordType.manifest) {
        if (manifest || current) throw new BundleProblem('manifest-invalid', `Chunk ${record.index} holds part of a manifest after the files began.`);
        manifestBytes += record.payload.length;
        if (manifestBytes > MAX_MANIFEST_BYTES) throw new BundleProblem('manifest-invalid', 'The manifest is larger than any real one.');
        manifestParts.push(Buffer.from(record.payload));
      } else {
        if (!manifest) {
          manifest = readManifest(Buffer.concat(manifestParts), options, verdict, problem);
          manifestParts.length = 0;
          for (const report of manifest.report.files) expected.set(report.name, report);
          for (const artifact of manifest.artifacts) {
            if (artifact.included) expected.set(`artifacts/${artifact.sha256}`, artifact);
            else verdict.files.excluded += 1;
          }
          verdict.files.expected = expected.size;
          if (extract) fs.writeFileSync(path.join(extract, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
        }
        if (record.type === RecordType.file) {
          finishFile();
          let start: FileStart;
          try {
            start = FileStartSchema.parse(JSON.parse(record.payload.toString('utf8')));
          } catch {
            throw new BundleProblem('manifest-invalid', `Chunk ${record.index} announces a file in a form Sentinelle does not know.`);
          }
          const listed = FILE_NAME.test(start.name) && expected.has(start.name) && !seen.has(start.name);
          if (!listed) problem('unexpected-file', `The bundle holds a file the signed manifest does not list (or holds it twice): ${start.name.slice(0, 100)}.`);
          seen.add(start.name);
          current = { ...start, hash: createHash('sha256'), bytes: 0, out: extract && listed ? openForExtraction(extract, start.name) : null };
        } else if (record.type === RecordType.data) {
          if (!current) throw new BundleProblem('manifest-invalid', `Chunk ${record.index} holds data outside any file.`);
          current.hash.update(record.payload);
          current.bytes += record.payload.length;
          if (current.out) fs.writeSync(current.out.fd, record.payload);
          progressed += record.payload.length;
          options.onProgress?.(progressed, reader.size);
        } else if (record.type === RecordType.end) {
          finishFile();
          ended = true;
        } else {
          throw new BundleProblem('manifest-invalid', `Chunk ${record.index} is of an unknown kind.`);
        }
      }
      // Only the end record may close the stream: a last chunk inside a file means the bundle was cut and re-sealed.
      if (record.final && !ended) throw new BundleProblem('truncated', `The bundle ends inside chunk ${record.index}, before its end: it was cut short.`);
    }
    if (!manifest) throw new BundleProblem('manifest-invalid', 'The bundle holds no manifest.');
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

function readManifest(bytes: Buffer, options: VerifyOptions, verdict: VerifyVerdict, problem: (code: VerifyProblemCode, message: string) => void): BundleManifest {
  let signed: z.infer<typeof SignedManifest>;
  let manifest: BundleManifest;
  let signedBytes: Buffer;
  try {
    signed = SignedManifest.parse(JSON.parse(bytes.toString('utf8')));
    manifest = BundleManifest.parse(signed.manifest);
    // The signature covers the manifest as it was signed: canonical JSON of what was parsed back.
    signedBytes = Buffer.from(canonicalJson(signed.manifest), 'utf8');
  } catch (error) {
    throw new BundleProblem('manifest-invalid', `The manifest cannot be read: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
  }
  const publicKey = Buffer.from(manifest.installation.publicKey, 'hex');
  const fingerprint = readableFingerprint(publicKey);
  const known = (options.knownSigners ?? []).some((signer) => (typeof signer === 'string' ? signer.toUpperCase() === fingerprint : signer.equals(publicKey)));
  verdict.signer = { fingerprint, known: (options.knownSigners ?? []).length > 0 ? known : null };
  verdict.case = { id: manifest.case.id, pseudonym: manifest.case.pseudonym };
  verdict.createdAt = manifest.createdAt;
  verdict.findings = manifest.findings.length;
  verdict.custodyEntries = manifest.custody.entries.length;
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
