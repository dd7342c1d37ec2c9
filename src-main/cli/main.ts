// `sentinelle`: the command line. It calls the same typed API as the desktop app (through app.ts), for
// scripting and for lawyers verifying bundles. Passphrases come from the environment or standard input,
// never from arguments. Human text by default, JSON with --json; a non-zero exit code on any error.
import { printable } from '../../src-shared/printable.js';
import { parseArgs } from 'node:util';
import { SentinelleError } from '../../src-shared/errors.js';
import type { App } from '../app.js';
import { version } from '../package-info.js';
import { defaultVaultDir } from '../paths.js';
import type { Command, CommandContext, EarlyCommand } from './command.js';
import { CliUsageError, EXIT_FAILED, EXIT_OK, EXIT_USAGE } from './errors.js';
import { readSecrets, type SecretRequest } from './secrets.js';

type AnyCommand = Command | EarlyCommand;

/**
 * The commands' files, in the order `sentinelle help` lists them, each with the first words of the commands
 * it holds: a run loads only the file of the command asked for (so that `serve` prints its address at once),
 * and a test holds every command to the first words its file is listed with.
 */
export const commandFiles: readonly { firstWords: readonly string[]; load: () => Promise<{ commands: readonly AnyCommand[] }> }[] = [
  { firstWords: ['vault'], load: () => import('./commands/vault.js') },
  { firstWords: ['case', 'purge'], load: () => import('./commands/cases.js') },
  { firstWords: ['devices', 'scan'], load: () => import('./commands/android.js') },
  { firstWords: ['backups', 'scan'], load: () => import('./commands/ios.js') },
  { firstWords: ['scan'], load: () => import('./commands/host.js') },
  { firstWords: ['check'], load: () => import('./commands/check.js') },
  { firstWords: ['demo'], load: () => import('./commands/demo.js') },
  { firstWords: ['keys', 'export', 'verify', 'reader'], load: () => import('./commands/evidence.js') },
  { firstWords: ['forward'], load: () => import('./commands/forward.js') },
  { firstWords: ['findings', 'observations'], load: () => import('./commands/findings.js') },
  { firstWords: ['signatures'], load: () => import('./commands/signatures.js') },
  { firstWords: ['rules'], load: () => import('./commands/rules.js') },
  { firstWords: ['serve'], load: () => import('./commands/serve.js') },
  { firstWords: ['network-demo'], load: () => import('./commands/network-demo.js') },
];

/** The commands of the files whose commands may start with `firstWord` (every file when it is undefined), in order. */
export async function loadCommands(firstWord?: string): Promise<AnyCommand[]> {
  const files = commandFiles.filter((file) => firstWord === undefined || file.firstWords.includes(firstWord));
  const modules = await Promise.all(files.map((file) => file.load()));
  return modules.flatMap((module) => module.commands);
}

