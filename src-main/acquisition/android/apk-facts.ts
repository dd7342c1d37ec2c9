// The labels and signing certificates of APKs pulled from a phone, read in the parsing worker: an APK is the
// abuser's file, and a manifest built to loop or to inflate to gigabytes must only cost that worker (stopped
// at its time and memory limits, or by Cancel and Quick exit), never freeze the app. The APKs of an analysis
// are read in one worker, which reports each as it goes; when it is stopped, what it read is kept, the APK
// it was on is set aside as unreadable, and the rest are read in a new worker — one hostile APK costs one
// time limit and only its own facts. Results are kept by the APK's hash, since a scan is analysed again as
// it goes.
import { parseInWorker } from '../../system/parse-worker.js';
import type { ApkCertificate } from './apk-certificates.js';
import { SentinelleError } from '../../../src-shared/errors.js';

/** Without news of the next APK for this long, the worker is stopped: far more than a real APK takes. */
const QUIET_MS = 10_000;
/** Until the worker says it has started. */
const START_MS = 60_000;
const MEMORY_MB = 512;
/** APK bytes handed to one worker at most. */
const BATCH_BYTES = 128 * 1024 * 1024;
const KEPT = 256;

/** What a pulled APK says of itself: the label it shows, and who signed it. */
export interface ApkFacts {
  label: string | null;
  certificates: ApkCertificate[];
}

/** One APK read, as the worker reports it. */
export interface ApkFactsProgress {
  /** -1 when the worker has started, before the first APK. */
  index: number;
  facts: ApkFacts | null;
}

/** The parsing worker's task: APKs (moved to it) and the phone's language for their labels. */
export interface ApkFactsTask {
  kind: 'apk-facts';
  apks: Uint8Array[];
  language: string | null;
}

export type ApkReading = ApkFacts | 'unreadable';

const known = new Map<string, ApkReading>();

function keep(key: string, reading: ApkReading): void {
  if (known.size >= KEPT) known.delete(known.keys().next().value!);
  known.set(key, reading);
}

/** Reads the APKs in one worker; the facts of each read before it stopped, and null for the rest. */
async function readBatch(apks: readonly Buffer[], language: string | null, signal: AbortSignal | undefined): Promise<(ApkFacts | null)[]> {
  const read: (ApkFacts | null)[] = apks.map(() => null);
  // Moved to the worker, not copied (an APK may weigh hundreds of MiB): each its own buffer first.
  const moved = apks.map((apk) => (apk.byteOffset === 0 && apk.byteLength === apk.buffer.byteLength ? apk : Buffer.from(apk)));
  try {
    return await parseInWorker<ApkFacts[]>(
      { kind: 'apk-facts', apks: moved, language } satisfies ApkFactsTask,
      {
        transfer: moved.map((apk) => apk.buffer as ArrayBuffer),
        ...(signal ? { signal } : {}),
        timeoutMs: QUIET_MS,
        // Starting a worker on a busy laptop is not the APK's doing: it has its own, longer allowance.
        startMs: START_MS,
        maxMemoryMb: MEMORY_MB,
        onProgress: (progress) => {
          const { index, facts } = progress as ApkFactsProgress;
          if (index >= 0 && facts) read[index] = facts;
        },
      },
    );
  } catch (error) {
    if (error instanceof SentinelleError && error.code === 'scan.cancelled') throw error;
    return read;
  }
}

/** Each APK's facts by its hash, or 'unreadable' (too slow, too large, malformed); a cancelled scan's signal rejects. */
export async function readApkFacts(apks: readonly { sha256: string; read: () => Buffer }[], language: string | null, signal?: AbortSignal): Promise<Map<string, ApkReading>> {
  const keyOf = (sha256: string) => `${sha256}:${language ?? ''}`;
  let pending: { sha256: string; read: () => Buffer; bytes?: Buffer }[] = [...new Map(apks.filter((apk) => !known.has(keyOf(apk.sha256))).map((apk) => [apk.sha256, { ...apk }])).values()];
  while (pending.length > 0) {
    // As many as fit in one worker's share of bytes (at least one), each read from the vault once.
    const batch: { sha256: string; read: () => Buffer; bytes: Buffer }[] = [];
    let size = 0;
    for (const apk of pending) {
      apk.bytes ??= apk.read();
      if (batch.length > 0 && size + apk.bytes.length > BATCH_BYTES) break;
      batch.push(apk as (typeof batch)[number]);
      size += apk.bytes.length;
    }
    const read = await readBatch(batch.map((apk) => apk.bytes), language, signal);
    // Moved to the worker: read again from the vault if another worker needs them.
    for (const apk of batch) delete (apk as { bytes?: Buffer }).bytes;
    const stoppedAt = read.findIndex((facts) => facts === null);
    for (const [i, apk] of batch.entries()) {
      if (read[i]) keep(keyOf(apk.sha256), read[i]!);
      // The one the worker was on when it stopped is set aside; those after it are read by a new worker.
      else if (i === stoppedAt) keep(keyOf(apk.sha256), 'unreadable');
    }
    pending = pending.filter((apk) => !known.has(keyOf(apk.sha256)));
  }
  return new Map(apks.map((apk) => [apk.sha256, known.get(keyOf(apk.sha256)) ?? 'unreadable']));
}
