// The parsing worker's table of tasks (run inside it by parse-worker.entry.ts): community signature feed
// files (YAML, CSV, STIX JSON) read into sets, an offline Android acquisition (androidqf or bugreport) read
// into what the phone showed, a live scan's outputs read as they come (a session), APKs' labels and
// certificates, an Apple property list, the verification of an evidence bundle (with its progress), and the
// check of an iPhone backup's Manifest.db. Above the services whose parsers it runs: the worker's floor
// (system/parse-worker.ts) knows no task, and each caller says what its task answers.
//
// Each task's code is loaded when a worker is given that task, so that a worker starts with what its task
// needs (a scan's worker does not load the bundle verifier).
import type { ImportFormat } from '../../src-shared/acquisition.js';
import type { ApkFacts, ApkFactsProgress, ApkFactsTask } from '../acquisition/android/apk-facts.js';
import type { AndroidOutputsRequest } from '../acquisition/android/scan-outputs.js';
import { checkManifestDb, type ManifestDbTask } from '../acquisition/ios/manifest-db-check.js';
import type { SignatureFile } from '../signatures/import-file.js';
import type { VerifiedBundle, VerifyProgress } from '../evidence/verify-bundle.js';
import type { SpooledFile } from '../system/upload-spool.js';

export type ParseTask =
  | { kind: 'plist'; bytes: Uint8Array; maxBytes: number }
  | ManifestDbTask
  | { kind: 'feed-files'; files: { name: string; bytes: Uint8Array }[] }
  | { kind: 'android-import'; format: ImportFormat; files: { name: string; bytes: Uint8Array; sha256: string }[] }
  | ApkFactsTask
  | { kind: 'android-outputs' }
  | { kind: 'bundle-verify'; file: string | null; spooled: SpooledFile | null; identity: { label: string; fingerprint: string; publicKey: Uint8Array; secretKey: Uint8Array } | null; passphrase: string | null; knownSigners: (Uint8Array | string)[]; extractTo: string | null; withReport: boolean };







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
