// iPhone-backup benchmark: an encrypted backup generated in the real format (tests/helpers/ios-backup-
// writer.ts) with 300,000 file records and 2 GiB of files; then, in a process of its own, the time to index
// its records and to scan it, the reader's decryption throughput against Node's AES-256-CBC on the same
// bytes (target ≥ 0.7), and peak memory (target < 300 MB). BENCH_IOS_RECORDS and BENCH_IOS_MIB shrink it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeIosBackup, type BackupFileSpec } from '../tests/helpers/ios-backup-writer.js';
import { formatBytes, MiB, report, type BenchContext } from './report.js';

const RECORDS = Number(process.env.BENCH_IOS_RECORDS ?? 300_000);
const TOTAL_BYTES = Number(process.env.BENCH_IOS_MIB ?? 2048) * MiB;
const LARGE_FILES = 100;
const PASSWORD = 'benchmark backup password';

/** Mostly small files (app data, thumbnails), and a hundred large ones (videos) making up the rest of the bytes. */
function* files(): Generator<BackupFileSpec> {
  const small = RECORDS - LARGE_FILES;
  const smallSize = Math.floor((TOTAL_BYTES * 0.55) / small);
  const largeSize = Math.floor((TOTAL_BYTES - smallSize * small) / LARGE_FILES);
  for (let i = 0; i < small; i += 1) {
    yield { domain: `AppDomain-com.vendor${i % 400}.app`, relativePath: `Library/Caches/item-${i}.bin`, content: { size: smallSize, seed: i } };
  }
  for (let i = 0; i < LARGE_FILES; i += 1) yield { domain: 'CameraRollDomain', relativePath: `Media/DCIM/100APPLE/IMG_${String(i).padStart(4, '0')}.MOV`, content: { size: largeSize, seed: 1_000_000 + i } };
}

export async function benchIos({ tempRoot }: BenchContext): Promise<void> {
  const root = fs.mkdtempSync(path.join(tempRoot, 'ios-'));
  try {
    const generated = performance.now();
    const written = await writeIosBackup(path.join(root, 'backup'), {
      device: { name: 'Bench iPhone', productType: 'iPhone15,2', productVersion: '17.5', buildVersion: '21F79', serialNumber: 'BENCH0000001', udid: '00008120-0000000000000001' },
      apps: Array.from({ length: 400 }, (_, i) => ({ bundleId: `com.vendor${i}.app`, version: '1.0' })),
      files: files(),
      encryption: { password: PASSWORD, dpic: 10_000, iter: 1_000 },
    });
    const generateSeconds = (performance.now() - generated) / 1000;
    const child = fileURLToPath(new URL('./ios-scan.child.ts', import.meta.url));
    const figures = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', child, written.dir, path.join(root, 'work'), PASSWORD], { encoding: 'utf8', maxBuffer: 1024 * 1024 })) as {
      records: number;
      fileBytes: number;
      indexMs: number;
      scanMs: number;
      scanStatus: string;
      observations: number;
      decrypted: number;
      readerMs: number;
      raw: number;
      nodeMs: number;
      maxRss: number;
      peaks: { start: number; index: number; scan: number };
    };
    const readerRate = figures.decrypted / MiB / (figures.readerMs / 1000);
    const nodeRate = figures.raw / MiB / (figures.nodeMs / 1000);
    report(`iPhone backup — encrypted, ${figures.records.toLocaleString('en-US')} records, ${formatBytes(figures.fileBytes)} of files (generated in ${generateSeconds.toFixed(0)} s)`, [
      ['index every record', `${(figures.indexMs / 1000).toFixed(1)} s (${Math.round(figures.records / (figures.indexMs / 1000)).toLocaleString('en-US')} records/s, key derivation and Manifest.db decryption included)`],
      ['scan (all collectors)', `${(figures.scanMs / 1000).toFixed(1)} s, ${figures.scanStatus}, ${figures.observations.toLocaleString('en-US')} observations`],
      ['decrypt every file, reader', `${readerRate.toFixed(0)} MiB/s`],
      ['same bytes, Node AES-256-CBC', `${nodeRate.toFixed(0)} MiB/s`],
      ['ratio reader/Node', `${(readerRate / nodeRate).toFixed(2)} (target ≥ 0.7)`],
      ['peak memory of the scanning process', `${formatBytes(figures.maxRss)} (target < 300 MB); at start ${formatBytes(figures.peaks.start)}, after indexing ${formatBytes(figures.peaks.index)}, after the scan ${formatBytes(figures.peaks.scan)}`],
    ]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
