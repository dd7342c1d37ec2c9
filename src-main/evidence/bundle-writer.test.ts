// The bundle writer seals only what the manifest announces: a stored file that reads back shorter or
// different stops the export, leaving no bundle and no partial file; an existing name is never replaced.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../../tests/helpers/temp.js';
import { writeBundle } from './bundle-writer.js';
import { generateRecipientKeyPair } from './recipient-keys.js';

const dir = makeTempDir();
afterAll(() => removeDir(dir));
const recipient = generateRecipientKeyPair('test');
const file = (bytes: Buffer, announced: { size: number; sha256: string }) => ({ name: `artifacts/${announced.sha256}`, ...announced, read: async function* () { yield bytes; } });

describe('the bundle writer', () => {
  it('stops when a file does not match what the manifest announces, and leaves nothing behind', async () => {
    const out = path.join(dir, 'damaged.sntl');
    const promise = writeBundle({ out, recipients: [recipient], manifest: Buffer.from('{}'), files: [file(Buffer.from('short'), { size: 999, sha256: 'a'.repeat(64) })] });
    await expect(promise).rejects.toMatchObject({ code: 'bundle.unreadable' });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('never replaces a file that exists, nor removes a partial file it did not make', async () => {
    const out = path.join(dir, 'taken.sntl');
    fs.writeFileSync(`${out}.partial`, 'another export');
    await expect(writeBundle({ out, recipients: [recipient], manifest: Buffer.from('{}'), files: [] })).rejects.toMatchObject({ code: 'bundle.exists' });
    expect(fs.readFileSync(`${out}.partial`, 'utf8')).toBe('another export');
    fs.rmSync(`${out}.partial`);
    fs.writeFileSync(out, 'a lawyer’s copy');
    await expect(writeBundle({ out, recipients: [recipient], manifest: Buffer.from('{}'), files: [] })).rejects.toMatchObject({ code: 'bundle.exists' });
    expect(fs.readFileSync(out, 'utf8')).toBe('a lawyer’s copy');
    expect(fs.existsSync(`${out}.partial`)).toBe(false);
  });
});
