// Builds the lawyer's reader (src-renderer/reader) into one self-contained page, dist/reader/
// sentinelle-reader.html: the page's script (the reader, the bundle format's shared verifier, zod, fflate and
// libsodium-wrappers with its WebAssembly inlined) and style are written inside it, and its content policy
// allows that one script by its hash and nothing else — no request of any kind. The build is reproducible
// (same sources and tools, same bytes), so that the page's SHA-256 can be published with a release; the
// command prints it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'src-renderer', 'reader');
// `--out FILE` builds elsewhere (a test builds it again to compare, without touching the one in use).
const outArgument = process.argv.indexOf('--out');
const outFile = outArgument > 0 ? path.resolve(process.argv[outArgument + 1]) : path.join(root, 'dist', 'reader', 'sentinelle-reader.html');

const bundled = await build({
  entryPoints: [path.join(source, 'main.ts')],
  // Paths inside the bundle are relative to the project, whatever folder it was checked out in.
  absWorkingDir: root,
  bundle: true,
  write: false,
  format: 'iife',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  charset: 'utf8',
  // libsodium's loader looks for Node's modules only when it runs under Node; in a page they are never asked for.
  external: ['fs', 'path', 'crypto', 'url', 'worker_threads'],
  logLevel: 'warning',
});
// Inside a script element, "</script" would end it and "<!--" would change how the rest is read.
const script = bundled.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
const scriptHash = createHash('sha256').update(script, 'utf8').digest('base64');
const policy = [
  "default-src 'none'",
  `script-src 'sha256-${scriptHash}' 'wasm-unsafe-eval'`,
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
const page = fs
  .readFileSync(path.join(source, 'reader.html'), 'utf8')
  .replace('%CSP%', () => policy)
  .replace('%STYLE%', () => fs.readFileSync(path.join(source, 'reader.css'), 'utf8'))
  .replace('%SCRIPT%', () => `<script>${script}</script>`);
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, page);
const sha256 = createHash('sha256').update(page, 'utf8').digest('hex');
console.log(`Reader page: ${path.relative(root, outFile)} (${(Buffer.byteLength(page) / 1024).toFixed(0)} KiB), SHA-256 ${sha256}`);
