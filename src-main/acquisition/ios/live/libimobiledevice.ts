// Live iPhones through Debian's libimobiledevice tools: which iPhones are connected (`idevice_id`), whether
// this computer is trusted (`idevicepair`), their facts (`ideviceinfo`), their apps with who signed them
// (`ideviceinstaller`), and a fresh backup (`idevicebackup2`) with progress. Turning on backup encryption
// changes a setting on the iPhone, so it is a separate, confirmed step; its password goes through standard
// input, never the command line. Missing tools are named with how to install them.
import { spawn } from 'node:child_process';
import { childEnvironment } from '../../../system/child-environment.js';
import * as plist from 'plist';
import type { IosDevice, IosDeviceList } from '../../../../src-shared/acquisition.js';
import { SentinelleError } from '../../../../src-shared/errors.js';
import type { LocalizedText } from '../../../../src-shared/model.js';

const t = (en: string, fr: string): LocalizedText => ({ en, fr });

export const IOS_GUIDANCE = {
  paired: t('The iPhone is connected and trusts this computer.', 'L’iPhone est branché et fait confiance à cet ordinateur.'),
  'not-trusted': t('Unlock the iPhone and tap “Trust” when it asks “Trust This Computer?”, then enter its passcode.', 'Déverrouillez l’iPhone et touchez « Se fier » quand il demande « Faire confiance à cet ordinateur ? », puis saisissez son code.'),
  locked: t('Unlock the iPhone with its passcode and keep it unlocked.', 'Déverrouillez l’iPhone avec son code et laissez-le déverrouillé.'),
  other: t('The iPhone is not answering normally: unplug it, plug it back in and unlock it.', 'L’iPhone ne répond pas normalement : débranchez-le, rebranchez-le et déverrouillez-le.'),
  none: t(
    'No iPhone found. Plug it in with its cable and unlock it. If it still does not appear: on Windows, install Apple’s “Apple Devices” or iTunes; on Linux, install usbmuxd.',
    'Aucun iPhone trouvé. Branchez-le avec son câble et déverrouillez-le. S’il n’apparaît toujours pas : sous Windows, installez « Appareils Apple » ou iTunes ; sous Linux, installez usbmuxd.',
  ),
} as const;

export interface ToolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  onStdoutLine?: (line: string) => void;
}

/** Runs one libimobiledevice tool; a missing tool says how to install it. */
export function runTool(tool: string, args: readonly string[], options: RunOptions = {}): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.'));
      return;
    }
    const child = spawn(tool, args, { stdio: ['pipe', 'pipe', 'pipe'], env: childEnvironment() });
    let stdout = '';
    let stderr = '';
    let pending = '';
    const timer = options.timeoutMs ? setTimeout(() => child.kill('SIGTERM'), options.timeoutMs) : null;
    // SIGINT lets idevicebackup2 end the backup session cleanly; a tool that ignores it is killed.
    const abort = () => {
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 5000).unref();
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      stdout += text;
      if (!options.onStdoutLine) return;
      pending += text;
      const lines = pending.split(/\r|\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) if (line.trim()) options.onStdoutLine(line);
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      reject(
        error.code === 'ENOENT'
          ? new SentinelleError('ios.tools-missing', `The iPhone tools are not installed (${tool} is missing). On Debian or Ubuntu: sudo apt-get install libimobiledevice-utils ideviceinstaller usbmuxd. On macOS: brew install libimobiledevice ideviceinstaller.`, { cause: error })
          : error,
      );
    });
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
      if (options.signal?.aborted) return reject(new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.'));
      resolve({ code, stdout, stderr });
    });
    // A tool that exits before reading its input (idevice_id without a device) must not crash the app with EPIPE.
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

/** `Key: value` lines, as `ideviceinfo` prints them. */
export function parseIdeviceinfo(text: string): Map<string, string> {
  const facts = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z0-9]+): (.*)$/.exec(line.trimEnd());
    if (match) facts.set(match[1]!, match[2]!);
  }
  return facts;
}

/** What the pairing tools' messages mean for the advocate. */
export function pairingState(output: string): IosDevice['state'] {
  if (/SUCCESS/i.test(output) && !/not paired/i.test(output)) return 'paired';
  if (/passcode|password protected|locked/i.test(output)) return 'locked';
  if (/not paired|trust|pairing dialog|user denied|invalid host ?id/i.test(output)) return 'not-trusted';
  return 'other';
}

