// The Android commands of the `sentinelle` CLI, run as a script would run them (the built executable; the
// phone in another process, reached through the machine's real adb server as a phone a running adb server
// owns): `devices`, `scan android --case ID [--serial S]`, `scan import --case ID PATH`, and
// `demo [--vault DIR]`, the headless way to see the app's main job — on a computer with no adb, no adb
// server and no browser.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app.js';
import { testApp } from '../helpers/app.js';
import { startAdbServer } from '../helpers/android.js';
import { computerWithoutAdb } from '../helpers/no-adb.js';
import { CLI, requireBuiltCli, runSentinelle } from '../helpers/cli.js';
import { spawn } from 'node:child_process';
import { builtinResourcesDir } from '../../src-main/package-info.js';
import { AdbdSimulator } from '../../src-main/demo/adbd-simulator.js';
import { loadDemoProfile } from '../../src-main/demo/phone-profile.js';
import { ProfilePhone } from '../../src-main/demo/profile-phone.js';
import { MVT } from '../helpers/shared.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

const PASSPHRASE = 'a long shelter passphrase';
const withPassphrase = { env: { SENTINELLE_PASSPHRASE: PASSPHRASE } };

interface ScanJson {
  scan: { status: string; completedSteps: string[] };
  findings: { severity: string; product: { id: string } | null; ruleId: string }[];
}

