// SHA-256 of the programs running on the computer, streamed from disk (never a whole file in memory) and
// remembered by path, size and modification time, so a second scan of the same laptop hashes only what
// changed. A program that cannot be read (another user's, without administrator rights) gives null.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { SentinelleError } from '../../../src-shared/errors.js';

export interface HashResult {
  sha256: string | null;
  /** Why there is no hash, when there is none. */
  error: string | null;
  fromCache: boolean;
}

/** Files larger than this are not hashed (a runaway `exe` link to a disk image): real programs are far smaller. */
const MAX_EXECUTABLE_BYTES = 4 * 1024 * 1024 * 1024;

export class ExecutableHasher {
  private readonly cache = new Map<string, string>();
  /** Bytes read from disk (not served from the cache) since this hasher was made. */
  bytesHashed = 0;

  /**
   * Hashes `path` (or `openPath`, when the file is better reached another way — a Linux process's
   * `/proc/PID/exe`, which still reads a program deleted since it started).
   */
  async hash(path: string, openPath = path, signal?: AbortSignal): Promise<HashResult> {
    let handle: fs.promises.FileHandle;
    try {
      // Non-blocking: a path that names a FIFO (argv[0] is the process's to choose) must not hang the scan.
      handle = await fs.promises.open(openPath, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    } catch (error) {
      return { sha256: null, error: errorText(error), fromCache: false };
    }
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return { sha256: null, error: 'not a regular file', fromCache: false };
      if (stat.size > MAX_EXECUTABLE_BYTES) return { sha256: null, error: `larger than ${MAX_EXECUTABLE_BYTES} bytes`, fromCache: false };
      const key = `${path}\u0000${stat.dev}:${stat.ino}\u0000${stat.size}\u0000${stat.mtimeMs}`;
      const known = this.cache.get(key);
      if (known) return { sha256: known, error: null, fromCache: true };
      const digest = createHash('sha256');
      for await (const chunk of handle.createReadStream({ autoClose: false, highWaterMark: 1024 * 1024 })) {
        if (signal?.aborted) throw new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.');
        digest.update(chunk as Buffer);
      }
      const sha256 = digest.digest('hex');
      this.bytesHashed += stat.size;
      this.cache.set(key, sha256);
      return { sha256, error: null, fromCache: false };
    } catch (error) {
      if (signal?.aborted) throw new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.');
      return { sha256: null, error: errorText(error), fromCache: false };
    } finally {
      await handle.close().catch(() => undefined);
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error);
}
