// Commands cron runs on a schedule or at boot: /etc/crontab and /etc/cron.d (with a user field), the
// users' crontabs in /var/spool/cron (administrator rights needed), or the current user's through
// `crontab -l` when those cannot be read.
import fs from 'node:fs';
import path from 'node:path';
import type { PersistenceData } from '../../../../src-shared/observations.js';
import type { AcquiredObservation } from '../../acquired-observation.js';
import { persistenceSubject, t, type HostCollector } from '../collector.js';
import { HOST_COMMANDS } from '../commands.js';
import { unixExecutable } from '../command-line.js';

export interface CronEntry {
  schedule: string;
  user: string | null;
  command: string;
}

/** The jobs of a crontab; `withUser` for the system files, whose sixth field names the user. */
export function parseCrontab(text: string, withUser: boolean): CronEntry[] {
  const jobs: CronEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^[A-Za-z_][A-Za-z0-9_]*\s*=/.test(line)) continue;
    const words = line.split(/\s+/);
    const fields = words[0]!.startsWith('@') ? 1 : 5;
    const need = fields + (withUser ? 1 : 0) + 1;
    if (words.length < need) continue;
    if (fields === 5 && !words.slice(0, 5).every((field) => /^[\d*,/\-A-Za-z]+$/.test(field))) continue;
    // The command keeps its own spacing: cut the line after the schedule (and user) fields.
    let rest = line;
    for (let i = 0; i < need - 1; i += 1) rest = rest.replace(/^\S+\s+/, '');
    jobs.push({ schedule: words.slice(0, fields).join(' '), user: withUser ? words[fields]! : null, command: rest });
  }
  return jobs;
}

function filesIn(dir: string): string[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isFile() && !entry.name.startsWith('.')).map((entry) => path.join(dir, entry.name)).sort();
  } catch {
    return [];
  }
}

export function cronCollector(): HostCollector {
  return {
    id: 'cron',
    label: t('Reading scheduled commands (cron)', 'Lecture des commandes programmées (cron)'),
    async collect(context) {
      const observations: AcquiredObservation[] = [];
      const add = (jobs: CronEntry[], location: string, sha256: string, owner: string | null) => {
        for (const job of jobs) {
          const user = job.user ?? owner;
          const data: PersistenceData = { platform: 'linux', mechanism: 'crontab', name: `${job.schedule} ${job.command}`.slice(0, 1000), executable: unixExecutable(job.command), commandLine: job.command, label: user, location, enabled: true };
          observations.push({ kind: 'persistence', subject: persistenceSubject('crontab', job.command), data, artifactSha256s: [sha256] });
        }
      };
      for (const file of ['/etc/crontab', ...filesIn('/etc/cron.d')]) {
        const kept = await context.readFile(file, 1024 * 1024);
        if (kept) add(parseCrontab(kept.text, true), file, kept.sha256, null);
      }
      const spool = ['/var/spool/cron/crontabs', '/var/spool/cron'].find((dir) => fs.existsSync(dir));
      let spoolReadable = false;
      if (spool) {
        try {
          fs.readdirSync(spool);
          spoolReadable = true;
        } catch {
          // only root may list the users' crontabs
        }
      }
      if (spool && spoolReadable) {
        for (const file of filesIn(spool)) {
          const kept = await context.readFile(file, 1024 * 1024);
          if (kept) add(parseCrontab(kept.text, false), file, kept.sha256, path.basename(file));
        }
      } else {
        const own = await context.run(HOST_COMMANDS.linuxUserCrontab);
        if (own && own.code === 0) add(parseCrontab(own.text, false), 'crontab -l', own.sha256, null);
        if (spool) context.note('The crontabs of other users could not be read without administrator rights; only yours was.');
      }
      return observations;
    },
  };
}
