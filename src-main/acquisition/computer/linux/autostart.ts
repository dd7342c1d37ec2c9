// Programs a Linux desktop session starts by itself: the XDG autostart entries (`.desktop` files in
// /etc/xdg/autostart and ~/.config/autostart), with the command each runs and whether it is switched off.
import fs from 'node:fs';
import path from 'node:path';
import type { PersistenceData } from '../../../../src-shared/observations.js';
import type { AcquiredObservation } from '../../acquired-observation.js';
import { persistenceSubject, t, type HostCollector } from '../collector.js';
import { unixExecutable } from '../command-line.js';

export interface DesktopEntry {
  name: string | null;
  exec: string | null;
  enabled: boolean;
}

/** The `[Desktop Entry]` group of a `.desktop` file; `%f`-style field codes are removed from `Exec`. */
export function parseDesktopEntry(text: string): DesktopEntry {
  const entry: DesktopEntry = { name: null, exec: null, enabled: true };
  let group = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      group = header[1]!;
      continue;
    }
    if (group !== 'Desktop Entry') continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === 'Name') entry.name = value;
    else if (key === 'Exec') entry.exec = value.replace(/\s%[fFuUdDnNickvm]/g, '').replace(/%%/g, '%').trim();
    else if ((key === 'Hidden' && value === 'true') || (key === 'X-GNOME-Autostart-enabled' && value === 'false')) entry.enabled = false;
  }
  return entry;
}

export function xdgAutostartCollector(): HostCollector {
  return {
    id: 'autostart',
    label: t('Reading the programs the desktop starts by itself', 'Lecture des programmes que le bureau lance tout seul'),
    async collect(context) {
      const observations: AcquiredObservation[] = [];
      for (const dir of ['/etc/xdg/autostart', path.join(context.home, '.config/autostart')]) {
        let names: string[] = [];
        try {
          names = fs.readdirSync(dir).filter((name) => name.endsWith('.desktop')).sort();
        } catch {
          continue;
        }
        for (const file of names) {
          const kept = await context.readFile(path.join(dir, file), 256 * 1024);
          if (!kept) continue;
          const entry = parseDesktopEntry(kept.text);
          const name = entry.name ?? file;
          const data: PersistenceData = { platform: 'linux', mechanism: 'xdg-autostart', name, executable: unixExecutable(entry.exec), commandLine: entry.exec, label: file, location: path.join(dir, file), enabled: entry.enabled };
          observations.push({ kind: 'persistence', subject: persistenceSubject('xdg-autostart', file), data, artifactSha256s: [kept.sha256] });
        }
      }
      return observations;
    },
  };
}
