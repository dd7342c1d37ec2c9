// `sentinelle check` as a lab scripts it (the built executable): MVT's androidqf acquisition as a folder and as
// a zip and MVT's iPhone backup, each into its own new case of one vault, with one unlock (counted in the
// vault's audit log, where each unlock is recorded), one JSON document per line, the same verdicts as `scan
// import` gives the same acquisition, exit 3 when any shows signs of stalkerware, and an input that cannot be
// read answered with its error while the others are checked. `scan import --new-case` does the same for one.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appWithVault, TEST_PASSPHRASE, testApp } from '../helpers/app.js';
import { requireBuiltCli, runSentinelle } from '../helpers/cli.js';
import { MVT } from '../helpers/shared.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { zipFolder } from '../helpers/zip.js';

const withPassphrase = { env: { SENTINELLE_PASSPHRASE: TEST_PASSPHRASE } };

interface Checked {
  input: string;
  kind: string;
  caseId: string;
  verdict: string;
  counts: Record<string, number>;
  headline: string;
  error?: { code: string };
}

const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Checked);

describe('sentinelle check', () => {
  let dir: string;
  let vault: string;
  let zip: string;

  beforeAll(async () => {
    requireBuiltCli();
    dir = makeTempDir('sentinelle-check-');
    vault = path.join(dir, 'vault');
    // The vault is made here at the tests' key-derivation cost; the command line unlocks it as it was made.
    const { app } = await appWithVault(vault);
    await app.dispose();
    const androidqf = path.join(MVT, 'androidqf');
    zip = path.join(dir, 'androidqf.zip');
    fs.writeFileSync(zip, await zipFolder(androidqf));
  });
  afterAll(() => removeDir(dir));

  it('checks three acquisitions into three new cases with one unlock, one line each, and the verdicts scan import gives', async () => {
    const inputs = [path.join(MVT, 'androidqf'), zip, path.join(MVT, 'ios_backup')];
    const result = await runSentinelle(['check', ...inputs, '--vault', vault, '--case-label', 'lab run 12', '--json'], withPassphrase);
    const checked = lines(result.stdout);
    expect(checked.map((item) => [path.basename(item.input), item.kind])).toEqual([
      ['androidqf', 'android-import'],
      ['androidqf.zip', 'android-import'],
      ['ios_backup', 'ios-backup'],
    ]);
    expect(new Set(checked.map((item) => item.caseId)).size).toBe(3);
    // The folder and its zip are the same acquisition: the same verdict and counts.
    expect(checked[1]).toMatchObject({ verdict: checked[0]!.verdict, counts: checked[0]!.counts, headline: checked[0]!.headline });
    expect(result.code).toBe(checked.some((item) => item.verdict === 'stalkerware') ? 3 : 0);

    // The same acquisition through `case create` then `scan import`: the same verdict.
    const created = JSON.parse((await runSentinelle(['case', 'create', '--label', 'by hand', '--vault', vault, '--json'], withPassphrase)).stdout) as { id: string };
    const imported = await runSentinelle(['scan', 'import', '--case', created.id, path.join(MVT, 'androidqf'), '--vault', vault, '--json'], withPassphrase);
    expect(imported.code).toBe(0);

    const app = testApp(vault);
    try {
      await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
      const overview = await app.call('findings.overview', { caseId: created.id });
      expect(overview.summary.verdict).toBe(checked[0]!.verdict);
      expect(overview.summary.headline.en).toBe(checked[0]!.headline);
      const cases = await app.call('cases.list', {});
      expect(cases.filter((item) => item.label === 'lab run 12')).toHaveLength(3);
      // Unlocks recorded: check's one, then case create's, scan import's and this one.
      const unlocks = (await app.call('audit.list', { limit: 100 })).filter((entry) => entry.action === 'vault.unlocked');
      expect(unlocks).toHaveLength(4);
    } finally {
      await app.dispose();
    }
  });

  it('answers an input it cannot read with its error, and checks the others', async () => {
    const result = await runSentinelle(['check', path.join(dir, 'no-such-acquisition'), path.join(MVT, 'ios_backup'), '--vault', vault, '--json'], withPassphrase);
    const [missing, backup] = lines(result.stdout);
    expect(missing?.error?.code).toBe('import.unreadable');
    expect(backup).toMatchObject({ kind: 'ios-backup', verdict: 'nothing' });
    expect(result.code).toBe(1);
  });

  it('scan import --new-case does the same for one acquisition, and exits 3 on signs of stalkerware', async () => {
    const result = await runSentinelle(['scan', 'import', '--new-case', '--case-label', 'one', zip, '--vault', vault, '--json'], withPassphrase);
    const checked = JSON.parse(result.stdout) as Checked;
    expect(checked).toMatchObject({ kind: 'android-import' });
    expect(result.code).toBe(checked.verdict === 'stalkerware' ? 3 : 0);
    expect((await runSentinelle(['scan', 'import', '--new-case', '--case', checked.caseId, zip, '--vault', vault], withPassphrase)).code).toBe(2);
  });
});
