// Bundles the built command line (dist/src-main, as tsc leaves it) into dist/cli: its entry, the parse
// worker's entry and the chunks they share, the app's parts still loaded only when a command needs them.
// Node 20 loads each ES module separately, and the app is about 230 of them (95 are zod's): that loading
// was about 0.15 s of every command's start and of `serve` answering its first request. Native modules stay
// outside (they are loaded from node_modules); the desktop app keeps the unbundled files.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'dist', 'src-main');
const outdir = path.join(root, 'dist', 'cli');

fs.rmSync(outdir, { recursive: true, force: true });
await build({
  // The worker's entry sits beside the chunks, where system/parse-worker.ts looks for it first.
  entryPoints: [path.join(built, 'cli', 'bin.js'), path.join(built, 'workers', 'parse-worker.entry.js')],
  outdir,
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['better-sqlite3-multiple-ciphers', 'sodium-native', 'usb'],
  // CommonJS dependencies inside an ES module still call require() for Node's own modules.
  banner: { js: "import { createRequire as sentinelleCreateRequire } from 'node:module'; const require = sentinelleCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
fs.chmodSync(path.join(outdir, 'bin.js'), 0o755);
