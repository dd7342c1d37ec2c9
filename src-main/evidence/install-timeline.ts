// Where and when each app came from, in the weeks before the examination: the apps installed (and the
// updates of apps that did not come from a store) on each Android device of a case, newest first, with the
// installer, the app that asked for the install and the one the APK came from (Android 11+), and the
// profile it is in. Dates are the phone's own clock, as `dumpsys package` prints them. Pure.
import type { InstallTimeline } from '../../src-shared/acquisition.js';
import type { AndroidProfile } from '../../src-shared/observations.js';
import type { Device, Observation, Scan } from '../../src-shared/model.js';
import { isStoreLikeInstaller } from '../../src-shared/install-origins.js';

/** How far back the timeline looks from the first scan of the device. */
export const TIMELINE_WEEKS = 8;

export type DeviceTimeline = InstallTimeline;
export type TimelineEntry = InstallTimeline['entries'][number];

const PHONE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export function installTimeline(devices: readonly Device[], scans: readonly Scan[], observations: readonly Observation[]): DeviceTimeline[] {
  const deviceOfScan = new Map(scans.map((scan) => [scan.id, scan.deviceId]));
  return devices
    .filter((device) => device.platform === 'android')
    .flatMap((device) => {
      const own = scans.filter((scan) => scan.deviceId === device.id).map((scan) => scan.startedAt).sort();
      if (own.length === 0) return [];
      const to = own[0]!.slice(0, 10);
      const from = new Date(Date.parse(`${to}T00:00:00Z`) - TIMELINE_WEEKS * 7 * 86_400_000).toISOString().slice(0, 10);
      const seen = new Set<string>();
      const entries: TimelineEntry[] = [];
      for (const observation of observations) {
        if (observation.kind !== 'android.package' || !observation.scanId || deviceOfScan.get(observation.scanId) !== device.id) continue;
        const data = observation.data;
        if (data.isSystem === true) continue;
        const base = {
          packageName: String(data.packageName),
          label: text(data.label),
          installer: text(data.installer),
          initiatingInstaller: text(data.initiatingInstaller),
          originatingInstaller: text(data.originatingInstaller),
          profile: (data.profile as AndroidProfile | null | undefined) ?? null,
        };
        const installed = text(data.firstInstallTime);
        const updated = text(data.lastUpdateTime);
        const add = (at: string | null, event: TimelineEntry['event']) => {
          if (!at || !PHONE_TIME.test(at) || at.slice(0, 10) < from || at.slice(0, 10) > to) return;
          const key = `${base.packageName}|${base.profile?.id ?? 0}|${event}|${at}`;
          if (seen.has(key)) return;
          seen.add(key);
          entries.push({ at, event, ...base });
        };
        add(installed, 'installed');
        // Store apps update themselves every week: only the updates of apps from elsewhere say something.
        if (updated !== installed && !isStoreLikeInstaller(base.installer)) add(updated, 'updated');
      }
      entries.sort((a, b) => b.at.localeCompare(a.at) || a.packageName.localeCompare(b.packageName));
      return [{ deviceId: device.id, label: device.label, from, to, entries }];
    });
}
