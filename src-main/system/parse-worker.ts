// Parsing untrusted files (an iPhone backup's property lists and Manifest.db, offline Android acquisitions,
// signature feeds, evidence bundles) off the main thread: each
// task runs in a worker thread of its own with a memory limit and a time limit, and is stopped at once
// when its scan is cancelled or the vault locks (Quick exit), whatever the file does to the parser. The
// main thread stays free to answer the window meanwhile.
//
// This floor knows no task: the worker's entry (src-main/workers/parse-worker.entry.ts) holds the table of
// tasks, above the services whose parsers it runs, and each caller says what its task answers. Built
// (dist/), the worker is the compiled entry — beside this file's chunk in the bundles (the command line, the
// desktop app's main process), in ../workers/ in tsc's output; run from the TypeScript sources (the test
// suite), it is started through tsx's loader.
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { SentinelleError, type ErrorCode } from '../../src-shared/errors.js';

/** A task for the worker: its kind names the entry in the worker's table; the rest is the task's input. */
export interface WorkerTask {
  readonly kind: string;
  readonly [input: string]: unknown;
}

export interface ParseLimits {
  signal?: AbortSignal;
  /** Default 30 s: far more than any real file takes. */
  timeoutMs?: number;
  /** The worker's JavaScript heap, in MiB (default 768). */
  maxMemoryMb?: number;
  /** What the task reports as it goes (a bundle's bytes verified); each report starts the time limit afresh. */
  onProgress?: (progress: unknown) => void;
  /** Time allowed before the task's first report (the worker starting on a busy computer); `timeoutMs` unless given. */
  startMs?: number;
  /** Buffers of the task moved to the worker rather than copied (unusable here afterwards). */
  transfer?: ArrayBuffer[];
}

export class ParseLimitError extends Error {}

/** What the worker posts: progress as it goes, then the value or the error (with its code when it was a typed one). */
type WorkerAnswer<T> = { progress: unknown } | { ok: true; value: T } | { ok: false; message: string; code?: ErrorCode; technical?: string };

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MEMORY_MB = 768;
const fromSources = import.meta.url.endsWith('.ts');

let builtEntry: URL | null = null;

/** The built worker's entry: beside this chunk (the bundles), or in ../workers/ (tsc's output). */
function workerEntry(): URL {
  if (builtEntry) return builtEntry;
  const beside = new URL('./parse-worker.entry.js', import.meta.url);
  builtEntry = fs.existsSync(beside) ? beside : new URL('../workers/parse-worker.entry.js', import.meta.url);
  return builtEntry;
}

/** A worker thread running `task` (the worker's entry), with a heap of at most `maxMemoryMb`; `transfer`: buffers moved to it. */
export function startWorker(task: WorkerTask, maxMemoryMb: number, transfer: ArrayBuffer[] = []): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: 64 };
  if (!fromSources) return new Worker(workerEntry(), { workerData: task, transferList: transfer, resourceLimits });
  const loader = new URL('../../node_modules/tsx/dist/esm/api/index.mjs', import.meta.url).href;
  const entry = new URL('../workers/parse-worker.entry.ts', import.meta.url).href;
  const bootstrap = `const { register } = await import(${JSON.stringify(loader)}); register(); await import(${JSON.stringify(entry)});`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`), { workerData: task, transferList: transfer, resourceLimits });
}

/**
 * Runs the task in a fresh worker. Rejects with `scan.cancelled` when the signal aborts, with a
 * ParseLimitError when the file needs more memory or time than the limits, and with an Error carrying the
 * parser's message when the file is malformed.
 */
export function parseInWorker<Result>(task: WorkerTask, limits: ParseLimits = {}): Promise<Result> {
  return new Promise((resolve, reject) => {
    if (limits.signal?.aborted) return reject(cancelled());
    const worker = startWorker(task, limits.maxMemoryMb ?? DEFAULT_MEMORY_MB, limits.transfer);
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.removeAllListeners('message');
      limits.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      outcome();
    };
    const onAbort = () => finish(() => reject(cancelled()));
    const timeoutMs = limits.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const tooLong = () => finish(() => reject(new ParseLimitError(`parsing took longer than ${Math.round(timeoutMs / 1000)} s`)));
    let timer = setTimeout(tooLong, limits.startMs ?? timeoutMs);
    limits.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: WorkerAnswer<Result>) => {
      if ('progress' in message) {
        clearTimeout(timer);
        timer = setTimeout(tooLong, timeoutMs);
        limits.onProgress?.(message.progress);
        return;
      }
      finish(() => (message.ok ? resolve(message.value) : reject(message.code ? new SentinelleError(message.code, message.message, message.technical ? { technical: message.technical } : {}) : new Error(message.message))));
    });
    worker.once('error', (error: Error & { code?: string }) =>
      finish(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ParseLimitError('parsing it needs more memory than any real file') : error)),
    );
    worker.once('exit', () => finish(() => reject(new Error('the parser stopped without an answer'))));
  });
}

export function cancelled(): SentinelleError {
  return new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.');
}
