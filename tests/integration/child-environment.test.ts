// Secrets stay in the process (issue 16, point 3): the programs Sentinelle starts get a minimal
// environment built from an allow-list, never a SENTINELLE_* variable; the command line takes its secrets
// out of its environment before it starts anything; and every place in the code that starts a program
// builds the environment that way (a test reads the sources, so that a new one cannot forget).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCommand } from '../../src-main/acquisition/computer/run-command.js';
import { childEnvironment, SECRET_VARIABLES, takeSecretsFromEnvironment } from '../../src-main/system/child-environment.js';
import { requireBuiltCli, runSentinelle } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const SECRET = 'hunter2-the-old-passphrase';

describe('the environment of child programs', () => {
  it('keeps what programs need and drops Sentinelle’s variables and anything unknown', () => {
    const env = childEnvironment({ ANDROID_ADB_SERVER_PORT: '5037' }, {
      PATH: '/usr/bin',
      HOME: '/home/advocate',
      LANG: 'fr_FR.UTF-8',
      LC_ALL: 'fr_FR.UTF-8',
      SENTINELLE_PASSPHRASE: SECRET,
      SENTINELLE_VAULT: '/somewhere',
      sentinelle_passphrase: SECRET,
      AWS_SECRET_ACCESS_KEY: 'not ours to pass on',
      NODE_OPTIONS: '--require /tmp/evil.js',
    });
    expect(env).toEqual({ PATH: '/usr/bin', HOME: '/home/advocate', LANG: 'fr_FR.UTF-8', LC_ALL: 'fr_FR.UTF-8', ANDROID_ADB_SERVER_PORT: '5037' });
    expect(() => childEnvironment({ SENTINELLE_PASSPHRASE: SECRET })).toThrow(/never passed/);
  });

  it('takes the secrets out of the environment it is given, returning them in a private copy', () => {
    const env: NodeJS.ProcessEnv = { PATH: '/usr/bin', SENTINELLE_VAULT: '/v' };
    for (const name of SECRET_VARIABLES) env[name] = `${name}-value`;
    const copy = takeSecretsFromEnvironment(env);
    expect(env).toEqual({ PATH: '/usr/bin', SENTINELLE_VAULT: '/v' });
    expect(copy.SENTINELLE_PASSPHRASE).toBe('SENTINELLE_PASSPHRASE-value');
  });

  it('a program run by a computer scan does not see a passphrase in this process’s environment', async () => {
    process.env.SENTINELLE_PASSPHRASE = SECRET;
    try {
      const result = await runCommand('env', []);
      expect(result.code).toBe(0);
      const seen = result.stdout.toString('utf8');
      expect(seen).toContain('PATH=');
      expect(seen).not.toContain(SECRET);
      expect(seen).not.toContain('SENTINELLE_');
    } finally {
      delete process.env.SENTINELLE_PASSPHRASE;
    }
  });

  it('every place that starts a program gives it the minimal environment', () => {
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (/\.(ts|cts|mts)$/.test(entry.name) && !entry.name.endsWith('.test.ts')) sources.push(full);
      }
    };
    walk('src-main');
    const starts: string[] = [];
    for (const file of sources) {
      const text = fs.readFileSync(file, 'utf8');
      // exec and execSync (through a shell) are not used at all.
      if (/import[^;]*\b(exec|execSync)\b[^;]*from 'node:child_process'/.test(text)) starts.push(`${file}: INHERITS (a shell)`);
      for (const match of text.matchAll(/\b(spawn|spawnSync|execFile|execFileSync|fork)\(([^;]*?)\);/gs)) {
        starts.push(`${file}: ${match[0].includes('env: childEnvironment(') ? 'minimal' : 'INHERITS'}`);
      }
    }
    expect(starts.length).toBeGreaterThanOrEqual(3);
    expect(starts.filter((start) => start.endsWith('INHERITS'))).toEqual([]);
  });
});

describe('the command line', () => {
  let dir: string;
  beforeEach(() => {
    requireBuiltCli();
    dir = makeTempDir('sentinelle-env-');
  });
  afterEach(() => removeDir(dir));

  it('starts Chromium (to print the report) without any of its secrets in its environment', async () => {
    // A stand-in for Chromium that writes down the environment it was started with, then exits (no PDF).
    const seen = path.join(dir, 'chromium-env.txt');
    const fake = path.join(dir, 'chromium');
    fs.writeFileSync(fake, `#!/bin/sh\nenv > '${seen}'\n`, { mode: 0o755 });
    const secrets = { SENTINELLE_PASSPHRASE: `${SECRET}-vault`, SENTINELLE_BUNDLE_PASSPHRASE: `${SECRET}-bundle`, SENTINELLE_WAZUH_PASSWORD: `${SECRET}-wazuh` };
    const result = await runSentinelle(['demo', '--vault', path.join(dir, 'vault'), '--profile', 'clean'], { env: { ...secrets, SENTINELLE_CHROMIUM: fake } });
    expect(result.code, result.stderr).toBe(0);
    const environment = fs.readFileSync(seen, 'utf8');
    expect(environment).toContain('PATH=');
    for (const value of Object.values(secrets)) expect(environment).not.toContain(value);
    expect(environment).not.toContain('SENTINELLE_');
  }, slow(120_000));
});
