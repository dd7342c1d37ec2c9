// Scanning the computer Sentinelle runs on into a case: register it (name, system, version), then run each
// collector of its platform as a step — commands from the read-only catalogue and files, every output
// kept as an artifact first, the step's observations written in their own transaction. One source that
// cannot be read is noted; the others are still read. Nothing on the computer is changed.
import fs from 'node:fs';
import os from 'node:os';
import type { ScanStepProgress } from '../../../src-shared/acquisition.js';
import type { Scan } from '../../../src-shared/model.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import type { OpenVault } from '../../vault/vault.js';
import type { AcquiredObservation } from '../acquired-observation.js';
import type { CommandOutput, ComputerPlatform, HostCollector, HostContext } from './collector.js';
import type { HostCommand } from './commands.js';
import { ExecutableHasher } from './executable-hasher.js';
import { collectorsFor, currentComputerPlatform } from './platforms.js';
import { runCommand, type CommandResult } from './run-command.js';

export const HOST_SCAN_KIND = 'host';

/** Runs one catalogued command (the real one by default; tests replay recorded outputs of other platforms). */
export type CommandRunner = (command: HostCommand, signal?: AbortSignal) => Promise<CommandResult>;

export interface HostScanOptions {
  vault: OpenVault;
  caseId: string;
  /** Kept between scans so that unchanged programs are not hashed again. */
  hasher: ExecutableHasher;
  platform?: ComputerPlatform;
  collectors?: readonly HostCollector[];
  runner?: CommandRunner;
  home?: string;
  signal?: AbortSignal;
  onProgress?: (progress: ScanStepProgress) => void;
  /** Told after each step's observations are stored, before the scan ends (to detect on them). */
  onObservations?: () => void;
}

export interface HostScanOutcome {
  scan: Scan;
  observations: number;
  notes: string[];
}

const DEFAULT_FILE_MAX_BYTES = 4 * 1024 * 1024;

const realRunner: CommandRunner = (command, signal) =>
  runCommand(command.file, command.args, { ...(command.input === undefined ? {} : { input: command.input }), ...(signal ? { signal } : {}), ...(command.timeoutMs ? { timeoutMs: command.timeoutMs } : {}) });

