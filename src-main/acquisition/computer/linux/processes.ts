// Linux processes, read from /proc: for each process its executable (the `exe` link), command line, parent
// and owner. What was read is kept as one JSON-lines artifact, so the evidence shows the raw values. Kernel
// threads (no executable, no command line) are not programs and are left out.
import fs from 'node:fs';
import path from 'node:path';
import type { ProcessData } from '../../../../src-shared/observations.js';
import type { AcquiredObservation } from '../../acquired-observation.js';
import { t, type HostCollector } from '../collector.js';
import { hashProcessExecutables } from '../process-hashes.js';

export interface ProcStatus {
  name: string | null;
  ppid: number | null;
  uid: number | null;
}

/** The fields of `/proc/PID/status` we use: `Name`, `PPid`, and the real `Uid`. */
export function parseProcStatus(text: string): ProcStatus {
  const field = (key: string) => new RegExp(`^${key}:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim() ?? null;
  const number = (value: string | null) => (value !== null && /^\d+$/.test(value) ? Number(value) : null);
  return { name: field('Name'), ppid: number(field('PPid')), uid: number(field('Uid')?.split(/\s+/)[0] ?? null) };
}

/** User names by uid, from `/etc/passwd`. */
export function parsePasswd(text: string): Map<number, string> {
  const users = new Map<number, string>();
  for (const line of text.split('\n')) {
    const [name, , uid] = line.split(':');
    if (name && uid && /^\d+$/.test(uid)) users.set(Number(uid), name);
  }
  return users;
}

/** The `exe` link of a process whose program was replaced or deleted since it started ends with ` (deleted)`. */
export function executableFromLink(link: string | null): string | null {
  if (!link) return null;
  return link.endsWith(' (deleted)') ? link.slice(0, -' (deleted)'.length) : link;
}

interface RawProcess {
  pid: number;
  status: string;
  exe: string | null;
  cmdline: string[];
}

function readProcess(procRoot: string, pid: number): RawProcess | null {
  const dir = path.join(procRoot, String(pid));
  let status: string;
  try {
    status = fs.readFileSync(path.join(dir, 'status'), 'utf8');
  } catch {
    return null; // the process ended while we were reading
  }
  let exe: string | null = null;
  try {
    exe = fs.readlinkSync(path.join(dir, 'exe'));
  } catch {
    // kernel threads have none; another user's needs administrator rights
  }
  let cmdline: string[] = [];
  try {
    cmdline = fs.readFileSync(path.join(dir, 'cmdline')).toString('utf8').split('\u0000');
    if (cmdline.at(-1) === '') cmdline.pop();
  } catch {
    // gone, or not ours
  }
  return { pid, status, exe, cmdline };
}

export function linuxProcessesCollector(procRoot = '/proc'): HostCollector {
  return {
    id: 'processes',
    label: t('Listing the running programs and computing their fingerprints', 'Liste des programmes en cours et calcul de leurs empreintes'),
    async collect(context) {
      const pids = fs.readdirSync(procRoot).filter((name) => /^\d+$/.test(name)).map(Number).sort((a, b) => a - b);
      const raw = pids.map((pid) => readProcess(procRoot, pid)).filter((entry): entry is RawProcess => entry !== null);
      const passwd = await context.readFile('/etc/passwd', 4 * 1024 * 1024);
      const users = passwd ? parsePasswd(passwd.text) : new Map<number, string>();
      const listing = context.keep(raw.map((entry) => JSON.stringify(entry)).join('\n') + '\n', { command: `read ${procRoot}/*/status, exe, cmdline`, path: procRoot });
      const processes: ProcessData[] = [];
      let unreadable = 0;
      for (const entry of raw) {
        const status = parseProcStatus(entry.status);
        if (entry.exe === null && entry.cmdline.length === 0) {
          if (status.ppid !== 2 && entry.pid !== 2) unreadable += 1;
          continue;
        }
        processes.push({
          platform: 'linux',
          pid: entry.pid,
          ppid: status.ppid,
          user: status.uid === null ? null : users.get(status.uid) ?? String(status.uid),
          name: status.name ?? path.basename(entry.cmdline[0] ?? String(entry.pid)),
          executable: executableFromLink(entry.exe),
          commandLine: entry.cmdline.length > 0 ? entry.cmdline.join(' ').slice(0, 4000) : null,
          sha256: null,
          signed: null,
          signer: null,
          self: false,
        });
      }
      if (unreadable > 0) context.note(`${unreadable} process(es) of other users could not be examined without administrator rights.`);
      // /proc/PID/exe still reads a program deleted or replaced since it started: the bytes that run.
      await hashProcessExecutables(context, processes, (process) => path.join(procRoot, String(process.pid), 'exe'));
      const evidence = [listing, ...(passwd ? [passwd.sha256] : [])];
      return processes.map((data): AcquiredObservation => ({ kind: 'process', subject: data.name, data: { ...data }, artifactSha256s: evidence }));
    },
  };
}
