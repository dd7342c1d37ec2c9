// Executable hashes: streamed, equal to a one-shot SHA-256, served from the cache while path, size and
// modification time stay the same, computed again when the file changes; unreadable files give a reason.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp.js';
import { ExecutableHasher } from './executable-hasher.js';

const dir = makeTempDir();
afterAll(() => removeDir(dir));

describe('the executable hasher', () => {
  it('hashes once, then answers from the cache until the file changes', async () => {
    const file = path.join(dir, 'agent');
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    fs.writeFileSync(file, bytes);
    const hasher = new ExecutableHasher();
    const first = await hasher.hash(file);
    expect(first).toEqual({ sha256: createHash('sha256').update(bytes).digest('hex'), error: null, fromCache: false });
    expect((await hasher.hash(file)).fromCache).toBe(true);
    expect(hasher.bytesHashed).toBe(bytes.length);
    fs.appendFileSync(file, 'x');
    const changed = await hasher.hash(file);
    expect(changed.fromCache).toBe(false);
    expect(changed.sha256).toBe(createHash('sha256').update(Buffer.concat([bytes, Buffer.from('x')])).digest('hex'));
  });

  it('reads through another path (a process’s /proc/PID/exe) and reports what it cannot read', async () => {
    const hasher = new ExecutableHasher();
    const self = await hasher.hash('/proc/self/exe-as-named', `/proc/${process.pid}/exe`);
    expect(self.sha256).toBe(createHash('sha256').update(fs.readFileSync(process.execPath)).digest('hex'));
    expect(await hasher.hash(path.join(dir, 'missing'))).toEqual({ sha256: null, error: 'ENOENT', fromCache: false });
    expect((await hasher.hash(dir)).error).toBe('not a regular file');
  });
});
