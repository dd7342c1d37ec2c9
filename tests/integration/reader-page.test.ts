// The lawyer's reader page as it is shipped: built reproducibly (the same sources give the same bytes, whose
// SHA-256 the README gives for the release and every report prints), self-contained, and forbidden by its
// own policy to make any request — and the report of a case where nothing was found says what was examined.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { READER_PAGE } from '../helpers/reader-page.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('the reader page', () => {
  it('is built the same way twice, and the README gives its SHA-256', () => {
    const built = fs.readFileSync(READER_PAGE);
    const dir = makeTempDir('sentinelle-reader-build-');
    try {
      // Built again from another folder as working directory: the same bytes.
      const again = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build-reader.mjs'), '--out', path.join(dir, 'again.html')], { cwd: dir, encoding: 'utf8' });
      expect(again.status, again.stderr).toBe(0);
      expect(sha256(fs.readFileSync(path.join(dir, 'again.html')))).toBe(sha256(built));
    } finally {
      removeDir(dir);
    }
    expect(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).toContain(`\`${sha256(built)}\``);
  });

  it('holds everything it runs, and its policy forbids every request', () => {
    const page = fs.readFileSync(READER_PAGE, 'utf8');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)?.[1] ?? '';
    const directives = new Map(policy.split(';').map((directive) => directive.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
    // Nothing may be fetched: everything falls back to 'none', and no directive names a place.
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.has('connect-src')).toBe(false);
    expect(policy).not.toMatch(/https?:|\*/);
    // One script, allowed by its own hash (and WebAssembly compiled from it); nothing loaded from elsewhere.
    const scripts = [...page.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(scripts[0]![1]).toBe('');
    expect(directives.get('script-src')).toEqual([`'sha256-${createHash('sha256').update(scripts[0]![2]!, 'utf8').digest('base64')}'`, "'wasm-unsafe-eval'"]);
    expect(page).not.toMatch(/<(link|img|iframe|object|embed)\b/);
  });
});
