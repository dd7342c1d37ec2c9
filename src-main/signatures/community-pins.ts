// The community lists Sentinelle ships, pinned (`signatures/community/pins.json`, in the repository): for
// each list its upstream repository, the commit its files were taken from, that commit's date, its licence,
// and each file's path and SHA-256. The files themselves are in the repository, unchanged, beside their
// licence (`signatures/community/<list>/`), so that a fresh clone compiles them offline; the build refuses
// any whose hash differs from its pin. `npm run signatures:update -- --latest` fetches newer ones (or takes
// them from a mirror folder) into the same place and moves the pins forward.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const PINS_FILE = path.join('community', 'pins.json');
/** Where the shipped files of the lists are, one folder per list. */
export const SHIPPED_DIR = 'community';

const PinnedFile = z.object({ path: z.string().regex(/^[\w./-]+$/).max(300), sha256: z.string().regex(/^[0-9a-f]{64}$/), bytes: z.number().int().positive() });
const PinnedList = z.object({
  name: z.enum(['stalkerware-indicators', 'isdi']),
  repository: z.string().regex(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  date: z.iso.datetime({ offset: true }),
  licence: z.string().min(1).max(100),
  files: z.array(PinnedFile).min(1).max(20),
});
export type PinnedList = z.infer<typeof PinnedList>;
const Pins = z.object({ format: z.literal('sentinelle-community-pins'), formatVersion: z.literal(1), lists: z.array(PinnedList).min(1) }).strict();
export type Pins = z.infer<typeof Pins>;

export function readPins(signaturesDir: string): Pins {
  return Pins.parse(JSON.parse(fs.readFileSync(path.join(signaturesDir, PINS_FILE), 'utf8')));
}

export function writePins(signaturesDir: string, pins: Pins): void {
  fs.writeFileSync(path.join(signaturesDir, PINS_FILE), `${JSON.stringify(Pins.parse(pins), null, 2)}\n`);
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** Where GitHub serves a file at a commit (never a branch). */
export function rawUrl(list: Pick<PinnedList, 'repository' | 'commit'>, file: string): string {
  return `${list.repository.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/${list.commit}/${file}`;
}

/** The shipped copy of a pinned file, in its list's folder. */
export function shippedPath(signaturesDir: string, list: Pick<PinnedList, 'name'>, file: string): string {
  return path.join(signaturesDir, SHIPPED_DIR, list.name, path.basename(file));
}

/** Whether bytes are the pinned file; the reason when not. */
export function checkPinned(file: z.infer<typeof PinnedFile>, bytes: Buffer): string | null {
  if (bytes.length !== file.bytes) return `${file.path}: ${bytes.length} bytes, pinned ${file.bytes}`;
  const actual = sha256(bytes);
  return actual === file.sha256 ? null : `${file.path}: SHA-256 ${actual}, pinned ${file.sha256}`;
}

/** What the compiled set says about where it came from (shown in Settings and in reports). */
export function sourceOf(list: PinnedList): { repository: string; commit: string; date: string; licence: string; files: { path: string; sha256: string }[] } {
  return { repository: list.repository, commit: list.commit, date: list.date, licence: list.licence, files: list.files.map(({ path: file, sha256: hash }) => ({ path: file, sha256: hash })) };
}
