// Tampering with the custody log — as someone holding the database key could, through SQLite — is
// reported at the next unlock as a broken chain naming the entry, recorded in the audit trail, raised as an
// alarm event, and never crashes the app.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName } from '../../src-shared/api.js';
import { openVaultDatabaseWithPassphrase } from '../../src-main/vault/vault.js';
import { appWithVault, TEST_PASSPHRASE } from '../helpers/app.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

type Column = 'action' | 'recorded_at' | 'details' | 'prev_hash' | 'entry_hash' | 'signature' | 'case_id';

async function flipOneByte(dir: string, seq: number, column: Column, byteIndex = 3): Promise<void> {
  const db = await openVaultDatabaseWithPassphrase(dir, TEST_PASSPHRASE);
  try {
    db.exec('DROP TRIGGER custody_log_append_only_update');
    const value = db.prepare(`SELECT ${column} AS v FROM custody_log WHERE seq = ?`).get(seq) as { v: string };
    const bytes = Buffer.from(value.v, 'utf8');
    bytes[byteIndex]! ^= 0x01;
    db.prepare(`UPDATE custody_log SET ${column} = ? WHERE seq = ?`).run(bytes.toString('utf8'), seq);
  } finally {
    db.close();
  }
}

describe('custody chain tampering', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  async function vaultWithHistory() {
    const { app } = await appWithVault(dir);
    const first = await app.call('cases.create', { label: 'a' }); // seq 2
    await app.call('cases.create', { label: 'b' }); // seq 3
    await app.call('cases.close', { caseId: first.id }); // seq 4
    await app.call('vault.lock', { reason: 'user' });
    return app;
  }

  it.each<[Column, string]>([
    ['action', 'entry-hash-mismatch'],
    ['recorded_at', 'entry-hash-mismatch'],
    ['details', 'unreadable-entry'],
    ['case_id', 'entry-hash-mismatch'],
    ['signature', 'signature-invalid'],
    ['prev_hash', 'previous-hash-mismatch'],
  ])('reports one flipped byte in %s as a break at that entry', async (column, reason) => {
    const app = await vaultWithHistory();
    await flipOneByte(dir, 3, column, column === 'details' ? 0 : 3);

    const alarms: unknown[] = [];
    app.subscribe((event: EventName, payload) => event === 'custody.alarm' && alarms.push(payload));
    const unlocked = await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });

    expect(unlocked.custody).toMatchObject({ intact: false, entries: 4, brokenAt: { seq: 3, reason } });
    expect(alarms).toHaveLength(1);
    const audit = await app.call('audit.list', { limit: 10 });
    expect(audit.find((e) => e.action === 'custody.chain-broken')?.details).toMatchObject({ brokenAt: { seq: 3 } });
    // The vault keeps working; the break stays reported.
    expect(await app.call('cases.list', { status: 'all' })).toHaveLength(2);
    expect((await app.call('vault.status', {})).custody?.intact).toBe(false);
    app.dispose();
  });

  it('reports an entry holding values JSON cannot be hashed with, without crashing or keeping the vault busy', async () => {
    const app = await vaultWithHistory();
    const db = await openVaultDatabaseWithPassphrase(dir, TEST_PASSPHRASE);
    const last = db.prepare('SELECT entry_hash FROM custody_log ORDER BY seq DESC LIMIT 1').pluck().get() as string;
    db.prepare(
      "INSERT INTO custody_log (seq, recorded_at, action, case_id, details, prev_hash, entry_hash, signature) VALUES (5, '2026-01-01T00:00:00.000Z', 'case.created', NULL, ?, ?, ?, '')",
    ).run('{"n":1e999}', last, '0'.repeat(64));
    db.close();
    const first = await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(first.custody.brokenAt).toMatchObject({ seq: 5, reason: 'unreadable-entry' });
    await app.call('vault.lock', { reason: 'user' });
    expect((await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE })).custody.intact).toBe(false);
    app.dispose();
  });

  it('reports a removed entry as a gap in the sequence', async () => {
    const app = await vaultWithHistory();
    const db = await openVaultDatabaseWithPassphrase(dir, TEST_PASSPHRASE);
    db.exec('DROP TRIGGER custody_log_append_only_delete');
    db.prepare('DELETE FROM custody_log WHERE seq = 2').run();
    db.close();
    const unlocked = await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(unlocked.custody.brokenAt).toMatchObject({ seq: 3, reason: 'sequence-gap' });
    app.dispose();
  });

  it('refuses edits through SQL while the append-only triggers are in place', async () => {
    const app = await vaultWithHistory();
    const db = await openVaultDatabaseWithPassphrase(dir, TEST_PASSPHRASE);
    expect(() => db.prepare("UPDATE custody_log SET action = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM custody_log').run()).toThrow(/append-only/);
    db.close();
    expect((await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE })).custody.intact).toBe(true);
    app.dispose();
  });
});