export async function runHostScan(options: HostScanOptions): Promise<HostScanOutcome> {
  const { vault, caseId } = options;
  const platform = options.platform ?? currentComputerPlatform();
  if (!platform) throw new SentinelleError('computer.unsupported', `Sentinelle cannot examine this kind of computer (${process.platform}); it examines Windows, macOS and Linux.`);
  vault.cases.get(caseId);
  const collectors = options.collectors ?? collectorsFor(platform);
  const runner = options.runner ?? realRunner;
  const scan = vault.scans.start({ caseId, deviceId: null, kind: HOST_SCAN_KIND });
  const total = collectors.length;
  const notes: string[] = [];
  try {
    const deviceId = deviceFor(vault, caseId, platform);
    vault.scans.setDevice(scan.id, deviceId);
    const capture = { caseId, source: 'host' as const, scanId: scan.id, deviceId };
    let observations = 0;
    for (const [i, collector] of collectors.entries()) {
      if (options.signal?.aborted) throw new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.');
      const progress = (fraction?: number) =>
        options.onProgress?.({ scanId: scan.id, step: collector.id, label: collector.label, index: i + 1, total, ...(fraction === undefined ? {} : { fraction }) });
      progress();
      const context: HostContext = {
        platform,
        home: options.home ?? os.homedir(),
        hasher: options.hasher,
        ...(options.signal ? { signal: options.signal } : {}),
        async run(command): Promise<CommandOutput | null> {
          let result: CommandResult;
          try {
            result = await runner(command, options.signal);
          } catch (error) {
            if (error instanceof SentinelleError && error.code === 'scan.cancelled') throw error;
            notes.push(`${command.display}: ${error instanceof Error ? error.message : String(error)}`);
            return null;
          }
          if (result.missing) return null;
          const bytes = command.stream === 'stderr' ? Buffer.from(result.stderr, 'utf8') : result.stdout;
          if (result.truncated) notes.push(`${command.display} printed more than Sentinelle reads; only the beginning was kept.`);
          const sha256 = vault.artifacts.putBuffer(bytes, { ...capture, command: command.display }).sha256;
          return { bytes, text: bytes.toString('utf8'), sha256, code: result.code };
        },
        async readFile(path, maxBytes = DEFAULT_FILE_MAX_BYTES) {
          let bytes: Buffer;
          try {
            const stat = await fs.promises.stat(path);
            if (!stat.isFile()) return null;
            if (stat.size > maxBytes) {
              notes.push(`${path} is larger than such a file ever is (${stat.size} bytes); it was not read.`);
              return null;
            }
            bytes = await fs.promises.readFile(path);
          } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            if (code !== 'ENOENT' && code !== 'ENOTDIR') notes.push(`${path} could not be read (${code ?? String(error)}).`);
            return null;
          }
          const sha256 = vault.artifacts.putBuffer(bytes, { ...capture, path }).sha256;
          return { bytes, text: bytes.toString('utf8'), sha256 };
        },
        keep(text, origin) {
          return vault.artifacts.putBuffer(text, { ...capture, ...(origin.command ? { command: origin.command } : {}), ...(origin.path ? { path: origin.path } : {}) }).sha256;
        },
        note: (message) => notes.push(message),
        progress: (fraction) => progress(Math.max(0, Math.min(1, fraction))),
      };
      let found: AcquiredObservation[];
      try {
        found = (await collector.collect(context)).map(fitted);
      } catch (error) {
        // One source that cannot be read (an unexpected output, a program that misbehaves) does not stop the others.
        if (error instanceof SentinelleError && error.code === 'scan.cancelled') throw error;
        notes.push(`${collector.label.en}: not completed (${error instanceof Error ? error.message : String(error)}). The other steps went on.`);
        continue;
      }
      vault.db.transaction(() => {
        vault.observations.insertMany(found.map((observation) => ({ ...observation, caseId, scanId: scan.id })));
        vault.scans.markStepDone(scan.id, collector.id);
      })();
      observations += found.length;
      if (found.length > 0) options.onObservations?.();
    }
    if (notes.length > 0) vault.custody.append('scan.notes', caseId, { scanId: scan.id, notes: notes.slice(0, 200) });
    return { scan: vault.scans.finish(scan.id, 'completed'), observations, notes };
  } catch (error) {
    const status = error instanceof SentinelleError && error.code === 'scan.cancelled' ? 'cancelled' : 'failed';
    if (vault.isOpen) vault.scans.finish(scan.id, status, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** Text limits of the computer observations' schemas: a 5 KB command line is kept, cut, rather than failing its step. */
const FIELD_LIMITS: Record<string, number> = { name: 1000, process: 1000 };
const DEFAULT_TEXT_LIMIT = 4000;

function fitted(observation: AcquiredObservation): AcquiredObservation {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(observation.data)) data[key] = typeof value === 'string' ? value.slice(0, FIELD_LIMITS[key] ?? DEFAULT_TEXT_LIMIT) : value;
  return { ...observation, subject: observation.subject.slice(0, 1000), data };
}

/** The case's record of this computer (same platform and name), or a new one with its system facts. */
function deviceFor(vault: OpenVault, caseId: string, platform: ComputerPlatform): string {
  const hostname = os.hostname();
  const known = vault.devices.listByCase(caseId).find((device) => device.platform === platform && device.label === hostname);
  if (known) return known.id;
  const facts: Record<string, string> = {
    'Computer name': hostname,
    System: os.type(),
    'System version': os.version(),
    Release: os.release(),
    Architecture: os.arch(),
    Processor: os.cpus()[0]?.model ?? 'unknown',
    Memory: `${Math.round(os.totalmem() / 1024 ** 3)} GiB`,
    'Scanned as user': os.userInfo().username,
  };
  return vault.devices.add({ caseId, platform, label: hostname, model: `${os.type()} ${os.arch()}`, osVersion: os.release(), serial: null, facts }).id;
}
