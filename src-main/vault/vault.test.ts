// The vault's life cycle: create, lock, unlock, wrong passphrase, recovery key, passphrase change,
// repositories and the custody entries they write.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAST_KDF, makeTempDir, removeDir } from '../../tests/helpers/temp.js';
import { SentinelleError } from '../../src-shared/errors.js';
import { readHeader } from './header.js';
import { OpenVault } from './vault.js';

const PASSPHRASE = 'correct horse battery staple';

describe('vault', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('creates a vault, shows a recovery key once, and unlocks again with the passphrase', async () => {
    const { vault, recoveryKey } = await OpenVault.create(dir, PASSPHRASE, { kdfCost: FAST_KDF });
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){11}[0-9A-Z]{4}$/);
    const created = vault.cases.create({ label: 'first meeting' });
    vault.lock('user');

    const reopened = await OpenVault.unlock(dir, PASSPHRASE);
    expect(reopened.cases.get(created.id)).toMatchObject({ label: 'first meeting', status: 'open' });
    expect(reopened.lastCustodyReport).toMatchObject({ intact: true, entries: 2 });
    reopened.lock('user');
  });

  it('refuses a wrong passphrase with a typed, actionable error', async () => {
    (await OpenVault.create(dir, PASSPHRASE, { kdfCost: FAST_KDF })).vault.lock('user');
    const error = await OpenVault.unlock(dir, 'not the passphrase').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SentinelleError);
    expect((error as SentinelleError).code).toBe('vault.wrong-passphrase');
    expect((error as SentinelleError).message).toMatch(/recovery key/);
  });

  it('opens with the recovery key, which sets a new passphrase', async () => {
    const { vault, recoveryKey } = await OpenVault.create(dir, PASSPHRASE, { kdfCost: FAST_KDF });
    const kept = vault.cases.create({ label: 'kept' });
    vault.lock('user');

    const typedByHand = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const recovered = await OpenVault.unlockWithRecoveryKey(dir, typedByHand, 'a brand new passphrase');
    expect(recovered.cases.get(kept.id).label).toBe('kept');
    recovered.lock('user');
    await expect(OpenVault.unlock(dir, PASSPHRASE)).rejects.toMatchObject({ code: 'vault.wrong-passphrase' });
    (await OpenVault.unlock(dir, 'a brand new passphrase')).lock('user');
  });

  it('tells a typing mistake in the recovery key apart from a key of another vault', async () => {
    const { vault, recoveryKey } = await OpenVault.create(dir, PASSPHRASE, { kdfCost: FAST_KDF });
    vault.lock('user');
    const typo = (recoveryKey[0] === 'A' ? 'B' : 'A') + recoveryKey.slice(1);
    await expect(OpenVault.unlockWithRecoveryKey(dir, typo, 'another passphrase')).rejects.toThrow(/typing mistake/);

    const otherDir = makeTempDir();
    try {
      const other = await OpenVault.create(otherDir, PASSPHRASE, { kdfCost: FAST_KDF });
      other.vault.lock('user');
      await expect(OpenVault.unlockWithRecoveryKey(dir, other.recoveryKey, 'another passphrase')).rejects.toThrow(/another vault/);
    } finally {
      removeDir(otherDir);
    }
  });

  it('changes the passphrase by rewrapping the key only: the database file is not rewritten', async () => {
    const { vault } = await OpenVault.create(dir, PASSPHRASE, { kdfCost: FAST_KDF });
    const before = readHeader(dir);
    await expect(vault.changePassphrase('wrong current', 'the new passphrase')).rejects.toMatchObject({ code: 'vault.wrong-passphrase' });
    await vault.changePassphrase(PASSPHRASE, 'the new passphrase');
    const after = readHeader(dir);
    expect(after.passphrase.kdf.salt).not.toBe(before.passphrase.kdf.salt);
    expect(after.recovery).toEqual(before.recovery);
    vault.lock('user');
    await expect(OpenVault.unlock(dir, PASSPHRASE)).rejects.toMatchObject({ code: 'vault.wrong-passphrase' });
    (await OpenVault.unlock(dir, 'the new passphrase')).lock('user');
  });

  it('lets one process at a time work in a vault, and says so to the next', async () => {
    const { vault } = await OpenVault.create(dir, PASSPHRASE, { kdfCost: FAST_KDF });
    const error = await OpenVault.unlock(dir, PASSPHRASE).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'vault.busy', message: expect.stringMatching(/open in another Sentinelle window/) });
    vault.lock('user');
    (await OpenVault.unlock(dir, PASSPHRASE)).lock('user');
  });

  it('keeps the vault folder and files private to this user', async () => {
    const fs = await import('node:fs');
    const { vault } = await OpenVault.create(dir, PASSPHRASE, { kdfCost: FAST_KDF });
    vault.cases.create({ label: 'x' });
    if (process.platform !== 'win32') {
      for (const file of ['vault.db', 'vault.db-wal', 'vault.json']) expect(fs.statSync(`${dir}/${file}`).mode & 0o077, file).toBe(0);
    }
    vault.lock('user');
  });

  it('refuses to create a second vault over an existing one', async () => {
    (await OpenVault.create(dir, PASSPHRASE, { kdfCost: FAST_KDF })).vault.lock('user');
    await expect(OpenVault.create(dir, PASSPHRASE, { kdfCost: FAST_KDF })).rejects.toMatchObject({ code: 'vault.exists' });
  });

  it('keeps no personal data in the header', async () => {
    const { vault } = await OpenVault.create(dir, PASSPHRASE, { kdfCost: FAST_KDF });
    vault.lock('user');
    const header = readHeader(dir);
    expect(Object.keys(header).sort()).toEqual(['cipher', 'format', 'passphrase', 'recovery', 'vaultId', 'version']);
    expect(JSON.stringify(header)).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('records each case change with a custody entry, in order, chained', async () => {
    const { vault } = await OpenVault.create(dir, PASSPHRASE, { kdfCost: FAST_KDF });
    const created = vault.cases.create({ label: 'x', pseudonym: 'Heron-101' });
    vault.cases.close(created.id);
    vault.cases.reopen(created.id);
    expect(() => vault.cases.reopen(created.id)).toThrow(/already open/);
    const entries = vault.custody.list({ caseId: created.id, limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['case.reopened', 'case.closed', 'case.created']);
    expect(entries[0]!.prevHash).toBe(entries[1]!.entryHash);
    expect(JSON.stringify(entries)).not.toContain('Heron-101');
    expect(vault.custody.verify()).toMatchObject({ intact: true, entries: 4 });
    vault.lock('user');
  });
});
