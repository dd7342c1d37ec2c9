// Failed unlock attempts, written down where a locked vault can write: a small file beside the header
// (`failed-unlocks.json`: only the times, nothing about any case). The next successful unlock reads them,
// keeps them in the audit trail and the custody log, tells the advocate how many there were and when —
// someone trying to guess the passphrase is a safety signal — and removes the file.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const FAILED_UNLOCKS_FILE = 'failed-unlocks.json';
/** Enough to show a pattern; older attempts are counted but their times not kept. */
const MAX_TIMES_KEPT = 50;

const FailedUnlocks = z.object({ count: z.number().int().min(0), times: z.array(z.iso.datetime()).max(MAX_TIMES_KEPT) }).strict();
export type FailedUnlocks = z.infer<typeof FailedUnlocks>;

function filePath(dir: string): string {
  return path.join(dir, FAILED_UNLOCKS_FILE);
}

/** The attempts recorded so far; a damaged or altered file still counts as one unexplained attempt. */
export function readFailedUnlocks(dir: string): FailedUnlocks | null {
  let text: string;
  try {
    text = fs.readFileSync(filePath(dir), 'utf8');
  } catch {
    return null;
  }
  try {
    return FailedUnlocks.parse(JSON.parse(text));
  } catch {
    return { count: 1, times: [] };
  }
}

/** Adds one failed attempt, written atomically; a failure to write never hides the wrong-passphrase answer. */
export function recordFailedUnlock(dir: string, at: string): void {
  try {
    const previous = readFailedUnlocks(dir) ?? { count: 0, times: [] };
    const next: FailedUnlocks = { count: previous.count + 1, times: [...previous.times, at].slice(-MAX_TIMES_KEPT) };
    const temporary = `${filePath(dir)}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, `${JSON.stringify(next)}\n`, { mode: 0o600 });
    fs.renameSync(temporary, filePath(dir));
  } catch {
    // a read-only or missing folder: the attempt is still refused
  }
}

export function clearFailedUnlocks(dir: string): void {
  fs.rmSync(filePath(dir), { force: true });
}
