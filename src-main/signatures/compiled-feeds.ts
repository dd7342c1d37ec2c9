// The compiled community feeds (`signatures/compiled/community.json`, git-ignored): the pinned upstream
// files (community-pins.ts) compiled at build time — or files given to `npm run signatures:update -- --from`
// — validated and converted, so the app and electron-builder pick it up without any network at run time.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SentinelleError } from '../../src-shared/errors.js';
import { SignatureEntry } from '../../src-shared/signature-format.js';
import { describeIssues } from './input.js';
import type { ImportedSet } from './imported-set.js';

export const COMPILED_FEEDS_FILE = path.join('compiled', 'community.json');

const CompiledSet = z.object({
  name: z.string(),
  format: z.enum(['stalkerware-indicators', 'isdi', 'stix2', 'pack']),
  version: z.string(),
  credit: z.string().nullable(),
  contentSha256: z.string(),
  stats: z.record(z.string(), z.number()),
  notes: z.array(z.string()),
  /** The pinned upstream files it was compiled from; null for files compiled as given (`--from`). */
  source: z
    .object({ repository: z.string(), commit: z.string(), date: z.string(), licence: z.string(), files: z.array(z.object({ path: z.string(), sha256: z.string() })) })
    .nullable()
    .default(null),
  signatures: z.array(SignatureEntry),
});
export type CompiledSet = z.infer<typeof CompiledSet>;

const CompiledFeeds = z.object({
  format: z.literal('sentinelle-compiled-feeds'),
  formatVersion: z.literal(1),
  compiledAt: z.iso.datetime({ offset: true }),
  sets: z.array(CompiledSet),
});
export type CompiledFeeds = z.infer<typeof CompiledFeeds>;

export function writeCompiledFeeds(signaturesDir: string, sets: readonly (ImportedSet & { source?: CompiledSet['source'] })[], compiledAt: Date): string {
  const file = path.join(signaturesDir, COMPILED_FEEDS_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const content: CompiledFeeds = {
    format: 'sentinelle-compiled-feeds',
    formatVersion: 1,
    compiledAt: compiledAt.toISOString(),
    sets: sets.map(({ name, format, version, credit, contentSha256, stats, notes, source, signatures }) => ({ name, format, version, credit, contentSha256, stats, notes, source: source ?? null, signatures })),
  };
  const temporary = `${file}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(content));
  fs.renameSync(temporary, file);
  return file;
}

/** The compiled feeds, or null when none were compiled (a development checkout). */
export function readCompiledFeeds(signaturesDir: string): CompiledFeeds | null {
  const file = path.join(signaturesDir, COMPILED_FEEDS_FILE);
  if (!fs.existsSync(file)) return null;
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SentinelleError('signatures.invalid', 'The compiled community signatures are damaged. Run `npm run signatures:update` again, or reinstall Sentinelle.', { cause: error });
  }
  const parsed = CompiledFeeds.safeParse(json);
  if (!parsed.success) {
    throw new SentinelleError('signatures.invalid', 'The compiled community signatures are damaged. Run `npm run signatures:update` again, or reinstall Sentinelle.', { technical: describeIssues(parsed.error) });
  }
  return parsed.data;
}
