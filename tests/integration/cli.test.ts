// The `sentinelle` command line, run as a user or a script would run it (the built executable, the real
// Argon2id cost): vault init|check|change-passphrase|recover, case create|list|close, purge; passphrases
// from standard input or the environment only; JSON with --json; clear messages and non-zero exit codes.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { commandFiles, loadCommands } from '../../src-main/cli/main.js';
import { openVaultDatabaseWithPassphrase } from '../../src-main/vault/vault.js';
import { requireBuiltCli, runSentinelle } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

const PASSPHRASE = 'a long shelter passphrase';

describe('the sentinelle CLI', () => {
  let dir: string;
  let recoveryKey: string;
  let caseId: string;
  const withPassphrase = (passphrase = PASSPHRASE) => ({ env: { SENTINELLE_PASSPHRASE: passphrase } });

  beforeAll(() => {
    requireBuiltCli();
    dir = makeTempDir();
  });
  afterAll(() => removeDir(dir));

  it('creates a vault with the passphrase from standard input and shows the recovery key', async () => {
    const result = await runSentinelle(['vault', 'init', '--vault', dir, '--json'], { stdin: `${PASSPHRASE}\n` });
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { vaultDir: string; recoveryKey: string };
    expect(output.vaultDir).toBe(dir);
    expect(output.recoveryKey).toMatch(/^([0-9A-Z]{4}-){11}[0-9A-Z]{4}$/);
    recoveryKey = output.recoveryKey;

    const again = await runSentinelle(['vault', 'init', '--vault', dir], { stdin: `${PASSPHRASE}\n` });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it('creates, lists and closes a case; --json prints the new case with its id', async () => {
    const created = await runSentinelle(['case', 'create', '--label', 'Drop-in, Tuesday', '--vault', dir, '--json'], withPassphrase());
    expect(created.code).toBe(0);
    const item = JSON.parse(created.stdout) as { id: string; label: string; status: string; pseudonym: string };
    expect(item).toMatchObject({ label: 'Drop-in, Tuesday', status: 'open' });
    caseId = item.id;

    const listed = await runSentinelle(['case', 'list', '--vault', dir], withPassphrase());
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${caseId}\\s+${item.pseudonym}\\s+open`));

    const closed = await runSentinelle(['case', 'close', '--case', caseId, '--vault', dir, '--json'], withPassphrase());
    expect(JSON.parse(closed.stdout)).toMatchObject({ id: caseId, status: 'closed', purgeAfter: expect.any(String) });

    const twice = await runSentinelle(['case', 'close', caseId, '--vault', dir, '--json'], withPassphrase());
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/already closed/);
    expect(JSON.parse(twice.stdout)).toMatchObject({ error: { code: 'case.already-closed' } });

    const closedOnly = JSON.parse((await runSentinelle(['case', 'list', '--status', 'closed', '--vault', dir, '--json'], withPassphrase())).stdout) as { id: string }[];
    expect(closedOnly.map((c) => c.id)).toEqual([caseId]);
  });

  it('says clearly when the passphrase is wrong or missing, and never takes it as an argument', async () => {
    const wrong = await runSentinelle(['case', 'list', '--vault', dir, '--json'], withPassphrase('not the passphrase'));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/does not open this vault/);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ error: { code: 'vault.wrong-passphrase' } });

    const missing = await runSentinelle(['case', 'list', '--vault', dir]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/SENTINELLE_PASSPHRASE/);

    const asArgument = await runSentinelle(['case', 'list', '--vault', dir, '--passphrase', PASSPHRASE]);
    expect(asArgument.code).toBe(2);
    expect(asArgument.stderr).toMatch(/Unknown option '--passphrase'/);
  });

  it('checks the vault: exit 0 when sound, 3 when the custody log was altered', async () => {
    const sound = await runSentinelle(['vault', 'check', '--vault', dir, '--json'], withPassphrase());
    expect(sound.code).toBe(0);
    expect(JSON.parse(sound.stdout)).toMatchObject({ healthy: true, databaseIntegrity: ['ok'], custody: { intact: true }, counts: { cases: 1 } });

    const tamperedDir = makeTempDir();
    try {
      await runSentinelle(['vault', 'init', '--vault', tamperedDir], { stdin: `${PASSPHRASE}\n` });
      await runSentinelle(['case', 'create', '--vault', tamperedDir], withPassphrase());
      const db = await openVaultDatabaseWithPassphrase(tamperedDir, PASSPHRASE);
      db.exec('DROP TRIGGER custody_log_append_only_update');
      db.prepare("UPDATE custody_log SET action = 'case.creatEd' WHERE seq = 2").run();
      db.close();
      const broken = await runSentinelle(['vault', 'check', '--vault', tamperedDir], withPassphrase());
      expect(broken.code).toBe(3);
      expect(broken.stdout).toMatch(/BROKEN at entry #2/);
      expect(broken.stderr).toMatch(/WARNING: the custody log is BROKEN/);
    } finally {
      removeDir(tamperedDir);
    }
  });

  it('changes the passphrase from two lines of standard input; the old one stops working', async () => {
    const changed = await runSentinelle(['vault', 'change-passphrase', '--vault', dir], { stdin: `${PASSPHRASE}\nan even longer passphrase\n` });
    expect(changed.code).toBe(0);
    expect(changed.stdout).toMatch(/Passphrase changed/);
    expect((await runSentinelle(['case', 'list', '--vault', dir], withPassphrase())).code).toBe(1);
    expect((await runSentinelle(['case', 'list', '--vault', dir], withPassphrase('an even longer passphrase'))).code).toBe(0);
  });

  it('refuses ambiguous standard input rather than setting the wrong passphrase', async () => {
    const ambiguous = await runSentinelle(['vault', 'change-passphrase', '--vault', dir], {
      env: { SENTINELLE_PASSPHRASE: 'an even longer passphrase' },
      stdin: 'an even longer passphrase\nyet another passphrase\n',
    });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/more lines than expected; nothing was done.*line 1: new passphrase.*SENTINELLE_PASSPHRASE already give/);
    const same = await runSentinelle(['vault', 'change-passphrase', '--vault', dir], { stdin: 'an even longer passphrase\nan even longer passphrase\n' });
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/same as the current one/);
    expect((await runSentinelle(['case', 'list', '--vault', dir], withPassphrase('an even longer passphrase'))).code).toBe(0);
  });

  it('recovers with the recovery key and a new passphrase', async () => {
    const recovered = await runSentinelle(['vault', 'recover', '--vault', dir], {
      env: { SENTINELLE_RECOVERY_KEY: recoveryKey.toLowerCase(), SENTINELLE_NEW_PASSPHRASE: 'recovered passphrase here' },
    });
    expect(recovered.code).toBe(0);
    const listed = await runSentinelle(['case', 'list', '--vault', dir, '--json'], withPassphrase('recovered passphrase here'));
    expect((JSON.parse(listed.stdout) as { id: string }[]).map((c) => c.id)).toEqual([caseId]);
  });

  it('purges nothing before the retention period has passed, and says so', async () => {
    const purged = await runSentinelle(['purge', '--vault', dir], withPassphrase('recovered passphrase here'));
    expect(purged.code).toBe(0);
    expect(purged.stdout).toMatch(/No closed case is older than the retention period \(90 days\)/);
  });

  it('explains its usage, and exits 2 on an unknown command', async () => {
    const help = await runSentinelle(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['vault init', 'vault check', 'vault change-passphrase', 'case create', 'case list', 'case close', 'purge', 'serve']) {
      expect(help.stdout).toContain(command);
    }
    const unknown = await runSentinelle(['case', 'delete']);
    expect(unknown.code).toBe(2);
  });
});

describe('the CLI’s command files (loaded one at a time)', () => {
  it('lists each file with the first words of its commands, so that every command is reached by its words', async () => {
    const everyCommand = await loadCommands();
    expect(everyCommand.length).toBeGreaterThan(40);
    const spelled = everyCommand.map((command) => command.words.join(' '));
    expect(new Set(spelled).size).toBe(spelled.length);
    for (const file of commandFiles) {
      const module = await file.load();
      const held = module.commands;
      expect(held.length).toBeGreaterThan(0);
      // every command the file exports is in its list (a command left out of it could never be run)
      const exported = Object.values(module).filter((value) => typeof value === 'object' && value !== null && 'words' in value && 'run' in value);
      expect(new Set(held)).toEqual(new Set(exported));
      for (const command of held) expect(file.firstWords, command.words.join(' ')).toContain(command.words[0]);
    }
    for (const command of everyCommand) expect(await loadCommands(command.words[0]), command.words.join(' ')).toContain(command);
    expect((await loadCommands('serve')).map((command) => command.words.join(' '))).toEqual(['serve']);
  });
});
