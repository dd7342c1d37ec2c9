// Running one of the computer scan's read-only commands: output captured as bytes (kept as evidence exactly
// as printed), bounded in size and time, stoppable by the advocate. A missing program is not an error here
// — the collector decides what to do without it — but a hung or flooding one is stopped.
import { spawn } from 'node:child_process';
import { SentinelleError } from '../../../src-shared/errors.js';
import { childEnvironment } from '../../system/child-environment.js';

export interface CommandResult {
  /** Null when the program was not found on this computer. */
  code: number | null;
  stdout: Buffer;
  stderr: string;
  missing: boolean;
  /** True when the output passed `maxBytes` and the program was stopped. */
  truncated: boolean;
}

export interface CommandOptions {
  input?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  maxBytes?: number;
  /** Variables added to the minimal environment every child program gets. */
  env?: Record<string, string>;
}

const DEFAULT_TIMEOUT_MS = 120_000;
const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

export function runCommand(file: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(cancelled());
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const child = spawn(file, args, { stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true, env: childEnvironment(options.env) });
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    let timedOut = false;
    let stderr = '';
    const stop = () => {
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
    };
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    options.signal?.addEventListener('abort', stop, { once: true });
    const done = () => {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', stop);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      if (truncated) return;
      if (size + chunk.length > maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        stop();
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64 * 1024) stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => undefined);
    child.on('error', (error: NodeJS.ErrnoException) => {
      done();
      if (error.code === 'ENOENT') resolve({ code: null, stdout: Buffer.alloc(0), stderr: '', missing: true, truncated: false });
      else reject(new SentinelleError('computer.command-failed', `Sentinelle could not run ${file} on this computer.`, { technical: error.message, cause: error }));
    });
    child.on('close', (code) => {
      done();
      if (options.signal?.aborted) return reject(cancelled());
      if (timedOut) {
        return reject(new SentinelleError('computer.command-failed', `${file} did not answer in time and was stopped. The rest of the scan goes on.`, { technical: `${file} ${args.join(' ')}: timed out` }));
      }
      resolve({ code, stdout: Buffer.concat(chunks, size), stderr, missing: false, truncated });
    });
    child.stdin.end(options.input ?? '');
  });
}

function cancelled(): SentinelleError {
  return new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.');
}
