// The APK files lying in the phone's shared storage, as `find … -exec stat -c '%s|%Y|%n' {} +` prints them
// (toybox stat: size in bytes, modification time in seconds, then the name, which may hold any character —
// split on the first two `|` only), and the same files from androidqf's files.json.
export interface StorageFile {
  path: string;
  size: number;
  /** ISO time of the last modification, from the phone's clock. */
  modifiedAt: string | null;
}

/** The folders of shared storage where downloaded or received installers land. */
export const INSTALLER_FOLDERS = ['/sdcard/Download', '/sdcard/Bluetooth', '/sdcard/Documents'];
const PRIMARY_STORAGE = /^\/(storage\/emulated\/0|storage\/self\/primary|sdcard)\//;

/** A path of primary shared storage, written the way the live listing writes it (`/sdcard/…`). */
export function sharedStoragePath(path: string): string | null {
  return PRIMARY_STORAGE.test(path) ? path.replace(PRIMARY_STORAGE, '/sdcard/') : null;
}

/** Whether a file is an installer in one of the folders the live listing looks in (three folders down at most). */
export function isInstallerInStorage(path: string): boolean {
  const shared = sharedStoragePath(path);
  if (!shared || !/\.apk$/i.test(shared)) return false;
  const folder = INSTALLER_FOLDERS.find((candidate) => shared.startsWith(`${candidate}/`));
  return folder !== undefined && shared.slice(folder.length + 1).split('/').length <= 3;
}

const seconds = (value: number) => (Number.isFinite(value) && value > 0 ? new Date(value * 1000).toISOString() : null);

export function parseStatListing(text: string): StorageFile[] {
  const files: StorageFile[] = [];
  for (const line of text.split('\n')) {
    const match = /^(\d{1,15})\|(\d{1,12})\|(\/.+)$/.exec(line.replace(/\r$/, ''));
    if (!match || !isInstallerInStorage(match[3]!)) continue;
    files.push({ path: sharedStoragePath(match[3]!)!, size: Number(match[1]), modifiedAt: seconds(Number(match[2])) });
  }
  return files;
}

/** The installers among androidqf's files.json entries, with the hashes androidqf computed (when it did). */
export function installersFromFilesJson(entries: readonly { path: string; size?: number | undefined; modified_time?: number | undefined; sha256?: string | undefined }[]): { files: StorageFile[]; hashes: Map<string, string> } {
  const files: StorageFile[] = [];
  const hashes = new Map<string, string>();
  for (const entry of entries) {
    if (!isInstallerInStorage(entry.path)) continue;
    const path = sharedStoragePath(entry.path)!;
    files.push({ path, size: entry.size ?? 0, modifiedAt: seconds(entry.modified_time ?? 0) });
    if (entry.sha256 && /^[0-9a-f]{64}$/i.test(entry.sha256)) hashes.set(path, entry.sha256.toLowerCase());
  }
  return { files, hashes };
}