export async function listIosDevices(): Promise<IosDeviceList> {
  const listed = await runTool('idevice_id', ['-l'], { timeoutMs: 15_000 });
  // Without a device (or without usbmuxd) idevice_id fails with "Unable to retrieve device list".
  const udids = listed.code === 0 ? listed.stdout.split('\n').map((line) => line.trim()).filter((line) => /^[0-9A-Fa-f-]{20,}$/.test(line)) : [];
  const devices: IosDevice[] = [];
  for (const udid of [...new Set(udids)]) {
    const validated = await runTool('idevicepair', ['-u', udid, 'validate'], { timeoutMs: 15_000 });
    const state = pairingState(`${validated.stdout}${validated.stderr}`);
    const simple = parseIdeviceinfo((await runTool('ideviceinfo', ['-u', udid, '-s'], { timeoutMs: 15_000 })).stdout);
    devices.push({ udid, state, name: simple.get('DeviceName') ?? null, productType: simple.get('ProductType') ?? null, iosVersion: simple.get('ProductVersion') ?? null, guidance: IOS_GUIDANCE[state] });
  }
  return { devices, guidance: devices.length === 0 ? IOS_GUIDANCE.none : null };
}

/** The iPhone to work with: the one given, or the only one — paired, or the reason it is not usable. */
export async function requirePairedDevice(udid?: string): Promise<IosDevice> {
  const { devices } = await listIosDevices();
  const device = udid ? devices.find((candidate) => candidate.udid.toLowerCase() === udid.toLowerCase()) : devices.length === 1 ? devices[0] : undefined;
  if (!device) {
    if (devices.length > 1) throw new SentinelleError('ios.no-device', `Several iPhones are connected (${devices.map((d) => d.udid).join(', ')}): choose one.`);
    throw new SentinelleError('ios.no-device', IOS_GUIDANCE.none.en);
  }
  if (device.state === 'paired') return device;
  if (device.state === 'not-trusted') {
    // Asking to pair is what makes the iPhone show its "Trust This Computer?" question.
    const paired = await runTool('idevicepair', ['-u', device.udid, 'pair'], { timeoutMs: 30_000 });
    if (pairingState(`${paired.stdout}${paired.stderr}`) === 'paired') return { ...device, state: 'paired', guidance: IOS_GUIDANCE.paired };
    throw new SentinelleError('ios.not-trusted', IOS_GUIDANCE['not-trusted'].en, { technical: `${paired.stdout}${paired.stderr}`.trim() });
  }
  throw new SentinelleError(device.state === 'locked' ? 'ios.not-trusted' : 'ios.no-device', IOS_GUIDANCE[device.state].en);
}

export async function deviceFacts(udid: string, signal?: AbortSignal): Promise<{ facts: Map<string, string>; raw: string }> {
  const result = await runTool('ideviceinfo', ['-u', udid], { timeoutMs: 30_000, ...(signal ? { signal } : {}) });
  if (result.code !== 0) throw new SentinelleError('ios.not-trusted', IOS_GUIDANCE['not-trusted'].en, { technical: result.stderr.trim() || result.stdout.trim() });
  return { facts: parseIdeviceinfo(result.stdout), raw: result.stdout };
}

export interface InstalledIosApp {
  bundleId: string;
  name: string | null;
  version: string | null;
  /** Who signed it: the App Store, a company (enterprise) or a developer. */
  source: 'app-store' | 'enterprise' | 'developer' | 'unknown';
  system: boolean;
}

/** The source of an app from its signer, as `ideviceinstaller` reports it (`SignerIdentity`). */
export function appSource(signer: unknown): InstalledIosApp['source'] {
  if (typeof signer !== 'string') return 'unknown';
  if (/Apple iPhone OS Application Signing/i.test(signer)) return 'app-store';
  if (/iPhone Distribution|Apple Distribution/i.test(signer)) return 'enterprise';
  if (/iPhone Developer|Apple Development/i.test(signer)) return 'developer';
  return 'unknown';
}

