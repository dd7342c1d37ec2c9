// A 1 GiB export keeps its memory flat: a vault holding 1 GiB of artifacts (four of 256 MiB, streamed in)
// is exported by a child process running the built app, whose peak resident memory must stay under
// 250 MB; the bundle then verifies, every byte of it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../src-shared/bundle.js';
import { App } from '../../src-main/app.js';
import { OpenVault } from '../../src-main/vault/vault.js';
import { requireBuiltCli } from '../helpers/cli.js';
import { seededChunks } from '../helpers/ios-backup-writer.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const CHILD = fileURLToPath(new URL('../helpers/bundle-export-child.mjs', import.meta.url));
const PASSPHRASE = 'correct horse battery staple';
const MiB = 1024 * 1024;

describe('a 1 GiB export', () => {
  let dir: string;
  let caseId: string;
  beforeAll(async () => {
    requireBuiltCli();
    dir = makeTempDir();
    const { vault } = await OpenVault.create(path.join(dir, 'vault'), PASSPHRASE, { kdfCost: FAST_KDF });
    caseId = vault.cases.create({ label: '' }).id;
    for (let i = 0; i < 4; i += 1) await vault.artifacts.putStream(Readable.from(seededChunks(i + 1, 256 * MiB, MiB)), { caseId, source: 'ios-backup', path: `HomeDomain/Media/video-${i}.mov` });
    vault.lock('user');
  }, slow(240_000));
  afterAll(() => removeDir(dir));

  it('stays under 250 MB of memory, and verifies', async () => {
    const app = new App({ vaultDir: path.join(dir, 'lawyer-has-no-vault'), printPdf: null });
    const lawyer = await app.call('keys.generate', { label: 'Lawyer' });
    fs.writeFileSync(path.join(dir, 'lawyer.pub'), lawyer.publicKey);
    const out = path.join(dir, 'big.sntl');
    const printed = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, [CHILD, path.join(dir, 'vault'), PASSPHRASE, caseId, out, path.join(dir, 'lawyer.pub')], { stdio: ['ignore', 'pipe', 'inherit'] });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`export child exited ${code}`))));
    });
    const { result, maxRssBytes } = JSON.parse(printed) as { result: ExportResult; maxRssBytes: number };
    expect(result.artifacts).toBe(4);
    expect(result.size).toBeGreaterThan(1024 * MiB);
    console.log(`1 GiB export: peak RSS ${(maxRssBytes / MiB).toFixed(0)} MiB`);
    expect(maxRssBytes).toBeLessThan(250 * 1000 * 1000);
    const verdict = await app.call('bundles.verify', { path: out, identity: lawyer.secretKey, signers: [result.installationFingerprint] });
    expect(verdict).toMatchObject({ ok: true, files: { expected: 5, verified: 5 } });
    await app.dispose();
  }, slow(240_000));
});
