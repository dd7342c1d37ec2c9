// What each collector's command would have printed, found in an offline acquisition where the collector
// says its data sits (an androidqf file, a dumpsys section, a dumpstate section). The importers and the
// replayed phone use this one mapping, so an offline acquisition is read by the live scan's own readers.
import type { CommandOutput } from '../acquisition.js';
import type { OfflineSource } from '../collectors/collector.js';
import { LISTING_COLLECTORS } from '../collectors/index.js';

export type OfflineFormat = 'androidqf' | 'bugreport';

export interface SourceText {
  text: string;
  sha256: string;
}

/** The lines of a dumpstate `------ TITLE (command) ------` section, up to the next `------` line; null when absent. */
export function dumpstateSection(text: string, title: string): string | null {
  const start = text.indexOf(`------ ${title} (`);
  if (start < 0) return null;
  const bodyStart = text.indexOf('\n', start) + 1;
  if (bodyStart <= 0) return null;
  const end = text.indexOf('\n------', bodyStart - 1);
  return text.slice(bodyStart, end < 0 ? undefined : end + 1);
}

/**
 * The outputs an offline acquisition holds, as the commands that print them: `locate` finds a source's text
 * (a file by name, a dumpsys service, a dumpstate section), or null when the acquisition lacks it.
 */
export function offlineOutputs(format: OfflineFormat, locate: (source: OfflineSource) => SourceText | null): CommandOutput[] {
  return LISTING_COLLECTORS.flatMap((collector) => {
    const source = format === 'androidqf' ? collector.offline.androidqf : collector.offline.bugreport;
    // Text sources only: androidqf's JSON files are read by the androidqf importer itself.
    const found = source && !('format' in source) ? locate(source) : null;
    return found ? [{ command: collector.command, text: found.text, sha256: found.sha256 }] : [];
  });
}
