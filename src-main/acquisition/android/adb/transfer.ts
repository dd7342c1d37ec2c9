// What a phone may send before Sentinelle gives up on it, whatever the way it is reached: a broken or hostile
// phone cannot hang or flood a scan. Bytes pass on while they stay under a size cap, keep coming (no
// silence longer than the idle limit, and at a minimum rate once the first minute is past) and nobody
// cancels; otherwise the transfer is torn down with a typed error an advocate can act on.
import { PassThrough, type Readable } from 'node:stream';
import { SentinelleError } from '../../../../src-shared/errors.js';

export const PHONE_LIMITS = {
  /** Silence on a command or a transfer (or while a service opens) before the phone counts as gone. */
  idleMs: 90_000,
  /** The longest command output kept (a 500-app phone's `dumpsys package` is a few MiB). */
  maxOutputBytes: 256 * 1024 * 1024,
  /** The largest APK pulled for its certificate. */
  maxApkBytes: 512 * 1024 * 1024,
  /** App files copied by one scan together, at most (the rest are listed and hashed on the phone, not copied). */
  maxPulledBytesPerScan: 1024 * 1024 * 1024,
  /**
   * After this long, a command or transfer must have delivered at least `minBytesPerSecond` on average: a
   * phone dripping one byte a second keeps the silence limit at bay but would hold the scan for days. A real
   * phone prints megabytes a second; this floor is a thousand times under it.
   */
  rateGraceMs: 60_000,
  minBytesPerSecond: 4096,
  /** The longest one command may take: a real phone prints its longest listing (`dumpsys package`) in seconds. */
  commandDeadlineMs: 5 * 60_000,
  /** The longest a pull may take beyond its size at `pullFloorBytesPerSecond` (a cable copies tens of MiB a second). */
  pullDeadlineMs: 60_000,
  pullFloorBytesPerSecond: 1024 * 1024,
  /** The longest a whole scan may take: a real phone is read in minutes, over Wi-Fi too. */
  scanDeadlineMs: 60 * 60_000,
};

export interface TransferOptions {
  /** Stops the command or transfer in flight (a cancelled scan). */
  signal?: AbortSignal;
}

export interface BoundedOptions extends TransferOptions {
  maxBytes: number;
  /** A transfer that must deliver exactly this many bytes (a file whose size the phone gave). */
  exactBytes?: number;
  /** The command or path, for the technical detail of an error. */
  what: string;
  /** Whether an error the source raised means the phone refused this one item (rather than being gone). */
  isRefusal?: (error: Error) => boolean;
  /** The transfer must end within this long, however steadily the bytes come. */
  deadlineMs?: number;
  /** Called once when the transfer ends, however it ends (to close the phone's side). */
  onFinish?: () => void;
  /**
   * Past `maxBytes`, keep the first `maxBytes` and end there (told through this callback) rather than fail:
   * a command's output is evidence up to the cap, and the scan goes on.
   */
  onCut?: (maxBytes: number) => void;
}

export function cancelled(): SentinelleError {
  return new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.');
}

export function fileRefused(what: string, cause: unknown): SentinelleError {
  return new SentinelleError('acquisition.file-refused', 'The phone would not give one file; the scan went on without it.', {
    technical: `${what.slice(0, 200)}: ${cause instanceof Error ? cause.message : String(cause)}`,
  });
}

export function tooLarge(what: string, maxBytes: number): SentinelleError {
  return new SentinelleError('acquisition.too-large', 'The phone sent far more than expected for one item, so Sentinelle stopped reading it.', { technical: `${what.slice(0, 200)}: over ${maxBytes} bytes` });
}

/** What a phone sent that no adbd sends: the phone (or what runs on it) did not follow the protocol. */
export class ProtocolViolation extends Error {}

/** A phone that broke the protocol: told apart from a cable pulled out, as a possible sign of tampering. */
export function protocolBroken(violation: ProtocolViolation): SentinelleError {
  return new SentinelleError('device.protocol', 'This phone did not follow the protocol computers use to read phones; it may have been tampered with. Everything read before is kept. Note it in the case, and ask for expert help before scanning it again.', { technical: violation.message, cause: violation });
}

export function disconnected(error: unknown): SentinelleError {
  if (error instanceof SentinelleError) return error;
  return new SentinelleError('device.disconnected', 'The phone stopped answering (was the cable unplugged?). Everything read so far is kept: plug it back in and scan again to continue.', { cause: error });
}

