// `npm run bench`: runs every benchmark and prints its figures and ratios (performance targets live
// here, never in timed unit tests).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchAndroid } from './android.bench.js';
import { benchBundle } from './bundle.bench.js';
import { benchDetection } from './detection.bench.js';
import { benchHost } from './host.bench.js';
import { benchIos } from './ios.bench.js';
import { benchRenderer } from './renderer.bench.js';
import { benchVault } from './vault.bench.js';

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinelle-bench-'));
console.log(`Sentinelle benchmarks — ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
try {
  await benchVault({ tempRoot });
  benchDetection();
  await benchAndroid({ tempRoot });
  await benchIos({ tempRoot });
  await benchHost({ tempRoot });
  await benchBundle({ tempRoot });
  await benchRenderer({ tempRoot });
} finally {
  fs.rmSync(tempRoot, { recursive: true, force: true });
}
