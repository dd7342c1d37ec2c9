// Runs work that should fail on a hostile input, and measures what it cost this process: the error it
// ended in (a typed one is expected), the time it took, and the memory growth at its peak (sampled every
// 20 ms). For the tests that hold hostile files to bounds of time and memory.
import { expect } from 'vitest';
import { SentinelleError } from '../../src-shared/errors.js';

export async function failsWithin(work: () => Promise<unknown>): Promise<{ error: SentinelleError; ms: number; peakGrowthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = Date.now();
  try {
    const error = await work().then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(SentinelleError);
    return { error: error as SentinelleError, ms: Date.now() - started, peakGrowthMb: (peak - before) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}
