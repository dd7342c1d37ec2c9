// The lawyer's reader page (sentinelle-reader.html, built by scripts/build-reader.mjs): read once from the
// installation, with its SHA-256 — the fingerprint the report, the hand-over sheet and the README give so
// that an expert can check the page a lawyer was handed — and written beside a sealed bundle.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SentinelleError } from '../../src-shared/errors.js';
import { builtReaderFile } from '../package-info.js';

export const READER_FILE_NAME = 'sentinelle-reader.html';

export interface ReaderPage {
  bytes: Buffer;
  sha256: string;
}

let cached: ReaderPage | null = null;

/** The reader page of this installation; a clear error when it was not built (a source checkout before `npm run build`). */
export function readerPage(file = builtReaderFile): ReaderPage {
  if (cached && file === builtReaderFile) return cached;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new SentinelleError('internal', 'The lawyer’s reader page is missing from this installation of Sentinelle. Reinstall Sentinelle (or run `npm run build` in its source folder).', { cause: error, technical: file });
  }
  const page = { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
  if (file === builtReaderFile) cached = page;
  return page;
}

/**
 * Writes the reader page into `folder` (where a bundle was just sealed, on the USB key) unless the same page
 * is already there; a different file of that name is never replaced: the page is then written under a name
 * with this release's fingerprint. Returns where it is.
 */
export function writeReaderInto(folder: string): string {
  const page = readerPage();
  for (const name of [READER_FILE_NAME, `sentinelle-reader-${page.sha256.slice(0, 12)}.html`]) {
    const target = path.join(folder, name);
    try {
      fs.writeFileSync(target, page.bytes, { flag: 'wx' });
      return target;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (sameBytes(target, page.bytes)) return target;
    }
  }
  throw new SentinelleError('bundle.exists', `Two other files named like the reader page are already in ${folder}: the reader was not written there. Save it from Settings.`);
}

/** Writes the reader page as `file`; a file already there is never replaced (unless it is this very page). */
export function writeReaderAs(file: string): string {
  const page = readerPage();
  try {
    fs.writeFileSync(file, page.bytes, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    if (!sameBytes(file, page.bytes)) throw new SentinelleError('bundle.exists', `${file} already exists. Choose another name; Sentinelle never writes over a file.`);
  }
  return file;
}

function sameBytes(file: string, bytes: Buffer): boolean {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.size === bytes.length && fs.readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}
