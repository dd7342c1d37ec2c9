// Files named on the command line: read with a size limit checked before reading, with errors that say
// which file and why.
import fs from 'node:fs';
import { CliUsageError } from './errors.js';

export function readInputFile(file: string, maxBytes = 32 * 1024 * 1024): Buffer {
  let size: number;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) throw new CliUsageError(`${file} is not a file.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
  if (size > maxBytes) throw new CliUsageError(`${file} is too large (${Math.round(size / 1024 / 1024)} MB; at most ${Math.round(maxBytes / 1024 / 1024)} MB). Nothing was read.`);
  return fs.readFileSync(file);
}

/** Writes a new file; refuses to replace one (a key, a signature) that already exists. */
export function writeNewFile(file: string, content: string | Uint8Array, mode = 0o644): void {
  try {
    fs.writeFileSync(file, content, { flag: 'wx', mode });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new CliUsageError(`${file} already exists; nothing was overwritten.`);
    throw error;
  }
}

/** The file a command works on: its first word after the command. */
export function fileArgument(positionals: readonly string[], what: string): string {
  const file = positionals[0];
  if (!file) throw new CliUsageError(`Which ${what}? Give its path.`);
  return file;
}

/** Where a key pair goes (`--out NAME`: NAME.pub and NAME.key), refused before anything is made if either exists. */
export function keyPairDestination(out: string | undefined): { publicFile: string; secretFile: string } {
  if (!out) throw new CliUsageError('Where should the keys go? Give --out NAME (writes NAME.pub and NAME.key).');
  const files = { publicFile: `${out}.pub`, secretFile: `${out}.key` };
  for (const file of [files.secretFile, files.publicFile]) if (fs.existsSync(file)) throw new CliUsageError(`${file} already exists; nothing was overwritten.`);
  return files;
}

/** Writes a key pair: the secret half readable by its owner only. */
export function writeKeyPair(files: { publicFile: string; secretFile: string }, publicText: string, secretText: string): void {
  writeNewFile(files.secretFile, secretText, 0o600);
  writeNewFile(files.publicFile, publicText);
}
