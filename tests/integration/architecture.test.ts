// The layers stay apart (as VS Code keeps its environments apart): only src-main/electron imports
// Electron; src-shared needs neither Node nor the DOM; the renderer reaches the back end only through the
// typed API; the doors (electron, host, cli) call the app, not the services behind it.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RENDERER_CSP } from '../../src-shared/content-security-policy.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourceFiles(folder: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|cts)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)].map(
    (match) => match[1] ?? match[2] ?? match[3] ?? match[4]!,
  );
}

/** Resolves a relative import to a path from the repository root. */
function target(file: string, specifier: string): string {
  return specifier.startsWith('.') ? path.relative(ROOT, path.resolve(ROOT, path.dirname(file), specifier)) : specifier;
}

describe('layering', () => {
  it('imports Electron only inside src-main/electron', () => {
    const offenders = ['src-main', 'src-shared', 'src-renderer']
      .flatMap(sourceFiles)
      .filter((file) => !file.startsWith(`src-main${path.sep}electron${path.sep}`))
      .filter((file) => importsOf(file).some((spec) => spec === 'electron' || spec.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  it('keeps src-shared free of Node, the DOM and the other layers', () => {
    const offenders = sourceFiles('src-shared').flatMap((file) =>
      importsOf(file)
        .filter((spec) => !(spec === 'zod' || spec === 'tldts' || (spec.startsWith('.') && target(file, spec).startsWith('src-shared'))))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('lets the renderer use only src-shared, its own files and its UI libraries', () => {
    const allowedPackages = new Set(['react', 'react-dom/client', 'react/jsx-runtime', 'zustand', 'zod']);
    const offenders = sourceFiles('src-renderer').flatMap((file) =>
      importsOf(file)
        .filter((spec) => !allowedPackages.has(spec))
        .filter((spec) => !(spec.startsWith('.') && /^src-(renderer|shared)/.test(target(file, spec))))
        .map((spec) => `${file} → ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('has the doors (electron, host, cli) call app.ts rather than the services behind it', () => {
    const servicesFolders = ['vault', 'acquisition', 'signatures', 'detection', 'evidence', 'forward', 'response', 'demo'];
    const offenders = ['src-main/electron', 'src-main/host', 'src-main/cli'].flatMap(sourceFiles).flatMap((file) =>
      importsOf(file)
        .map((spec) => target(file, spec))
        .filter((resolved) => servicesFolders.some((folder) => resolved.startsWith(path.join('src-main', folder))))
        .map((resolved) => `${file} → ${resolved}`),
    );
    expect(offenders).toEqual([]);
  });
});

describe('the renderer page', () => {
  it("carries the same Content-Security-Policy as the host and Electron send (frame-ancestors aside, which a meta tag cannot set)", () => {
    const html = fs.readFileSync(path.join(ROOT, 'src-renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CSP.replace("; frame-ancestors 'none'", ''));
  });
});
