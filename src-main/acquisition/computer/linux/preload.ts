// /etc/ld.so.preload: libraries loaded into every program on the computer. Ordinary systems leave it empty;
// user-space rootkits and keyloggers use it to hide themselves or read what is typed.
import path from 'node:path';
import type { PersistenceData } from '../../../../src-shared/observations.js';
import { persistenceSubject, t, type HostCollector } from '../collector.js';

/** The libraries listed, one per whitespace-separated word, comments left out. */
export function parsePreload(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .flatMap((line) => (line === '' ? [] : line.split(/[\s:]+/)))
    .filter(Boolean);
}

export function preloadCollector(file = '/etc/ld.so.preload'): HostCollector {
  return {
    id: 'ld-preload',
    label: t('Checking for libraries forced into every program (ld.so.preload)', 'Recherche de bibliothèques imposées à tous les programmes (ld.so.preload)'),
    async collect(context) {
      const kept = await context.readFile(file, 1024 * 1024);
      if (!kept) return [];
      return parsePreload(kept.text).map((library) => {
        const data: PersistenceData = { platform: 'linux', mechanism: 'ld-preload', name: path.basename(library), executable: library, commandLine: null, label: null, location: file, enabled: true };
        return { kind: 'persistence', subject: persistenceSubject('ld-preload', library), data, artifactSha256s: [kept.sha256] };
      });
    },
  };
}
