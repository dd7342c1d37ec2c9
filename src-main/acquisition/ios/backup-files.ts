// Where an iPhone backup's files are read from: a folder on this computer — opened without following a link
// planted in it, never writing anything beside it — or the files of a backup folder the headless app's
// browser sent (kept encrypted in the upload spool, read back as streams). Names are the backup's own:
// `Manifest.db`, `Info.plist`, `ab/ab12…` (a file under its hashed name).
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

/** Random access to a file's bytes (an upload kept encrypted). */
export interface RandomAccessFile {
  readonly size: number;
  read(position: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export interface BackupFiles {
  /** What the advocate chose, for messages: the folder's path, or the name of the folder the browser sent. */
  readonly origin: string;
  /** A regular file, nothing, or something else (a link, a FIFO that would block a reader for ever, a device, a folder). */
  kind(name: string): 'file' | 'missing' | 'other';
  size(name: string): number;
  /** The first bytes of a file. */
  head(name: string, bytes: number): Promise<Buffer>;
  stream(name: string): Readable;
  /** Where SQLite may open the file in place (a folder here), or null: it is read into memory. */
  localPath(name: string): string | null;
}

/** Open flags for a backup's files: a symbolic link planted in the folder is not followed. */
const READ_NO_FOLLOW = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0);

export function folderFiles(dir: string): BackupFiles {
  const full = (name: string) => path.join(dir, ...name.split('/'));
  return {
    origin: dir,
    kind(name) {
      try {
        return fs.lstatSync(full(name)).isFile() ? 'file' : 'other';
      } catch {
        return 'missing';
      }
    },
    size: (name) => fs.statSync(full(name)).size,
    async head(name, bytes) {
      const buffer = Buffer.alloc(bytes);
      const handle = fs.openSync(full(name), READ_NO_FOLLOW);
      try {
        const read = fs.readSync(handle, buffer, 0, bytes, 0);
        return buffer.subarray(0, read);
      } finally {
        fs.closeSync(handle);
      }
    },
    stream: (name) => fs.createReadStream(full(name), { fd: fs.openSync(full(name), READ_NO_FOLLOW) }),
    localPath: (name) => full(name),
  };
}

/**
 * A backup folder sent by the browser: its files by their path inside the folder the advocate chose (the
 * folder's own name left out), each read back from where it is kept.
 */
export function uploadedFiles(origin: string, files: ReadonlyMap<string, { size: number; open(): Promise<RandomAccessFile> }>): BackupFiles {
  const find = (name: string) => files.get(name);
  return {
    origin,
    kind: (name) => (find(name) ? 'file' : 'missing'),
    size: (name) => find(name)?.size ?? 0,
    async head(name, bytes) {
      const access = await find(name)!.open();
      try {
        return await access.read(0, bytes);
      } finally {
        await access.close();
      }
    },
    stream(name) {
      const file = find(name)!;
      return Readable.from(
        (async function* () {
          const access = await file.open();
          try {
            for (let position = 0; position < file.size; position += 256 * 1024) yield await access.read(position, 256 * 1024);
          } finally {
            await access.close();
          }
        })(),
      );
    },
    localPath: () => null,
  };
}
