// The read-only guarantee: every command sent to a phone goes through this one allow-list. The listings the
// collectors declare (checked against a vocabulary of programs that only read), `sha256sum` over APK paths,
// and pulling APKs; nothing that installs, changes, deletes or starts anything. Anything else throws here,
// before it can reach adb.
import { SentinelleError } from '../../../src-shared/errors.js';
import { commandFor, LISTING_COLLECTORS, listingOf } from './collectors/index.js';

/**
 * The only programs a listing may run, each of which only reads: a collector declaring anything else
 * stops Sentinelle at start-up (and the allow-list test), before any phone is reached.
 */
const READ_ONLY_LISTING = /^(getprop|getenforce|ps -A|dumpsys [a-z_]+|pm list (packages|users)( -[a-zA-Z]+| --user [0-9]+)*|cmd package (query-activities|resolve-activity) --brief( --user [0-9]+)? -a [a-z.A-Z_]+ -c [a-z.A-Z_]+|settings( --user [0-9]+)? list (secure|global|system)|ls -d( \/[A-Za-z0-9._/-]+)+ 2>\/dev\/null|find( \/sdcard\/[A-Za-z]+)+ -maxdepth [0-9] -type f -iname '\*\.apk' -exec stat -c '%s\|%Y\|%n' \{\} \+ 2>\/dev\/null)$/;

/** Whether a collector's command is one of the programs that only read. */
export function isReadOnlyListing(command: string): boolean {
  return READ_ONLY_LISTING.test(command);
}

for (const collector of LISTING_COLLECTORS) {
  for (const command of [collector.command, ...(collector.perUser ? [commandFor(collector, 10)] : [])]) {
    if (!isReadOnlyListing(command)) throw new Error(`the Android collector ${collector.id} declares a command that is not a read-only listing: ${command}`);
  }
}

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

/** An installer file in shared storage Sentinelle may hash (never pull): a plain name, no space or shell character. */
const STORAGE_APK_PATH = /^\/sdcard\/(Download|Bluetooth|Documents)\/[A-Za-z0-9._~=+\-/]+\.[aA][pP][kK]$/;

/** Whether `sha256sum` may read this path: an installed APK, or a safely named installer in shared storage. */
export function isHashablePath(path: string): boolean {
  return isApkPath(path) || (path.length <= MAX_APK_PATH && STORAGE_APK_PATH.test(path) && !path.split('/').includes('..'));
}

/** `sha256sum` commands covering every path, each at most `maxBytes` long; paths it may not read are left out. */
export function hashCommands(paths: readonly string[], maxBytes = MAX_HASH_COMMAND_BYTES): string[] {
  const commands: string[] = [];
  let current = 'sha256sum';
  for (const path of paths.filter(isHashablePath)) {
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

/** Throws unless the command only reads: a collector's listing (for any user), or hashing installed APKs. */
export function assertReadOnly(command: string): void {
  if (listingOf(command)) return;
  if (command.startsWith('sha256sum ') && command.length <= MAX_HASH_COMMAND_BYTES) {
    const paths = command.slice('sha256sum '.length).split(' ');
    if (paths.length > 0 && paths.every(isHashablePath)) return;
  }
  throw new SentinelleError('acquisition.command-refused', 'Sentinelle refused to send a command that is not on its read-only list. Nothing was sent to the phone.', {
    technical: `refused command: ${command.slice(0, 600)}`,
  });
}
