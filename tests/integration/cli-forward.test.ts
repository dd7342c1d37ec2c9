// `sentinelle forward configure|status|test|flush`, as a network's administrator would script it.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runSentinelle } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

const PASSPHRASE = 'a long shelter passphrase';
const unlock = { SENTINELLE_PASSPHRASE: PASSPHRASE };

describe('the forward commands', () => {
  let dir: string;
  let vault: string;
  beforeAll(async () => {
    requireBuiltCli();
    dir = makeTempDir();
    vault = path.join(dir, 'vault');
    expect((await runSentinelle(['vault', 'init', '--vault', vault], { stdin: `${PASSPHRASE}\n` })).code).toBe(0);
  });
  afterAll(() => removeDir(dir));

  it('is off until configured, then tests, flushes and reports its outbox', async () => {
    expect((await runSentinelle(['forward', 'status', '--vault', vault], { env: unlock })).stdout).toContain('Forwarding: off');
    const file = path.join(dir, 'events.jsonl');
    const configured = await runSentinelle(['forward', 'configure', '--on', '--transport', 'json-file', '--file', file, '--vault', vault], { env: unlock });
    expect(configured.code, configured.stderr).toBe(0);
    expect(configured.stdout).toContain(`Forwarding: on — file ${file}`);
    const tested = await runSentinelle(['forward', 'test', '--vault', vault], { env: unlock });
    expect(tested.code).toBe(0);
    expect(tested.stdout).toContain('OK');
    const flushed = await runSentinelle(['forward', 'flush', '--vault', vault, '--json'], { env: unlock });
    // Turning forwarding on queued the installation's status (how old its signatures are): the first event sent.
    expect(JSON.parse(flushed.stdout)).toEqual({ delivered: 1, pending: 0, error: null });
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toMatchObject({ schema: 'sentinelle.event/1', type: 'status', installation: expect.stringMatching(/^inst-[0-9a-f]{16}$/) });
  });

  it('exits 3 when the events file cannot be written, and 2 on wrong usage', async () => {
    expect((await runSentinelle(['forward', 'configure', '--on', '--transport', 'json-file', '--file', path.join(dir, 'missing-folder', 'x.jsonl'), '--vault', vault], { env: unlock })).code).toBe(0);
    const tested = await runSentinelle(['forward', 'test', '--vault', vault], { env: unlock });
    expect(tested.code).toBe(3);
    expect(tested.stdout).toContain('does not exist or cannot be written');
    expect((await runSentinelle(['forward', 'configure', '--transport', 'json-file', '--vault', vault], { env: unlock })).code).toBe(2);
    expect((await runSentinelle(['forward', 'configure', '--on', '--transport', 'wazuh-api', '--url', 'https://127.0.0.1:55000', '--vault', vault], { env: unlock })).code).toBe(2);
  });
});
