// How much slower than a quiet laptop this machine is allowed to be: SENTINELLE_TEST_SLOWDOWN (a factor, 1 by
// default, at most 20) scales every time limit of the suite — the runner's per-test and per-hook limits,
// the end-to-end tests' waits, the polling loops' caps — so that CI, or a laptop busy with other work, can
// give the same tests more time without changing what any of them checks. No test asserts a duration.
const given = Number(process.env.SENTINELLE_TEST_SLOWDOWN ?? '1');

export const SLOWDOWN = Number.isFinite(given) ? Math.min(20, Math.max(1, given)) : 1;

/** A time limit of the suite, scaled by SENTINELLE_TEST_SLOWDOWN. */
export function slow(ms: number): number {
  return Math.round(ms * SLOWDOWN);
}

/** Waits until `ready()` holds, checking every 25 ms, for at most `limitMs` (scaled): a state, never a time. */
export async function until(ready: () => boolean, what: string, limitMs: number): Promise<void> {
  const deadline = Date.now() + slow(limitMs);
  while (!ready()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
