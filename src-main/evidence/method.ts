// The report's method, as data: for each scan, the collectors that ran with their versions (as the scan
// recorded them in the custody log, `scan.collectors`) described from the collectors' own declarations —
// what was read, with which command — and the heuristics applied to the case's platforms, with theirs.
import type { ManifestMethod } from '../../src-shared/bundle.js';
import type { CustodyEntry, Device } from '../../src-shared/model.js';
import { collectorById } from '../acquisition/android/collectors/index.js';
import { heuristics } from '../detection/engine.js';

interface RecordedCollector {
  id: string;
  version: string;
}

function recorded(details: Record<string, unknown>): RecordedCollector[] {
  const list = Array.isArray(details.collectors) ? details.collectors : [];
  return list.flatMap((item: unknown) => {
    const entry = item as Partial<RecordedCollector> | null;
    return entry && typeof entry.id === 'string' && typeof entry.version === 'string' ? [{ id: entry.id, version: entry.version }] : [];
  });
}

/** Heuristics are written for Android, iOS, or computers (Windows, macOS, Linux alike). */
const family = (platform: string) => (platform === 'android' || platform === 'ios' ? platform : 'computer');

export function methodOf(custody: readonly CustodyEntry[], devices: readonly Device[]): ManifestMethod {
  const collectors = custody
    .filter((entry) => entry.action === 'scan.collectors' && entry.details.platform === 'android')
    .flatMap((entry) =>
      recorded(entry.details).map(({ id, version }) => {
        const known = collectorById(id);
        const commands = !known ? [] : known.type === 'listing' ? [known.command, ...(known.perUser ? [known.perUser] : [])] : [known.commandShown];
        return { scanId: String(entry.details.scanId ?? ''), platform: 'android', id, version, description: known?.description ?? { en: id, fr: id }, commands };
      }),
    );
  const platforms = new Set(devices.map((device) => family(device.platform)));
  // What applies whatever the devices (her answers) is listed once a consultation was recorded.
  const consulted = custody.some((entry) => entry.action === 'consultation.saved');
  return {
    collectors,
    heuristics: heuristics.filter((heuristic) => (heuristic.platform === 'any' ? consulted : platforms.has(family(heuristic.platform)))).map((heuristic) => ({ id: heuristic.id, version: heuristic.version, platform: heuristic.platform, description: heuristic.description })),
  };
}
