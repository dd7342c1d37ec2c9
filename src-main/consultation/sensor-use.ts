// Which apps used her location, camera or microphone, and when last, as an Android phone recorded it
// (`dumpsys appops`: each operation's last access, in the phone's own clock): for the consultation, to ask her
// whether she used each app at that time. One line per app and sensor, the latest first. Read from what the
// scans already hold; nothing more is asked of the phone.
import type { Observation } from '../../src-shared/model.js';
import type { Sensor, SensorUse } from '../../src-shared/sensor-use.js';

/** App operations that mean the sensor was used (AppOpsManager's names). */
const SENSOR_OF: Record<string, Sensor> = {
  FINE_LOCATION: 'location',
  COARSE_LOCATION: 'location',
  MONITOR_LOCATION: 'location',
  MONITOR_HIGH_POWER_LOCATION: 'location',
  CAMERA: 'camera',
  PHONE_CALL_CAMERA: 'camera',
  RECORD_AUDIO: 'microphone',
  PHONE_CALL_MICROPHONE: 'microphone',
};

/** At most this many lines: a phone's real list is tens; a hostile one does not flood the screen. */
const MOST = 200;

export function sensorUse(appops: readonly Observation[], packages: readonly Observation[]): SensorUse[] {
  const labels = new Map(packages.flatMap((pkg) => (typeof pkg.data.label === 'string' && typeof pkg.data.packageName === 'string' ? [[pkg.data.packageName, pkg.data.label] as const] : [])));
  const latest = new Map<string, SensorUse>();
  for (const op of appops) {
    const sensor = SENSOR_OF[String(op.data.op)];
    const lastAccess = op.data.lastAccess;
    const packageName = String(op.data.packageName);
    if (!sensor || typeof lastAccess !== 'string') continue;
    const owner = op.data.profile as { name?: unknown } | null | undefined;
    const profile = owner && typeof owner.name === 'string' ? owner.name : null;
    const key = `${packageName}\u0000${sensor}\u0000${profile ?? ''}`;
    const seen = latest.get(key);
    if (!seen || lastAccess > seen.lastAccess) latest.set(key, { sensor, packageName, label: labels.get(packageName) ?? null, lastAccess, profile });
  }
  return [...latest.values()].sort((a, b) => b.lastAccess.localeCompare(a.lastAccess) || a.packageName.localeCompare(b.packageName)).slice(0, MOST);
}
