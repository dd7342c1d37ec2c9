// Locks the vault after a period without activity. Every API call (and the renderer's activity pings)
// pushes the deadline back; timers are injectable so tests move time instead of waiting.
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class InactivityLock {
  private handle: unknown = null;
  private delayMs = 0;

  constructor(
    private readonly timers: Timers,
    private readonly onIdle: () => void,
  ) {}

  /** Starts (or restarts) watching with the given delay. */
  arm(delayMs: number): void {
    this.delayMs = delayMs;
    this.touch();
  }

  touch(): void {
    if (this.delayMs <= 0) return;
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = this.timers.setTimeout(() => {
      this.handle = null;
      this.onIdle();
    }, this.delayMs);
  }

  disarm(): void {
    if (this.handle !== null) this.timers.clearTimeout(this.handle);
    this.handle = null;
    this.delayMs = 0;
  }
}
