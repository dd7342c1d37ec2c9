// Re-keying the vault (issue 16, point 4) and failed unlock attempts (point 5). After `vault.rekey` the old
// header with the old passphrase (or the old recovery key) opens nothing written afterwards — nor anything
// at all of the re-encrypted database; the new passphrase and the new recovery key open everything. A crash
// at either step of the change (header first, then the database) leaves a vault that opens and settles.
// Wrong passphrases are written down and reported at the next unlock, then forgotten.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SentinelleError } from '../../src-shared/errors.js';
import { openVaultDatabase, rekeyVaultDatabase } from '../../src-main/vault/database.js';
import { databasePath, readHeader, slotAssociatedData, writeHeader } from '../../src-main/vault/header.js';
import { derivePassphraseKey, generateDataKey, newKdfParams, unwrapKey, wrapKey } from '../../src-main/vault/key-wrapping.js';
import { OpenVault } from '../../src-main/vault/vault.js';
import { appWithVault, TEST_PASSPHRASE, testApp } from '../helpers/app.js';
import { requireBuiltCli, runSentinelle } from '../helpers/cli.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const NEW_PASSPHRASE = 'a brand new long passphrase';

let dir: string;
let vaultDir: string;
beforeEach(() => {
  dir = makeTempDir('sentinelle-rekey-');
  vaultDir = path.join(dir, 'vault');
});
afterEach(() => removeDir(dir));

async function refusal(promise: Promise<unknown>): Promise<SentinelleError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(SentinelleError);
  return error as SentinelleError;
}

/** The vault folder as an attacker holding an old copy of vault.json would put it together. */
function withOldHeader(oldHeader: string): string {
  const copy = path.join(dir, `copy-${Math.random().toString(36).slice(2)}`);
  fs.mkdirSync(copy);
  for (const name of fs.readdirSync(vaultDir)) if (name.startsWith('vault.db')) fs.copyFileSync(path.join(vaultDir, name), path.join(copy, name));
  fs.writeFileSync(path.join(copy, 'vault.json'), oldHeader);
  return copy;
}

describe('vault rekey', () => {
  it('puts everything under a new key: the old header, passphrase and recovery key open nothing afterwards', async () => {
    const { app, recoveryKey: oldRecoveryKey } = await appWithVault(vaultDir);
    const before = await app.call('cases.create', { label: 'before the change' });
    const oldHeader = fs.readFileSync(path.join(vaultDir, 'vault.json'), 'utf8');

    expect((await app.invoke('vault.rekey', { currentPassphrase: 'not the passphrase', newPassphrase: NEW_PASSPHRASE })).ok).toBe(false);
    const { recoveryKey } = await app.call('vault.rekey', { currentPassphrase: TEST_PASSPHRASE, newPassphrase: NEW_PASSPHRASE });
    expect(recoveryKey).not.toBe(oldRecoveryKey);
    const after = await app.call('cases.create', { label: 'after the change' });
    // Recorded in the audit trail and the custody log.
    expect((await app.call('audit.list', { limit: 50 })).map((entry) => entry.action)).toContain('vault.rekeyed');
    expect((await app.call('custody.list', {})).map((entry) => entry.action)).toContain('vault.rekeyed');
    await app.call('vault.lock', { reason: 'user' });

    // The old vault.json with the old passphrase: its key no longer opens the database at all.
    const stolen = withOldHeader(oldHeader);
    expect((await refusal(OpenVault.unlock(stolen, TEST_PASSPHRASE))).code).toBe('vault.database-unreadable');
    expect((await refusal(OpenVault.unlockWithRecoveryKey(stolen, oldRecoveryKey, 'yet another passphrase', { kdfCost: FAST_KDF }))).code).toBe('vault.database-unreadable');
    // The current header: the old passphrase and the old recovery key are refused.
    expect((await app.invoke('vault.unlock', { passphrase: TEST_PASSPHRASE })).ok).toBe(false);
    expect((await app.invoke('vault.unlockWithRecoveryKey', { recoveryKey: oldRecoveryKey, newPassphrase: 'yet another passphrase' })).ok).toBe(false);

    // The new passphrase opens everything, from before and after.
    await app.call('vault.unlock', { passphrase: NEW_PASSPHRASE });
    expect((await app.call('cases.list', {})).map((item) => item.id).sort()).toEqual([before.id, after.id].sort());
    expect((await app.call('vault.check', {})).custody.intact).toBe(true);
    await app.call('vault.lock', { reason: 'user' });
    // And so does the new recovery key.
    await app.call('vault.unlockWithRecoveryKey', { recoveryKey, newPassphrase: 'the passphrase after recovery' });
    expect((await app.call('cases.list', {})).length).toBe(2);
    await app.dispose();
  });

  describe('a crash in the middle', () => {
    /** Does by hand what rekey does up to the crash: the header's pending part, and (optionally) the database re-encrypted. */
    async function interruptedRekey(reencrypted: boolean): Promise<void> {
      const header = readHeader(vaultDir);
      const wrapping = await derivePassphraseKey(TEST_PASSPHRASE, header.passphrase.kdf);
      const oldKey = unwrapKey(wrapping, header.passphrase.wrappedKey, slotAssociatedData(header, 'passphrase'))!;
      const newKey = generateDataKey();
      const kdf = newKdfParams(FAST_KDF);
      const newWrapping = await derivePassphraseKey(NEW_PASSPHRASE, kdf);
      writeHeader(vaultDir, {
        ...header,
        rekey: {
          wrappedKey: wrapKey(oldKey, newKey, slotAssociatedData(header, 'rekey')),
          passphrase: { kdf, wrappedKey: wrapKey(newWrapping, newKey, slotAssociatedData(header, 'passphrase')) },
          recovery: { wrappedKey: wrapKey(newWrapping, newKey, slotAssociatedData(header, 'recovery')) },
        },
      });
      if (!reencrypted) return;
      const db = openVaultDatabase(databasePath(vaultDir), oldKey, { create: false });
      rekeyVaultDatabase(db, newKey);
      db.close();
    }

    it('before the database was re-encrypted: the old passphrase opens it and the change is dropped', async () => {
      const { app } = await appWithVault(vaultDir);
      const kept = await app.call('cases.create', { label: 'kept' });
      await app.call('vault.lock', { reason: 'user' });
      await interruptedRekey(false);

      const early = await refusal(app.call('vault.unlock', { passphrase: NEW_PASSPHRASE }));
      expect(early.message).toMatch(/did not finish.*previous passphrase/);
      await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
      expect((await app.call('cases.get', { caseId: kept.id })).label).toBe('kept');
      expect(readHeader(vaultDir).rekey).toBeUndefined();
      expect((await app.call('audit.list', { limit: 20 })).map((entry) => entry.action)).toContain('vault.rekey-abandoned');
      await app.dispose();
    });

    it('after the database was re-encrypted: the new passphrase opens it and the header is finished', async () => {
      const { app } = await appWithVault(vaultDir);
      const kept = await app.call('cases.create', { label: 'kept' });
      await app.call('vault.lock', { reason: 'user' });
      await interruptedRekey(true);

      await app.call('vault.unlock', { passphrase: NEW_PASSPHRASE });
      expect((await app.call('cases.get', { caseId: kept.id })).label).toBe('kept');
      expect(readHeader(vaultDir).rekey).toBeUndefined();
      expect((await app.call('audit.list', { limit: 20 })).map((entry) => entry.action)).toContain('vault.rekey-finished-at-unlock');
      await app.call('vault.lock', { reason: 'user' });
      // Settled: the old passphrase opens nothing any more.
      expect((await app.invoke('vault.unlock', { passphrase: TEST_PASSPHRASE })).ok).toBe(false);
      await app.dispose();
    });
  });

  it('from the command line, reading both passphrases the way change-passphrase does', async () => {
    requireBuiltCli();
    expect((await runSentinelle(['vault', 'init', '--vault', vaultDir], { stdin: `${TEST_PASSPHRASE}\n` })).code).toBe(0);
    const rekeyed = await runSentinelle(['vault', 'rekey', '--vault', vaultDir, '--json'], { env: { SENTINELLE_PASSPHRASE: TEST_PASSPHRASE, SENTINELLE_NEW_PASSPHRASE: NEW_PASSPHRASE } });
    expect(rekeyed.code, rekeyed.stderr).toBe(0);
    expect(JSON.parse(rekeyed.stdout)).toMatchObject({ rekeyed: true, recoveryKey: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){11}$/) });
    expect((await runSentinelle(['vault', 'check', '--vault', vaultDir], { env: { SENTINELLE_PASSPHRASE: NEW_PASSPHRASE } })).code).toBe(0);
    expect((await runSentinelle(['vault', 'check', '--vault', vaultDir], { env: { SENTINELLE_PASSPHRASE: TEST_PASSPHRASE } })).code).toBe(1);
  }, slow(60_000));
});