/** `ideviceinstaller -l -o xml -o list_all`: a plist array of app dictionaries. */
export function parseInstalledApps(xml: string): InstalledIosApp[] {
  let parsed: unknown;
  try {
    parsed = plist.parse(xml);
  } catch (error) {
    throw new SentinelleError('ios.backup-failed', 'The iPhone’s list of apps could not be read.', { cause: error });
  }
  if (!Array.isArray(parsed)) return [];
  return parsed
    .filter((app): app is Record<string, unknown> => app !== null && typeof app === 'object' && typeof (app as Record<string, unknown>).CFBundleIdentifier === 'string')
    .map((app) => ({
      bundleId: app.CFBundleIdentifier as string,
      name: typeof app.CFBundleDisplayName === 'string' ? app.CFBundleDisplayName : typeof app.CFBundleName === 'string' ? app.CFBundleName : null,
      version: typeof app.CFBundleShortVersionString === 'string' ? app.CFBundleShortVersionString : typeof app.CFBundleVersion === 'string' ? app.CFBundleVersion : null,
      source: appSource(app.SignerIdentity),
      system: app.ApplicationType === 'System',
    }));
}

export async function installedApps(udid: string, signal?: AbortSignal): Promise<{ apps: InstalledIosApp[]; raw: string }> {
  const result = await runTool('ideviceinstaller', ['-u', udid, '-l', '-o', 'xml', '-o', 'list_all'], { timeoutMs: 120_000, ...(signal ? { signal } : {}) });
  if (result.code !== 0) throw new SentinelleError('ios.not-trusted', IOS_GUIDANCE['not-trusted'].en, { technical: result.stderr.trim() || result.stdout.trim() });
  return { apps: parseInstalledApps(result.stdout), raw: result.stdout };
}

/** Whether the iPhone encrypts its backups (`WillEncrypt` of its backup settings). */
export async function backupsEncrypted(udid: string, signal?: AbortSignal): Promise<boolean> {
  const result = await runTool('ideviceinfo', ['-u', udid, '-q', 'com.apple.mobile.backup', '-k', 'WillEncrypt'], { timeoutMs: 30_000, ...(signal ? { signal } : {}) });
  return result.code === 0 && result.stdout.trim().toLowerCase() === 'true';
}

/** A full backup of the iPhone into `folder` (idevicebackup2 writes `folder/<udid>/`); progress from 0 to 1. */
export async function makeBackup(udid: string, folder: string, options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {}): Promise<string> {
  const result = await runTool('idevicebackup2', ['-u', udid, 'backup', '--full', folder], {
    ...(options.signal ? { signal: options.signal } : {}),
    onStdoutLine: (line) => {
      const percent = /(\d{1,3}(?:\.\d+)?)% Finished/.exec(line);
      if (percent) options.onProgress?.(Math.min(1, Number(percent[1]) / 100));
    },
  });
  if (result.code !== 0 || /ERROR/.test(result.stderr)) {
    throw new SentinelleError('ios.backup-failed', 'The iPhone backup did not finish. Keep the iPhone unlocked and connected, then try again.', { technical: (result.stderr || result.stdout).trim().slice(-2000) });
  }
  return `${folder}/${udid}`;
}

/**
 * What idevicebackup2 reads as a password at its prompt: printable ASCII, at most 255 characters (it
 * silently drops anything else, which would set a different password than the one typed).
 */
export const BACKUP_PASSWORD = /^[\x20-\x7e]{4,255}$/;

/** Turns on backup encryption on the iPhone (a change to its settings: only after the advocate confirmed). */
export async function enableBackupEncryption(udid: string, password: string): Promise<string> {
  if (!BACKUP_PASSWORD.test(password)) {
    throw new SentinelleError('input.invalid', 'Use a backup password of 4 to 255 characters, without accents or emoji: the iPhone tools accept only plain letters, digits, spaces and punctuation.');
  }
  // Without the password argument idevicebackup2 reads it (twice) from standard input, keeping it out of `ps`.
  const result = await runTool('idevicebackup2', ['-u', udid, '-i', 'encryption', 'on'], { input: `${password}\n${password}\n`, timeoutMs: 60_000 });
  // The prompt echoes one '*' per character: kept out of what is recorded.
  const output = `${result.stdout}${result.stderr}`.replace(/\*+/g, '').trim();
  if (result.code !== 0 || /ERROR/i.test(output)) throw new SentinelleError('ios.backup-failed', 'The iPhone did not turn on backup encryption. If a backup password is already set, use that password.', { technical: output });
  return output;
}
