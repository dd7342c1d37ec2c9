// systemd services that start with the computer or the user's session: every service unit an
// administrator or user added (/etc, ~/.config) and every unit enabled through a `.wants`/`.requires`
// link, with the programs their `ExecStart=` lines run. Units the distribution ships but nothing enables
// are not startup entries and are left out.
import fs from 'node:fs';
import path from 'node:path';
import type { PersistenceData } from '../../../../src-shared/observations.js';
import type { AcquiredObservation } from '../../acquired-observation.js';
import { persistenceSubject, t, type HostCollector } from '../collector.js';
import { unixExecutable } from '../command-line.js';

export interface UnitFile {
  description: string | null;
  /** The `ExecStart=` command lines, prefixes (`-@:+!`) removed. */
  execStart: string[];
}

/** The `[Service]` lines of a unit file that say what it runs (continuation lines joined). */
export function parseUnitFile(text: string): UnitFile {
  const unit: UnitFile = { description: null, execStart: [] };
  let section = '';
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  for (const raw of lines) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (section === 'Unit' && key === 'Description') unit.description = value;
    if (section === 'Service' && key === 'ExecStart') {
      if (value === '') unit.execStart = []; // an empty assignment resets the list (drop-ins)
      else unit.execStart.push(value.replace(/^[-@:+!]+/, ''));
    }
  }
  return unit;
}

const unitDirs = (home: string) => ({
  added: ['/etc/systemd/system', '/etc/systemd/user', path.join(home, '.config/systemd/user')],
  shipped: ['/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system', '/usr/lib/systemd/user', path.join(home, '.local/share/systemd/user')],
});

function entries(dir: string): fs.Dirent[] {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** Unit names enabled by a link in a `.wants` or `.requires` folder of the configuration folders, and the files those links point to. */
function enabledUnits(configDirs: string[]): Set<string> {
  const enabled = new Set<string>();
  for (const dir of configDirs) {
    for (const entry of entries(dir)) {
      if (!entry.isDirectory() || !/\.(wants|requires)$/.test(entry.name)) continue;
      for (const link of entries(path.join(dir, entry.name))) {
        if (!link.name.endsWith('.service')) continue;
        enabled.add(link.name);
        // The link's target counts wherever it lives (a unit hidden outside the usual folders is enabled all the same).
        try {
          enabled.add(fs.realpathSync(path.join(dir, entry.name, link.name)));
        } catch {
          // dangling
        }
      }
    }
  }
  return enabled;
}

export function systemdCollector(): HostCollector {
  return {
    id: 'systemd',
    label: t('Reading the services that start with the computer (systemd)', 'Lecture des services lancés au démarrage (systemd)'),
    async collect(context) {
      const dirs = unitDirs(context.home);
      const enabled = enabledUnits(dirs.added);
      const chosen = new Map<string, string>(); // real path → unit name
      const enabledFiles = new Set<string>(); // unit files enabled under their name or an alias
      for (const dir of [...dirs.added, ...dirs.shipped]) {
        const added = dirs.added.includes(dir);
        for (const entry of entries(dir)) {
          if (!entry.name.endsWith('.service') || entry.isDirectory()) continue;
          if (!added && !enabled.has(entry.name)) continue;
          let real: string;
          try {
            real = fs.realpathSync(path.join(dir, entry.name));
          } catch {
            continue; // a dangling link (a unit masked or removed)
          }
          if (real === '/dev/null') continue; // masked
          if (enabled.has(entry.name)) enabledFiles.add(real);
          // An alias (dbus-org.freedesktop.Avahi.service) is named after the unit it points to.
          if (!chosen.has(real)) chosen.set(real, path.basename(real).endsWith('.service') ? path.basename(real) : entry.name);
        }
      }
      // Enabled units whose file sits outside every folder above.
      for (const target of enabled) {
        if (!path.isAbsolute(target) || chosen.has(target) || !target.endsWith('.service') || target === '/dev/null') continue;
        chosen.set(target, path.basename(target));
        enabledFiles.add(target);
      }
      const observations: AcquiredObservation[] = [];
      for (const [file, name] of chosen) {
        const kept = await context.readFile(file, 1024 * 1024);
        if (!kept) continue;
        for (const commandLine of parseUnitFile(kept.text).execStart) {
          const data: PersistenceData = { platform: 'linux', mechanism: 'systemd-unit', name, executable: unixExecutable(commandLine), commandLine, label: name, location: file, enabled: enabledFiles.has(file) };
          observations.push({ kind: 'persistence', subject: persistenceSubject('systemd-unit', name), data, artifactSha256s: [kept.sha256] });
        }
      }
      return observations;
    },
  };
}
