// Test runner configuration: unit tests beside the code, integration and end-to-end tests under tests/.
// SENTINELLE_TEST_SLOWDOWN scales the time limits on a slow or busy machine (tests/helpers/slowdown.ts).
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { slow } from './tests/helpers/slowdown.js';

export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-shared/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    pool: 'forks',
    // Three test files at a time at least, even on two cores: most of a file's time is spent waiting (on a
    // phone's answers, a child process, Chromium, Wazuh's manager replaying weeks in real time), not
    // computing. On two cores, three at a time took 490 s where two took 568 s. (Vitest's default leaves one
    // core idle.)
    maxWorkers: Math.max(3, availableParallelism() - 1),
    testTimeout: slow(60_000),
    hookTimeout: slow(120_000),
    reporters: ['default'],
  },
});
