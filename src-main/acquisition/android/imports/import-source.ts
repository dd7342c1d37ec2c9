// An offline acquisition as a set of named files, whether it is a folder or a zip (read with yauzl). Only
// the files asked for are read, each up to a size limit, so a hostile or truncated archive (a zip bomb, an
// entry that lies about its size, a name that climbs out with `..`) gives a clear error and nothing else.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { SentinelleError } from '../../../../src-shared/errors.js';
import { NotRegularFile, readRegularFile } from '../../../system/regular-file.js';

/** The largest file read from an acquisition (a bugreport's main text is typically 20–150 MB). */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;
/** All the files read from one acquisition together. */
export const MAX_TOTAL_BYTES = 1024 * 1024 * 1024;
const MAX_ENTRIES = 200_000;
/** Folders are searched this deep: an acquisition's files sit at its top or one or two folders down. */
const MAX_DEPTH = 3;

export interface ImportSource {
  /** What the advocate chose: the folder or the zip, for messages and the custody log. */
  readonly origin: string;
  /** Relative names with `/` separators. */
  readonly names: readonly string[];
  /** A file's bytes, refused past `maxBytes` (MAX_FILE_BYTES unless smaller) or past MAX_TOTAL_BYTES for the source. */
  read(name: string, maxBytes?: number): Promise<Buffer>;
  close(): void;
}

export function unreadable(origin: string, what: string, cause?: unknown): SentinelleError {
  return new SentinelleError('import.unreadable', `Sentinelle could not read ${path.basename(origin)}: ${what}. Nothing was added to the case.`, { cause, technical: cause === undefined ? origin : undefined });
}

export async function openImportSource(origin: string): Promise<ImportSource> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(origin);
  } catch (error) {
    throw unreadable(origin, 'the file or folder was not found', error);
  }
  if (stat.isDirectory()) return folderSource(origin);
  return zipSource(origin, () => new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.open(origin, ZIP_OPTIONS, (error, opened) => (error || !opened ? reject(error) : resolve(opened)))));
}

/** How every archive is opened: entries one at a time, sizes checked while inflating, names not trusted. */
const ZIP_OPTIONS: yauzl.Options = { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true };

/**
 * An acquisition sent by the headless app's browser: one zip (read where it lies in the upload spool), or the
 * files of a folder (named by their path inside it, the folder's own name left out, as for a folder here).
 */
export async function openUploadedSource(uploads: readonly { name: string; size: number; open(): Promise<RandomAccess> }[]): Promise<ImportSource> {
  const first = uploads[0];
  if (!first) throw unreadable('upload', 'nothing was sent');
  if (uploads.length === 1 && !first.name.includes('/')) {
    const access = await first.open();
    return zipSource(first.name, () => new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromRandomAccessReader(new AccessReader(access), access.size, ZIP_OPTIONS, (error, opened) => (error || !opened ? reject(error) : resolve(opened)))), () => void access.close());
  }
  const folder = first.name.split('/')[0]!;
  const files = new Map(uploads.map((upload) => [upload.name.startsWith(`${folder}/`) ? upload.name.slice(folder.length + 1) : upload.name, upload]));
  const spend = budget(folder);
  return {
    origin: folder,
    names: [...files.keys()].filter((name) => name.split('/').length <= MAX_DEPTH).slice(0, MAX_ENTRIES),
    async read(name, maxBytes) {
      const upload = files.get(name);
      if (!upload) throw unreadable(folder, `${name} is missing`);
      spend(name, upload.size, maxBytes);
      const access = await upload.open();
      try {
        return await access.read(0, upload.size);
      } finally {
        await access.close();
      }
    },
    close() {},
  };
}

