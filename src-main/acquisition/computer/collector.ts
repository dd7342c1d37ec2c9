// The shape of a computer collector, and what the scan gives it: read-only commands from the catalogue
// (commands.ts) and files, each kept in the vault as an artifact before it is parsed, so every observation
// names the exact bytes it came from. Collectors never throw for one unreadable source: they note it.
import type { LocalizedText } from '../../../src-shared/model.js';
import type { AcquiredObservation } from '../acquired-observation.js';
import type { HostCommand } from './commands.js';
import type { ExecutableHasher } from './executable-hasher.js';

export type ComputerPlatform = 'windows' | 'macos' | 'linux';

/** Bytes kept as evidence, and their text. */
export interface CapturedOutput {
  bytes: Buffer;
  text: string;
  sha256: string;
}

export interface CommandOutput extends CapturedOutput {
  code: number | null;
}

export interface HostContext {
  platform: ComputerPlatform;
  /** The home folder of the user running Sentinelle (per-user autostart, LaunchAgents…). */
  home: string;
  signal?: AbortSignal;
  hasher: ExecutableHasher;
  /** Runs a catalogued command and keeps its output; null when the program is not on this computer. */
  run(command: HostCommand): Promise<CommandOutput | null>;
  /** Reads a file and keeps it; null when it does not exist or cannot be read (then noted). */
  readFile(path: string, maxBytes?: number): Promise<CapturedOutput | null>;
  /** Keeps a listing the collector assembled itself (what it read from /proc), saying where from. */
  keep(text: string, origin: { command?: string; path?: string }): string;
  /** Something the advocate should know was not read, in plain words. */
  note(message: string): void;
  /** How far the step has gone. */
  progress(fraction: number): void;
}

export interface HostCollector {
  id: string;
  label: LocalizedText;
  collect(context: HostContext): Promise<AcquiredObservation[]>;
}

export const t = (en: string, fr: string): LocalizedText => ({ en, fr });

/** A subject for a persistence observation: what starts it, and its name. */
export function persistenceSubject(mechanism: string, name: string): string {
  return `${mechanism}:${name}`.slice(0, 1000);
}
