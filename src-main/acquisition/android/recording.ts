// A phone recording: what a live Android scan read, exported from the vault so that a phone that caused a
// problem can be reproduced elsewhere (with the survivor's consent) — each command's exact output with its
// command line and SHA-256, and each file pulled (APKs) with its path, under an index (`recording.json`).
// `sentinelle demo --replay DIR` makes the simulated phone answer from it. The index is checked with a
// schema and every file against its SHA-256 when read back, so a recording from elsewhere is never trusted.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SentinelleError } from '../../../src-shared/errors.js';
import type { OpenVault } from '../../vault/vault.js';
import { isRealDirectory, NotRegularFile, readRegularFile } from '../../system/regular-file.js';

export const RECORDING_INDEX = 'recording.json';
const FORMAT = 'sentinelle-phone-recording';
/** The largest recording read back: a whole scan's outputs and the APKs pulled. */
const MAX_RECORDING_BYTES = 2 * 1024 * 1024 * 1024;
/** Its index lists at most 20,000 entries of a few hundred bytes. */
const MAX_INDEX_BYTES = 16 * 1024 * 1024;

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const RelativeFile = z.string().regex(/^(commands|files)\/[0-9]{4,6}\.(txt|bin)$/);

export const RecordingIndex = z
  .object({
    format: z.literal(FORMAT),
    version: z.literal(1),
    tool: z.object({ name: z.string().max(100), version: z.string().max(100) }).strict(),
    exportedAt: z.string().max(40),
    scan: z.object({ id: z.string().max(100), kind: z.string().max(60), startedAt: z.string().max(40), endedAt: z.string().max(40).nullable() }).strict(),
    device: z.object({ label: z.string().max(200), model: z.string().max(200).nullable(), osVersion: z.string().max(50).nullable() }).strict().nullable(),
    commands: z.array(z.object({ command: z.string().min(1).max(65_536), file: RelativeFile, sha256: Sha256, size: z.number().int().nonnegative() }).strict()).max(10_000),
    files: z.array(z.object({ path: z.string().min(1).max(4096), file: RelativeFile, sha256: Sha256, size: z.number().int().nonnegative() }).strict()).max(10_000),
  })
  .strict();
export type RecordingIndex = z.infer<typeof RecordingIndex>;

