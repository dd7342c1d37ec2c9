// Android triage benchmark: a full scan of the 500-app demo phone with 5 ms of latency per command (the phone
// runs in a child process), reached directly over TCP by Sentinelle's own ADB client, then through the real
// adb server when Debian's adb is installed. Prints wall time, commands sent, bytes received, and the CPU
// time spent parsing and detecting — measured by running those same steps again over the stored artifacts —
// as a share of the scan's wall time. Then the parallel commands: the same phone with a phone's realistic
// time to print each command (wall time against its slowest command, target ≤ 1.5 ×), and with 300 ms of
// latency per command against none (round trips added, target ≤ 6), and the commands sent (target ≤ 30).
// Last, a phone whose every listing prints 250 MiB: the scanning process's peak memory (target < 512 MiB).
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adbKey } from '../src-main/acquisition/android/adb/adb-key.js';
import { AndroidDevices } from '../src-main/acquisition/android/adb/android-devices.js';
import { analyseScanArtifacts, PARALLEL_COMMANDS, runAndroidScan } from '../src-main/acquisition/android/android-scan.js';
import { ScanOutputs } from '../src-main/acquisition/android/scan-outputs.js';
import { realisticDuration } from '../src-main/demo/adbd-simulator.js';
import { loadDemoProfile } from '../src-main/demo/phone-profile.js';
import { ProfilePhone } from '../src-main/demo/profile-phone.js';
import { observationsFromAcquisition } from '../src-main/acquisition/android/observations-from-acquisition.js';
import { runDetection } from '../src-main/detection/run-detection.js';
import { loadBuiltinDatabase } from '../src-main/signatures/builtin-database.js';
import { SignatureIndex } from '../src-main/signatures/signature-index.js';
import { builtinResourcesDir, builtinSignaturesDir } from '../src-main/package-info.js';
import { OpenVault } from '../src-main/vault/vault.js';
import { formatBytes, MiB, report, type BenchContext } from './report.js';

const PROFILE = 'large';
const LATENCY_MS = 5;

function nextMessage<T>(child: ChildProcess): Promise<T> {
  return new Promise((resolve) => child.once('message', (message) => resolve(message as T)));
}