const GLOBAL_OPTIONS = {
  vault: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export interface CliIo {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

function usage(commands: readonly AnyCommand[]): string {
  const width = Math.max(...commands.map((c) => c.words.join(' ').length));
  return [
    `Sentinelle ${version} — find signs of stalkerware, keep the evidence safe.`,
    '',
    'Usage: sentinelle <command> [options]',
    '',
    ...commands.map((c) => `  ${c.words.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --vault DIR (default: this user\'s application-data folder, or SENTINELLE_VAULT)',
    'and --json. Passphrases are read from SENTINELLE_PASSPHRASE or standard input, never from arguments.',
    'Exit codes: 0 done, 1 failed, 2 wrong usage, 3 a check found a problem.',
    'Run `sentinelle <command> --help` for a command\'s options.',
  ].join('\n');
}

function findCommand(commands: readonly AnyCommand[], argv: readonly string[]): { command: AnyCommand; rest: string[] } | null {
  const matches = commands.filter((c) => c.words.every((word, i) => argv[i] === word));
  const best = matches.sort((a, b) => b.words.length - a.words.length)[0];
  return best ? { command: best, rest: argv.slice(best.words.length) } : null;
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  // What the command prints for a person: anything a phone named shown as text, never as terminal commands.
  const write = (stream: NodeJS.WritableStream, text: string) => stream.write(printable(text.endsWith('\n') ? text : `${text}\n`, { keepLines: true }));
  if (argv.length === 0 || argv[0] === 'help' || argv[0] === '--help' || argv[0] === '-h') {
    write(io.stdout, usage(await loadCommands()));
    return EXIT_OK;
  }
  if (argv[0] === '--version' || argv[0] === 'version') {
    write(io.stdout, version);
    return EXIT_OK;
  }
  const found = findCommand(await loadCommands(argv[0]), argv);
  if (!found) {
    write(io.stderr, `Unknown command: ${argv.join(' ')}\n\n${usage(await loadCommands())}`);
    return EXIT_USAGE;
  }
  const { command, rest } = found;
  let json = rest.includes('--json');
  // The app, once a command has asked for it: disposed of at the end, however the command ended.
  const loaded: { app?: Promise<App> } = {};
  try {
    const { values, positionals } = parseArgs({ args: [...rest], options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    json = values.json === true;
    if (values.help) {
      write(io.stdout, `Usage: sentinelle ${command.usage}\n\n${command.summary}`);
      return EXIT_OK;
    }
    const vaultDir = typeof values.vault === 'string' ? values.vault : command.defaultVaultDir ? command.defaultVaultDir() : defaultVaultDir(io.env);
    // The app (and the back end behind it) is loaded only once a command is known to need it.
    const loadApp = () => (loaded.app ??= import('../app.js').then(({ App: LoadedApp }) => new LoadedApp({ vaultDir })));
    const print = (human: string, data: unknown) => (json ? io.stdout.write(`${JSON.stringify(data, null, 2)}\n`) : write(io.stdout, human));
    const printRecord = (human: string, data: unknown) => (json ? io.stdout.write(`${JSON.stringify(data)}\n`) : write(io.stdout, human));
    const note = (text: string) => write(io.stderr, text);
    if ('early' in command) return (await command.run({ loadApp, values, positionals, json, secrets: {}, env: io.env, print, note, stdout: io.stdout })) ?? EXIT_OK;
    const app = await loadApp();
    const unlockPassphrase: SecretRequest[] = command.unlocks ? [{ name: 'passphrase', env: 'SENTINELLE_PASSPHRASE', prompt: 'Passphrase' }] : [];
    const extraSecrets = typeof command.secrets === 'function' ? await command.secrets(app, values, positionals) : command.secrets ?? [];
    const secrets = await readSecrets([...unlockPassphrase, ...extraSecrets], io.env, io.stdin, io.stderr);
    const context: CommandContext = {
      app,
      values,
      positionals,
      json,
      secrets,
      env: io.env,
      unlocked: null,
      print,
      printRecord,
      note,
    };
    if (command.unlocks) {
      context.unlocked = await app.call('vault.unlock', { passphrase: secrets.passphrase ?? '' });
      if (context.unlocked.failedUnlocks) write(io.stderr, failedUnlocksWarning(context.unlocked.failedUnlocks));
      if (!context.unlocked.custody.intact) {
        const { describeChain } = await import('./format.js');
        write(io.stderr, `WARNING: the custody log is ${describeChain(context.unlocked.custody)}. Run \`sentinelle vault check\` and keep this vault folder as it is.`);
      }
      if (context.unlocked.purgedCases.length > 0) {
        write(io.stderr, `Retention: ${context.unlocked.purgedCases.length} closed case(s) reached the end of the retention period and were purged: ${context.unlocked.purgedCases.join(', ')}.`);
      }
    }
    return (await command.run(context)) ?? EXIT_OK;
  } catch (error) {
    return reportError(error, json, io);
  } finally {
    await (await loaded.app?.catch(() => null))?.dispose();
  }
}

/** Someone tried to open the vault and failed: said first, with when. */
function failedUnlocksWarning(failed: { count: number; times: string[] }): string {
  const when = failed.times.length === 0 ? '' : failed.times.length === 1 ? ` (at ${failed.times[0]})` : ` (first at ${failed.times[0]}, last at ${failed.times.at(-1)})`;
  return `WARNING: ${failed.count} failed attempt(s) to open this vault since it was last opened${when}. If it was not you or a colleague, someone may be trying to guess the passphrase: think about \`sentinelle vault rekey\`.`;
}

function reportError(error: unknown, json: boolean, io: CliIo): number {
  const isUsage = error instanceof CliUsageError || (error instanceof TypeError && String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS'));
  const payload =
    error instanceof SentinelleError
      ? error.toPayload()
      : isUsage
        ? { code: 'usage', message: (error as Error).message }
        : { code: 'internal', message: 'Something unexpected went wrong. Nothing already saved was lost.', technical: String(error instanceof Error ? error.stack ?? error.message : error) };
  io.stderr.write(`Error: ${printable(payload.message, { keepLines: true })}\n`);
  if ('technical' in payload && payload.technical) io.stderr.write(`Technical detail: ${printable(payload.technical, { keepLines: true })}\n`);
  if (json) io.stdout.write(`${JSON.stringify({ error: payload }, null, 2)}\n`);
  return isUsage ? EXIT_USAGE : EXIT_FAILED;
}
