// Nothing of hers in clear on disk (issue 16, point 1): while an encrypted iPhone backup is scanned and
// while the case is exported (with its PDF, printed by Chromium), the vault folder is sampled again and
// again; it only ever holds the vault's own three files, and none of them shows a marker planted in the
// backup (a file path of Manifest.db, a web address, the phone's name). The same after a kill -9 in the
// middle of a scan. The printer's private profile is gone once the export ends.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app.js';
import { PRINTER_PROFILE_PREFIX } from '../../src-main/evidence/print-pdf.js';
import { generateRecipientKeyPair, publicKeyText } from '../../src-main/evidence/recipient-keys.js';
import { appWithVault, TEST_PASSPHRASE, testApp } from '../helpers/app.js';
import { sqliteFile, writeIosBackup } from '../helpers/ios-backup-writer.js';
import { makeTempDir, readAllFiles, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const VAULT_FILES = ['vault.db', 'vault.db-wal', 'vault.json'];
const PASSWORD = 'blue-horse-42';

let dir: string;
let vaultDir: string;
let app: App;
let caseId: string;
beforeEach(async () => {
  dir = makeTempDir('sentinelle-plaintext-');
  vaultDir = path.join(dir, 'vault');
  ({ app } = await appWithVault(vaultDir));
  caseId = (await app.call('cases.create', { label: 'Consultation' })).id;
});
afterEach(async () => {
  await app.dispose();
  removeDir(dir);
});

/** An encrypted backup whose Manifest.db paths, browsing history and phone name carry the marker. */
async function markedBackup(marker: string, files = 40): Promise<string> {
  const history = sqliteFile([
    'CREATE TABLE history_items (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, domain_expansion TEXT NULL, visit_count INTEGER NOT NULL)',
    `INSERT INTO history_items VALUES (1, 'https://${marker.toLowerCase()}.example.org/', 'marker', 1)`,
  ]);
  const written = await writeIosBackup(path.join(dir, 'backup'), {
    device: { name: `Phone ${marker}`, productType: 'iPhone14,5', productVersion: '17.5.1', buildVersion: '21F90', serialNumber: 'F2LXK0ABCD12', udid: '00008110-001A2B3C4D5E6F70' },
    apps: [{ bundleId: 'net.whatsapp.WhatsApp', name: 'WhatsApp', version: '24.12.81' }],
    files: [
      { domain: 'HomeDomain', relativePath: 'Library/Safari/History.db', content: history },
      ...Array.from({ length: files }, (_, i) => ({ domain: 'AppDomain-net.whatsapp.WhatsApp', relativePath: `Documents/${marker}-${i}.txt`, content: `note ${i} ${marker}\n`.repeat(200) })),
    ],
    encryption: { password: PASSWORD },
  });
  return written.dir;
}

/** What is wrong with the vault folder right now: files that are not the vault's, or a file showing the marker. */
function problems(marker: string): string[] {
  const found: string[] = [];
  const needles = [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le'), Buffer.from(marker.toLowerCase(), 'utf8')];
  for (const [name, bytes] of readAllFiles(vaultDir)) {
    if (!VAULT_FILES.includes(name)) found.push(`unexpected file ${name}`);
    if (needles.some((needle) => bytes.includes(needle))) found.push(`${name} shows the marker`);
  }
  return found;
}

/** Samples the vault folder every few milliseconds while `work` runs; returns every problem seen and how many samples were taken. */
async function sampling(marker: string, work: () => Promise<unknown>): Promise<{ seen: string[]; samples: number }> {
  const seen = new Set<string>();
  let samples = 0;
  const timer = setInterval(() => {
    samples += 1;
    for (const problem of problems(marker)) seen.add(problem);
  }, 3);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  for (const problem of problems(marker)) seen.add(problem);
  return { seen: [...seen], samples: samples + 1 };
}

describe('no plaintext in the vault folder', () => {
  it('during an encrypted backup scan and during an export with its PDF', async () => {
    const marker = `MARKER${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;
    const backup = await markedBackup(marker);

    const scan = await sampling(marker, () => app.call('scans.iosBackup', { caseId, path: backup, password: PASSWORD }));
    expect(scan.seen).toEqual([]);
    expect(scan.samples).toBeGreaterThan(1);
    // The marker is really there, behind the key: the phone's name and the file records were kept.
    const devices = await app.call('cases.devices', { caseId });
    expect(devices[0]?.label).toContain(marker);

    const profilesBefore = fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`${PRINTER_PROFILE_PREFIX}${process.pid}-`));
    const recipient = generateRecipientKeyPair('Lawyer');
    const out = path.join(dir, 'case.sentinelle');
    let pdf = false;
    const exported = await sampling(marker, async () => {
      pdf = (await app.call('bundles.export', { caseId, out, recipients: [publicKeyText(recipient)] })).pdf;
    });
    expect(exported.seen).toEqual([]);
    // Chromium printed the PDF (where it is installed), and its private profile is gone.
    if (fs.existsSync('/usr/bin/chromium')) expect(pdf).toBe(true);
    expect(fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith(`${PRINTER_PROFILE_PREFIX}${process.pid}-`))).toEqual(profilesBefore);
  }, slow(120_000));

  it('after a kill -9 in the middle of a scan, and a leftover scratch folder is swept at start-up', async () => {
    const marker = `MARKER${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;
    const backup = await markedBackup(marker, 400);
    await app.dispose();

    const child = spawn(process.execPath, [path.resolve('tests/helpers/ios-scan-child.mjs'), vaultDir, TEST_PASSPHRASE, caseId, backup, PASSWORD], { stdio: ['pipe', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      let seen = 0;
      child.stdout.on('data', (chunk: Buffer) => {
        // Killed once the scan is past opening the backup (Manifest.db decrypted, files being read).
        seen += chunk.toString().split('\n').filter((line) => line === 'progress').length;
        if (seen >= 3) resolve();
        if (chunk.toString().includes('done')) reject(new Error('the scan finished before it could be killed'));
      });
      child.on('exit', () => reject(new Error('the child ended early')));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(problems(marker)).toEqual([]);

    // What an older version (or another kill) may have left in the vault folder goes at the next start.
    fs.mkdirSync(path.join(vaultDir, 'work', 'scratch'), { recursive: true });
    fs.writeFileSync(path.join(vaultDir, 'work', 'scratch', 'manifest-leftover.db'), marker);
    app = testApp(vaultDir);
    expect(fs.existsSync(path.join(vaultDir, 'work', 'scratch'))).toBe(false);
    await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    const scans = await app.call('scans.list', { caseId });
    expect(scans.map((scan) => scan.status)).toEqual(['interrupted']);
  }, slow(120_000));
});
