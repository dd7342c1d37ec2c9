// Hashing the executables of a process list: each distinct program once (a browser's twenty processes are
// one file), a few at a time, with progress; what cannot be read is counted and told, not fatal.
import type { ProcessData } from '../../../src-shared/observations.js';
import type { HostContext } from './collector.js';

const PARALLEL_READS = 4;

/** Fills in `sha256` for every process whose executable can be read. `openPath` picks how to reach the file. */
export async function hashProcessExecutables(context: HostContext, processes: ProcessData[], openPath: (process: ProcessData) => string | null = (process) => process.executable): Promise<void> {
  const byFile = new Map<string, ProcessData[]>();
  for (const process of processes) {
    if (!process.executable) continue;
    const list = byFile.get(process.executable) ?? [];
    list.push(process);
    byFile.set(process.executable, list);
  }
  const files = [...byFile.entries()];
  let next = 0;
  let done = 0;
  const unreadable: string[] = [];
  const worker = async () => {
    while (next < files.length) {
      const [path, sharing] = files[next++]!;
      // The first process that lets the file be opened gives the hash for all of them.
      for (const process of sharing) {
        const target = openPath(process);
        if (!target) continue;
        const result = await context.hasher.hash(path, target, context.signal);
        if (result.sha256) {
          for (const same of sharing) same.sha256 = result.sha256;
          break;
        }
        if (process === sharing.at(-1)) unreadable.push(path);
      }
      done += 1;
      context.progress(done / files.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, files.length) }, worker));
  if (unreadable.length > 0) {
    context.note(`${unreadable.length} running program(s) could not be read to compute their fingerprint (SHA-256), usually because they belong to another user; run Sentinelle as an administrator to include them.`);
  }
}
