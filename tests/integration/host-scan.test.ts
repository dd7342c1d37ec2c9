// Scanning the computer. On this Linux machine, live: a program the test starts from a copy of `sleep`
// renamed `logkeys` (a Linux keylogger in the signature database) is found with its executable's SHA-256,
// and nothing else the machine runs rates above low. Windows and macOS: the whole scan (collectors, evidence,
// detection) replayed on recorded outputs (tests/fixtures/host/README.md). And the `scan host` command.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as plist from 'plist';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../../src-shared/model.js';
import { App } from '../../src-main/app.js';
import { ExecutableHasher } from '../../src-main/acquisition/computer/executable-hasher.js';
import { runHostScan } from '../../src-main/acquisition/computer/host-scan.js';
import { macosCollectors, macosLaunchdCollector } from '../../src-main/acquisition/computer/macos/collectors.js';
import { windowsCollectors } from '../../src-main/acquisition/computer/windows/collectors.js';
import { HOST_COMMANDS, type HostCommand } from '../../src-main/acquisition/computer/commands.js';
import { runDetection } from '../../src-main/detection/run-detection.js';
import { loadBuiltinDatabase } from '../../src-main/signatures/builtin-database.js';
import { SignatureIndex } from '../../src-main/signatures/signature-index.js';
import { OpenVault } from '../../src-main/vault/vault.js';
import { requireBuiltCli, runSentinelle } from '../helpers/cli.js';
import { hostFixture, macosRecordings, recordedRunner, windowsRecordings } from '../helpers/host-fixtures.js';
import { builtinOnlySignatures } from '../helpers/signatures.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';
import { callWithFindings } from '../helpers/findings.js';

const PASSPHRASE = 'correct horse battery staple';
const RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;

describe('a live scan of this Linux computer', () => {
  let dir: string;
  let app: App;
  let planted: ChildProcess;
  let plantedPath: string;

  beforeAll(async () => {
    dir = makeTempDir();
    plantedPath = path.join(dir, 'bin', 'logkeys');
    fs.mkdirSync(path.dirname(plantedPath));
    fs.copyFileSync('/bin/sleep', plantedPath);
    fs.chmodSync(plantedPath, 0o755);
    planted = spawn(plantedPath, ['600'], { stdio: 'ignore' });
    await new Promise((resolve) => planted.once('spawn', resolve));
    app = new App({ vaultDir: path.join(dir, 'vault'), kdfCost: FAST_KDF, signaturesDir: builtinOnlySignatures(dir) });
    await app.call('vault.create', { passphrase: PASSPHRASE });
  });
  afterAll(async () => {
    planted.kill('SIGKILL');
    await app.dispose();
    removeDir(dir);
  });

  it('finds the renamed keylogger with its executable’s hash, and nothing above low for the rest', async () => {
    const info = await app.call('host.info', {});
    expect(info.platform).toBe('linux');
    const { id: caseId } = await app.call('cases.create', { label: '' });
    const progress: string[] = [];
    // The step the scan was on each time new findings were announced.
    const foundDuring: string[] = [];
    app.subscribe((event, payload) => {
      if (event === 'scan.progress') progress.push((payload as { step: string }).step);
      if (event === 'findings.changed' && (payload as { created: number }).created > 0) foundDuring.push(progress.at(-1) ?? '');
    });
    const outcome = await callWithFindings(app, 'scans.host', { caseId });
    expect(outcome.scan.status).toBe('completed');
    expect(outcome.scan.completedSteps).toEqual(['processes', 'systemd', 'autostart', 'cron', 'ld-preload']);
    expect(new Set(progress)).toEqual(new Set(outcome.scan.completedSteps));
    // The keylogger was announced once the processes were read, not when the whole scan ended.
    expect(foundDuring[0]).toBe('processes');

    const processes = await app.call('observations.list', { caseId, kind: 'process', limit: 100_000 });
    const keylogger = processes.find((observation) => observation.data.pid === planted.pid)!;
    expect(keylogger.data).toMatchObject({ platform: 'linux', name: 'logkeys', executable: plantedPath, commandLine: `${plantedPath} 600` });
    expect(keylogger.data.sha256).toBe(createHash('sha256').update(fs.readFileSync(plantedPath)).digest('hex'));
    expect(processes.find((observation) => observation.data.pid === process.pid)?.data.sha256).toBe(createHash('sha256').update(fs.readFileSync(process.execPath)).digest('hex'));

    const finding = outcome.findings.find((candidate) => candidate.product?.id === 'logkeys');
    expect(finding).toMatchObject({ severity: 'high', category: 'keylogger', origin: 'signature' });
    expect(finding!.observationIds).toContain(keylogger.id);

    // Everything above low is about the planted program; the machine's own processes stay at low or below.
    const byId = new Map<number, Observation>((await app.call('observations.list', { caseId, limit: 100_000 })).map((observation) => [observation.id, observation]));
    for (const other of outcome.findings.filter((candidate) => RANK[candidate.severity] > RANK.low)) {
      const about = other.observationIds.map((id) => byId.get(id)!);
      expect(about.every((observation) => observation.data.pid === planted.pid), `${other.title.en}`).toBe(true);
    }

    // The raw /proc listing is evidence, captured from this computer.
    const captures = await app.call('artifacts.list', { caseId, scanId: outcome.scan.id });
    expect(captures.find((capture) => capture.sha256 === keylogger.artifactSha256s[0])).toMatchObject({ source: 'host', path: '/proc' });
    const device = (await app.call('scans.list', { caseId }))[0]!;
    expect(device.deviceId).not.toBeNull();
  });
});

