// What the parsing worker does with an untrusted file (run inside it by parse-worker.entry.ts, and the
// types both sides share): community signature feed files (YAML, CSV, STIX JSON) read into sets, an
// offline Android acquisition (androidqf or bugreport) read into what the phone showed, an APK's label and
// certificates, an Apple
// property list, the verification of an evidence bundle (with its progress), or the check of an iPhone
// backup's Manifest.db — opened
// read-only from memory or in place, with `trusted_schema` off, `Files` required to be a plain table of
// ordinary columns (a view, such as an endless recursive one, or a generated column is refused), and every
// record's file id checked.
//
// Each task's code is loaded when a worker is given that task, so that a worker starts with what its task
// needs (a scan's worker does not load the bundle verifier).
import type Database from 'better-sqlite3-multiple-ciphers';
import type { ImportFormat } from '../../src-shared/acquisition.js';
import type { AndroidAcquisition } from '../acquisition/android/acquisition.js';
import type { ApkCertificate } from '../acquisition/android/apk-certificates.js';
import type { SignatureFile } from '../signatures/import-file.js';
import type { VerifyVerdict } from '../../src-shared/bundle.js';
import type { VerifiedBundle } from '../evidence/verify-bundle.js';
import type { SpooledFile } from './upload-spool.js';
import type { ImportedSet } from '../signatures/imported-set.js';

export type ParseTask =
  | { kind: 'plist'; bytes: Uint8Array; maxBytes: number }
  | { kind: 'manifest-db'; image: Uint8Array | null; file: string | null }
  | { kind: 'feed-files'; files: { name: string; bytes: Uint8Array }[] }
  | { kind: 'android-import'; format: ImportFormat; files: { name: string; bytes: Uint8Array; sha256: string }[] }
  | { kind: 'apk-facts'; apks: Uint8Array[]; language: string | null }
  | { kind: 'android-outputs' }
  | { kind: 'bundle-verify'; file: string | null; spooled: SpooledFile | null; identity: { label: string; fingerprint: string; publicKey: Uint8Array; secretKey: Uint8Array } | null; passphrase: string | null; knownSigners: (Uint8Array | string)[]; extractTo: string | null; withReport: boolean };

/** How far a bundle's verification has gone, as the worker reports it. */
export interface VerifyProgress {
  bytes: number;
  totalBytes: number;
}

export type ParseResult<T extends ParseTask> = T extends { kind: 'plist' } ? unknown : T extends { kind: 'manifest-db' } ? ManifestDbCheck : T extends { kind: 'feed-files' } ? ImportedSet[] : T extends { kind: 'android-import' } ? AndroidAcquisition : T extends { kind: 'bundle-verify' } ? VerifiedBundle : T extends { kind: 'apk-facts' } ? ApkFacts[] : never;

/** One APK read, as the worker reports it. */
export interface ApkFactsProgress {
  /** -1 when the worker has started, before the first APK. */
  index: number;
  facts: ApkFacts | null;
}

/** What a pulled APK says of itself: the label it shows, and who signed it. */
export interface ApkFacts {
  label: string | null;
  certificates: ApkCertificate[];
}

export interface ManifestDbCheck {
  /** The image, handed back (it was moved to the worker, not copied). */
  image: Uint8Array | null;
  records: number;
  /** Why it is refused, in words for "This iPhone backup cannot be read: …"; null when it is sound. */
  problem: string | null;
}

const MANIFEST_COLUMNS = ['fileID', 'domain', 'relativePath', 'flags', 'file'];

/** What a live scan's parse session is asked: read one more output, or say what all read so far show. */
export type AndroidOutputsRequest = { add: { command: string; sha256: string; bytes: Uint8Array } } | { acquisition: true };

/**
 * A task that is a session (parse-session.ts): the worker keeps its state between requests and answers each
 * one; null for a task that runs once.
 */
export async function sessionFor(task: ParseTask): Promise<((request: unknown) => unknown) | null> {
  if (task.kind !== 'android-outputs') return null;
  const { emptyAcquisition, fillFromOutputs } = await import('../acquisition/android/acquisition.js');
  // A live scan's outputs, read one by one as the scan stores them, into one acquisition.
  const acquisition = emptyAcquisition();
  return (request) => {
    const asked = request as AndroidOutputsRequest;
    if ('acquisition' in asked) return acquisition;
    const { command, sha256, bytes } = asked.add;
    fillFromOutputs(acquisition, [{ command, sha256, text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') }]);
    return null;
  };
}

export async function runParseTask(task: ParseTask, report: (progress: unknown) => void = () => undefined): Promise<unknown> {
  switch (task.kind) {
    case 'plist': {
      const { parsePropertyList } = await import('../acquisition/property-list.js');
      return parsePropertyList(Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength), task.maxBytes);
    }
    case 'manifest-db':
      return checkManifestDb(task, (await import('better-sqlite3-multiple-ciphers')).default);
    case 'feed-files': {
      const { readFeedFiles } = await import('../signatures/import-file.js');
      return readFeedFiles(task.files.map((file): SignatureFile => ({ name: file.name, bytes: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength) })));
    }
    case 'android-import': {
      const files = task.files.map((file) => ({ name: file.name, text: Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).toString('utf8'), sha256: file.sha256 }));
      if (task.format === 'android-bugreport') return (await import('../acquisition/android/imports/bugreport.js')).acquisitionFromBugreport(files[0]!);
      return (await import('../acquisition/android/imports/androidqf.js')).acquisitionFromAndroidqf(files);
    }
    case 'bundle-verify':
      return verifyBundleTask(task, report);
    case 'apk-facts':
      return apkFactsTask(task, report);
    case 'android-outputs':
      throw new Error('a session task is not run once');
  }
}

