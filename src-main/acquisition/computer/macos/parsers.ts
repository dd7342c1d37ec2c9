// Parsers for what the macOS collectors read: `ps -axww -o pid,ppid,user,comm,args` (COMM is a full path
// that may hold spaces, so columns are cut where the header puts them), `codesign -dv` descriptions,
// launchd job definitions (XML or binary plists), login items (JSON from System Events), `profiles -P -o
// stdout-xml`, `systemextensionsctl list`, and `kmutil showloaded`/`kextstat` listings.
import path from 'node:path';
import { z } from 'zod';
import type { IosProfileData, PersistenceData, ProcessData } from '../../../../src-shared/observations.js';
import { isDictionary, parsePropertyList } from '../../property-list.js';
import { quoteIfSpaced } from '../command-line.js';

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** Processes from `ps`; lines that do not fit the header's columns are counted in `rejected`. */
export function parsePs(output: string): { rows: ProcessData[]; rejected: number } {
  const lines = output.split('\n').filter((line) => line.trim() !== '');
  const header = lines.shift() ?? '';
  const commStart = header.indexOf('COMM');
  const argsStart = header.indexOf('ARGS');
  const rows: ProcessData[] = [];
  let rejected = 0;
  for (const line of lines) {
    const head = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+/.exec(line);
    if (!head || commStart < 0) {
      rejected += 1;
      continue;
    }
    const rest = line.slice(head[0].length);
    // COMM is padded to the width of its column; the split is where ARGS begins, looked for near where the
    // header puts it (padding may be counted in bytes, so a non-ASCII name shifts it by a few characters).
    const expected = argsStart - commStart;
    // Padding counted in bytes shifts the column left by one character per extra byte of non-ASCII text.
    const slack = 4 + Buffer.byteLength(line, 'utf8') - line.length;
    let split = -1;
    for (let delta = 0; delta <= slack && split < 0; delta += 1) {
      for (const j of [expected - delta, expected + delta]) {
        if (j > 0 && j <= rest.length && rest[j - 1] === ' ' && rest[j] !== ' ') {
          split = j;
          break;
        }
      }
    }
    if (split < 0 || argsStart < 0) split = /\s{2,}/.exec(rest)?.index ?? rest.length;
    const comm = rest.slice(0, split).trim();
    const args = rest.slice(split).trim();
    rows.push({
      platform: 'macos',
      pid: Number(head[1]),
      ppid: Number(head[2]),
      user: head[3]!,
      name: path.posix.basename(comm) || comm,
      executable: comm.startsWith('/') ? comm : null,
      commandLine: args === '' ? null : args,
      sha256: null,
      signed: null,
      signer: null,
      self: false,
    });
  }
  return { rows, rejected };
}

/** What `codesign -dv --verbose=2` says about one file: signed by whom, ad hoc, or not at all. */
export function parseCodesign(output: string): { signed: boolean | null; signer: string | null } {
  if (/code object is not signed at all/i.test(output)) return { signed: false, signer: null };
  const authority = /^Authority=(.+)$/m.exec(output)?.[1]?.trim();
  if (authority) return { signed: true, signer: authority };
  if (/^Signature=adhoc$/m.test(output)) return { signed: false, signer: 'ad hoc (no identity)' };
  return { signed: null, signer: null };
}

/** A launchd job definition: what it runs and whether it is switched off. Throws on a damaged plist. */
export function parseLaunchdJob(bytes: Buffer, file: string, mechanism: 'launch-agent' | 'launch-daemon'): PersistenceData {
  const job = parsePropertyList(bytes, 1024 * 1024);
  if (!isDictionary(job)) throw new Error('not a dictionary');
  const args = Array.isArray(job.ProgramArguments) ? job.ProgramArguments.filter((arg): arg is string => typeof arg === 'string') : [];
  const program = text(job.Program) ?? args[0] ?? null;
  const label = text(job.Label);
  return {
    platform: 'macos',
    mechanism,
    name: label ?? path.posix.basename(file, '.plist'),
    executable: program,
    commandLine: args.length > 0 ? args.map(quoteIfSpaced).join(' ') : program,
    label,
    location: file,
    enabled: job.Disabled !== true,
  };
}

