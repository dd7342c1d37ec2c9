// The iPhone commands of the `sentinelle` CLI, run as a script would (the built executable): `backups`,
// `scan ios-backup --case ID --backup DIR` with the password of an encrypted backup from
// SENTINELLE_BACKUP_PASSWORD or standard input (asked once), and `scan ios` with no iPhone attached.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runSentinelle } from '../helpers/cli.js';
import { writeIosBackup } from '../helpers/ios-backup-writer.js';
import { MVT } from '../helpers/shared.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

const PASSPHRASE = 'a long shelter passphrase';
const unlock = { SENTINELLE_PASSPHRASE: PASSPHRASE };

describe('the iPhone commands', () => {
  let dir: string;
  let vault: string;
  let caseId: string;
  let encrypted: string;

  beforeAll(async () => {
    requireBuiltCli();
    dir = makeTempDir();
    vault = path.join(dir, 'vault');
    expect((await runSentinelle(['vault', 'init', '--vault', vault], { stdin: `${PASSPHRASE}\n` })).code).toBe(0);
    caseId = (JSON.parse((await runSentinelle(['case', 'create', '--vault', vault, '--json'], { env: unlock })).stdout) as { id: string }).id;
    encrypted = (
      await writeIosBackup(path.join(dir, 'backups', '00008110-001A2B3C4D5E6F70'), {
        device: { name: 'Maya’s iPhone', productType: 'iPhone14,5', productVersion: '17.5.1', buildVersion: '21F90', serialNumber: 'F2LXK0ABCD12', udid: '00008110-001A2B3C4D5E6F70' },
        apps: [{ bundleId: 'com.qustodio.mdm.app.family.pro', name: 'Qustodio', version: '180.55' }],
        files: [],
        encryption: { password: 'blue-horse-42', dpic: 1000, iter: 100 },
      })
    ).dir;
  });
  afterAll(() => removeDir(dir));

  it('lists backups in a folder, with the device and whether they are encrypted', async () => {
    const result = await runSentinelle(['backups', '--folder', path.join(dir, 'backups'), '--folder', path.join(MVT, 'ios_backup'), '--json']);
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as { path: string; deviceName: string; encrypted: boolean }[];
    expect(list).toEqual(expect.arrayContaining([expect.objectContaining({ path: encrypted, deviceName: 'Maya’s iPhone', encrypted: true }), expect.objectContaining({ encrypted: false, iosVersion: '14.3' })]));
  });

  it('scans an encrypted backup with the password from the environment, then again without it', async () => {
    const wrong = await runSentinelle(['scan', 'ios-backup', '--case', caseId, '--backup', encrypted, '--vault', vault], { env: { ...unlock, SENTINELLE_BACKUP_PASSWORD: 'not-it' } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/not this backup’s password/);

    const first = await runSentinelle(['scan', 'ios-backup', '--case', caseId, '--backup', encrypted, '--vault', vault, '--json'], { env: { ...unlock, SENTINELLE_BACKUP_PASSWORD: 'blue-horse-42' } });
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/Opening the encrypted backup/);
    expect(JSON.parse(first.stdout)).toMatchObject({ scan: { status: 'completed' } });

    const again = await runSentinelle(['scan', 'ios-backup', '--case', caseId, '--backup', encrypted, '--vault', vault], { env: unlock });
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Qustodio/);
  });

  it('takes the backup password from standard input, after the vault passphrase', async () => {
    const other = makeTempDir();
    try {
      expect((await runSentinelle(['vault', 'init', '--vault', other], { stdin: `${PASSPHRASE}\n` })).code).toBe(0);
      const created = JSON.parse((await runSentinelle(['case', 'create', '--vault', other, '--json'], { env: unlock })).stdout) as { id: string };
      const result = await runSentinelle(['scan', 'ios-backup', '--case', created.id, '--backup', encrypted, '--vault', other], { stdin: `${PASSPHRASE}\nblue-horse-42\n` });
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/completed/);
    } finally {
      removeDir(other);
    }
  });

  it('says there is no iPhone when none is attached', async () => {
    const result = await runSentinelle(['scan', 'ios', '--case', caseId, '--vault', vault], { env: unlock });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/No iPhone found/);
  });
});