describe('Windows and macOS scans replayed on recorded outputs', () => {
  let dir: string;
  let vault: OpenVault;
  let index: SignatureIndex;

  beforeAll(async () => {
    dir = makeTempDir();
    vault = (await OpenVault.create(path.join(dir, 'vault'), PASSPHRASE, { kdfCost: FAST_KDF })).vault;
    index = new SignatureIndex(loadBuiltinDatabase(builtinOnlySignatures(dir)).signatures);
  });
  afterAll(() => {
    vault.lock('user');
    removeDir(dir);
  });

  function findingsOf(caseId: string) {
    runDetection(vault, index, caseId);
    return vault.findings.listByCase(caseId).map((finding) => ({ rule: finding.ruleId, severity: finding.severity, subject: String(finding.details.executable ?? finding.details.identifier ?? finding.product?.id ?? '') }));
  }

  it('Windows: known remote-access and keylogger software, startup entries in temporary folders, an unsigned program in a user folder', async () => {
    const caseId = vault.cases.create({ label: '' }).id;
    const log: HostCommand[] = [];
    const outcome = await runHostScan({ vault, caseId, hasher: new ExecutableHasher(), platform: 'windows', collectors: windowsCollectors, runner: recordedRunner(windowsRecordings(), {}, log) });
    expect(outcome.scan.completedSteps).toEqual(['processes', 'services', 'run-keys', 'scheduled-tasks', 'startup-folders', 'programs']);
    // The Windows paths cannot be read on this machine: said, not fatal.
    expect(outcome.notes.join('\n')).toMatch(/could not be read to compute their fingerprint/);
    const svchost = vault.observations.listByCase(caseId, { kind: 'process' }).find((observation) => observation.data.name === 'svch0st.exe')!;
    expect(svchost.data).toMatchObject({ signed: false, executable: 'C:\\Users\\Zoë\\AppData\\Roaming\\Télémétrie\\svch0st.exe' });
    expect(svchost.artifactSha256s).toHaveLength(2); // the process list and the signature check

    const findings = findingsOf(caseId);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'signature:anydesk' }),
        expect.objectContaining({ rule: 'signature:refog', severity: 'high' }),
        expect.objectContaining({ rule: 'heuristic:computer.persistence-in-temporary-folder', severity: 'medium', subject: 'powershell.exe' }),
        expect.objectContaining({ rule: 'heuristic:computer.persistence-in-temporary-folder', severity: 'medium', subject: 'C:\\Users\\Zoë\\AppData\\Local\\Temp\\sh\\helper.exe' }),
        expect.objectContaining({ rule: 'heuristic:computer.process-in-temporary-folder', severity: 'medium', subject: 'C:\\Users\\Zoë\\AppData\\Local\\Temp\\upd_4411.exe' }),
        expect.objectContaining({ rule: 'heuristic:computer.unsigned-program-in-user-folder', severity: 'medium', subject: 'C:\\Users\\Zoë\\AppData\\Roaming\\Télémétrie\\svch0st.exe' }),
      ]),
    );
    // Signed programs from known publishers and Windows' own entries raise nothing.
    expect(findings.filter((finding) => /chrome|svchost|onedrive|securityhealth/i.test(finding.subject))).toEqual([]);
    // Refog was recognised by its installed program's name too.
    const refog = vault.findings.listByCase(caseId).find((finding) => finding.ruleId === 'signature:refog')!;
    expect(JSON.stringify(refog.details)).toContain('programNames');
    // Only catalogued commands ran; the tasklist fallback was not needed.
    expect(log.map((command) => command.display)).not.toContain('cmd.exe /d /s /c chcp 65001 >nul & tasklist /v /fo csv');
  });

  it('Windows without PowerShell’s process list falls back to tasklist, and says what it lacks', async () => {
    const caseId = vault.cases.create({ label: '' }).id;
    const recordings = new Map([[HOST_COMMANDS.windowsTasklist, hostFixture('windows/tasklist.csv')]]);
    const outcome = await runHostScan({ vault, caseId, hasher: new ExecutableHasher(), platform: 'windows', collectors: [windowsCollectors[0]!], runner: recordedRunner(recordings) });
    expect(outcome.notes.join('\n')).toMatch(/tasklist was used instead/);
    expect(vault.observations.listByCase(caseId, { kind: 'process' }).map((observation) => observation.data.name)).toContain('rkfree.exe');
    expect(findingsOf(caseId)).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'signature:revealer-keylogger' })]));
  });

  it('macOS: a remote-access daemon, a profile with a root certificate, a hidden unsigned agent, a program in a temporary folder', async () => {
    const caseId = vault.cases.create({ label: '' }).id;
    const root = path.join(dir, 'mac');
    const home = path.join(root, 'Users', 'zoé');
    fs.mkdirSync(path.join(root, 'Library/LaunchDaemons'), { recursive: true });
    fs.mkdirSync(path.join(home, 'Library/LaunchAgents'), { recursive: true });
    fs.writeFileSync(path.join(root, 'Library/LaunchDaemons/com.teamviewer.teamviewer_service.plist'), hostFixture('macos/com.teamviewer.teamviewer_service.plist'));
    // The agent's definition in binary form, as Xcode and many installers write them.
    const agent = plist.parse(hostFixture('macos/com.apple.syncd.agent.plist')) as Parameters<typeof plist.buildBinary>[0];
    fs.writeFileSync(path.join(home, 'Library/LaunchAgents/com.apple.syncd.agent.plist'), Buffer.from(plist.buildBinary(agent)));
    fs.writeFileSync(path.join(home, 'Library/LaunchAgents/damaged.plist'), 'bplist00\u0000\u0001');
    const { byCommand, codesign } = macosRecordings();
    const collectors = macosCollectors.map((collector) => (collector.id === 'launchd' ? macosLaunchdCollector(root) : collector));
    const outcome = await runHostScan({ vault, caseId, hasher: new ExecutableHasher(), platform: 'macos', collectors, runner: recordedRunner(byCommand, codesign), home });
    expect(outcome.scan.completedSteps).toEqual(['processes', 'launchd', 'login-items', 'profiles', 'extensions']);
    expect(outcome.notes.join('\n')).toMatch(/damaged\.plist is not a valid launchd job/);
    const agentJob = vault.observations.listByCase(caseId, { kind: 'persistence' }).find((observation) => observation.data.label === 'com.apple.syncd.agent')!;
    expect(agentJob.data).toMatchObject({ mechanism: 'launch-agent', executable: '/Users/zoé/Library/Application Support/.syncd/agent' });

    const findings = findingsOf(caseId);
    expect(findings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: 'signature:teamviewer' }),
        expect.objectContaining({ rule: 'heuristic:macos.configuration-profile', severity: 'high', subject: 'com.netguard.profile.f3a1' }),
        expect.objectContaining({ rule: 'heuristic:computer.persistence-in-hidden-folder', severity: 'low', subject: '/Users/zoé/Library/Application Support/.syncd/agent' }),
        expect.objectContaining({ rule: 'heuristic:computer.unsigned-program-in-user-folder', severity: 'medium', subject: '/Users/zoé/Library/Application Support/.syncd/agent' }),
        expect.objectContaining({ rule: 'heuristic:computer.process-in-temporary-folder', severity: 'medium', subject: '/private/var/folders/x2/k3_9q1ws0b1f8/T/.tmp_upd/upd' }),
      ]),
    );
    // The TeamViewer helper is signed by its publisher: no unsigned-program finding for it.
    expect(findings.filter((finding) => finding.rule === 'heuristic:computer.unsigned-program-in-user-folder')).toHaveLength(1);
  });

  it('keeps a 5 KB command line, cut to the schema’s length, and goes on past an output it cannot read', async () => {
    const caseId = vault.cases.create({ label: '' }).id;
    const recordings = windowsRecordings();
    const long = JSON.stringify([{ ProcessId: 77, ParentProcessId: 4, Name: 'java.exe', ExecutablePath: 'C:\\Program Files\\Java\\bin\\java.exe', CommandLine: `java -cp ${'lib\\x.jar;'.repeat(600)} Main` }]);
    recordings.set(HOST_COMMANDS.windowsProcesses, long);
    recordings.set(HOST_COMMANDS.windowsServices, 'Get-CimInstance : The RPC server is unavailable.');
    const outcome = await runHostScan({ vault, caseId, hasher: new ExecutableHasher(), platform: 'windows', collectors: windowsCollectors, runner: recordedRunner(recordings) });
    expect(outcome.scan.status).toBe('completed');
    expect(outcome.scan.completedSteps).toContain('processes');
    const java = vault.observations.listByCase(caseId, { kind: 'process' })[0]!;
    expect((java.data.commandLine as string).length).toBe(4000);
    expect(outcome.notes.join('\n')).toMatch(/Services could not be read/);
  });

  it('a cancelled scan stops, is marked cancelled, and keeps what was stored', async () => {
    const caseId = vault.cases.create({ label: '' }).id;
    const controller = new AbortController();
    const runner = recordedRunner(windowsRecordings());
    const scan = runHostScan({
      vault,
      caseId,
      hasher: new ExecutableHasher(),
      platform: 'windows',
      collectors: windowsCollectors,
      signal: controller.signal,
      runner,
      onProgress: (progress) => {
        if (progress.step === 'services') controller.abort();
      },
    });
    await expect(scan).rejects.toMatchObject({ code: 'scan.cancelled' });
    const stored = vault.scans.listByCase(caseId)[0]!;
    expect(stored.status).toBe('cancelled');
    expect(stored.completedSteps).toEqual(['processes']);
    expect(vault.observations.listByCase(caseId, { kind: 'process' }).length).toBeGreaterThan(0);
  });
});

describe('sentinelle scan host', () => {
  let dir: string;
  beforeAll(() => {
    requireBuiltCli();
    dir = makeTempDir();
  });
  afterAll(() => removeDir(dir));

  it('scans this computer into a case and prints the result', async () => {
    const vault = path.join(dir, 'vault');
    const unlock = { SENTINELLE_PASSPHRASE: 'a long shelter passphrase' };
    expect((await runSentinelle(['vault', 'init', '--vault', vault], { stdin: `${unlock.SENTINELLE_PASSPHRASE}\n` })).code).toBe(0);
    const caseId = (JSON.parse((await runSentinelle(['case', 'create', '--vault', vault, '--json'], { env: unlock })).stdout) as { id: string }).id;
    const result = await runSentinelle(['scan', 'host', '--case', caseId, '--vault', vault], { env: unlock });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('[1/5] Listing the running programs');
    expect(result.stdout).toMatch(/^Scan [0-9a-f-]+ completed: 5 step\(s\) stored, \d+ observation\(s\)\./);
    expect((await runSentinelle(['scan', 'host', '--vault', vault], { env: unlock })).code).toBe(2);
  });
});