describe('the Android commands', () => {
  let dir: string;
  let caseId: string;
  let phoneHost: App;
  let serial: string;

  beforeAll(async () => {
    requireBuiltCli();
    dir = makeTempDir();
    // The simulated phone runs in this process, plugged into the machine's adb server like a USB phone.
    await startAdbServer();
    phoneHost = testApp(makeTempDir());
    serial = (await (await phoneHost.demo()).start('stalkerware', { via: 'adb-server' })).serial;
    expect((await runSentinelle(['vault', 'init', '--vault', dir], { stdin: `${PASSPHRASE}\n` })).code).toBe(0);
    caseId = (JSON.parse((await runSentinelle(['case', 'create', '--vault', dir, '--json'], withPassphrase)).stdout) as { id: string }).id;
  });
  afterAll(async () => {
    await phoneHost.dispose();
    removeDir(dir);
  });

  it('lists the phones the running adb server sees, without needing the vault', async () => {
    const result = await runSentinelle(['devices', '--vault', dir, '--json']);
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as { devices: { serial: string; state: string; transport: string }[] };
    expect(list.devices).toContainEqual(expect.objectContaining({ serial, state: 'device', transport: 'adb-server' }));
    const human = await runSentinelle(['devices', '--vault', dir]);
    expect(human.stdout).toMatch(new RegExp(`${serial.replace(/\./g, '\\.')}\\s+device\\s+.*through this computer’s adb server`));
  });

  it('reaches a phone in wireless debugging at the address it shows (`devices --connect`), and refuses an address that is not one', async () => {
    // A phone listening for wireless debugging: the simulated adbd on a port of its own, reached directly.
    const simulator = new AdbdSimulator(await ProfilePhone.create(loadDemoProfile(builtinResourcesDir, 'clean')));
    const port = await simulator.start();
    try {
      const result = await runSentinelle(['devices', '--connect', `127.0.0.1:${port}`, '--vault', dir], withPassphrase);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`Reached 127\\.0\\.0\\.1:${port} over wireless debugging`));
      expect(result.stdout).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}\\s+device\\s`));
      // The handshake went to this phone, over its own port.
      expect(simulator.bytesSent).toBeGreaterThan(0);
      const wrong = await runSentinelle(['devices', '--connect', 'my phone', '--vault', dir], withPassphrase);
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toMatch(/an address such as 192\.168\.1\.23:37099/);
    } finally {
      await simulator.stop();
    }
  });

  it('stops a scan cleanly on Ctrl+C: what was read is kept and the vault checks clean', async () => {
    const vault = makeTempDir();
    try {
      const child = spawn(process.execPath, [CLI, 'demo', '--latency', '400', '--vault', vault], { env: { ...process.env, SENTINELLE_PASSPHRASE: PASSPHRASE }, stdio: ['pipe', 'pipe', 'pipe'] });
      child.stdin.end();
      let stderr = '';
      // Ctrl+C once the scan has read a few listings.
      await new Promise<void>((resolve) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf8');
          if (/\[[3-9]\/\d+\]/.test(stderr)) resolve();
        });
      });
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.stderr.removeAllListeners('data');
      expect(stderr).toMatch(/Stopping the scan \(Ctrl\+C\)… what was read is kept/);
      expect(code).not.toBe(0);
      const check = await runSentinelle(['vault', 'check', '--vault', vault, '--json'], withPassphrase);
      expect(check.code, check.stderr).toBe(0);
      expect(JSON.parse(check.stdout)).toMatchObject({ databaseIntegrity: ['ok'], custody: { intact: true } });
    } finally {
      removeDir(vault);
    }
  });

  it('scans the phone into a case, showing each step, and prints the findings', async () => {
    const result = await runSentinelle(['scan', 'android', '--case', caseId, '--serial', serial, '--vault', dir, '--json'], withPassphrase);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/\[1\/\d+\] Reading the phone’s model/);
    const outcome = JSON.parse(result.stdout) as ScanJson & { scan: { id: string } };
    expect(outcome.scan.status).toBe('completed');
    expect(outcome.findings.some((finding) => finding.product?.id === 'thetruthspy' && finding.severity === 'critical')).toBe(true);

    const human = await runSentinelle(['findings', '--case', caseId, '--vault', dir], withPassphrase);
    expect(human.stdout).toMatch(/CRITICAL\s+Stalkerware found: TheTruthSpy/);

    // The scan, exported as a recording and replayed elsewhere (a fresh demo vault) with `demo --replay`.
    const recording = path.join(dir, '..', `${path.basename(dir)}-recording`);
    const exported = await runSentinelle(['scan', 'export-recording', '--case', caseId, '--scan', outcome.scan.id, '--out', recording, '--vault', dir], withPassphrase);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toMatch(/only with her consent/);
    expect(exported.stdout).toMatch(/Replay it with: {2}sentinelle demo --replay /);
    const vault = makeTempDir();
    try {
      const replayed = await runSentinelle(['demo', '--replay', recording, '--vault', vault, '--json'], withPassphrase);
      expect(replayed.code, replayed.stderr).toBe(0);
      const again = JSON.parse(replayed.stdout) as ScanJson & { profile: string; notes: string[] };
      expect(again.profile).toMatch(/^replay:/);
      expect(again.notes).toEqual([]);
      expect(again.findings.map((finding) => finding.ruleId).sort()).toEqual(outcome.findings.map((finding) => finding.ruleId).sort());
    } finally {
      removeDir(vault);
      removeDir(recording);
    }
  });

  it('runs a phone profile from a file with demo --profile-file, and refuses an invalid one saying why', async () => {
    const profile = JSON.parse(fs.readFileSync(path.join(builtinResourcesDir, 'demo', 'work-profile.json'), 'utf8')) as { id: string; device: { serial: string } };
    const file = path.join(dir, '..', `${path.basename(dir)}-phone.json`);
    const vault = makeTempDir();
    try {
      fs.writeFileSync(file, JSON.stringify({ ...profile, id: 'my-work-phone', device: { ...profile.device, serial: 'FROMFILE01' } }));
      const result = await runSentinelle(['demo', '--profile-file', file, '--vault', vault, '--json'], withPassphrase);
      expect(result.code, result.stderr).toBe(0);
      const outcome = JSON.parse(result.stdout) as ScanJson & { profile: string };
      expect(outcome.profile).toBe('my-work-phone');
      expect(outcome.findings.some((finding) => finding.product?.id === 'mspy')).toBe(true);

      fs.writeFileSync(file, JSON.stringify({ ...profile, users: [{ id: 10, name: 'Work', type: 'work' }] }));
      const refused = await runSentinelle(['demo', '--profile-file', file, '--vault', vault], withPassphrase);
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/is not valid: users\.0\.type/);
      const both = await runSentinelle(['demo', '--profile', 'clean', '--replay', file, '--vault', vault], withPassphrase);
      expect(both.code).toBe(2);
      expect(both.stderr).toMatch(/Give one phone/);
    } finally {
      removeDir(vault);
      fs.rmSync(file, { force: true });
    }
  });

  it('imports an androidqf acquisition into a case', async () => {
    const result = await runSentinelle(['scan', 'import', '--case', caseId, path.join(MVT, 'androidqf'), '--vault', dir, '--json'], withPassphrase);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ format: 'androidqf', scan: { status: 'completed' } });
  });

  it('says what is missing when a case or a path is not given', async () => {
    expect((await runSentinelle(['scan', 'android', '--vault', dir], withPassphrase)).code).toBe(2);
    const noPath = await runSentinelle(['scan', 'import', '--case', caseId, '--vault', dir], withPassphrase);
    expect(noPath.code).toBe(2);
    expect(noPath.stderr).toMatch(/Give one acquisition/);
  });
});

/** A computer with no adb and no browser: a PATH holding only an `adb` that leaves a mark if run, no adb
 * server on the port looked at, and no Chromium to print PDFs. */
async function bareComputer(): Promise<{ env: Record<string, string>; adbWasRun: () => boolean; remove: () => void }> {
  const noAdb = await computerWithoutAdb();
  return { ...noAdb, env: { PATH: noAdb.bin, ANDROID_ADB_SERVER_PORT: String(noAdb.serverPort), SENTINELLE_CHROMIUM: 'none' } };
}

describe('sentinelle demo', () => {
  it('on a computer without adb or a browser, triages the simulated phone into a fresh vault, seals a bundle that verifies, and says how to open both', async () => {
    requireBuiltCli();
    const bare = await bareComputer();
    const result = await runSentinelle(['demo', '--json'], { env: bare.env });
    expect(result.code, result.stderr).toBe(0);
    const output = JSON.parse(result.stdout) as ScanJson & { vault: string; passphrase: string; bundle: { path: string; installationFingerprint: string; pdf: boolean }; lawyerKey: string };
    try {
      expect(fs.existsSync(path.join(output.vault, 'vault.json'))).toBe(true);
      expect(output.scan.status).toBe('completed');
      expect(output.findings.some((finding) => finding.product?.id === 'thetruthspy')).toBe(true);
      expect(bare.adbWasRun()).toBe(false);
      expect(result.stderr).toMatch(/connected as 127\.0\.0\.1:\d+ \(over TCP/);
      expect(output.bundle.pdf).toBe(false);
      expect(result.stderr).toMatch(/report is in HTML only/);
      // The vault it made opens with the passphrase it printed.
      const reopened = await runSentinelle(['case', 'list', '--vault', output.vault, '--json'], { env: { SENTINELLE_PASSPHRASE: output.passphrase } });
      expect(reopened.code).toBe(0);
      expect(JSON.parse(reopened.stdout)).toHaveLength(1);
      const verified = await runSentinelle(['verify', output.bundle.path, '--identity', output.lawyerKey, '--signer', output.bundle.installationFingerprint, '--vault', path.join(output.vault, 'not-a-vault')]);
      expect(verified.code, verified.stdout).toBe(0);
    } finally {
      bare.remove();
      removeDir(output.vault);
      for (const file of [output.bundle.path, output.lawyerKey, output.lawyerKey.replace(/\.key$/, '.pub')]) fs.rmSync(file, { force: true });
    }
  });

  it('explains an unauthorised phone in plain words and uses the vault it is given', async () => {
    const vault = makeTempDir();
    try {
      const result = await runSentinelle(['demo', '--profile', 'unauthorized', '--vault', vault], { env: { SENTINELLE_PASSPHRASE: PASSPHRASE } });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/Unlock the phone: it asks “Allow USB debugging\?”\. Check that the fingerprint it shows is [0-9A-F:]{47}\. Tap “Allow” without ticking/);
      const cases = await runSentinelle(['case', 'list', '--vault', vault, '--json'], withPassphrase);
      expect(JSON.parse(cases.stdout)).toHaveLength(1);
    } finally {
      removeDir(vault);
    }
  });
});
