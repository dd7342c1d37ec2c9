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
const APK_PATH = /^\/(data\/app|system|system_ext|product|vendor|apex)\/[A-Za-z0-9._~=+\-/]+\.apk$/;
const MAX_APK_PATH = 512;

/**
 * The longest `sha256sum` command line sent. adb carries a command in one packet: Android 7 and later
 * accept 256 KiB, Android 6 and earlier 4 KiB; the adb server's request header (four hex digits) caps it at 64 KiB.
 */
export const MAX_HASH_COMMAND_BYTES = 60_000;
export const MAX_HASH_COMMAND_BYTES_BEFORE_ANDROID_7 = 4_000;

/** Whether a path (read from the phone, so untrusted) is an installed APK Sentinelle may hash or pull. */
export function isApkPath(path: string): boolean {
  return path.length <= MAX_APK_PATH && APK_PATH.test(path) && !path.split('/').includes('..');
}

/** `sha256sum` commands covering every path, each at most `maxBytes` long; paths that are not APKs are left out. */
export function hashCommands(paths: readonly string[], maxBytes = MAX_HASH_COMMAND_BYTES): string[] {
  const commands: string[] = [];
  let current = 'sha256sum';
  for (const path of paths.filter(isApkPath)) {
    if (current.length + 1 + path.length > maxBytes && current !== 'sha256sum') {
      commands.push(current);
      current = 'sha256sum';
    }
    current += ` ${path}`;
  }
  if (current !== 'sha256sum') commands.push(current);
  return commands;
}

export function assertApkPath(path: string): void {
  if (!isApkPath(path)) {
    throw new SentinelleError('acquisition.command-refused', 'Sentinelle refused to read a file outside the installed apps.', { technical: `refused path: ${path.slice(0, 600)}` });
  }
}

/** Throws unless the command only reads. */
export function assertReadOnly(command: string): void {
  if (FIXED.has(command)) return;
  if (command.startsWith('sha256sum ') && command.length <= MAX_HASH_COMMAND_BYTES) {
    const paths = command.slice('sha256sum '.length).split(' ');
    if (paths.length > 0 && paths.every(isApkPath)) return;
  }
  throw new SentinelleError('acquisition.command-refused', 'Sentinelle refused to send a command that is not on its read-only list. Nothing was sent to the phone.', {
    technical: `refused command: ${command.slice(0, 600)}`,
  });
}
