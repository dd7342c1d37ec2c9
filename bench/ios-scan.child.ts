// The iPhone-backup benchmark's measuring process, alone so that its peak memory is its own: index every
// record of the generated encrypted backup, scan it into a fresh vault, then decrypt every file through
// the backup reader and, for comparison, the same bytes with Node's AES-256-CBC alone. Prints JSON.
// Run: node --import tsx bench/ios-scan.child.ts BACKUP_DIR WORK_DIR PASSWORD
import { createDecipheriv, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { IosBackup } from '../src-main/acquisition/ios/ios-backup.js';
import { runIosBackupScan } from '../src-main/acquisition/ios/ios-backup-scan.js';
import { OpenVault } from '../src-main/vault/vault.js';

const [backupDir, workDir, password] = process.argv.slice(2) as [string, string, string];

// 1. Index: open (key derivation, Manifest.db decrypted into memory) and read every record.
const rss = () => process.resourceUsage().maxRSS * 1024;
const peaks = { start: rss(), index: 0, scan: 0 };
let started = performance.now();
const backup = await IosBackup.open(backupDir, { password });
let records = 0;
let fileBytes = 0;
const files: { fileId: string; size: number }[] = [];
for (const record of backup.files()) {
  records += 1;
  fileBytes += record.size;
  files.push({ fileId: record.fileId, size: record.size });
}
const indexMs = performance.now() - started;
peaks.index = rss();

// 2. Scan into a fresh vault.
const { vault } = await OpenVault.create(path.join(workDir, 'vault'), 'benchmark passphrase', { kdfCost: { opslimit: 1, memlimit: 8 * 1024 * 1024 } });
const caseId = vault.cases.create({ label: 'bench' }).id;
started = performance.now();
const outcome = await runIosBackupScan({ vault, caseId, dir: backupDir, password });
const scanMs = performance.now() - started;
peaks.scan = rss();
vault.lock('user');

// 3. Decrypt every file through the reader (unwrap its key, AES-256-CBC, padding, size check)…
started = performance.now();
let decrypted = 0;
for (const record of backup.files()) {
  for await (const chunk of backup.open(record)) decrypted += (chunk as Buffer).length;
}
const readerMs = performance.now() - started;
backup.close();

// …and the same encrypted bytes with Node's decipher alone.
started = performance.now();
let raw = 0;
for (const file of files) {
  const decipher = createDecipheriv('aes-256-cbc', randomBytes(32), Buffer.alloc(16));
  decipher.setAutoPadding(false);
  for await (const chunk of fs.createReadStream(path.join(backupDir, file.fileId.slice(0, 2), file.fileId))) raw += decipher.update(chunk as Buffer).length;
}
const nodeMs = performance.now() - started;

process.stdout.write(
  JSON.stringify({ records, fileBytes, indexMs, scanMs, scanStatus: outcome.scan.status, observations: outcome.observations, decrypted, readerMs, raw, nodeMs, maxRss: rss(), peaks }),
);
