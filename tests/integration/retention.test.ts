// Retention: a case closed more than the retention period ago (90 days by default) is purged with all its
// data, the purge is logged in the custody log and the audit trail; open and recently closed cases stay.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appWithVault, TEST_PASSPHRASE } from '../helpers/app.js';
import { makeTempDir, ManualClock, removeDir } from '../helpers/temp.js';
import { openVaultDatabaseWithPassphrase } from '../../src-main/vault/vault.js';

describe('retention', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('purges a case closed 91 days ago at unlock, keeps an open one and one closed 89 days ago', async () => {
    const clock = new ManualClock(new Date('2026-01-01T09:00:00Z'));
    const { app } = await appWithVault(dir, { clock });
    const old = await app.call('cases.create', { label: 'closed long ago' });
    const open = await app.call('cases.create', { label: 'still open' });
    await app.call('cases.close', { caseId: old.id });
    clock.advanceDays(2);
    const recent = await app.call('cases.create', { label: 'closed recently' });
    await app.call('cases.close', { caseId: recent.id });
    expect((await app.call('cases.get', { caseId: old.id })).purgeAfter).toBe('2026-04-01T09:00:00.000Z');
    await app.call('vault.lock', { reason: 'user' });

    clock.advanceDays(89); // 91 days after the first closure, 89 after the second
    const unlocked = await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(unlocked.purgedCases).toEqual([old.id]);
    expect((await app.call('cases.list', { status: 'all' })).map((c) => c.id).sort()).toEqual([open.id, recent.id].sort());

    const custody = await app.call('custody.list', { caseId: old.id, limit: 10 });
    expect(custody[0]).toMatchObject({ action: 'case.purged', details: { retentionDays: 90 } });
    expect((await app.call('custody.verify', {})).intact).toBe(true);
    const audit = await app.call('audit.list', { limit: 20 });
    expect(audit.find((e) => e.action === 'retention.purged')?.details).toMatchObject({ cases: [old.id] });
    app.dispose();
  });

  it('removes the purged case’s artifacts and observations, but not artifacts other cases still hold', async () => {
    const clock = new ManualClock(new Date('2026-01-01T09:00:00Z'));
    const { app } = await appWithVault(dir, { clock });
    const purged = await app.call('cases.create', { label: 'to purge' });
    const kept = await app.call('cases.create', { label: 'to keep' });
    await app.call('cases.close', { caseId: purged.id });
    await app.call('vault.lock', { reason: 'user' });

    // Evidence for both cases, written as collectors do.
    const { OpenVault } = await import('../../src-main/vault/vault.js');
    const vault = await OpenVault.unlock(dir, TEST_PASSPHRASE, { clock });
    const shared = vault.artifacts.putBuffer('same output on two phones', { caseId: purged.id, source: 'adb' });
    vault.artifacts.putBuffer('same output on two phones', { caseId: kept.id, source: 'adb' });
    const own = vault.artifacts.putBuffer('only on the purged phone', { caseId: purged.id, source: 'adb' });
    vault.observations.insertMany([{ caseId: purged.id, scanId: null, kind: 'app', subject: 'x', data: {}, artifactSha256s: [own.sha256] }]);
    vault.lock('user');

    clock.advanceDays(91);
    await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    app.dispose();
    const db = await openVaultDatabaseWithPassphrase(dir, TEST_PASSPHRASE);
    const shas = (db.prepare('SELECT sha256 FROM artifacts').pluck().all() as string[]);
    expect(shas).toEqual([shared.sha256]);
    expect(db.prepare('SELECT count(*) FROM observations').pluck().get()).toBe(0);
    // VACUUM rebuilt the file: no free page still holds the purged case's bytes.
    expect(db.pragma('freelist_count', { simple: true })).toBe(0);
    db.close();
  });

  it('leaves a write in progress intact when a purge runs meanwhile', async () => {
    const clock = new ManualClock(new Date('2026-01-01T09:00:00Z'));
    const { OpenVault } = await import('../../src-main/vault/vault.js');
    const { purgeExpiredCases } = await import('../../src-main/vault/retention.js');
    const { createHash } = await import('node:crypto');
    const { vault } = await OpenVault.create(dir, TEST_PASSPHRASE, { kdfCost: { opslimit: 1, memlimit: 8 * 1024 * 1024 }, clock });
    const live = vault.cases.create({ label: '' });
    const expired = vault.cases.create({ label: '' });
    vault.cases.close(expired.id);

    const writer = vault.artifacts.createWriter({ caseId: live.id, source: 'adb', command: 'streamed' });
    const writing = new Promise<void>((resolve, reject) => writer.on('finish', resolve).on('error', reject));
    const first = Buffer.alloc(1024 * 1024 + 1, 0xaa);
    // Once the writer has taken it, its first chunk is in the vault (in staging).
    await new Promise<void>((resolve, reject) => writer.write(first, (error) => (error ? reject(error) : resolve())));
    clock.advanceDays(91);
    expect(purgeExpiredCases(vault, clock)).toMatchObject({ purgedCases: [expired.id], artifactsRemoved: 0 });
    // Another write starts after the purge: it must get an artifact of its own.
    const other = vault.artifacts.putBuffer('another output', { caseId: live.id, source: 'adb' });
    const rest = Buffer.alloc(1000, 0xbb);
    writer.end(rest);
    await writing;
    const capture = writer.capture!;

    const expected = createHash('sha256').update(Buffer.concat([first, rest])).digest('hex');
    expect(capture.sha256).toBe(expected);
    expect(createHash('sha256').update(vault.artifacts.read(expected)).digest('hex')).toBe(expected);
    expect(vault.artifacts.read(other.sha256).toString()).toBe('another output');
    vault.lock('user');
  });

  it('purges nothing while the custody chain is broken, keeping the vault as it was found', async () => {
    const clock = new ManualClock(new Date('2026-01-01T09:00:00Z'));
    const { app } = await appWithVault(dir, { clock });
    const closed = await app.call('cases.create', { label: '' });
    await app.call('cases.close', { caseId: closed.id });
    await app.call('vault.lock', { reason: 'user' });
    const db = await openVaultDatabaseWithPassphrase(dir, TEST_PASSPHRASE);
    db.exec('DROP TRIGGER custody_log_append_only_update');
    db.prepare("UPDATE custody_log SET action = 'case.opened' WHERE seq = 2").run();
    db.close();

    clock.advanceDays(91);
    const unlocked = await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(unlocked).toMatchObject({ custody: { intact: false }, purgedCases: [] });
    expect(await app.call('retention.purge', {})).toEqual({ purgedCases: [], artifactsRemoved: 0, heldBecauseCustodyBroken: true });
    expect((await app.call('cases.get', { caseId: closed.id })).status).toBe('closed');
    app.dispose();
  });

  it('follows a changed retention period, and purges on request too', async () => {
    const clock = new ManualClock(new Date('2026-03-01T09:00:00Z'));
    const { app } = await appWithVault(dir, { clock });
    await app.call('settings.update', { retentionDays: 30 });
    const closed = await app.call('cases.create', { label: '' });
    await app.call('cases.close', { caseId: closed.id });
    clock.advanceDays(29);
    expect((await app.call('retention.purge', {})).purgedCases).toEqual([]);
    clock.advanceDays(2);
    expect((await app.call('retention.purge', {})).purgedCases).toEqual([closed.id]);
    app.dispose();
  });
});
