// Verifying an evidence bundle file, as a lawyer (`sentinelle verify`) or the app does, with the format's
// one verifier (src-shared/bundle-verifier.ts) and sodium-native; optionally extracting its files, each
// under a temporary name in a hidden folder and kept only once its hash matched, the folder becoming the
// one asked for only when the whole bundle verified. Also: checking again a folder an extraction made.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BundleProblem, type BundleOpening } from '../../src-shared/bundle-records.js';
import { unverifiableVerdict, type VerifyProblemCode, type VerifyVerdict } from '../../src-shared/bundle-verdict.js';
import { changedMessage, checkSignedManifest, describeFile, expectedFiles, MAX_MANIFEST_BYTES, verifyBundleSource, type KnownSigner, type VerifySink } from '../../src-shared/bundle-verifier.js';
import { openFileByteSource } from './bundle-reader.js';
import { sodiumBundleCrypto } from './sodium-bundle-crypto.js';
import { openSpooledFile, type SpooledFile } from '../system/upload-spool.js';

export { unverifiableVerdict };

export interface VerifyOptions extends BundleOpening {
  /** Installation keys the verifier trusts (Ed25519 public keys), or their fingerprints as read aloud. */
  knownSigners?: readonly KnownSigner[];
  /** A new folder to extract the manifest, report and artifacts into. */
  extractTo?: string;
  /** Keep the report (HTML) of a bundle that verifies, to show it. */
  keepReport?: boolean;
  onProgress?: (bytes: number, totalBytes: number) => void;
}

/** The signed manifest as the bundle holds it, written by --extract so that `verify --dir` can check the folder later. */
export const SIGNED_MANIFEST_FILE = 'manifest.signed.json';

/** A bundle on this computer, or one the headless app's browser sent (kept encrypted in the upload spool). */
export type BundleInput = { file: string } | { spooled: SpooledFile };

/** The verdict, and the report of a bundle that verified when it was asked for. */
export type VerifiedBundle = VerifyVerdict & { reportHtml?: string | null };

/** How far a bundle's verification has gone, as the parsing worker reports it. */
export interface VerifyProgress {
  bytes: number;
  totalBytes: number;
}

export async function verifyBundle(input: BundleInput, options: VerifyOptions): Promise<VerifiedBundle> {
  let source;
  try {
    source = 'file' in input ? await openFileByteSource(input.file) : await openSpooledFile(input.spooled);
  } catch (error) {
    return unverifiableVerdict(`The file cannot be read: ${error instanceof Error ? error.message.slice(0, 300) : String(error)}`);
  }
  let extraction: Extraction | null = null;
  try {
    try {
      extraction = options.extractTo ? prepareExtraction(options.extractTo) : null;
    } catch (error) {
      if (error instanceof BundleProblem) return { ...unverifiableVerdict(''), problems: [{ code: error.code, message: error.message }] };
      throw error;
    }
    const report = options.keepReport ? reportSink() : null;
    const sinks = [...(extraction ? [extractionSink(extraction.staging)] : []), ...(report ? [report.sink] : [])];
    const verdict = await verifyBundleSource(source, { ...options, crypto: sodiumBundleCrypto, ...(sinks.length > 0 ? { sink: bothSinks(sinks) } : {}) });
    // What was extracted becomes the folder asked for only when the whole bundle verified; otherwise it goes.
    if (extraction) verdict.extractedTo = finishExtraction(extraction, verdict.ok);
    return report ? { ...verdict, reportHtml: verdict.ok ? report.html() : null } : verdict;
  } finally {
    await source.close();
  }
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
    const expected = expectedFiles(checkSignedManifest(signedBytes, { ...options, crypto: sodiumBundleCrypto }, verdict, problem), verdict);
    for (const [name, want] of expected) {
      const file = path.join(root, ...name.split('/'));
      if (!fs.existsSync(file)) {
        problem('artifact-missing', `${describeFile(name)} is listed in the signed manifest but missing from the folder.`);
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

/** Keeps the HTML report's bytes, once they verified. */
function reportSink(): { sink: VerifySink; html(): string | null } {
  let parts: Uint8Array[] | null = null;
  let html: string | null = null;
  return {
    sink: {
      fileStart: (name, listed) => void (parts = listed && name === 'report.html' ? [] : null),
      fileData: (bytes) => void parts?.push(Buffer.from(bytes)),
      fileEnd: (verified) => {
        if (parts && verified) html = Buffer.concat(parts).toString('utf8');
        parts = null;
      },
    },
    html: () => html,
  };
}

/** Every sink told of the same files, in order. */
function bothSinks(sinks: readonly VerifySink[]): VerifySink {
  return {
    manifest: async (bytes, manifest) => {
      for (const sink of sinks) await sink.manifest?.(bytes, manifest);
    },
    fileStart: async (name, listed) => {
      for (const sink of sinks) await sink.fileStart?.(name, listed);
    },
    fileData: async (bytes) => {
      for (const sink of sinks) await sink.fileData?.(bytes);
    },
    fileEnd: async (verified) => {
      for (const sink of sinks) await sink.fileEnd?.(verified);
    },
  };
}

/** Writes the manifest and each listed file into the staging folder; a file is kept only when it verified. */
function extractionSink(dir: string): VerifySink {
  let open: { fd: number; partial: string; final: string } | null = null;
  return {
    manifest(signedBytes, manifest) {
      fs.writeFileSync(path.join(dir, SIGNED_MANIFEST_FILE), signedBytes, { flag: 'wx' });
      fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx' });
    },
    fileStart(name, listed) {
      if (!listed) return;
      const final = path.join(dir, ...name.split('/'));
      const partial = `${final}.partial`;
      open = { fd: fs.openSync(partial, 'wx', 0o600), partial, final };
    },
    fileData(bytes) {
      if (open) fs.writeSync(open.fd, bytes);
    },
    fileEnd(verified) {
      if (!open) return;
      fs.closeSync(open.fd);
      if (verified) fs.renameSync(open.partial, open.final);
      else fs.rmSync(open.partial, { force: true });
      open = null;
    },
  };
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