function cpuMs(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

export async function benchAndroid(context: BenchContext): Promise<void> {
  await benchTransport(context, 'tcp');
  // The adb server is started here for the benchmark; Sentinelle itself never starts one.
  if (spawnSync('adb', ['start-server'], { stdio: 'ignore' }).status === 0) await benchTransport(context, 'adb-server');
  else console.log('\nAndroid triage through the adb server: skipped (Debian\'s adb is not installed)');
  await benchParallel(context);
  await benchFlood(context);
}

/** The flooding phone: this many listings print this much each (the 12 that run at once, and the rest). */
const FLOOD_MIB = 250;
/** Target for the scanning process's peak resident memory. */
const FLOOD_PEAK_TARGET = 512 * MiB;

async function benchFlood({ tempRoot }: BenchContext): Promise<void> {
  if (!fs.existsSync(fileURLToPath(new URL('../dist/src-main/acquisition/android/android-scan.js', import.meta.url)))) {
    console.log('\nAndroid triage — a phone printing gigabytes: skipped (it measures the built modules: run `npm run build` first)');
    return;
  }
  const phone = fork(fileURLToPath(new URL('./android-phone.child.ts', import.meta.url)), [PROFILE, '0', 'none', String(FLOOD_MIB)], { execArgv: ['--import', 'tsx'] });
  try {
    const { port } = await nextMessage<{ port: number }>(phone);
    const scanner = fork(fileURLToPath(new URL('./flood-scan.child.ts', import.meta.url)), [String(port), tempRoot], { execArgv: ['--import', 'tsx'] });
    const result = await nextMessage<{ status: string; notes: string[]; observations: number; wallMs: number; storedBytes: number; peakRssBytes: number }>(scanner);
    phone.send('stats');
    const stats = await nextMessage<{ services: number; bytesSent: number }>(phone);
    report(`Android triage — a phone whose every listing prints ${FLOOD_MIB} MiB (${PARALLEL_COMMANDS} at once), directly over TCP`, [
      ['scan status', `${result.status}, ${result.observations.toLocaleString('en-US')} observations`],
      ['received / kept in the vault', `${formatBytes(stats.bytesSent)} / ${formatBytes(result.storedBytes)}`],
      ['wall time', `${(result.wallMs / 1000).toFixed(1)} s`],
      ['peak memory of the scanning process', `${formatBytes(result.peakRssBytes)} (target < ${formatBytes(FLOOD_PEAK_TARGET)}): ${result.peakRssBytes < FLOOD_PEAK_TARGET ? 'met' : 'NOT met'}`],
      ['what the scan said', result.notes.slice(0, 3).join(' | ').slice(0, 400)],
    ]);
  } finally {
    phone.send('stop');
  }
}

/** The slowest command of the realistic timing profile (`dumpsys package`). */
const SLOWEST_COMMAND_MS = 3000;
const ROUND_TRIP_MS = 300;

async function benchParallel({ tempRoot }: BenchContext): Promise<void> {
  const realistic = await scanOnce(tempRoot, 'tcp', 0, 'realistic', 'realistic');
  const none = await scanOnce(tempRoot, 'tcp', 0, 'none', 'no-latency');
  const slow = await scanOnce(tempRoot, 'tcp', ROUND_TRIP_MS, 'none', 'slow-link');
  const added = (slow.wallMs - none.wallMs) / ROUND_TRIP_MS;
  report(`Android triage — parallel commands (${PARALLEL_COMMANDS} streams at most), ${PROFILE} profile, directly over TCP`, [
    ['realistic phone timing', `${(realistic.wallMs / 1000).toFixed(2)} s; slowest command ${(SLOWEST_COMMAND_MS / 1000).toFixed(1)} s; ratio ${(realistic.wallMs / SLOWEST_COMMAND_MS).toFixed(2)} × (target ≤ 1.5 ×)`],
    ['sum of the commands, one after the other', `${(realistic.sequentialMs / 1000).toFixed(2)} s (what a scan one command at a time would take)`],
    [`${ROUND_TRIP_MS} ms per command vs none`, `${(slow.wallMs / 1000).toFixed(2)} s vs ${(none.wallMs / 1000).toFixed(2)} s: ${added.toFixed(1)} round trips added (target ≤ 6)`],
    ['commands sent, 500-app phone', `${realistic.stats.services} (target ≤ 30)`],
  ]);
}

interface ScanRun {
  wallMs: number;
  sequentialMs: number;
  stats: { services: number; shell: number; bytesSent: number };
}

/** The demo phone in a child process, plugged into a fresh AndroidDevices with its own key, and a fresh vault; all let go afterwards. */
async function withPhone<T>(tempRoot: string, name: string, via: 'tcp' | 'adb-server', args: string[], work: (phone: { child: ChildProcess; devices: AndroidDevices; serial: string; vault: OpenVault }) => Promise<T>): Promise<T> {
  const child = fork(fileURLToPath(new URL('./android-phone.child.ts', import.meta.url)), [PROFILE, ...args], { execArgv: ['--import', 'tsx'] });
  const devices = new AndroidDevices();
  const key = adbKey(generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 }).privateKey.export({ type: 'pkcs8', format: 'der' }));
  devices.useKey(() => key);
  const { port } = await nextMessage<{ port: number }>(child);
  try {
    const serial = await devices.attach('127.0.0.1', port, via);
    const { vault } = await OpenVault.create(path.join(tempRoot, `android-${name}`), 'benchmark passphrase', { kdfCost: { opslimit: 1, memlimit: 8 * 1024 * 1024 } });
    try {
      return await work({ child, devices, serial, vault });
    } finally {
      if (vault.isOpen) vault.lock('user');
    }
  } finally {
    await devices.detach('127.0.0.1', port);
    devices.close();
    child.send('stop');
  }
}

