// `npm run bench`: runs every benchmark and prints its figures and ratios (performance targets live
// here, never in timed unit tests). `npm run bench -- NAME…` runs the chosen ones only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchAndroid } from './android.bench.js';
import { benchBundle } from './bundle.bench.js';
import { benchCheck } from './check.bench.js';
import { benchDetection, benchDetectionPass } from './detection.bench.js';
import { benchHost } from './host.bench.js';
import { benchHostile } from './hostile.bench.js';
import { benchIos } from './ios.bench.js';
import { benchQuality } from './quality.bench.js';
import { benchRenderer } from './renderer.bench.js';
import type { BenchContext } from './report.js';
import { benchVault } from './vault.bench.js';

const BENCHMARKS: Record<string, (context: BenchContext) => unknown> = {
  vault: benchVault,
  detection: async (context) => {
    benchDetection();
    await benchDetectionPass(context);
  },
  android: benchAndroid,
  hostile: benchHostile,
  ios: benchIos,
  host: benchHost,
  bundle: benchBundle,
  renderer: benchRenderer,
  quality: benchQuality,
  check: benchCheck,
};

const chosen = process.argv.slice(2);
const unknown = chosen.filter((name) => !(name in BENCHMARKS));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Choose among: ${Object.keys(BENCHMARKS).join(', ')}.`);
  process.exit(2);
}

const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinelle-bench-'));
console.log(`Sentinelle benchmarks — ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
try {
  for (const [name, run] of Object.entries(BENCHMARKS)) {
    if (chosen.length === 0 || chosen.includes(name)) await run({ tempRoot });
  }
} finally {
  fs.rmSync(tempRoot, { recursive: true, force: true });
}
