// Reading any signature file an advocate or a maintainer brings: a signed pack, Echap's ioc.yaml /
// watchware.yaml / samples.csv, ISDi's app-flags.csv, or a STIX 2.1 bundle. The format is recognised
// from the content (and the name); the result is validated as a whole before anything is stored. Feed
// files, from anywhere, are read in the parsing worker (system/parse-worker.ts), off the main thread.
import path from 'node:path';
import { SentinelleError } from '../../src-shared/errors.js';
import { ParseLimitError, parseInWorker } from '../system/parse-worker.js';
import type { SignatureEntry } from '../../src-shared/signature-format.js';
import { checkSize, invalid } from './input.js';
import { mergeById, sha256Hex, type ImportedSet } from './imported-set.js';
import { ISDI_CREDIT, importIsdi } from './importers/isdi.js';
import { ECHAP_CREDIT, emptyEchapStats, importEchapSamples, importEchapYaml } from './importers/stalkerware-indicators.js';
import { importStix } from './importers/stix2.js';
import { checkPackSignature, readPack, type TrustedKey } from './packs.js';

export interface SignatureFile {
  name: string;
  bytes: Buffer;
}

export interface ImportOptions {
  /** The detached signature file's text, for a pack. */
  signatureText?: string | null;
  trustStore: readonly TrustedKey[];
  /** The advocate chose, explicitly, to import a file that is not signed by a trusted key. */
  allowUntrusted: boolean;
}

type Detected = 'pack' | 'stix2' | 'isdi' | 'echap-samples' | 'echap-yaml';

function detect(file: SignatureFile): Detected {
  const head = file.bytes.subarray(0, 4096).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  const firstLine = head.split(/\r?\n/, 1)[0]!.trim();
  if (head.startsWith('{')) {
    if (/"format"\s*:\s*"sentinelle-signature-pack"/.test(head)) return 'pack';
    if (/"type"\s*:\s*"bundle"/.test(head) || /\.(stix2?|json)$/i.test(file.name)) return 'stix2';
  }
  if (firstLine === 'appId,store,flag,title') return 'isdi';
  if (firstLine === 'SHA256,Package Name,Certificate,Version,App') return 'echap-samples';
  if (/\.ya?ml$/i.test(file.name) || head.startsWith('- name:')) return 'echap-yaml';
  throw invalid(file.name, 'Sentinelle does not recognise this file. It reads signature packs, Echap stalkerware-indicators files (ioc.yaml, watchware.yaml, samples.csv), ISDi app-flags.csv and STIX 2.1 bundles.');
}

/** Reads one or more feed files of the same source into one set (an Echap folder gives three files). */
export function readFeedFiles(files: readonly SignatureFile[]): ImportedSet[] {
  const echap = files.filter((file) => ['echap-yaml', 'echap-samples'].includes(detect(file)));
  const sets: ImportedSet[] = [];
  if (echap.length > 0) {
    const stats = emptyEchapStats();
    const notes: string[] = [];
    const entries: SignatureEntry[] = [];
    // YAML first, so that samples.csv adds its hashes to the products the YAML describes.
    for (const file of [...echap].sort((a, b) => Number(detect(a) === 'echap-samples') - Number(detect(b) === 'echap-samples'))) {
      checkSize(file.bytes, file.name);
      const text = file.bytes.toString('utf8');
      entries.push(...(detect(file) === 'echap-samples' ? importEchapSamples(text, file.name, stats) : importEchapYaml(text, file.name, stats, notes)));
    }
    sets.push(feedSet('stalkerware-indicators', 'Echap stalkerware-indicators', ECHAP_CREDIT, echap, mergeById(entries), { ...stats }, notes));
  }
  for (const file of files) {
    const kind = detect(file);
    if (kind === 'isdi') {
      const notes: string[] = [];
      const { entries, stats } = importIsdi(file.bytes.toString('utf8'), file.name, notes);
      sets.push(feedSet('isdi', 'ISDi app flags', ISDI_CREDIT, [file], entries, { ...stats }, notes));
    } else if (kind === 'stix2') {
      const notes: string[] = [];
      const { entries, stats } = importStix(file.bytes.toString('utf8'), file.name, notes);
      sets.push(feedSet('stix2', `STIX 2.1: ${path.basename(file.name)}`, null, [file], entries, { indicators: stats.indicators, supported: stats.supported, unsupported: stats.unsupported, ...stats.byPattern }, notes));
    } else if (kind === 'pack') {
      throw invalid(file.name, 'this is a signature pack: import it on its own, with its signature file.');
    }
  }
  return sets;
}

