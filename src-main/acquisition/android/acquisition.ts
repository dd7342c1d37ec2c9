// One Android acquisition, whatever its origin — a live scan over adb, an androidqf folder, a bugreport —
// in the same shape: what each listing said, and which artifact (SHA-256) each part was read from. The
// observations are made from this shape by one function, so every origin is analysed the same way.
import { isUnavailable } from './collectors/collector.js';
import { listingOf } from './collectors/index.js';
import { parseSha256sum } from './parsers/sha256sum.js';
import { mergeUsers, type AndroidUser } from './parsers/users.js';
import type { AndroidAcquisition } from './acquisition-data.js';

export { emptyAcquisition, type AndroidAcquisition, type UserPackage } from './acquisition-data.js';

export interface CommandOutput {
  command: string;
  text: string;
  sha256: string;
}

export function addEvidence(acquisition: AndroidAcquisition, collectorId: string, sha256: string): void {
  const list = acquisition.evidence.get(collectorId) ?? [];
  if (!list.includes(sha256)) list.push(sha256);
  acquisition.evidence.set(collectorId, list);
}

/** A line longer than this is not read: no listing prints one, and a parser need not scan it. */
export const MAX_LINE_CHARS = 64 * 1024;

/** The text without its lines over MAX_LINE_CHARS, and how many there were (the text itself when none). */
export function withoutLongLines(text: string): { text: string; skipped: number } {
  if (text.length <= MAX_LINE_CHARS) return { text, skipped: 0 };
  const kept: string[] = [];
  let skipped = 0;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (end - start > MAX_LINE_CHARS) skipped += 1;
    else kept.push(text.slice(start, end));
    start = end + 1;
  }
  return skipped === 0 ? { text, skipped } : { text: kept.join('\n'), skipped };
}

/** Fills an acquisition from command outputs (a live scan, or an offline acquisition's files mapped to commands), each read by its collector. */
export function fillFromOutputs(acquisition: AndroidAcquisition, outputs: readonly CommandOutput[]): AndroidAcquisition {
  for (const output of outputs) {
    const { command, sha256 } = output;
    const { text, skipped } = withoutLongLines(output.text);
    if (skipped > 0) acquisition.skippedLines.push({ command, lines: skipped });
    if (command.startsWith('sha256sum ')) {
      addEvidence(acquisition, 'apk-hashes', sha256);
      for (const [path, hash] of parseSha256sum(text)) acquisition.apkHashes.set(path, hash);
      continue;
    }
    const listing = listingOf(command);
    // A missing service or program printed only its error: there is nothing to read (the scan notes it).
    if (!listing || isUnavailable(text)) continue;
    addEvidence(acquisition, listing.collector.id, sha256);
    listing.collector.read(acquisition, { text, sha256, user: listing.user });
  }
  return acquisition;
}

/** The phone's users and profiles; the owner (user 0) alone when neither listing was read. */
export function usersOf(acquisition: AndroidAcquisition): AndroidUser[] {
  const users = mergeUsers(acquisition.listedUsers, acquisition.dumpedUsers);
  return users.some((user) => user.id === 0) ? users : [{ id: 0, name: 'Owner', type: 'full.system', running: true }, ...users];
}

const SYSTEM_PARTITION = /^\/(system|system_ext|product|vendor|apex)\//;

/** Whether an app is part of the phone's system: as `dumpsys package` flags it, as the system listing names it, or (neither said) by where its APK is. */
export function systemAppTest(acquisition: AndroidAcquisition): (packageName: string, apkPath: string) => boolean {
  const flagged = new Map(acquisition.details.map((detail) => [detail.packageName, detail.isSystem]));
  return (packageName, apkPath) => (flagged.get(packageName) ?? SYSTEM_PARTITION.test(apkPath)) || (acquisition.systemPackages?.has(packageName) ?? false);
}