/** One scan of the demo phone, timed; the sum of the commands' realistic durations too. */
async function scanOnce(tempRoot: string, via: 'tcp' | 'adb-server', latencyMs: number, timing: 'none' | 'realistic', name: string): Promise<ScanRun> {
  return withPhone(tempRoot, name, via, [String(latencyMs), timing], async ({ child, devices, serial, vault }) => {
    const caseId = vault.cases.create({ label: 'bench' }).id;
    const connection = await devices.connect(serial);
    const started = performance.now();
    const outcome = await runAndroidScan({ vault, connection, caseId });
    const wallMs = performance.now() - started;
    await connection.release();
    child.send('stats');
    const stats = await nextMessage<ScanRun['stats']>(child);
    const phone = await ProfilePhone.create(loadDemoProfile(builtinResourcesDir, PROFILE));
    const sequentialMs = vault.artifacts
      .capturesByScan(outcome.scan.id)
      .reduce((sum, capture) => sum + (capture.command ? realisticDuration(capture.command, phone) : 0), 0);
    return { wallMs, sequentialMs, stats };
  });
}

async function benchTransport({ tempRoot }: BenchContext, via: 'tcp' | 'adb-server'): Promise<void> {
  await withPhone(tempRoot, via, via, [String(LATENCY_MS)], async ({ child, devices, serial, vault }) => {
    const index = new SignatureIndex(loadBuiltinDatabase(builtinSignaturesDir).signatures);
    const caseId = vault.cases.create({ label: 'bench' }).id;

    const started = performance.now();
    const cpuStart = process.cpuUsage();
    const connection = await devices.connect(serial);
    const outcome = await runAndroidScan({ vault, connection, caseId, isKnownPackage: (name) => index.matchValue('androidPackages', name).length > 0 });
    await connection.release();
    const detection = runDetection(vault, index, caseId);
    const wallMs = performance.now() - started;
    const processCpuMs = cpuMs(cpuStart);

    child.send('stats');
    const stats = await nextMessage<{ services: number; shell: number; bytesSent: number }>(child);

    // The same parsing and detection again, timed alone: the preliminary read the scan makes before
    // hashing, the full analysis with certificates, and a detection run.
    const parseStart = process.cpuUsage();
    const outputs = new ScanOutputs(vault, outcome.scan.id);
    await outputs.acquisition();
    const observations = observationsFromAcquisition(await analyseScanArtifacts(vault, outcome.scan.id, outputs));
    outputs.close();
    const parseMs = cpuMs(parseStart);
    const detectStart = process.cpuUsage();
    runDetection(vault, index, caseId);
    const detectMs = cpuMs(detectStart);

    const how = via === 'tcp' ? 'directly over TCP (Tango, no adb server)' : 'through the real adb server';
    report(`Android triage — ${PROFILE} profile (500+ apps), ${LATENCY_MS} ms latency per command, ${how}`, [
      ['scan status', `${outcome.scan.status}, ${outcome.observations.toLocaleString('en-US')} observations, ${detection.created.length} finding(s)`],
      ['wall time', `${(wallMs / 1000).toFixed(2)} s`],
      ['commands sent', `${stats.services} (${stats.shell} shell, ${stats.services - stats.shell} sync)`],
      ['bytes received', formatBytes(stats.bytesSent)],
      ['CPU, whole scanning process', `${processCpuMs.toFixed(0)} ms (${((processCpuMs / wallMs) * 100).toFixed(0)}% of wall time)`],
      ['CPU, parsing', `${parseMs.toFixed(0)} ms for ${observations.length.toLocaleString('en-US')} observations`],
      ['CPU, detection', `${detectMs.toFixed(0)} ms`],
      ['parsing + detection share', `${(((parseMs + detectMs) / wallMs) * 100).toFixed(1)}% of wall time`],
    ]);
  });
}
