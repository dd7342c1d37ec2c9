// The read-only guarantee: every command sent to a phone goes through this one allow-list. A fixed set
// of listing commands, `sha256sum` over APK paths, and pulling APKs; nothing that installs, changes,
// deletes or starts anything. Anything else throws here, before it can reach adb.
import { SentinelleError } from '../../../src-shared/errors.js';

/** Where su and root managers leave traces; listed with one `ls -d` (missing paths print nothing). */
export const ROOT_PATHS = [
  '/system/xbin/su',
  '/system/bin/su',
  '/sbin/su',
  '/su/bin/su',
  '/system/sbin/su',
  '/vendor/bin/su',
  '/data/local/su',
  '/data/local/bin/su',
  '/data/local/xbin/su',
  '/system/app/Superuser.apk',
  '/data/adb/magisk',
  '/sbin/.magisk',
  '/data/adb/ksu',
];

export const COMMANDS = {
  properties: 'getprop',
  packages: 'pm list packages -f -i -U',
  packageDetails: 'dumpsys package',
  launcherActivities: 'cmd package query-activities --brief -a android.intent.action.MAIN -c android.intent.category.LAUNCHER',
  homeActivity: 'cmd package resolve-activity --brief -a android.intent.action.MAIN -c android.intent.category.HOME',
  accessibility: 'dumpsys accessibility',
  devicePolicy: 'dumpsys device_policy',
  appops: 'dumpsys appops',
  processes: 'ps -A',
  secureSettings: 'settings list secure',
  globalSettings: 'settings list global',
  selinux: 'getenforce',
  rootPaths: `ls -d ${ROOT_PATHS.join(' ')} 2>/dev/null`,
} as const;

const FIXED = new Set<string>(Object.values(COMMANDS));

/** An installed APK's path: letters, digits and `._~=+-/` only — no space, quote or shell character. */
export const APK_PATH = /^\/(data\/app|system|system_ext|product|vendor|apex)\/[A-Za-z0-9._~=+\-/]+\.apk$/;

/** How many APK paths one `sha256sum` hashes (a long command line is fine; a 500-app phone needs 2). */
export const HASH_BATCH = 250;

export function hashCommand(paths: readonly string[]): string {
  for (const path of paths) assertApkPath(path);
  return `sha256sum ${paths.join(' ')}`;
}

export function assertApkPath(path: string): void {
  if (!APK_PATH.test(path) || path.includes('..')) {
    throw new SentinelleError('acquisition.command-refused', 'Sentinelle refused to read a file outside the installed apps.', { technical: `refused path: ${path}` });
  }
}

/** Throws unless the command only reads. */
export function assertReadOnly(command: string): void {
  if (FIXED.has(command)) return;
  if (command.startsWith('sha256sum ')) {
    const paths = command.slice('sha256sum '.length).split(' ');
    if (paths.length > 0 && paths.length <= HASH_BATCH && paths.every((path) => APK_PATH.test(path) && !path.includes('..'))) return;
  }
  throw new SentinelleError('acquisition.command-refused', 'Sentinelle refused to send a command that is not on its read-only list. Nothing was sent to the phone.', {
    technical: `refused command: ${command}`,
  });
}
