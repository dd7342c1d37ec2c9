// Where and when each app came from, in the weeks before the examination: the apps installed (and the
// updates of apps that did not come from a store) on each Android device of a case, newest first, with the
// installer, the app that asked for the install and the one the APK came from (Android 11+), and the
// profile it is in. Dates are the phone's own clock, as `dumpsys package` prints them. Pure.
import type { AndroidProfile } from '../../src-shared/observations.js';
import type { Device, LocalizedText, Observation, Scan } from '../../src-shared/model.js';
import { STORE_INSTALLERS } from '../detection/observation-set.js';

/** How far back the timeline looks from the first scan of the device. */
export const TIMELINE_WEEKS = 8;

export interface TimelineEntry {
  /** `YYYY-MM-DD HH:MM:SS`, the phone's local time. */
  at: string;
  event: 'installed' | 'updated';
  packageName: string;
  label: string | null;
  installer: string | null;
  initiatingInstaller: string | null;
  originatingInstaller: string | null;
  profile: AndroidProfile | null;
}

export interface DeviceTimeline {
  deviceId: string;
  label: string;
  /** The window's first day and the day the phone was first examined (UTC dates). */
  from: string;
  to: string;
  entries: TimelineEntry[];
}

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
        if (updated !== installed && !STORE_INSTALLERS.has(base.installer ?? '')) add(updated, 'updated');
      }
      entries.sort((a, b) => b.at.localeCompare(a.at) || a.packageName.localeCompare(b.packageName));
      return [{ deviceId: device.id, label: device.label, from, to, entries }];
    });
}

const SOURCES: Record<string, LocalizedText> = {
  'com.android.vending': { en: 'Google Play Store', fr: 'Google Play Store' },
  'com.google.android.packageinstaller': { en: 'the package installer (an APK file opened on the phone)', fr: 'l’installateur de paquets (un fichier APK ouvert sur le téléphone)' },
  'com.android.packageinstaller': { en: 'the package installer (an APK file opened on the phone)', fr: 'l’installateur de paquets (un fichier APK ouvert sur le téléphone)' },
  'com.android.shell': { en: 'a computer, over USB debugging (adb)', fr: 'un ordinateur, par le débogage USB (adb)' },
  'com.sec.android.app.samsungapps': { en: 'Samsung Galaxy Store', fr: 'Samsung Galaxy Store' },
  'com.google.android.apps.work.clouddpc': { en: 'Android Device Policy (a managed profile)', fr: 'Android Device Policy (un profil géré)' },
};

/** An installer in plain words: a known store or tool by name, another app by its package, none as "not recorded". */
export function sourceWords(packageName: string | null): LocalizedText {
  if (!packageName) return { en: 'not recorded (adb, or preinstalled)', fr: 'non enregistré (adb, ou préinstallé)' };
  return SOURCES[packageName] ?? { en: packageName, fr: packageName };
}
