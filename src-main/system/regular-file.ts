// Reading a file someone else made (a phone recording, an offline acquisition's folder): only an ordinary
// file is read — not a link that points out of the folder, a named pipe that never ends, or a device such
// as /dev/zero — opened without following links and without blocking, and never past the size it had when
// it was checked (or was declared to have).
import fs from 'node:fs';

export class NotRegularFile extends Error {
  constructor(
    message: string,
    /** `size` when it is an ordinary file of another size than expected; `kind` when it is no ordinary file. */
    readonly reason: 'kind' | 'size' = 'kind',
  ) {
    super(message);
  }
}

/** Whether the path is an ordinary folder itself (not a link to one). */
export function isRealDirectory(dir: string): boolean {
  try {
    return fs.lstatSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The file's bytes, when it is an ordinary file of at most `maxBytes` (and exactly `expectedSize`, when
 * given). Throws NotRegularFile (with what it is instead) or the file system's error.
 */
export function readRegularFile(file: string, maxBytes: number, expectedSize?: number): Buffer {
  const before = fs.lstatSync(file);
  if (before.isSymbolicLink()) throw new NotRegularFile('it is a link to another place');
  if (!before.isFile()) throw new NotRegularFile('it is not an ordinary file (a pipe, a device or a folder)');
  if (before.size > maxBytes) throw new NotRegularFile(`it is larger than ${Math.round(maxBytes / 1024 / 1024)} MiB`, 'size');
  if (expectedSize !== undefined && before.size !== expectedSize) throw new NotRegularFile(`its size (${before.size} bytes) is not the one recorded (${expectedSize})`, 'size');
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  try {
    const opened = fs.fstatSync(fd);
    // Swapped between the check and the opening: refused all the same.
    if (!opened.isFile() || opened.ino !== before.ino || opened.dev !== before.dev) throw new NotRegularFile('it changed while it was being opened');
    const bytes = Buffer.alloc(before.size);
    let read = 0;
    while (read < bytes.length) {
      const got = fs.readSync(fd, bytes, read, bytes.length - read, read);
      if (got === 0) break;
      read += got;
    }
    if (read !== bytes.length) throw new NotRegularFile('it is shorter than it said');
    return bytes;
  } finally {
    fs.closeSync(fd);
  }
}
