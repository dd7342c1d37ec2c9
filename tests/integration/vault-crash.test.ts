// A process writing to the vault is killed with SIGKILL in the middle of its work: the vault reopens,
// everything it reported as committed is there, the custody chain verifies, no half-written artifact remains.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OpenVault, openVaultDatabaseWithPassphrase } from '../../src-main/vault/vault.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';

const CHILD = fileURLToPath(new URL('../helpers/vault-writer-child.ts', import.meta.url));
const PASSPHRASE = 'correct horse battery staple';

describe('a crash while writing', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('keeps everything committed before a SIGKILL, and the custody chain still verifies', async () => {
    (await OpenVault.create(dir, PASSPHRASE, { kdfCost: FAST_KDF })).vault.lock('user');

    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, PASSPHRASE], { stdio: ['pipe', 'pipe', 'inherit'] });
    const committed: string[] = [];
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    let rounds = 0;
    for await (const line of createInterface({ input: child.stdout! })) {
      if (line.startsWith('midway')) {
        // Kill in the fourth round, while an artifact is being streamed in (the child waits there for a word).
        if (++rounds === 4) child.kill('SIGKILL');
        else child.stdin!.write('go on\n');
      } else if (line !== 'ready') {
        committed.push(line);
      }
    }
    expect(await exited).toBe('SIGKILL');
    expect(committed.filter((line) => line.startsWith('artifact'))).toHaveLength(3);

    // Before any clean-up: the killed write left a staging artifact with chunks in it.
    const raw = await openVaultDatabaseWithPassphrase(dir, PASSPHRASE);
    const leftover = raw.prepare("SELECT count(*) AS n FROM artifact_chunks c JOIN artifacts a ON a.id = c.artifact_id WHERE a.state = 'staging'").get() as { n: number };
    raw.close();
    expect(leftover.n).toBeGreaterThan(0);

    const vault = await OpenVault.unlock(dir, PASSPHRASE);
    try {
      expect(vault.lastCustodyReport.intact).toBe(true);
      expect(vault.db.pragma('integrity_check', { simple: true })).toBe('ok');
      for (const line of committed) {
        const [kind, first, second] = line.split(' ') as [string, string, string];
        if (kind === 'case') expect(vault.cases.find(first)).not.toBeNull();
        if (kind === 'artifact') {
          expect(vault.artifacts.has(first)).toBe(true);
          expect(vault.artifacts.read(first).length).toBe(2_400_000);
          expect(vault.artifacts.capturesByCase(second)).toHaveLength(1);
        }
        if (kind === 'observations') expect(vault.observations.countByCase(second)).toBe(200);
      }
      // Only staging leftovers were cleared; no chunk belongs to a half-written artifact.
      const staging = vault.db.prepare("SELECT count(*) AS n FROM artifacts WHERE state = 'staging'").get() as { n: number };
      expect(staging.n).toBe(0);
      const orphanChunks = vault.db.prepare('SELECT count(*) AS n FROM artifact_chunks WHERE artifact_id NOT IN (SELECT id FROM artifacts)').get() as { n: number };
      expect(orphanChunks.n).toBe(0);
    } finally {
      vault.lock('user');
    }
  });
});
