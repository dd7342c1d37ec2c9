// Bundles the built back end (dist/src-main, as tsc leaves it) twice: the command line into dist/cli (its
// entry, the parse worker's entry and the chunks they share, the app's parts still loaded only when a command
// needs them), and the desktop app's main process into dist/electron (Electron itself left out, the preload
// script copied beside it, the parse worker's entry too). Node 20 loads each ES module separately, and the
// app is about 230 of them (95 are zod's): that loading was about 0.15 s of every command's start, of `serve`
// answering its first request, and of the desktop window opening. Native modules stay outside (they are
// loaded from node_modules).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'src-main');

/** One bundle: its entries, and the worker's entry beside their chunks (where system/parse-worker.ts looks first). */
async function bundle(entry, outdir, external) {
  fs.rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [entry, path.join(built, 'workers', 'parse-worker.entry.js')],
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    external: ['better-sqlite3-multiple-ciphers', 'sodium-native', 'usb', ...external],
    // CommonJS dependencies inside an ES module still call require() for Node's own modules.
    banner: { js: "import { createRequire as sentinelleCreateRequire } from 'node:module'; const require = sentinelleCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
}

const cli = path.join(root, 'dist', 'cli');
await bundle(path.join(built, 'cli', 'bin.js'), cli, []);
fs.chmodSync(path.join(cli, 'bin.js'), 0o755);

const electron = path.join(root, 'dist', 'electron');
await bundle(path.join(built, 'electron', 'main.js'), electron, ['electron']);
// The preload runs in the window's sandbox as CommonJS: copied as tsc left it, beside the main process.
fs.copyFileSync(path.join(built, 'electron', 'preload.cjs'), path.join(electron, 'preload.cjs'));