export function tooSlow(what: string, bytes: number, ms: number): SentinelleError {
  return new SentinelleError('device.disconnected', 'The phone sends so slowly that the scan would never end, so Sentinelle stopped waiting. Everything read so far is kept.', {
    technical: `${what.slice(0, 200)}: ${bytes} bytes in ${Math.round(ms / 1000)} s, under ${PHONE_LIMITS.minBytesPerSecond} bytes a second`,
  });
}

export function overdue(what: string, ms: number): SentinelleError {
  return new SentinelleError('device.disconnected', 'The phone took far longer than any phone takes to answer, so Sentinelle stopped waiting. Everything read so far is kept.', {
    technical: `${what.slice(0, 200)}: not finished after ${Math.round(ms / 1000)} s`,
  });
}

export function silent(what: string): SentinelleError {
  return disconnected(new Error(`no data for ${PHONE_LIMITS.idleMs} ms: ${what.slice(0, 200)}`));
}

/**
 * Waits for `work` (opening a service on the phone, a stat) while the phone answers within the idle limit,
 * nobody cancels and the connection stays up; `work`'s own error is passed on as it is. What arrives after
 * giving up is handed to `discard`.
 */
export function withinLimits<T>(work: Promise<T>, options: TransferOptions & { what: string; gone: Promise<unknown>; discard?: (late: T) => void }): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      action();
    };
    const onAbort = () => finish(() => reject(cancelled()));
    const timer = setTimeout(() => finish(() => reject(silent(options.what))), PHONE_LIMITS.idleMs);
    if (options.signal?.aborted) {
      onAbort();
    } else {
      options.signal?.addEventListener('abort', onAbort, { once: true });
    }
    const onGone = (error: unknown) => finish(() => reject(disconnected(error ?? new Error(`the connection closed: ${options.what.slice(0, 200)}`))));
    options.gone.then(() => onGone(undefined), onGone);
    work.then(
      (value) => {
        if (settled) options.discard?.(value);
        finish(() => resolve(value));
      },
      (error: unknown) => finish(() => reject(error)),
    );
  });
}

/** The phone's bytes, passed on within the limits given; see the file's header. */
export function bounded(source: Readable, options: BoundedOptions): Readable {
  const output = new PassThrough();
  let size = 0;
  let timer: NodeJS.Timeout | null = null;
  let deadline: NodeJS.Timeout | null = null;
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    if (timer) clearTimeout(timer);
    if (deadline) clearTimeout(deadline);
    options.signal?.removeEventListener('abort', onAbort);
    options.onFinish?.();
  };
  const stop = (error: SentinelleError) => {
    finish();
    source.destroy();
    if (!output.destroyed) output.destroy(error);
  };
  const onAbort = () => stop(cancelled());
  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => stop(silent(options.what)), PHONE_LIMITS.idleMs);
  };
  if (options.signal?.aborted) {
    queueMicrotask(onAbort);
    return output;
  }
  options.signal?.addEventListener('abort', onAbort, { once: true });
  arm();
  if (options.deadlineMs !== undefined) deadline = setTimeout(() => stop(overdue(options.what, options.deadlineMs!)), options.deadlineMs);
  const started = Date.now();
  source.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    const elapsed = Date.now() - started;
    if (elapsed > PHONE_LIMITS.rateGraceMs && (size * 1000) / elapsed < PHONE_LIMITS.minBytesPerSecond) {
      stop(tooSlow(options.what, size, elapsed));
      return;
    }
    if (size > options.maxBytes) {
      if (!options.onCut) {
        stop(tooLarge(options.what, options.maxBytes));
        return;
      }
      // What fits under the cap is passed on, and the output ends there as if the phone had stopped.
      output.end(chunk.subarray(0, chunk.length - (size - options.maxBytes)));
      options.onCut(options.maxBytes);
      finish();
      source.destroy();
      return;
    }
    if (options.exactBytes !== undefined && size > options.exactBytes) {
      stop(fileRefused(options.what, new Error(`received more than the ${options.exactBytes} bytes announced`)));
      return;
    }
    arm();
    if (!output.write(chunk)) {
      source.pause();
      output.once('drain', () => source.resume());
    }
  });
  source.on('end', () => {
    if (finished) return;
    if (options.exactBytes !== undefined && size !== options.exactBytes) {
      stop(fileRefused(options.what, new Error(`received ${size} of ${options.exactBytes} bytes`)));
      return;
    }
    finish();
    output.end();
  });
  source.on('error', (error: Error) => !finished && stop(error instanceof ProtocolViolation ? protocolBroken(error) : options.isRefusal?.(error) ? fileRefused(options.what, error) : disconnected(error)));
  // The reader gave up (an error further down): the phone's side is closed too.
  output.on('close', () => {
    if (!finished) stop(cancelled());
  });
  return output;
}
