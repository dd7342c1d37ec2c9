// Compiles the community lists Sentinelle ships into signatures/compiled/community.json (git-ignored),
// which the app and electron-builder pick up; the app itself never fetches anything.
//
//   npm run signatures:update                     the pinned files (signatures/community/pins.json), shipped
//                                                 in signatures/community/<list>/ (else from a --mirror
//                                                 folder, or GitHub at the pinned commit); any file whose
//                                                 SHA-256 differs from its pin is refused
//   npm run signatures:update -- --optional       the same, but a list that cannot be had is left out with a
//                                                 warning (what `npm run build` runs)
//   npm run signatures:update -- --latest         moves the pins to each list's newest commit (asked of
//                                                 GitHub, or --commit SHA --date ISO with --mirror for files
//                                                 downloaded by hand), writes the new files where they are
//                                                 shipped, shows what changed, records the hashes
//   npm run signatures:update -- --from PATH…     compiles the files given, unpinned (to try a feed)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { checkPinned, rawUrl, readPins, sha256, shippedPath, sourceOf, writePins, type PinnedList } from '../src-main/signatures/community-pins.js';
import { readCompiledFeeds, writeCompiledFeeds } from '../src-main/signatures/compiled-feeds.js';
import { readFeedFiles, type SignatureFile } from '../src-main/signatures/import-file.js';
import type { ImportedSet } from '../src-main/signatures/imported-set.js';
import { MAX_FEED_BYTES } from '../src-main/signatures/input.js';

/** In a folder given with --from: the upstream feed files, and STIX bundles (`.stix2`, `.stix`, or `.json`). */
const FEED_FILE = /^(ioc\.ya?ml|watchware\.ya?ml|samples\.csv|app-flags\.csv)$|\.(stix2?|json)$/i;

async function fetchBytes(url: string): Promise<Buffer> {
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000), redirect: 'follow' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > MAX_FEED_BYTES) throw new Error(`${url}: ${declared} bytes is more than a feed can be`);
  return Buffer.from(await response.arrayBuffer());
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

/** A file of a list by its name, anywhere in a mirror folder (the upstream layout or flat). */
function fromMirror(mirror: string, file: string): Buffer | null {
  const found = fs.readdirSync(mirror, { recursive: true, withFileTypes: true }).find((entry) => entry.isFile() && entry.name === path.basename(file));
  return found ? fs.readFileSync(path.join(found.parentPath, found.name)) : null;
}

/** The pinned files of a list, each checked against its pin; written where they are shipped when they came from elsewhere. */
async function pinnedFiles(signaturesDir: string, list: PinnedList, mirror: string | undefined): Promise<SignatureFile[]> {
  const files: SignatureFile[] = [];
  for (const file of list.files) {
    const shipped = shippedPath(signaturesDir, list, file.path);
    let bytes = fs.existsSync(shipped) ? fs.readFileSync(shipped) : null;
    const fromRepository = bytes !== null && checkPinned(file, bytes) === null;
    if (!fromRepository) bytes = mirror ? fromMirror(mirror, file.path) : null;
    bytes ??= await fetchBytes(rawUrl(list, file.path));
    const problem = checkPinned(file, bytes);
    if (problem) throw new Error(`${list.name} at ${list.commit.slice(0, 12)}: ${problem}. Refused: only the pinned files are compiled.`);
    if (!fromRepository) {
      fs.mkdirSync(path.dirname(shipped), { recursive: true });
      fs.writeFileSync(shipped, bytes);
    }
    files.push({ name: path.basename(file.path), bytes });
  }
  return files;
}

/** The newest commit of a list's repository that touched its files, as GitHub tells it. */
async function newestCommit(list: PinnedList): Promise<{ commit: string; date: string }> {
  const repo = list.repository.replace('https://github.com/', '');
  const response = await fetch(`https://api.github.com/repos/${repo}/commits?per_page=1&path=${encodeURIComponent(list.files[0]!.path)}`, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok) throw new Error(`${repo}: HTTP ${response.status}`);
  const [latest] = (await response.json()) as { sha: string; commit: { committer: { date: string } } }[];
  if (!latest) throw new Error(`${repo}: no commit found`);
  return { commit: latest.sha, date: latest.commit.committer.date };
}

