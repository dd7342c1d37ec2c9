// Test helpers: throw-away folders and a cheap Argon2id cost, so tests that create many vaults stay fast.
// (The real cost is exercised by the CLI tests and measured by `npm run bench`.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KdfCost } from '../../src-main/vault/key-wrapping.js';

export const FAST_KDF: KdfCost = { opslimit: 1, memlimit: 8 * 1024 * 1024 };

export function makeTempDir(prefix = 'sentinelle-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** Every file under a folder, with its bytes. */
export function readAllFiles(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    files.set(path.relative(dir, full), fs.readFileSync(full));
  }
  return files;
}

/** A fixed, movable clock for retention and auto-lock tests. */
export class ManualClock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  advanceDays(days: number): void {
    this.current = new Date(this.current.getTime() + days * 24 * 60 * 60 * 1000);
  }
  advanceMs(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

/** Timers the test fires by hand: all of them, or those whose time has come on a manual clock. */
export class ManualTimers {
  /** Each timer's delay as it was set, and when it is due on the clock (when there is one). */
  readonly pending = new Map<number, { callback: () => void; ms: number; dueAt: number }>();
  private next = 1;
  constructor(private readonly clock: { now(): Date } | null = null) {}
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.pending.set(id, { callback, ms, dueAt: (this.clock?.now().getTime() ?? 0) + ms });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  fireAll(): void {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const timer of due) timer.callback();
  }
  /** Fires the timers due by the clock's time, earliest first (those they set included, when due). */
  runDue(): number {
    let fired = 0;
    for (;;) {
      const now = this.clock?.now().getTime() ?? 0;
      const due = [...this.pending.entries()].filter(([, timer]) => timer.dueAt <= now).sort((a, b) => a[1].dueAt - b[1].dueAt)[0];
      if (!due) return fired;
      this.pending.delete(due[0]);
      due[1].callback();
      fired++;
    }
  }
}
