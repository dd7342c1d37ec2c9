// Hashing the executables of a process list, a few at a time, with progress; what cannot be read is counted
// and told, not fatal. Sentinelle's own process is marked, so that it is never taken for a suspect.
import type { ProcessData } from '../../../src-shared/observations.js';
import type { HostContext } from './collector.js';

const PARALLEL_READS = 4;

/** Fills in `sha256` for every process whose executable can be read. `openPath` picks how to reach the file. */
export async function hashProcessExecutables(context: HostContext, processes: ProcessData[], openPath: (process: ProcessData) => string | null = (process) => process.executable): Promise<void> {
  // Each process is hashed through its own way to the file (Linux: /proc/PID/exe, the bytes that run even
  // if the path now holds another program); the hasher's cache makes a browser's twenty processes one read.
  for (const process of processes) if (process.pid === globalThis.process.pid || (process.executable !== null && process.executable === globalThis.process.execPath)) process.self = true;
  const pending = processes.filter((process) => process.executable !== null);
  let next = 0;
  let done = 0;
  const unreadable = new Set<string>();
  const worker = async () => {
    while (next < pending.length) {
      const process = pending[next++]!;
      const target = openPath(process);
      if (target) {
        const result = await context.hasher.hash(process.executable!, target, context.signal);
        if (result.sha256) process.sha256 = result.sha256;
        else unreadable.add(process.executable!);
      }
      done += 1;
      context.progress(done / pending.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, pending.length) }, worker));
  if (unreadable.size > 0) {
    context.note(`${unreadable.size} running program(s) could not be read to compute their fingerprint (SHA-256), usually because they belong to another user; run Sentinelle as an administrator to include them.`);
  }
}