/** Random access to a file's bytes (an upload kept encrypted, read back a piece at a time). */
export interface RandomAccess {
  readonly size: number;
  read(position: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

/** yauzl's reader over a RandomAccess: each range it asks for, streamed a piece at a time. */
class AccessReader extends yauzl.RandomAccessReader {
  constructor(private readonly access: RandomAccess) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const access = this.access;
    return Readable.from(
      (async function* () {
        for (let position = start; position < end; position += 256 * 1024) yield await access.read(position, Math.min(256 * 1024, end - position));
      })(),
    );
  }
}

/** Counts what a source has handed out, so that one acquisition cannot make Sentinelle read without end. */
function budget(origin: string) {
  let total = 0;
  return (name: string, size: number, maxBytes = MAX_FILE_BYTES) => {
    const limit = Math.min(maxBytes, MAX_FILE_BYTES);
    if (size > limit) throw unreadable(origin, `${name} is larger than Sentinelle reads for it (${Math.round(limit / 1024 / 1024)} MiB)`);
    total += size;
    if (total > MAX_TOTAL_BYTES) throw unreadable(origin, `its files together are larger than Sentinelle reads (${MAX_TOTAL_BYTES / 1024 / 1024} MiB)`);
  };
}

async function folderSource(root: string): Promise<ImportSource> {
  const names: string[] = [];
  const walk = async (dir: string, prefix: string, depth: number): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (depth === 0) throw unreadable(root, 'the folder cannot be opened', error);
      return; // an unreadable subfolder (lost+found…) holds nothing of the acquisition
    }
    for (const entry of entries) {
      if (names.length >= MAX_ENTRIES) return;
      const name = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory() && depth + 1 < MAX_DEPTH) await walk(path.join(dir, entry.name), name, depth + 1);
      else if (entry.isFile()) names.push(name);
    }
  };
  await walk(root, '', 0);
  const known = new Set(names);
  const spend = budget(root);
  return {
    origin: root,
    names,
    async read(name, maxBytes) {
      if (!known.has(name)) throw unreadable(root, `${name} is missing`);
      const file = path.join(root, ...name.split('/'));
      try {
        spend(name, (await fs.promises.lstat(file)).size, maxBytes);
        // An ordinary file only: not a link out of the folder, a pipe or a device.
        return readRegularFile(file, MAX_FILE_BYTES);
      } catch (error) {
        throw error instanceof SentinelleError ? error : unreadable(root, error instanceof NotRegularFile ? `${name} cannot be read: ${error.message}` : `${name} cannot be read`, error);
      }
    },
    close() {},
  };
}

async function zipSource(file: string, openZip: () => Promise<yauzl.ZipFile>, release: () => void = () => undefined): Promise<ImportSource> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip();
  } catch (error) {
    release();
    throw unreadable(file, 'it is not a folder or a zip archive it can open', error);
  }
  const entries = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('entry', (entry: yauzl.Entry) => {
        const name = entry.fileName.replace(/\\/g, '/');
        if (entries.size >= MAX_ENTRIES) return reject(unreadable(file, 'the archive holds too many files'));
        // A name that climbs out of the archive, or one given twice (which copy is the evidence?): refused by name.
        if (name.split('/').includes('..') || name.startsWith('/')) return reject(unreadable(file, `the archive holds a file named “${name.slice(0, 200)}”, outside the archive`));
        if (entries.has(name)) return reject(unreadable(file, `the archive holds two files named “${name.slice(0, 200)}”`));
        if (!name.endsWith('/')) entries.set(name, entry);
        zip.readEntry();
      });
      zip.on('end', () => resolve());
      zip.on('error', (error: Error) => {
        // yauzl's own check of entry names: one that climbs out is named, as when this code finds it.
        const climbing = /^(?:invalid relative path|absolute path): (.*)$/.exec(error.message)?.[1];
        reject(unreadable(file, climbing === undefined ? 'the archive is damaged or truncated' : `the archive holds a file named “${climbing.slice(0, 200)}”, outside the archive`, error));
      });
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    release();
    throw error;
  }
  const spend = budget(file);
  return {
    origin: file,
    names: [...entries.keys()],
    async read(name, maxBytes) {
      const entry = entries.get(name);
      if (!entry) throw unreadable(file, `${name} is missing`);
      // yauzl checks while inflating that an entry is no larger than it says (validateEntrySizes).
      spend(name, entry.uncompressedSize, maxBytes);
      if (entry.isEncrypted()) throw unreadable(file, `${name} is encrypted; decrypt the acquisition first`);
      const stream = await new Promise<NodeJS.ReadableStream>((resolve, reject) => zip.openReadStream(entry, (error, opened) => (error || !opened ? reject(unreadable(file, `${name} cannot be read`, error)) : resolve(opened))));
      const chunks: Buffer[] = [];
      try {
        for await (const chunk of stream) chunks.push(chunk as Buffer);
      } catch (error) {
        throw unreadable(file, `${name} is damaged or truncated`, error);
      }
      return Buffer.concat(chunks);
    },
    close() {
      zip.close();
      release();
    },
  };
}

/** The names found under the same folder as `anchor` (an androidqf zip may hold one top folder). */
export function siblingsOf(names: readonly string[], anchor: string): { prefix: string; names: string[] } {
  const prefix = anchor.includes('/') ? anchor.slice(0, anchor.lastIndexOf('/') + 1) : '';
  return { prefix, names: names.filter((name) => name.startsWith(prefix) && !name.slice(prefix.length).includes('/')).map((name) => name.slice(prefix.length)) };
}