export interface RecordingExport {
  dir: string;
  commands: number;
  files: number;
  /** SHA-256 of recording.json, as the custody log records it. */
  indexSha256: string;
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Writes a scan's outputs and pulled files into a new folder (it must not exist, or be empty). */
export function exportRecording(vault: OpenVault, caseId: string, scanId: string, out: string, tool: { name: string; version: string }): RecordingExport {
  const scan = vault.scans.get(scanId);
  if (!scan || scan.caseId !== caseId) throw new SentinelleError('scan.not-found', 'There is no such scan in this case.', { technical: scanId });
  const captures = vault.artifacts.capturesByScan(scanId).filter((capture) => capture.source === 'adb');
  if (!captures.some((capture) => capture.command !== null)) {
    throw new SentinelleError('input.invalid', 'This scan read nothing from a phone over adb, so there is nothing to record. An imported acquisition can be replayed from its own files.');
  }
  if (fs.existsSync(out) && fs.readdirSync(out).length > 0) throw new SentinelleError('input.invalid', `The folder ${out} is not empty. Choose a new folder for the recording.`);
  fs.mkdirSync(path.join(out, 'commands'), { recursive: true, mode: 0o700 });
  fs.mkdirSync(path.join(out, 'files'), { mode: 0o700 });
  const index: RecordingIndex = {
    format: FORMAT,
    version: 1,
    tool,
    exportedAt: vault.clock.now().toISOString(),
    scan: { id: scan.id, kind: scan.kind, startedAt: scan.startedAt, endedAt: scan.endedAt },
    device: null,
    commands: [],
    files: [],
  };
  const device = scan.deviceId ? vault.devices.listByCase(caseId).find((candidate) => candidate.id === scan.deviceId) : undefined;
  if (device) index.device = { label: device.label, model: device.model, osVersion: device.osVersion };
  captures.forEach((capture, i) => {
    const bytes = vault.artifacts.read(capture.sha256);
    const number = String(i + 1).padStart(4, '0');
    if (capture.command !== null) {
      const file = `commands/${number}.txt`;
      fs.writeFileSync(path.join(out, file), bytes, { flag: 'wx', mode: 0o600 });
      index.commands.push({ command: capture.command, file, sha256: capture.sha256, size: bytes.length });
    } else if (capture.path !== null) {
      const file = `files/${number}.bin`;
      fs.writeFileSync(path.join(out, file), bytes, { flag: 'wx', mode: 0o600 });
      index.files.push({ path: capture.path, file, sha256: capture.sha256, size: bytes.length });
    }
  });
  const indexBytes = Buffer.from(`${JSON.stringify(index, null, 1)}\n`, 'utf8');
  fs.writeFileSync(path.join(out, RECORDING_INDEX), indexBytes, { flag: 'wx', mode: 0o600 });
  const exported = { dir: out, commands: index.commands.length, files: index.files.length, indexSha256: sha256(indexBytes) };
  vault.custody.append('scan.recording-exported', caseId, { scanId, commands: exported.commands, files: exported.files, indexSha256: exported.indexSha256 });
  return exported;
}

function unreadableRecording(dir: string, what: string, cause?: unknown): SentinelleError {
  return new SentinelleError('import.unreadable', `Sentinelle could not replay the recording in ${path.basename(dir)}: ${what}.`, cause === undefined ? { technical: dir } : { cause });
}

/** Whether a folder holds a recording (its index). */
export function isRecording(dir: string): boolean {
  return fs.existsSync(path.join(dir, RECORDING_INDEX));
}

/** A recording's commands' outputs and files, each checked against its SHA-256. */
export function readRecording(dir: string): { index: RecordingIndex; outputs: Map<string, Buffer>; files: Map<string, Buffer> } {
  let raw: unknown;
  try {
    raw = JSON.parse(readRegularFile(path.join(dir, RECORDING_INDEX), MAX_INDEX_BYTES).toString('utf8'));
  } catch (error) {
    throw unreadableRecording(dir, `its recording.json cannot be read${error instanceof NotRegularFile ? `: ${error.message}` : ''}`, error);
  }
  const parsed = RecordingIndex.safeParse(raw);
  if (!parsed.success) throw unreadableRecording(dir, `its recording.json is not a Sentinelle recording (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})`);
  const index = parsed.data;
  let total = 0;
  const load = (entry: { file: string; sha256: string; size: number }) => {
    total += entry.size;
    if (total > MAX_RECORDING_BYTES) throw unreadableRecording(dir, 'it is larger than Sentinelle replays');
    let bytes: Buffer;
    // Only ordinary files inside the recording's own folders, read up to the size recorded.
    const folder = entry.file.split('/')[0]!;
    if (!isRealDirectory(path.join(dir, folder))) throw unreadableRecording(dir, `its ${folder} folder is missing or is a link to another place`);
    try {
      bytes = readRegularFile(path.join(dir, entry.file), MAX_RECORDING_BYTES, entry.size);
    } catch (error) {
      if (error instanceof NotRegularFile && error.reason === 'size') throw unreadableRecording(dir, `${entry.file} is not what was recorded (${error.message})`, error);
      throw unreadableRecording(dir, error instanceof NotRegularFile ? `${entry.file} cannot be replayed: ${error.message}` : `${entry.file} is missing`, error);
    }
    if (bytes.length !== entry.size || sha256(bytes) !== entry.sha256) throw unreadableRecording(dir, `${entry.file} is not what was recorded (its SHA-256 differs)`);
    return bytes;
  };
  const outputs = new Map(index.commands.map((entry) => [entry.command, load(entry)]));
  const files = new Map(index.files.map((entry) => [entry.path, load(entry)]));
  return { index, outputs, files };
}