/**
 * The labels and certificates of APKs a phone gave: read here, where a hostile manifest can only exhaust this
 * worker. Each APK's facts are reported as soon as they are read, so that when the worker is stopped the ones
 * read are kept and the one it was stuck on is known.
 */
async function apkFactsTask(task: Extract<ParseTask, { kind: 'apk-facts' }>, report: (progress: ApkFactsProgress) => void): Promise<ApkFacts[]> {
  const [{ apkCertificates }, { apkLabel }] = await Promise.all([import('../acquisition/android/apk-certificates.js'), import('../acquisition/android/apk-label.js')]);
  const facts: ApkFacts[] = [];
  // Started: from now on, each APK has its own time.
  report({ index: -1, facts: null });
  for (const [index, apk] of task.apks.entries()) {
    const bytes = Buffer.from(apk.buffer, apk.byteOffset, apk.byteLength);
    facts.push({ certificates: await apkCertificates(bytes), label: await apkLabel(bytes, task.language) });
    report({ index, facts: facts[index]! });
  }
  return facts;
}

/** Verifies a bundle; the recipient's secret key copied into this thread is wiped once it is done. */
async function verifyBundleTask(task: Extract<ParseTask, { kind: 'bundle-verify' }>, report: (progress: VerifyProgress) => void): Promise<VerifiedBundle> {
  const { verifyBundle } = await import('../evidence/verify-bundle.js');
  const identity = task.identity ? { ...task.identity, publicKey: Buffer.from(task.identity.publicKey), secretKey: Buffer.from(task.identity.secretKey) } : null;
  let reported = 0;
  try {
    return await verifyBundle(task.spooled ? { spooled: task.spooled } : { file: task.file! }, {
      ...(identity ? { identity } : {}),
      ...(task.passphrase === null ? {} : { passphrase: task.passphrase }),
      knownSigners: task.knownSigners.map((signer) => (typeof signer === 'string' ? signer : Buffer.from(signer))),
      ...(task.extractTo === null ? {} : { extractTo: task.extractTo }),
      keepReport: task.withReport,
      onProgress: (bytes, totalBytes) => {
        // A report every 4 MiB at most: enough for a progress bar, little for the message channel.
        if (bytes - reported < 4 * 1024 * 1024 && bytes < totalBytes) return;
        reported = bytes;
        report({ bytes, totalBytes });
      },
    });
  } finally {
    identity?.secretKey.fill(0);
    task.identity?.secretKey.fill(0);
  }
}

function checkManifestDb(task: Extract<ParseTask, { kind: 'manifest-db' }>, Database: typeof import('better-sqlite3-multiple-ciphers')): ManifestDbCheck {
  const result = (problem: string | null, records = 0): ManifestDbCheck => ({ image: task.image, records, problem });
  let db: Database.Database;
  try {
    db = task.image ? new Database(Buffer.from(task.image.buffer, task.image.byteOffset, task.image.byteLength), { readonly: true }) : new Database(task.file!, { readonly: true, fileMustExist: true });
  } catch {
    return result('Manifest.db cannot be opened');
  }
  try {
    db.pragma('trusted_schema = OFF');
    db.pragma('query_only = ON');
    const kinds = db.prepare("SELECT type FROM sqlite_schema WHERE name = 'Files' COLLATE NOCASE").pluck().all() as string[];
    if (kinds.length === 0) return result('Manifest.db is not a backup manifest (it has no Files table)');
    if (!kinds.every((kind) => kind === 'table' || kind === 'index')) return result('Manifest.db is not a backup manifest (its Files is not a table)');
    const columns = db.prepare("SELECT name, hidden FROM pragma_table_xinfo('Files')").all() as { name: string; hidden: number }[];
    if (columns.some((column) => column.hidden !== 0)) return result('Manifest.db is not a backup manifest (its Files table has computed columns)');
    if (!MANIFEST_COLUMNS.every((name) => columns.some((column) => column.name === name))) return result('Manifest.db is not a backup manifest');
    const outside = db.prepare("SELECT fileID FROM Files WHERE length(fileID) != 40 OR fileID GLOB '*[^0-9a-f]*' LIMIT 1").get() as { fileID: unknown } | undefined;
    if (outside) return result(`a file record points outside the backup (${JSON.stringify(String(outside.fileID)).slice(0, 80)})`);
    return result(null, db.prepare('SELECT count(*) FROM Files').pluck().get() as number);
  } catch {
    return result('Manifest.db is damaged or truncated');
  } finally {
    db.close();
  }
}
