// The artifact store: streamed in and out in 1 MiB chunks, content-addressed, captures recorded.
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer as collect } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAST_KDF, makeTempDir, removeDir } from '../../tests/helpers/temp.js';
import { ARTIFACT_CHUNK_BYTES } from './artifact-store.js';
import { OpenVault } from './vault.js';

describe('artifact store', () => {
  let dir: string;
  let vault: OpenVault;
  let caseId: string;
  beforeEach(async () => {
    dir = makeTempDir();
    vault = (await OpenVault.create(dir, 'correct horse battery', { kdfCost: FAST_KDF })).vault;
    caseId = vault.cases.create({ label: '' }).id;
  });
  afterEach(() => {
    vault.lock('user');
    removeDir(dir);
  });

  it('stores a stream in 1 MiB chunks and gives the same bytes back as a stream', async () => {
    const bytes = randomBytes(3 * ARTIFACT_CHUNK_BYTES + 12345);
    // Feed it in odd-sized pieces, as a phone's output arrives.
    const pieces = Array.from({ length: Math.ceil(bytes.length / 70_001) }, (_, i) => bytes.subarray(i * 70_001, (i + 1) * 70_001));
    const capture = await vault.artifacts.putStream(Readable.from(pieces), { caseId, source: 'adb', path: '/data/app/base.apk' });

    expect(capture.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(capture.size).toBe(bytes.length);
    const chunkCount = vault.db.prepare('SELECT count(*) AS n FROM artifact_chunks').get() as { n: number };
    expect(chunkCount.n).toBe(4);
    expect((await collect(vault.artifacts.createReader(capture.sha256))).equals(bytes)).toBe(true);
  });

  it('keeps identical bytes once but records every capture, each in the custody log', () => {
    const first = vault.artifacts.putBuffer('package:com.example\n', { caseId, source: 'adb', command: 'pm list packages' });
    const second = vault.artifacts.putBuffer('package:com.example\n', { caseId, source: 'adb', command: 'pm list packages' });
    expect(second.sha256).toBe(first.sha256);
    expect(second.id).not.toBe(first.id);
    expect((vault.db.prepare('SELECT count(*) AS n FROM artifacts').get() as { n: number }).n).toBe(1);
    expect(vault.artifacts.capturesByCase(caseId).map((c) => c.command)).toEqual(['pm list packages', 'pm list packages']);
    const captured = vault.custody.list({ caseId, limit: 10 }).filter((e) => e.action === 'artifact.captured');
    expect(captured.map((e) => e.details.sha256)).toEqual([first.sha256, first.sha256]);
  });

  it('stores an empty output as a real artifact', async () => {
    const capture = vault.artifacts.putBuffer(Buffer.alloc(0), { caseId, source: 'adb', command: 'dumpsys notification' });
    expect(capture.size).toBe(0);
    expect((await collect(vault.artifacts.createReader(capture.sha256))).length).toBe(0);
  });

  it('leaves nothing behind when the source fails half-way', async () => {
    async function* failing() {
      yield randomBytes(ARTIFACT_CHUNK_BYTES + 10);
      throw new Error('device disconnected');
    }
    await expect(vault.artifacts.putStream(failing(), { caseId, source: 'adb' })).rejects.toThrow('device disconnected');
    expect((vault.db.prepare('SELECT count(*) AS n FROM artifacts').get() as { n: number }).n).toBe(0);
    expect((vault.db.prepare('SELECT count(*) AS n FROM artifact_chunks').get() as { n: number }).n).toBe(0);
  });

  it('says clearly when an artifact is not in the vault', () => {
    expect(() => vault.artifacts.read('0'.repeat(64))).toThrow(/not in the vault/);
  });
});
