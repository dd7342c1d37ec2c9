// Wrong passphrases change nothing on disk and say so clearly; the recovery key opens the vault; after a
// passphrase change the old passphrase no longer does.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appWithVault, TEST_PASSPHRASE } from '../helpers/app.js';
import { makeTempDir, readAllFiles, removeDir } from '../helpers/temp.js';

function fingerprintFolder(dir: string): Record<string, string> {
  const prints: Record<string, string> = {};
  for (const [file, bytes] of readAllFiles(dir)) prints[file] = createHash('sha256').update(bytes).digest('hex');
  return prints;
}

describe('passphrases and the recovery key', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('leaves every file of the vault byte-identical after a wrong passphrase, and says what to do', async () => {
    const { app } = await appWithVault(dir);
    await app.call('cases.create', { label: 'kept safe' });
    await app.call('vault.lock', { reason: 'user' });
    const before = fingerprintFolder(dir);

    const answer = await app.invoke('vault.unlock', { passphrase: 'Correct horse battery staple' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'vault.wrong-passphrase' } });
    if (!answer.ok) expect(answer.error.message).toMatch(/does not open this vault.*Caps Lock.*recovery key/);
    // Only the note of the failed attempt was added beside them (see vault-rekey.test.ts).
    const after = fingerprintFolder(dir);
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), 'failed-unlocks.json'].sort());
    for (const [file, print] of Object.entries(before)) expect(after[file]).toBe(print);
    expect((await app.call('vault.status', {})).state).toBe('locked');
    app.dispose();
  });

  it('opens with the recovery key; after a passphrase change only the new passphrase works', async () => {
    const { app, recoveryKey } = await appWithVault(dir);
    const kept = await app.call('cases.create', { label: 'kept safe' });

    await app.call('vault.changePassphrase', { currentPassphrase: TEST_PASSPHRASE, newPassphrase: 'a second long passphrase' });
    await app.call('vault.lock', { reason: 'user' });
    expect(await app.invoke('vault.unlock', { passphrase: TEST_PASSPHRASE })).toMatchObject({ ok: false, error: { code: 'vault.wrong-passphrase' } });
    await app.call('vault.unlock', { passphrase: 'a second long passphrase' });
    await app.call('vault.lock', { reason: 'user' });

    await app.call('vault.unlockWithRecoveryKey', { recoveryKey, newPassphrase: 'a third long passphrase' });
    expect((await app.call('cases.get', { caseId: kept.id })).label).toBe('kept safe');
    const audit = await app.call('audit.list', { limit: 50 });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['vault.passphrase-changed', 'vault.passphrase-reset-with-recovery-key']));
    await app.call('vault.lock', { reason: 'user' });
    expect(await app.invoke('vault.unlock', { passphrase: 'a second long passphrase' })).toMatchObject({ ok: false });
    await app.call('vault.unlock', { passphrase: 'a third long passphrase' });
    app.dispose();
  });

  it('refuses a short passphrase before creating anything', async () => {
    const { App } = await import('../../src-main/app.js');
    const app = new App({ vaultDir: dir });
    const answer = await app.invoke('vault.create', { passphrase: 'short' });
    expect(answer).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    if (!answer.ok) expect(answer.error.technical).toMatch(/at least 10 characters/);
    expect(readAllFiles(dir).size).toBe(0);
  });
});
