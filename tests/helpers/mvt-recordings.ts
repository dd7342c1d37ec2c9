// Recordings of real phones made from MVT's test corpus (../shared/corpus/mvt, real outputs of real phones):
// its androidqf acquisition as a folder and as a zip, and a bugreport zip whose dumpstate text is assembled
// from MVT's android_data outputs in the layout `adb bugreport` writes (section titles and separators as
// dumpstate prints them, `ps` with dumpstate's LABEL and TID columns).
import fs from 'node:fs';
import path from 'node:path';
import { MVT } from './shared.js';
import { zipOf } from './zip.js';

export const ANDROIDQF = path.join(MVT, 'androidqf');

/** A dumpstate text in the layout `adb bugreport` writes, made of MVT's real outputs of one phone. */
export function dumpstateText(extraPsRows: readonly string[] = []): string {
  const read = (name: string) => fs.readFileSync(path.join(MVT, 'android_data', name), 'utf8');
  // dumpstate runs `ps -A -T -Z -O …`: a LABEL column first and a TID column; threads share their PID.
  // `extraPsRows`: more processes, in ps.txt's own columns (USER PID PPID VSZ RSS WCHAN ADDR S NAME).
  const [header, ...rows] = [...read('ps.txt').trimEnd().split('\n'), ...extraPsRows];
  const psRows = rows.flatMap((row) => {
    const [user, pid, ...rest] = row.trim().split(/\s+/);
    const label = user === 'root' ? 'u:r:kernel:s0' : 'u:r:untrusted_app:s0';
    return [`${label} ${user} ${pid} ${pid} ${rest.join(' ')}`, `${label} ${user} ${pid} ${Number(pid) + 1000} ${rest.slice(0, -1).join(' ')} worker-thread`];
  });
  const ps = [`LABEL ${header!.trim().replace('PID ', 'PID TID ').replace(/NAME$/, 'CMD')}`, ...psRows].join('\n');
  const service = (name: string, text: string) =>
    `-------------------------------------------------------------------------------\nDUMP OF SERVICE ${name}:\n${text.replace(/^DUMP OF SERVICE \w+:\n/, '')}\n--------- 0.010s was the duration of dumpsys ${name}, ending at: 2026-11-20 10:00:05\n`;
  return [
    '========================================================',
    '== dumpstate: 2026-11-20 10:00:00',
    '========================================================',
    '',
    '------ SYSTEM PROPERTIES (getprop) ------',
    read('getprop.txt').trimEnd(),
    "------ 0.031s was the duration of 'SYSTEM PROPERTIES' ------",
    '------ PROCESSES AND THREADS (ps -A -T -Z -O pri,nice,rtprio,sched,pcy,time) ------',
    ps,
    "------ 0.120s was the duration of 'PROCESSES AND THREADS' ------",
    service('accessibility', read('dumpsys_accessibility_v14_or_later.txt')),
    service('appops', read('dumpsys_appops.txt')),
    service('package', read('dumpsys_packages.txt')),
  ].join('\n');
}


/** MVT's androidqf acquisition zipped as androidqf writes it (one top folder). */
export async function androidqfZip(): Promise<Buffer> {
  const files: Record<string, Buffer> = {};
  for (const name of fs.readdirSync(ANDROIDQF)) files[`androidqf_2026-11-20/${name}`] = fs.readFileSync(path.join(ANDROIDQF, name));
  return zipOf(files);
}

/** A bugreport zip around the dumpstate text, with main_entry.txt naming it as Android writes. */
export async function bugreportZip(extraPsRows: readonly string[] = []): Promise<Buffer> {
  return zipOf({ 'main_entry.txt': Buffer.from('bugreport-panther-2026-11-20.txt'), 'bugreport-panther-2026-11-20.txt': Buffer.from(dumpstateText(extraPsRows)), 'version.txt': Buffer.from('2.0') });
}
