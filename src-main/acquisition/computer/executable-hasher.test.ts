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

  it('gives each process the hash of its own file, even when two share a path', async () => {
    const { hashProcessExecutables } = await import('./process-hashes.js');
    const [old, replaced] = [path.join(dir, 'old'), path.join(dir, 'new')];
    fs.writeFileSync(old, 'the program that was running');
    fs.writeFileSync(replaced, 'the program put in its place');
    const process = (pid: number) => ({ platform: 'linux' as const, pid, ppid: 1, user: 'zoe', name: 'agent', executable: '/opt/agent', commandLine: null, sha256: null, signed: null, signer: null, self: false });
    const processes = [process(10), process(11)];
    const hasher = new ExecutableHasher();
    await hashProcessExecutables({ platform: 'linux', home: dir, hasher, run: async () => null, readFile: async () => null, keep: () => '', note: () => undefined, progress: () => undefined }, processes, (p) => (p.pid === 10 ? old : replaced));
    expect(processes.map((p) => p.sha256)).toEqual([old, replaced].map((file) => createHash('sha256').update(fs.readFileSync(file)).digest('hex')));
  });

  it('says a stopped scan was stopped', async () => {
    const controller = new AbortController();
    controller.abort();
    const file = path.join(dir, 'big');
    fs.writeFileSync(file, Buffer.alloc(4 * 1024 * 1024));
    await expect(new ExecutableHasher().hash(file, file, controller.signal)).rejects.toMatchObject({ code: 'scan.cancelled' });
  });
});
