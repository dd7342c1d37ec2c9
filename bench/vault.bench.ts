// Vault benchmarks: the encrypted database against plain SQLite (the same library, no key, the same
// schema, pragmas and code paths) for bulk observation inserts and for the streamed artifact store; the
// unlock time with the default Argon2id cost; peak memory while streaming. Figures are printed, not asserted.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { systemClock } from '../src-main/clock.js';
import { ArtifactStore } from '../src-main/vault/artifact-store.js';
import { CustodyLog } from '../src-main/vault/custody-log.js';
import { applyConnectionPragmas, type VaultDatabase } from '../src-main/vault/database.js';
import { createInstallationKey, loadInstallationSigner } from '../src-main/vault/installation-key.js';
import { DEFAULT_KDF_COST } from '../src-main/vault/key-wrapping.js';
import { migrate } from '../src-main/vault/migrations.js';
import { ObservationRepository, type NewObservation } from '../src-main/vault/repositories/observations.js';
import { OpenVault } from '../src-main/vault/vault.js';
import { formatBytes, formatRate, MiB, report, type BenchContext } from './report.js';

const OBSERVATIONS = 100_000;
/** The child reads its size from BENCH_ARTIFACT_MIB; 256 MiB unless told. */
const ARTIFACT_BYTES = Number(process.env.BENCH_ARTIFACT_MIB ?? 256) * MiB;
const PASSPHRASE = 'benchmark passphrase, long enough';

export interface StreamFigures {
  writeRate: number;
  readRate: number;
  verified: boolean;
  /** The process's peak resident memory (kernel's maxRSS) before and after streaming. */
  maxRssBefore: number;
  maxRssAfter: number;
}

interface Subject {
  label: 'encrypted' | 'plain';
  db: VaultDatabase;
  caseId: string;
  close(): void;
}

export async function encryptedSubject(dir: string): Promise<Subject> {
  const { vault } = await OpenVault.create(path.join(dir, 'encrypted'), PASSPHRASE, { kdfCost: { opslimit: 1, memlimit: 8 * MiB } });
  const caseId = vault.cases.create({ label: 'bench' }).id;
  return { label: 'encrypted', db: vault.db, caseId, close: () => vault.lock('user') };
}

export function plainSubject(dir: string): Subject {
  fs.mkdirSync(dir, { recursive: true });
  const db = new Database(path.join(dir, 'plain.db'));
  db.pragma('auto_vacuum = INCREMENTAL');
  applyConnectionPragmas(db);
  migrate(db);
  createInstallationKey(db, new Date().toISOString());
  db.prepare("INSERT INTO cases (id, pseudonym, label, status, created_at) VALUES ('BNCH-0001', 'bench', 'bench', 'open', ?)").run(new Date().toISOString());
  return { label: 'plain', db, caseId: 'BNCH-0001', close: () => db.close() };
}

function observations(caseId: string): NewObservation[] {
  // About 300 bytes each once stored: a package observation as the Android collector makes them.
  return Array.from({ length: OBSERVATIONS }, (_, i) => ({
    caseId,
    scanId: null,
    kind: 'android.package',
    subject: `com.example.vendor${i % 997}.app${i}`,
    data: {
      packageName: `com.example.vendor${i % 997}.app${i}`,
      installer: 'com.android.vending',
      uid: 10_000 + (i % 50_000),
      isSystem: false,
      hasLauncherIcon: true,
      versionName: `${i % 13}.${i % 7}.${i % 101}`,
      firstInstallTime: '2026-02-03 10:11:12',
      apkSha256: createHash('sha256').update(String(i)).digest('hex'),
      grantedPermissions: ['android.permission.INTERNET'],
    },
    artifactSha256s: ['e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  }));
}

function insertObservations(subject: Subject): number {
  const rows = observations(subject.caseId);
  const started = performance.now();
  new ObservationRepository(subject.db, systemClock).insertMany(rows);
  return OBSERVATIONS / ((performance.now() - started) / 1000);
}

/** 256 MiB in 64 KiB pieces, drawn from a random pool so pages do not compress or repeat. */
function artifactSource(): Readable {
  const pool = randomBytes(8 * MiB);
  const piece = 64 * 1024;
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= ARTIFACT_BYTES) return this.push(null);
      const offset = (sent / piece) % (pool.length / piece);
      const chunk = Buffer.from(pool.subarray(offset * piece, offset * piece + piece));
      chunk.writeUInt32LE(sent / piece, 0);
      sent += piece;
      this.push(chunk);
    },
  });
}

