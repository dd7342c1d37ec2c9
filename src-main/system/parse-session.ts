// A parsing worker that lives for a while (one scan) and is asked one thing at a time: the outputs of a phone
// are handed to it as they are read, and what it made of them is asked for at each analysis, so a scan starts
// one worker rather than one per analysis. Each request has its own time limit; the worker's heap has its
// limit; Cancel and Quick exit (the signal) stop it at once. A worker that overran a limit is stopped and the
// session is over (`alive` is false): its owner starts another one if it still needs one.
import type { Worker } from 'node:worker_threads';
import { SentinelleError, type ErrorCode } from '../../src-shared/errors.js';
import { cancelled, ParseLimitError, startWorker, type WorkerTask } from './parse-worker.js';

export interface SessionLimits {
  signal?: AbortSignal;
  /** The worker's JavaScript heap, in MiB. */
  maxMemoryMb: number;
  /** Time allowed for the worker to start (a busy computer), on top of the first request's own. */
  startMs: number;
}

/** What the session's worker answers to a request (src-main/workers/parse-worker.entry.ts). */
export type SessionAnswer = { ok: true; value: unknown } | { ok: false; message: string; code?: ErrorCode; technical?: string };

export class ParseSession {
  private readonly worker: Worker;
  private pending: { reject: (error: unknown) => void; settle: (answer: SessionAnswer) => void } | null = null;
  private ended: unknown = null;
  private started = false;

  constructor(
    task: WorkerTask,
    private readonly limits: SessionLimits,
  ) {
    if (limits.signal?.aborted) throw cancelled();
    this.worker = startWorker(task, limits.maxMemoryMb);
    this.worker.on('message', (answer: SessionAnswer) => {
      const pending = this.pending;
      this.pending = null;
      pending?.settle(answer);
    });
    this.worker.once('error', (error: Error & { code?: string }) => this.end(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ParseLimitError('reading it needs more memory than any real phone output') : error));
    this.worker.once('exit', () => this.end(new Error('the parser stopped without an answer')));
    limits.signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  get alive(): boolean {
    return this.ended === null;
  }

  /** Sends one request (its buffers moved, not copied) and waits for the answer, at most `timeoutMs`. */
  ask<T>(request: unknown, transfer: ArrayBuffer[], timeoutMs: number): Promise<T> {
    if (this.ended !== null) return Promise.reject(this.ended);
    if (this.pending) return Promise.reject(new Error('a parse session takes one request at a time'));
    const allowed = timeoutMs + (this.started ? 0 : this.limits.startMs);
    this.started = true;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => this.end(new ParseLimitError(`reading it took longer than ${Math.round(timeoutMs / 1000)} s`)), allowed);
      this.pending = {
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
        settle: (answer) => {
          clearTimeout(timer);
          if (answer.ok) resolve(answer.value as T);
          else reject(answer.code ? new SentinelleError(answer.code, answer.message, answer.technical ? { technical: answer.technical } : {}) : new Error(answer.message));
        },
      };
      this.worker.postMessage(request, transfer);
    });
  }

  /** Stops the worker; a request waiting is answered with `reason`. */
  close(reason: unknown = new Error('the parse session was closed')): void {
    this.end(reason);
  }

  private readonly onAbort = () => this.end(cancelled());

  private end(reason: unknown): void {
    if (this.ended !== null) return;
    this.ended = reason;
    this.limits.signal?.removeEventListener('abort', this.onAbort);
    void this.worker.terminate();
    const pending = this.pending;
    this.pending = null;
    pending?.reject(reason);
  }
}
