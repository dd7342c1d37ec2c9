// Runs work that should fail on a hostile input, and measures what it cost this process: the error it
// ended in (a typed one is expected) and the memory growth at its peak (sampled every 20 ms). For the tests
// that hold hostile files to bounds of memory; how long each takes is the benchmarks' (`npm run bench --
// hostile`), never a test's, so that a busy computer cannot fail them.
import { expect } from 'vitest';
import { SentinelleError } from '../../src-shared/errors.js';

export async function failsWithin(work: () => Promise<unknown>): Promise<{ error: SentinelleError; peakGrowthMb: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const error = await work().then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(SentinelleError);
    return { error: error as SentinelleError, peakGrowthMb: (peak - before) / 1024 / 1024 };
  } finally {
    clearInterval(sampler);
  }
}
