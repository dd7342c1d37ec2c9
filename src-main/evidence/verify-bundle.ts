// Verifying an evidence bundle, as a lawyer or the app does: decrypt it, check the manifest's signature and
// who made it, the custody chain, and every file against the hash and size the manifest records — and that
// none is missing or added. The verdict lists each problem in words that say exactly what is wrong;
// optionally, the verified files are extracted (only under names a bundle may hold).
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
const MAX_MANIFEST_BYTES = 512 * 1024 * 1024;

export interface VerifyOptions extends OpenBundleOptions {
  /** Installation keys the verifier trusts (Ed25519 public keys); empty: the signer is shown, not judged. */
  knownSigners?: readonly Buffer[];
  /** A new folder to extract the manifest, report and artifacts into. */
  extractTo?: string;
  onProgress?: (bytes: number, totalBytes: number) => void;
}

const FileStartSchema = z.object({ name: z.string().max(200), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) });

export async function verifyBundle(file: string, options: VerifyOptions): Promise<VerifyVerdict> {
  const verdict: VerifyVerdict = { ok: false, problems: [], signer: null, case: null, createdAt: null, files: { expected: 0, verified: 0, excluded: 0 }, findings: 0, custodyEntries: 0, extractedTo: null };
  const problem = (code: VerifyProblemCode, message: string) => verdict.problems.push({ code, message });
  let reader: BundleReader;
  try {
    reader = await BundleReader.open(file, options);
  } catch (error) {
    if (error instanceof BundleProblem) problem(error.code, error.message);
    else problem('not-a-bundle', `The file cannot be read: ${error instanceof Error ? error.message : String(error)}`);
    return verdict;
  }
  let extract: string | null = null;
  try {
    extract = options.extractTo ? prepareExtraction(options.extractTo) : null;
    const manifestParts: Buffer[] = [];
    let manifestBytes = 0;
    let manifest: BundleManifest | null = null;
    const expected = new Map<string, { size: number; sha256: string }>();
    const seen = new Set<string>();
    let current: (FileStart & { hash: ReturnType<typeof createHash>; bytes: number; out: number | null }) | null = null;
    let progressed = 0;
    const finishFile = () => {
      if (!current) return;
      const want = expected.get(current.name);
      const got = current.hash.digest('hex');
      if (current.out !== null) fs.closeSync(current.out);
      if (want && (got !== want.sha256 || current.bytes !== want.size)) {
        problem('artifact-changed', `${describe(current.name)} was changed: its bytes do not match the fingerprint the signed manifest records (${want.sha256.slice(0, 16)}…, got ${got.slice(0, 16)}…).`);
      } else if (want) verdict.files.verified += 1;
      current = null;
    };
    for await (const record of reader.records()) {
      if (record.type === RecordType.manifest) {
        if (manifest || current) throw new BundleProblem('manifest-invalid', `Chunk ${record.index} holds part of a manifest after the files began.`);
        manifestBytes += record.payload.length;
        if (manifestBytes > MAX_MANIFEST_BYTES) throw new BundleProblem('manifest-invalid', 'The manifest is larger than any real one.');
        manifestParts.push(Buffer.from(record.payload));
        continue;
      }
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
        if (!FILE_NAME.test(start.name) || !expected.has(start.name) || seen.has(start.name)) {
          problem('unexpected-file', `The bundle holds a file the signed manifest does not list: ${start.name.slice(0, 100)}.`);
        }
        seen.add(start.name);
        const out = extract && FILE_NAME.test(start.name) && expected.has(start.name) ? openForExtraction(extract, start.name) : null;
        current = { ...start, hash: createHash('sha256'), bytes: 0, out };
      } else if (record.type === RecordType.data) {
        if (!current) throw new BundleProblem('manifest-invalid', `Chunk ${record.index} holds data outside any file.`);
        current.hash.update(record.payload);
        current.bytes += record.payload.length;
        if (current.out !== null) fs.writeSync(current.out, record.payload);
        progressed += record.payload.length;
        options.onProgress?.(progressed, reader.size);
      } else if (record.type === RecordType.end) {
        finishFile();
      } else {
        throw new BundleProblem('manifest-invalid', `Chunk ${record.index} is of an unknown kind.`);
      }
    }
    if (!manifest) throw new BundleProblem('manifest-invalid', 'The bundle holds no manifest.');
    for (const [name] of expected) if (!seen.has(name)) problem('artifact-missing', `${describe(name)} is listed in the signed manifest but missing from the bundle.`);
  } catch (error) {
    if (error instanceof BundleProblem) problem(error.code, error.message);
    else throw error;
  } finally {
    await reader.close();
  }
  verdict.extractedTo = extract;
  verdict.ok = verdict.problems.length === 0;
  return verdict;
}

function readManifest(bytes: Buffer, options: VerifyOptions, verdict: VerifyVerdict, problem: (code: VerifyProblemCode, message: string) => void): BundleManifest {
  let signed: z.infer<typeof SignedManifest>;
  let manifest: BundleManifest;
  try {
    signed = SignedManifest.parse(JSON.parse(bytes.toString('utf8')));
    manifest = BundleManifest.parse(signed.manifest);
  } catch (error) {
    throw new BundleProblem('manifest-invalid', `The manifest cannot be read: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
  }
  const publicKey = Buffer.from(manifest.installation.publicKey, 'hex');
  const fingerprint = readableFingerprint(publicKey);
  const known = options.knownSigners && options.knownSigners.length > 0 ? options.knownSigners.some((key) => key.equals(publicKey)) : null;
  verdict.signer = { fingerprint, known };
  verdict.case = { id: manifest.case.id, pseudonym: manifest.case.pseudonym };
  verdict.createdAt = manifest.createdAt;
  verdict.findings = manifest.findings.length;
  verdict.custodyEntries = manifest.custody.entries.length;
  // The signature covers the manifest as it was signed: canonical JSON of what was parsed back.
  if (!sodium.crypto_sign_verify_detached(Buffer.from(signed.signature, 'hex'), Buffer.from(canonicalJson(signed.manifest), 'utf8'), publicKey)) {
    problem('signature-invalid', 'The manifest’s signature does not hold: the manifest was changed after it was signed.');
  }
  if (known === false) problem('unknown-signer', `The manifest is signed by an installation this verifier does not know (${fingerprint}). Check the fingerprint with the advocate who sent the bundle.`);
  const broken = checkCustodyExcerpt(manifest.custody, publicKey);
  if (broken) problem('custody-broken', `The chain of custody does not hold: ${broken}.`);
  return manifest;
}

function describe(name: string): string {
  return name.startsWith('artifacts/') ? `Artifact ${name.slice('artifacts/'.length, 'artifacts/'.length + 16)}…` : `The ${name === 'report.pdf' ? 'PDF report' : 'report'}`;
}

function prepareExtraction(dir: string): string {
  const resolved = path.resolve(dir);
  if (fs.existsSync(resolved) && fs.readdirSync(resolved).length > 0) throw new BundleProblem('unexpected-file', `${resolved} is not empty: extract into a new folder.`);
  fs.mkdirSync(path.join(resolved, 'artifacts'), { recursive: true, mode: 0o700 });
  return resolved;
}

function openForExtraction(dir: string, name: string): number {
  return fs.openSync(path.join(dir, ...name.split('/')), 'wx', 0o600);
}
