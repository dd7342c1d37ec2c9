// The scanning side of the flooding-phone benchmark, in a process of its own so that its peak memory is the
// scan's alone: attaches to the simulated phone's port over TCP, scans it into a fresh vault, and reports the
// scan's outcome, its wall time and the process's peak resident memory. It runs the built modules (dist/,
// `npm run build`), as the app does: its parsing worker then runs without the TypeScript loader the
// sources need, which would count in its memory.
import { generateKeyPairSync } from 'node:crypto';
import path from 'node:path';
import type * as AdbKey from '../src-main/acquisition/android/adb/adb-key.js';
import type * as Devices from '../src-main/acquisition/android/adb/android-devices.js';
import type * as Scan from '../src-main/acquisition/android/android-scan.js';
import type * as Vault from '../src-main/vault/vault.js';

const built = (module: string) => new URL(`../dist/src-main/${module}.js`, import.meta.url).href;
const { adbKey } = (await import(built('acquisition/android/adb/adb-key'))) as typeof AdbKey;
const { AndroidDevices } = (await import(built('acquisition/android/adb/android-devices'))) as typeof Devices;
const { runAndroidScan } = (await import(built('acquisition/android/android-scan'))) as typeof Scan;
const { OpenVault } = (await import(built('vault/vault'))) as typeof Vault;

const [port, folder] = process.argv.slice(2);
const devices = new AndroidDevices();
const key = adbKey(generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 }).privateKey.export({ type: 'pkcs8', format: 'der' }));
devices.useKey(() => key);
const serial = await devices.attach('127.0.0.1', Number(port), 'tcp');
const { vault } = await OpenVault.create(path.join(folder!, 'flood-vault'), 'benchmark passphrase', { kdfCost: { opslimit: 1, memlimit: 8 * 1024 * 1024 } });
const caseId = vault.cases.create({ label: 'flood' }).id;
const started = performance.now();
const outcome = await runAndroidScan({ vault, connection: await devices.connect(serial), caseId }).then(
  (done) => ({ status: done.scan.status, notes: done.notes, observations: done.observations }),
  (error: unknown) => ({ status: 'failed', notes: [error instanceof Error ? error.message : String(error)], observations: 0 }),
);
const wallMs = performance.now() - started;
const storedBytes = vault.artifacts.capturesByCase(caseId).reduce((sum, captured) => sum + captured.size, 0);
vault.lock('user');
await devices.detach('127.0.0.1', Number(port));
devices.close();
// maxRSS is in KiB, for the whole process (every thread, the parsing worker included).
process.send!({ ...outcome, wallMs, storedBytes, peakRssBytes: process.resourceUsage().maxRSS * 1024 }, () => process.exit(0));
