// Computer scan benchmark: a scan of this machine (cold, then again with the fingerprint cache warm):
// wall time, processes, distinct executables hashed; then hashing throughput against `sha256sum` on the
// same executables (both read from the page cache, each run twice and the second kept).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ExecutableHasher } from '../src-main/acquisition/computer/executable-hasher.js';
import { runHostScan } from '../src-main/acquisition/computer/host-scan.js';
import { OpenVault } from '../src-main/vault/vault.js';
import { formatBytes, formatRate, MiB, report, type BenchContext } from './report.js';

export async function benchHost({ tempRoot }: BenchContext): Promise<void> {
  const { vault } = await OpenVault.create(path.join(tempRoot, 'host'), 'benchmark passphrase', { kdfCost: { opslimit: 1, memlimit: 8 * 1024 * 1024 } });
  try {
    const caseId = vault.cases.create({ label: 'bench' }).id;
    const hasher = new ExecutableHasher();
    let started = performance.now();
    const cold = await runHostScan({ vault, caseId, hasher });
    const coldMs = performance.now() - started;
    const coldBytes = hasher.bytesHashed;
    started = performance.now();
    await runHostScan({ vault, caseId, hasher });
    const warmMs = performance.now() - started;

    const processes = vault.observations.listByCase(caseId, { kind: 'process' }).filter((observation) => observation.scanId === cold.scan.id);
    const executables = [...new Set(processes.map((observation) => observation.data.executable).filter((file): file is string => typeof file === 'string'))];
    const hashed = processes.filter((observation) => observation.data.sha256 !== null);
    const hashedCount = new Set(hashed.map((observation) => String(observation.data.executable))).size;
    // Files reachable by their path (a program deleted since it started is hashed through /proc only).
    const hashedFiles = [...new Set(hashed.map((observation) => String(observation.data.executable)))].filter((file) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() === true);

    const ours = async () => {
      const fresh = new ExecutableHasher();
      const begin = performance.now();
      for (const file of hashedFiles) await fresh.hash(file);
      return { ms: performance.now() - begin, bytes: fresh.bytesHashed };
    };
    const theirs = () => {
      const begin = performance.now();
      const result = spawnSync('sha256sum', hashedFiles, { stdio: ['ignore', 'ignore', 'ignore'] });
      return { ms: performance.now() - begin, ok: result.status === 0 };
    };
    await ours();
    theirs();
    const node = await ours();
    const coreutils = theirs();
    report('Computer scan of this machine (Linux: /proc, systemd, autostart, cron, ld.so.preload)', [
      ['scan, cold', `${(coldMs / 1000).toFixed(2)} s — ${cold.observations} observations, ${processes.length} processes, ${executables.length} distinct executables, ${hashedCount} hashed (${formatBytes(coldBytes)})`],
      ['scan again, hashes cached', `${(warmMs / 1000).toFixed(2)} s (${(coldMs / Math.max(warmMs, 1)).toFixed(1)}× faster)`],
      ['hashing, Sentinelle', `${formatRate(node.bytes / MiB / (node.ms / 1000), 'MiB')} over ${hashedFiles.length} files, ${formatBytes(node.bytes)} (one at a time)`],
      ['hashing, sha256sum', coreutils.ok ? `${formatRate(node.bytes / MiB / (coreutils.ms / 1000), 'MiB')} (includes starting the process)` : 'sha256sum failed'],
      ['ratio Sentinelle / sha256sum', `${(coreutils.ms / node.ms).toFixed(2)}`],
    ]);
  } finally {
    vault.lock('user');
  }
}
