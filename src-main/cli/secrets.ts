// Reading passphrases and recovery keys for the CLI: from an environment variable, from standard input
// (one per line, in the order asked), or typed at a hidden prompt. Never from the command line, where
// other users of the computer and the shell history would see them.
import { CliUsageError } from './errors.js';

interface Input extends NodeJS.ReadableStream {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

export interface SecretRequest {
  /** The environment variable that may hold it, e.g. SENTINELLE_PASSPHRASE. */
  env: string;
  /** What the hidden prompt says. */
  prompt: string;
  /** Ask twice at a prompt (for a new passphrase). */
  confirm?: boolean;
}

export class SecretReader {
  private pipedLines: string[] | null = null;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly stdin: Input,
    private readonly stderr: NodeJS.WritableStream,
  ) {}

  async read(request: SecretRequest): Promise<string> {
    const fromEnv = this.env[request.env];
    if (fromEnv) return fromEnv;
    if (this.stdin.isTTY && this.stdin.setRawMode) {
      const first = await this.prompt(`${request.prompt}: `);
      if (request.confirm && first !== (await this.prompt('Type it again to confirm: '))) {
        throw new CliUsageError('The two entries are not the same. Nothing was changed; try again.');
      }
      return first;
    }
    this.pipedLines ??= (await readAll(this.stdin)).split(/\r?\n/);
    const line = this.pipedLines.shift();
    if (line === undefined || line === '') {
      throw new CliUsageError(`Missing: ${request.prompt.toLowerCase()}. Set ${request.env} or give it on standard input, one per line.`);
    }
    return line;
  }

  private prompt(text: string): Promise<string> {
    const stdin = this.stdin;
    return new Promise((resolve, reject) => {
      this.stderr.write(text);
      stdin.setRawMode!(true);
      stdin.setEncoding('utf8');
      stdin.resume();
      let value = '';
      const finish = (outcome: () => void) => {
        stdin.off('data', onData);
        stdin.setRawMode!(false);
        stdin.pause();
        this.stderr.write('\n');
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
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}