const LoginItem = z.object({ name: z.string().max(1000).nullable().optional(), path: z.string().max(4000).nullable().optional(), hidden: z.boolean().nullable().optional() });

/** Login items as printed by the System Events script (commands.ts). */
export function parseLoginItems(output: string, location: string): PersistenceData[] {
  const trimmed = output.trim();
  if (trimmed === '') return [];
  const items = z.array(LoginItem).max(10_000).parse(JSON.parse(trimmed));
  return items.map((item) => ({
    platform: 'macos',
    mechanism: 'login-item',
    name: text(item.name) ?? path.posix.basename(item.path ?? '?'),
    executable: text(item.path),
    commandLine: null,
    label: item.hidden ? 'hidden' : null,
    location,
    enabled: true,
  }));
}

/** Installed configuration profiles (`profiles -P -o stdout-xml`): per owner (`_computerlevel` or a user), a list of profiles. */
export function parseProfiles(bytes: Buffer): IosProfileData[] {
  if (bytes.toString('utf8').trim() === '') return [];
  const root = parsePropertyList(bytes, 16 * 1024 * 1024);
  if (!isDictionary(root)) throw new Error('not a dictionary');
  const profiles: IosProfileData[] = [];
  for (const list of Object.values(root)) {
    if (!Array.isArray(list)) continue;
    for (const profile of list) {
      if (!isDictionary(profile)) continue;
      const identifier = text(profile.ProfileIdentifier);
      if (!identifier) continue;
      const items = Array.isArray(profile.ProfileItems) ? profile.ProfileItems.filter(isDictionary) : [];
      const payloads = items.slice(0, 500).map((item) => ({ type: text(item.PayloadType) ?? 'unknown', identifier: text(item.PayloadIdentifier), displayName: text(item.PayloadDisplayName) }));
      profiles.push({ identifier, displayName: text(profile.ProfileDisplayName), organization: text(profile.ProfileOrganization), isMdm: payloads.some((payload) => payload.type === 'com.apple.mdm'), payloads });
    }
  }
  return profiles;
}

/** Third-party system extensions (`systemextensionsctl list`): tab-separated rows with `bundle.id (version)`. */
export function parseSystemExtensions(output: string): PersistenceData[] {
  const rows: PersistenceData[] = [];
  for (const line of output.split('\n')) {
    const columns = line.split('\t');
    if (columns.length < 5 || columns[0]!.trim() === 'enabled') continue; // not a row, or the column titles
    const bundle = /^(\S+)\s+\(([^)]*)\)$/.exec(columns[3]!.trim());
    if (!bundle) continue;
    const state = columns.slice(5).join(' ').trim();
    rows.push({ platform: 'macos', mechanism: 'system-extension', name: text(columns[4]) ?? bundle[1]!, executable: null, commandLine: null, label: bundle[1]!, location: `team ${columns[2]!.trim()} ${state}`.trim(), enabled: /enabled/.test(state) || columns[0]!.trim() === '*' });
  }
  return rows;
}

/** Loaded kernel extensions not made by Apple (`kmutil showloaded --list-only` or `kextstat -l`). */
export function parseKernelExtensions(output: string): PersistenceData[] {
  const rows: PersistenceData[] = [];
  for (const line of output.split('\n')) {
    const match = /^\s*\d+\s+\d+\s+\S+\s+\S+\s+\S+\s+(\S+)\s+\(([^)]*)\)/.exec(line);
    if (!match || match[1]!.startsWith('com.apple.')) continue;
    rows.push({ platform: 'macos', mechanism: 'kernel-extension', name: match[1]!, executable: null, commandLine: null, label: match[1]!, location: `version ${match[2]}`, enabled: true });
  }
  return rows;
}