describe('failed unlock attempts', () => {
  it('are reported at the next unlock with their times, kept in the audit trail, then cleared', async () => {
    const { app } = await appWithVault(vaultDir);
    await app.call('vault.lock', { reason: 'user' });
    const before = new Date().toISOString();
    for (const guess of ['guess one', 'guess two']) expect((await app.invoke('vault.unlock', { passphrase: guess })).ok).toBe(false);
    expect((await app.invoke('vault.unlockWithRecoveryKey', { recoveryKey: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA', newPassphrase: 'whatever long enough' })).ok).toBe(false);

    const after = new Date().toISOString();
    const unlocked = await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(unlocked.failedUnlocks?.count).toBe(2);
    expect(unlocked.failedUnlocks?.times).toHaveLength(2);
    // The times of the two guesses, as recorded when they were made (before this unlock).
    for (const time of unlocked.failedUnlocks!.times) expect(time >= before && time <= after, time).toBe(true);
    expect((await app.call('audit.list', { limit: 20 })).find((entry) => entry.action === 'vault.failed-unlocks')?.details).toMatchObject({ count: 2 });
    expect(fs.existsSync(path.join(vaultDir, 'failed-unlocks.json'))).toBe(false);

    await app.call('vault.lock', { reason: 'user' });
    expect((await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE })).failedUnlocks).toBeNull();
    await app.dispose();
  });

  it('the command line warns about them before anything else', async () => {
    requireBuiltCli();
    const app = testApp(vaultDir);
    await app.call('vault.create', { passphrase: TEST_PASSPHRASE });
    await app.call('vault.lock', { reason: 'user' });
    expect((await app.invoke('vault.unlock', { passphrase: 'a wrong guess' })).ok).toBe(false);
    await app.dispose();
    const checked = await runSentinelle(['vault', 'check', '--vault', vaultDir], { env: { SENTINELLE_PASSPHRASE: TEST_PASSPHRASE } });
    expect(checked.stderr).toMatch(/WARNING: 1 failed attempt\(s\) to open this vault/);
  }, slow(60_000));
});
