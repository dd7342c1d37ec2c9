// Evidence bundle benchmark: export of 1 GiB of artifacts (four streamed into a vault) against raw
// crypto_secretstream encryption of the same bytes in 1 MiB messages (ratio, target ≥ 0.8) — both with the
// same reading from the vault and writing to disk, and in memory alone; the export's parts (reading the
// vault, hashing the file) to explain the ratios; the process's peak memory; the throughput of verifying,
// with `sentinelle verify`'s code and with the lawyer's reader page in Chromium.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import sodium from 'sodium-native';
import { systemClock } from '../src-main/clock.js';
import { exportCase } from '../src-main/evidence/export-case.js';
import { generateRecipientKeyPair, readableFingerprint, secretKeyText } from '../src-main/evidence/recipient-keys.js';
import { StreamEncryptor } from '../src-main/evidence/secret-stream.js';
import { verifyBundle } from '../src-main/evidence/verify-bundle.js';
import { OpenVault } from '../src-main/vault/vault.js';
import { launchChromium } from '../tests/helpers/browser.js';
import { seededChunks } from '../tests/helpers/ios-backup-writer.js';
import { openReader } from '../tests/helpers/reader-page.js';
import { formatRate, MiB, report, type BenchContext } from './report.js';

const ARTIFACTS = 4;
const ARTIFACT_BYTES = 256 * MiB;

export async function benchBundle({ tempRoot }: BenchContext): Promise<void> {
  const { vault } = await OpenVault.create(path.join(tempRoot, 'bundle'), 'benchmark passphrase', { kdfCost: { opslimit: 1, memlimit: 8 * MiB } });
  try {
    const caseId = vault.cases.create({ label: 'bench' }).id;
    const shas: string[] = [];
    for (let i = 0; i < ARTIFACTS; i += 1) shas.push((await vault.artifacts.putStream(Readable.from(seededChunks(i + 1, ARTIFACT_BYTES, MiB)), { caseId, source: 'ios-backup', path: `HomeDomain/Media/video-${i}.mov` })).sha256);
    const total = ARTIFACTS * ARTIFACT_BYTES;
    const seconds = (start: number) => (performance.now() - start) / 1000;

    // Raw secretstream over the same bytes, in memory.
    const key = Buffer.alloc(32, 7);
    let start = performance.now();
    const raw = new StreamEncryptor(key);
    const out = Buffer.allocUnsafe(MiB + 64);
    for (let i = 0; i < ARTIFACTS; i += 1) for (const chunk of seededChunks(i + 1, ARTIFACT_BYTES, MiB)) raw.pushInto(out, chunk, false);
    const rawSeconds = seconds(start);
    // Generating the seeded bytes is not part of either: measured alone and taken out.
    start = performance.now();
    for (let i = 0; i < ARTIFACTS; i += 1) for (const chunk of seededChunks(i + 1, ARTIFACT_BYTES, MiB)) void chunk;
    const generateSeconds = seconds(start);

    start = performance.now();
    for (const sha of shas) for await (const chunk of vault.artifacts.createReader(sha)) void chunk;
    const readSeconds = seconds(start);
    start = performance.now();
    const hash = createHash('sha256');
    for (const chunk of seededChunks(1, ARTIFACT_BYTES, MiB)) hash.update(chunk);
    const hashSeconds = (seconds(start) - generateSeconds / ARTIFACTS) * ARTIFACTS;

    // The least any sealing of these artifacts must do: read them from the vault, secretstream them, write
    // and sync the file (no format, no manifest, no hash) — the baseline the export's ratio is taken against.
    start = performance.now();
    const minimal = await fs.promises.open(path.join(tempRoot, 'minimal.bin'), 'w');
    const sealer = new StreamEncryptor(key);
    for (const sha of shas) {
      // A stream's iterator may hand over more than one stored chunk at a time: seal them in 1 MiB messages.
      for await (const chunk of vault.artifacts.createReader(sha)) {
        for (let offset = 0; offset < (chunk as Buffer).length; offset += MiB) await minimal.write(sealer.pushInto(out, (chunk as Buffer).subarray(offset, offset + MiB), false));
      }
    }
    await minimal.sync();
    await minimal.close();
    const minimalSeconds = seconds(start);
    fs.rmSync(path.join(tempRoot, 'minimal.bin'));

    const lawyer = generateRecipientKeyPair('bench');
    const rssBefore = process.resourceUsage().maxRSS * 1024;
    start = performance.now();
    const bundle = path.join(tempRoot, 'bench.sntl');
    await exportCase(vault, { caseId, out: bundle, recipients: [lawyer], exclude: [], redact: false, language: 'en', toolVersion: 'bench', signatures: { database: { name: 'bench', version: '1', sha256: '0'.repeat(64) }, community: [], imported: [] }, clock: systemClock });
    const exportSeconds = seconds(start);
    const rssAfter = process.resourceUsage().maxRSS * 1024;
    start = performance.now();
    // The lawyer names who should have made it (this vault's installation key), as `verify --signer` does.
    const verdict = await verifyBundle({ file: bundle }, { identity: lawyer, knownSigners: [vault.signer.publicKey] });
    const verifySeconds = seconds(start);
    // The lawyer's reader page on the same bundle, in Debian's Chromium: opened, checked, its files kept.
    const keyFile = path.join(tempRoot, 'lawyer.key');
    fs.writeFileSync(keyFile, secretKeyText(lawyer), { mode: 0o600 });
    sodium.sodium_memzero(lawyer.secretKey);
    const browser = await launchChromium();
    let readerSeconds = 0;
    let readerVerdict = '';
    try {
      const reader = await openReader(browser);
      start = performance.now();
      const opened = await reader.verify(bundle, { keyFile, signer: readableFingerprint(vault.signer.publicKey) });
      readerSeconds = seconds(start);
      readerVerdict = opened.ok ? 'verified' : opened.codes.join('+');
    } finally {
      await browser.close();
    }

    const rawOnly = rawSeconds - generateSeconds;
    report(`Evidence bundle: export of ${total / MiB} MiB of artifacts`, [
      ['raw secretstream, same bytes in memory', formatRate(total / MiB / rawOnly, 'MiB')],
      ['raw secretstream, read from the vault, written and synced', `${formatRate(total / MiB / minimalSeconds, 'MiB')} (${minimalSeconds.toFixed(1)} s)`],
      ['export (read vault, encrypt, hash, write, sync)', `${formatRate(total / MiB / exportSeconds, 'MiB')} (${exportSeconds.toFixed(1)} s)`],
      ['ratio export / raw secretstream with the same I/O', (minimalSeconds / exportSeconds).toFixed(2)],
      ['ratio export / raw secretstream in memory', (rawOnly / exportSeconds).toFixed(2)],
      ['  of which reading the vault', formatRate(total / MiB / readSeconds, 'MiB')],
      ['  of which SHA-256 of the file', formatRate(total / MiB / hashSeconds, 'MiB')],
      ['peak RSS before → after export', `${(rssBefore / MiB).toFixed(0)} → ${(rssAfter / MiB).toFixed(0)} MiB`],
      ['verify', `${formatRate(total / MiB / verifySeconds, 'MiB')} (${verifySeconds.toFixed(1)} s, ${verdict.ok ? 'verified' : 'NOT verified'})`],
      ['reader page in Chromium (WebAssembly), with the whole file’s SHA-256', `${formatRate(total / MiB / readerSeconds, 'MiB')} (${readerSeconds.toFixed(1)} s, ${readerVerdict}); ${(readerSeconds / verifySeconds).toFixed(1)} × verify's time`],
    ]);
  } finally {
    vault.lock('user');
  }
}
