// Reading passphrases and recovery keys for the CLI: from environment variables, from standard input
// (one per line), or typed at a hidden prompt. Never from the command line, where other users of the
// computer and the shell history would see them.
//
// A command declares all its secrets up front, in order, and they are read together: those set in the
// environment are taken from it, the others from the lines of standard input, in order. Lines left over
// are refused, so that `printf 'old\nnew\n'` with SENTINELLE_PASSPHRASE also set cannot silently make the
// old passphrase the new one.
import { CliUsageError } from './errors.js';

interface Input extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

export interface SecretRequest {
  /** How the command refers to it. */
  name: 'passphrase' | 'newPassphrase' | 'recoveryKey' | 'backupPassword' | 'bundlePassphrase' | 'wazuhPassword';
  /** The environment variable that may hold it, e.g. SENTINELLE_PASSPHRASE. */
  env: string;
  /** What it is, in words; also the hidden prompt. */
  prompt: string;
  /** Ask twice at a prompt (for a new passphrase). */
  confirm?: boolean;
  /** May be left out: an empty answer, or no line for it on standard input. Only the last requests may be optional. */
  optional?: boolean;
}

export type Secrets = Partial<Record<SecretRequest['name'], string>>;

export async function readSecrets(requests: readonly SecretRequest[], env: NodeJS.ProcessEnv, stdin: Input, stderr: NodeJS.WritableStream): Promise<Secrets> {
  const secrets: Secrets = {};
  const fromInput = requests.filter((request) => !env[request.env]);
  for (const request of requests) if (env[request.env]) secrets[request.name] = env[request.env];
  if (fromInput.length === 0) return secrets;

  if (stdin.isTTY && stdin.setRawMode) {
    for (const request of fromInput) {
      const first = await promptHidden(stdin, stderr, `${request.prompt}${request.optional ? ' (press Enter to skip)' : ''}: `);
      if (request.optional && first === '') continue;
      if (request.confirm && first !== (await promptHidden(stdin, stderr, 'Type it again to confirm: '))) {
        throw new CliUsageError('The two entries are not the same. Nothing was changed; try again.');
      }
      secrets[request.name] = first;
    }
    return secrets;
  }

  const lines = (await readAll(stdin)).split(/\r?\n/);
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  const expected = fromInput.map((request, i) => `line ${i + 1}: ${request.prompt.toLowerCase()}`).join(', ');
  const fromEnv = requests.filter((request) => env[request.env]).map((request) => request.env);
  const explanation = `Standard input must hold ${expected}${fromEnv.length > 0 ? ` (${fromEnv.join(' and ')} already give the rest)` : ''}.`;
  const required = fromInput.filter((request) => !request.optional).length;
  if (lines.length < required || lines.slice(0, required).some((line) => line === '')) {
    const missing = fromInput[Math.min(lines.length, required - 1)]!;
    throw new CliUsageError(`Missing: ${missing.prompt.toLowerCase()}. Set ${missing.env} or give it on standard input. ${explanation}`);
  }
  if (lines.length > fromInput.length) throw new CliUsageError(`Standard input has more lines than expected; nothing was done. ${explanation}`);
  fromInput.forEach((request, i) => {
    if (lines[i]) secrets[request.name] = lines[i];
  });
  return secrets;
}

function promptHidden(stdin: Input, stderr: NodeJS.WritableStream, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    stderr.write(text);
    stdin.setRawMode!(true);
    stdin.setEncoding('utf8');
    stdin.resume();
    let value = '';
    const finish = (outcome: () => void) => {
      stdin.off('data', onData);
      stdin.setRawMode!(false);
      stdin.pause();
      stderr.write('\n');
      outcome();
    };
    const onData = (chunk: string | Buffer) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n') return finish(() => resolve(value));
        if (char === '\u0003') return finish(() => reject(new CliUsageError('Cancelled.')));
        value = char === '\u007f' || char === '\b' ? value.slice(0, -1) : value + char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** An encrypted iPhone backup's password: optional, since the vault keeps the key it derived the first time. */
export const BACKUP_PASSWORD: SecretRequest = { name: 'backupPassword', env: 'SENTINELLE_BACKUP_PASSWORD', prompt: 'Backup password (only if the vault does not know it yet)', optional: true };
