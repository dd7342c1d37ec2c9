// The shape every CLI command has: its words (`case create`), its options, whether it needs the vault
// unlocked first, and what it does. Adding a command is adding it to its file's `commands` list in commands/
// (and a new file to main.ts's `commandFiles`, with the first words of its commands).
import type { ParseArgsConfig } from 'node:util';
import type { UnlockResult } from '../../src-shared/vault-status.js';
import type { App } from '../app.js';
import { CliUsageError } from './errors.js';
import type { SecretRequest, Secrets } from './secrets.js';

export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandContext {
  app: App;
  values: OptionValues;
  positionals: string[];
  json: boolean;
  /** The secrets the command declared (and the passphrase it was unlocked with), read before it runs. */
  secrets: Secrets;
  /** The environment the CLI was started with. */
  env: NodeJS.ProcessEnv;
  /** What unlocking found (custody state, cases purged under the retention policy). */
  unlocked: UnlockResult | null;
  /** Results: human text or JSON, on standard output. */
  print(human: string, json: unknown): void;
  /** One result among several: human text, or with --json one JSON document on one line (JSON lines). */
  printRecord(human: string, json: unknown): void;
  /** Notes and warnings for the person at the keyboard, on standard error. */
  note(text: string): void;
}

/** What a command that starts before the app has loaded is given: a way to load the app (once), nothing unlocked. */
export interface EarlyCommandContext extends Omit<CommandContext, 'app' | 'unlocked' | 'printRecord'> {
  loadApp(): Promise<App>;
  /** Standard output as a stream, for a command whose output is data (`network-demo` without --out). */
  stdout: NodeJS.WritableStream;
}

/**
 * A command that starts before the app is loaded and chooses when to load it (`serve`: its address is
 * printed first, and the app loads while the advocate's browser opens it). It unlocks nothing and reads no
 * secrets.
 */
export interface EarlyCommand extends Omit<Command, 'run' | 'unlocks' | 'secrets'> {
  unlocks: false;
  early: true;
  run(context: EarlyCommandContext): Promise<number | void>;
}

export interface Command {
  words: string[];
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Unlock the vault (passphrase from SENTINELLE_PASSPHRASE or standard input) before running. */
  unlocks: boolean;
  /** Further secrets it needs, in the order standard input gives them (after the passphrase, if it unlocks); may depend on the vault's state. */
  secrets?: readonly SecretRequest[] | ((app: App, values: OptionValues, positionals: readonly string[]) => Promise<readonly SecretRequest[]>);
  /** Where its vault is when --vault is not given (default: the user's vault). */
  defaultVaultDir?: () => string;
  /** Returns the exit code; undefined means success. */
  run(context: CommandContext): Promise<number | void>;
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** An option that may be given several times (`--recipient A --recipient B`), or as a comma-separated list when `commas`. */
export function stringList(values: OptionValues, name: string, commas = false): string[] {
  const value = values[name];
  const list = Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : typeof value === 'string' ? [value] : [];
  return commas ? list.flatMap((item) => item.split(',')).map((item) => item.trim()).filter(Boolean) : list;
}

/** The case a command works on: `--case ID` (or the first word after the command, where allowed). */
export function caseOption(values: OptionValues, positionals: readonly string[] = []): string {
  const id = stringOption(values, 'case') ?? positionals[0];
  if (!id) throw new CliUsageError('Which case? Give its id, e.g. `--case 7K3M-QP4X` (see `sentinelle case list`).');
  return id.toUpperCase();
}
