// `npm run signatures:update [-- --from FILE_OR_DIR_OR_URL ...]`: fetches the community feeds (Echap's
// stalkerware-indicators, ISDi's app flags) — or reads them from files — validates and converts them, and
// writes signatures/compiled/community.json (git-ignored), which the app and electron-builder pick up.
// Run it when packaging; the app itself never fetches anything.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { writeCompiledFeeds } from '../src-main/signatures/compiled-feeds.js';
import { readFeedFiles, type SignatureFile } from '../src-main/signatures/import-file.js';
import { MAX_FEED_BYTES } from '../src-main/signatures/input.js';

const UPSTREAM = [
  'https://raw.githubusercontent.com/AssoEchap/stalkerware-indicators/master/ioc.yaml',
  'https://raw.githubusercontent.com/AssoEchap/stalkerware-indicators/master/watchware.yaml',
  'https://raw.githubusercontent.com/AssoEchap/stalkerware-indicators/master/samples.csv',
  'https://raw.githubusercontent.com/stopipv/isdi/master/src/isdi/data/app-flags.csv',
];
/** In a folder: the upstream feed files, and STIX bundles (`.stix2`, `.stix`, or `.json`). */
const FEED_FILE = /^(ioc\.ya?ml|watchware\.ya?ml|samples\.csv|app-flags\.csv)$|\.(stix2?|json)$/i;

async function fetchFeed(url: string): Promise<SignatureFile> {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000), redirect: 'follow' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_FEED_BYTES) throw new Error(`${url}: ${declared} bytes is more than a feed can be`);
  return { name: path.basename(new URL(url).pathname), bytes: Buffer.from(await response.arrayBuffer()) };
}

function readLocal(source: string): SignatureFile[] {
  const stat = fs.statSync(source);
  if (stat.isFile()) return [{ name: path.basename(source), bytes: fs.readFileSync(source) }];
  return fs
    .readdirSync(source, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && FEED_FILE.test(entry.name))
    .map((entry) => ({ name: entry.name, bytes: fs.readFileSync(path.join(entry.parentPath, entry.name)) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

const { values } = parseArgs({ options: { from: { type: 'string', multiple: true }, out: { type: 'string' } } });
const sources = values.from ?? UPSTREAM;
const files: SignatureFile[] = [];
for (const source of sources) files.push(...(/^https?:\/\//.test(source) ? [await fetchFeed(source)] : readLocal(source)));
if (files.length === 0) throw new Error(`no feed files found in ${sources.join(', ')}`);

const sets = readFeedFiles(files);
const signaturesDir = values.out ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'signatures');
const written = writeCompiledFeeds(signaturesDir, sets, new Date());
console.log(`Compiled ${files.map((file) => file.name).join(', ')} into ${path.relative(process.cwd(), written)}:`);
for (const set of sets) {
  console.log(`  ${set.name} ${set.version}: ${set.signatures.length} signatures — ${Object.entries(set.stats).map(([key, count]) => `${key} ${count}`).join(', ')}`);
  for (const note of set.notes) console.log(`    note: ${note}`);
}