function describe(set: ImportedSet, before: Record<string, number> | undefined): string {
  const counts = Object.entries(set.stats).map(([key, count]) => {
    const change = before ? count - (before[key] ?? 0) : 0;
    return `${key} ${count}${before && change !== 0 ? ` (${change > 0 ? '+' : ''}${change})` : ''}`;
  });
  return `  ${set.name} ${set.version}: ${set.signatures.length} signatures — ${counts.join(', ')}`;
}

const { values } = parseArgs({
  options: {
    from: { type: 'string', multiple: true },
    mirror: { type: 'string' },
    out: { type: 'string' },
    optional: { type: 'boolean' },
    latest: { type: 'boolean' },
    commit: { type: 'string' },
    date: { type: 'string' },
  },
});
const repositorySignatures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'signatures');
const signaturesDir = values.out ?? repositorySignatures;
const previous = readCompiledFeeds(signaturesDir);

if (values.from) {
  const files = values.from.flatMap(readLocal);
  if (files.length === 0) throw new Error(`no feed files found in ${values.from.join(', ')}`);
  const sets = readFeedFiles(files);
  const written = writeCompiledFeeds(signaturesDir, sets, new Date());
  console.log(`Compiled ${files.map((file) => file.name).join(', ')} (unpinned) into ${path.relative(process.cwd(), written)}:`);
  for (const set of sets) {
    console.log(describe(set, undefined));
    for (const note of set.notes) console.log(`    note: ${note}`);
  }
} else {
  // With --out, the pins are read (and moved) there too: a copy to try an update on.
  const pins = readPins(signaturesDir);
  if (values.latest) {
    if (values.commit && !values.mirror) throw new Error('--commit needs --mirror: the files of that commit, downloaded by hand');
    for (const [i, list] of pins.lists.entries()) {
      const target = values.commit ? { commit: values.commit, date: values.date ?? new Date().toISOString() } : await newestCommit(list);
      const moved: PinnedList = { ...list, ...target };
      // The new files, read at the new commit (never from a branch), become the pins.
      const files = await Promise.all(list.files.map(async (file) => ({ file, bytes: values.mirror ? fromMirror(values.mirror, file.path) : await fetchBytes(rawUrl(moved, file.path)) })));
      const missing = files.find(({ bytes }) => bytes === null);
      if (missing) throw new Error(`${missing.file.path} is not in ${values.mirror}`);
      pins.lists[i] = { ...moved, files: files.map(({ file, bytes }) => ({ path: file.path, sha256: sha256(bytes!), bytes: bytes!.length })) };
    }
  }
  const sets: (ImportedSet & { source: ReturnType<typeof sourceOf> })[] = [];
  for (const list of pins.lists) {
    let files: SignatureFile[];
    try {
      files = await pinnedFiles(signaturesDir, list, values.mirror);
    } catch (error) {
      if (!values.optional) throw error;
      console.warn(`warning: ${list.name} left out of the compiled lists: ${error instanceof Error ? error.message : String(error)}`);
      continue;
    }
    for (const set of readFeedFiles(files)) sets.push({ ...set, version: `${list.commit.slice(0, 12)} (${list.date.slice(0, 10)})`, source: sourceOf(list) });
  }
  if (values.latest) writePins(signaturesDir, pins);
  if (sets.length === 0) {
    console.warn('warning: no community list could be compiled; the app will know only its own database.');
  } else {
    const written = writeCompiledFeeds(signaturesDir, sets, new Date());
    console.log(`Compiled the pinned community lists into ${path.relative(process.cwd(), written)}:`);
    for (const set of sets) console.log(`${describe(set, previous?.sets.find((old) => old.name === set.name)?.stats)} — ${set.source.repository} at ${set.source.commit} (${set.source.licence})`);
  }
}