export async function streamArtifact(subject: Subject): Promise<StreamFigures> {
  const store = new ArtifactStore(subject.db, new CustodyLog(subject.db, loadInstallationSigner(subject.db), systemClock), systemClock);
  const maxRssBefore = process.resourceUsage().maxRSS * 1024;
  let started = performance.now();
  const capture = await store.putStream(artifactSource(), { caseId: subject.caseId, source: 'adb', path: '/data/app/bench.apk' });
  const writeRate = ARTIFACT_BYTES / ((performance.now() - started) / 1000);
  started = performance.now();
  const hash = createHash('sha256');
  for await (const chunk of store.createReader(capture.sha256)) hash.update(chunk as Buffer);
  const readRate = ARTIFACT_BYTES / ((performance.now() - started) / 1000);
  return { writeRate, readRate, verified: hash.digest('hex') === capture.sha256, maxRssBefore, maxRssAfter: process.resourceUsage().maxRSS * 1024 };
}

function streamInChild(kind: 'encrypted' | 'plain', dir: string, mebibytes = 256): StreamFigures {
  const child = fileURLToPath(new URL('./vault-stream.child.ts', import.meta.url));
  const output = execFileSync(process.execPath, ['--import', 'tsx', child, kind, path.join(dir, `stream-${kind}-${mebibytes}`)], {
    encoding: 'utf8',
    env: { ...process.env, BENCH_ARTIFACT_MIB: String(mebibytes) },
  });
  return JSON.parse(output) as StreamFigures;
}

export async function benchVault(context: BenchContext): Promise<void> {
  const dir = fs.mkdtempSync(path.join(context.tempRoot, 'vault-'));
  try {
    // 1. Artifact store, 256 MiB as a stream — each in a fresh process, so its peak memory is its own.
    const encryptedStream = streamInChild('encrypted', dir);
    const plainStream = streamInChild('plain', dir);
    const smallerStream = streamInChild('encrypted', dir, 64);
    const memory = (figures: StreamFigures) =>
      `peak RSS ${formatBytes(figures.maxRssAfter)} (${formatBytes(figures.maxRssBefore)} before streaming, +${formatBytes(figures.maxRssAfter - figures.maxRssBefore)})`;
    report('vault: artifact store, 256 MiB written then read back as a stream', [
      ['encrypted write', formatRate(encryptedStream.writeRate / MiB, 'MiB')],
      ['plain write', formatRate(plainStream.writeRate / MiB, 'MiB')],
      ['ratio write encrypted/plain', `${(encryptedStream.writeRate / plainStream.writeRate).toFixed(2)} (target ≥ 0.6)`],
      ['encrypted read', formatRate(encryptedStream.readRate / MiB, 'MiB')],
      ['plain read', formatRate(plainStream.readRate / MiB, 'MiB')],
      ['ratio read encrypted/plain', `${(encryptedStream.readRate / plainStream.readRate).toFixed(2)} (target ≥ 0.6)`],
      ['memory, encrypted', memory(encryptedStream)],
      ['memory, plain', memory(plainStream)],
      ['memory, encrypted, 64 MiB only', `${memory(smallerStream)} — flat if close to the 256 MiB figure`],
      ['read-back hash matches', String(encryptedStream.verified && plainStream.verified)],
    ]);

    // 2. Bulk inserts.
    const encrypted = await encryptedSubject(path.join(dir, 'inserts'));
    const plain = plainSubject(path.join(dir, 'inserts'));
    const encryptedInserts = insertObservations(encrypted);
    const plainInserts = insertObservations(plain);
    report('vault: insert 100,000 observations in one transaction', [
      ['encrypted', formatRate(encryptedInserts, 'rows')],
      ['plain SQLite', formatRate(plainInserts, 'rows')],
      ['ratio encrypted/plain', `${(encryptedInserts / plainInserts).toFixed(2)} (target ≥ 0.6)`],
    ]);
    encrypted.close();
    plain.close();

    // 3. Unlock with the default Argon2id cost.
    const unlockDir = path.join(dir, 'unlock');
    (await OpenVault.create(unlockDir, PASSPHRASE)).vault.lock('user');
    const times: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      const vault = await OpenVault.unlock(unlockDir, PASSPHRASE);
      times.push((performance.now() - started) / 1000);
      vault.lock('user');
    }
    times.sort((a, b) => a - b);
    report('vault: unlock with the default Argon2id cost', [
      ['Argon2id', `opslimit ${DEFAULT_KDF_COST.opslimit}, memlimit ${formatBytes(DEFAULT_KDF_COST.memlimit)}`],
      ['unlock time (median of 3)', `${times[1]!.toFixed(2)} s (target 0.5–1 s)`],
      ['fastest / slowest', `${times[0]!.toFixed(2)} s / ${times[2]!.toFixed(2)} s`],
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