/** readFeedFiles in the parsing worker: a hostile file can neither freeze the app nor exhaust its memory. */
export async function readFeedFilesOffThread(files: readonly SignatureFile[]): Promise<ImportedSet[]> {
  for (const file of files) checkSize(file.bytes, file.name);
  try {
    const sets = await parseInWorker<ImportedSet[]>({ kind: 'feed-files', files: files.map((file) => ({ name: file.name, bytes: file.bytes })) });
    // Keys and hashes come back as plain byte arrays: a feed set carries none that are used as Buffers.
    return sets.map((set) => ({ ...set, signerKey: null }));
  } catch (error) {
    if (error instanceof SentinelleError) throw error;
    const name = files.map((file) => file.name).join(', ');
    if (error instanceof ParseLimitError) throw invalid(name, `it is larger or more complex than any real signature file (${error.message}).`);
    throw invalid(name, error instanceof Error ? error.message : String(error));
  }
}

/** What an advocate imports from the app or the CLI: one pack (with its signature) or one feed file. */
export async function importSignatureFile(file: SignatureFile, options: ImportOptions): Promise<ImportedSet> {
  checkSize(file.bytes, file.name);
  if (detect(file) === 'pack') {
    const pack = readPack(file.bytes, file.name);
    const trust = checkPackSignature(file.bytes, options.signatureText ?? null, options.trustStore);
    if (!trust.trusted && !options.allowUntrusted) {
      throw new SentinelleError(trust.reason === 'bad-signature' ? 'signatures.bad-signature' : 'signatures.untrusted', `${trust.message} The pack was not imported. Import it as untrusted only if you know where it comes from.`, {
        technical: `${file.name}: ${trust.reason}${trust.signerFingerprint ? ` (key ${trust.signerFingerprint})` : ''}`,
      });
    }
    return {
      kind: 'pack',
      format: 'pack',
      name: pack.pack.name,
      version: pack.pack.version,
      credit: pack.pack.credit,
      trusted: trust.trusted,
      signer: trust.trusted ? trust.signer.label : trust.signerFingerprint,
      signerKey: trust.trusted ? trust.signer.publicKey : null,
      contentSha256: sha256Hex(file.bytes),
      signatures: pack.signatures,
      stats: { signatures: pack.signatures.length },
      notes: trust.trusted ? [] : [`Imported as untrusted: ${trust.message}`],
    };
  }
  detect(file);
  const [set] = await readFeedFilesOffThread([file]);
  if (!set) throw invalid(file.name, 'it holds no signatures.');
  if (!options.allowUntrusted) {
    throw new SentinelleError('signatures.untrusted', `${file.name} is a community feed, not a signed pack: nothing proves where this copy comes from. It was not imported. Import it as untrusted only if you know where it comes from.`);
  }
  return { ...set, notes: [...set.notes, 'Imported as untrusted: community feed files are not signed.'] };
}

function feedSet(format: ImportedSet['format'], name: string, credit: string | null, files: readonly SignatureFile[], signatures: SignatureEntry[], stats: Record<string, number>, notes: string[]): ImportedSet {
  const contentSha256 = sha256Hex(Buffer.concat(files.map((file) => file.bytes)));
  return { kind: 'feed', format, name, version: `sha256:${contentSha256.slice(0, 12)}`, credit, trusted: false, signer: null, signerKey: null, contentSha256, signatures, stats, notes };
}
