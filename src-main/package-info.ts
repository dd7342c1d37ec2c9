// Facts about this installation of Sentinelle read from its package.json — the version, and the folder
// the package sits in (to find the built renderer) — whether it runs from dist/, from source or from an
// Electron archive.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) {
      const parsed = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: unknown };
      if (parsed.name === 'sentinelle') return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no sentinelle package.json above ${start}`);
  }
}

export const packageRoot = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

export const version: string = (JSON.parse(fs.readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** Where `vite build` puts the renderer. */
export const builtRendererDir = path.join(packageRoot, 'dist', 'renderer');

/** The project's signature database, shipped with the app (electron-builder packs `signatures/`). */
export const builtinSignaturesDir = path.join(packageRoot, 'signatures');

/** Demo phones and other resources shipped beside the app (electron-builder's extraResources when packaged). */
export const builtinResourcesDir = path.join(packageRoot, 'resources');

/** The lawyer's reader page, as `npm run build` makes it (scripts/build-reader.mjs); packed with dist/. */
export const builtReaderFile = path.join(packageRoot, 'dist', 'reader', 'sentinelle-reader.html');
