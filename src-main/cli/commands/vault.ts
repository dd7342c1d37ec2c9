// `sentinelle vault init|check|change-passphrase|rekey|recover`: create the vault, check its health, change
// the passphrase, re-key it (when the old passphrase may be known), or set a new one with the recovery key.
import { EXIT_CHECK_FAILED } from '../errors.js';
import type { Command } from '../command.js';
import type { SecretRequest } from '../secrets.js';
import { describeChain } from '../format.js';

const NEW_PASSPHRASE: SecretRequest = { name: 'newPassphrase', env: 'SENTINELLE_NEW_PASSPHRASE', prompt: 'New passphrase', confirm: true };

export const vaultInit: Command = {
  words: ['vault', 'init'],
  summary: 'create a new encrypted vault and show its recovery key once',
  usage: 'vault init [--vault DIR] [--json]   (passphrase: SENTINELLE_PASSPHRASE or standard input)',
  options: {},
  unlocks: false,
  secrets: [{ name: 'passphrase', env: 'SENTINELLE_PASSPHRASE', prompt: 'Choose a passphrase (10 characters or more)', confirm: true }],
  async run({ app, secrets, print }) {
    const { recoveryKey } = await app.call('vault.create', { passphrase: secrets.passphrase ?? '' });
    print(
      [
        `Vault created in ${app.vaultDir}`,
        '',
        'RECOVERY KEY — write it down now and keep it away from this computer.',
        'It is shown only this once. It opens the vault if the passphrase is forgotten.',
        '',
        `    ${recoveryKey}`,
        '',
      ].join('\n'),
      { vaultDir: app.vaultDir, recoveryKey },
    );
  },
};

export const vaultCheck: Command = {
  words: ['vault', 'check'],
  summary: 'verify the custody chain and the database, and say what the vault holds',
  usage: 'vault check [--vault DIR] [--json]',
  options: {},
  unlocks: true,
  async run({ app, print }) {
    const report = await app.call('vault.check', {});
    const healthy = report.custody.intact && report.databaseIntegrity.length === 1 && report.databaseIntegrity[0] === 'ok';
    print(
      [
        `Vault: ${app.vaultDir}`,
        `Custody log: ${describeChain(report.custody)}`,
        `Database: ${report.databaseIntegrity.join('; ') === 'ok' ? 'sound' : `DAMAGED — ${report.databaseIntegrity.join('; ')}`}`,
        `Schema version: ${report.schemaVersion}`,
        `Installation key: ${report.installationKey}`,
        `Holds: ${report.counts.cases} case(s), ${report.counts.artifacts} artifact(s), ${report.counts.custodyEntries} custody entries`,
        healthy ? 'Result: all checks passed.' : 'Result: PROBLEM FOUND — keep this vault folder as it is and ask for expert help.',
      ].join('\n'),
      { ...report, healthy },
    );
    return healthy ? undefined : EXIT_CHECK_FAILED;
  },
};

export const vaultChangePassphrase: Command = {
  words: ['vault', 'change-passphrase'],
  summary: 'change the passphrase (the current one is checked first)',
  usage: 'vault change-passphrase [--vault DIR]   (SENTINELLE_PASSPHRASE and SENTINELLE_NEW_PASSPHRASE, or two lines on standard input)',
  options: {},
  unlocks: true,
  secrets: [NEW_PASSPHRASE],
  async run({ app, secrets, print }) {
    await app.call('vault.changePassphrase', { currentPassphrase: secrets.passphrase ?? '', newPassphrase: secrets.newPassphrase ?? '' });
    print('Passphrase changed. The old passphrase no longer opens the vault; the recovery key still does.', { changed: true });
  },
};

export const vaultRekey: Command = {
  words: ['vault', 'rekey'],
  summary: 'when the old passphrase may be known: a new key for the whole vault, a new passphrase and a new recovery key',
  usage: 'vault rekey [--vault DIR] [--json]   (SENTINELLE_PASSPHRASE and SENTINELLE_NEW_PASSPHRASE, or two lines on standard input)',
  options: {},
  unlocks: true,
  secrets: [NEW_PASSPHRASE],
  async run({ app, secrets, print }) {
    const { recoveryKey } = await app.call('vault.rekey', { currentPassphrase: secrets.passphrase ?? '', newPassphrase: secrets.newPassphrase ?? '' });
    print(
      [
        'The vault is now under a new key, with the new passphrase.',
        'Neither the old passphrase, nor the old recovery key, nor an old copy of the vault folder’s vault.json opens what is written from now on.',
        '',
        'NEW RECOVERY KEY — write it down now, keep it away from this computer, and destroy the old one.',
        'It is shown only this once.',
        '',
        `    ${recoveryKey}`,
        '',
      ].join('\n'),
      { rekeyed: true, recoveryKey },
    );
  },
};

export const vaultRecover: Command = {
  words: ['vault', 'recover'],
  summary: 'open the vault with the recovery key and set a new passphrase',
  usage: 'vault recover [--vault DIR]   (SENTINELLE_RECOVERY_KEY and SENTINELLE_NEW_PASSPHRASE, or two lines on standard input)',
  options: {},
  unlocks: false,
  secrets: [{ name: 'recoveryKey', env: 'SENTINELLE_RECOVERY_KEY', prompt: 'Recovery key' }, NEW_PASSPHRASE],
  async run({ app, secrets, print }) {
    const result = await app.call('vault.unlockWithRecoveryKey', { recoveryKey: secrets.recoveryKey ?? '', newPassphrase: secrets.newPassphrase ?? '' });
    print(`New passphrase set. Custody log: ${describeChain(result.custody)}`, { recovered: true, custody: result.custody });
  },
};

/** This file's commands, in the order `sentinelle help` lists them. */
export const commands: readonly Command[] = [vaultInit, vaultCheck, vaultChangePassphrase, vaultRekey, vaultRecover];
