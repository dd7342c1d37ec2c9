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
export function writeNewFile(file: string, content: string, mode = 0o644): void {
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
