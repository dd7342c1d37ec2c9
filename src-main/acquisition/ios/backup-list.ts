// Finding iPhone backups: the folders iTunes and Finder use on Windows and macOS (and the vault's own work
// folder, where live iPhones are backed up), or any folder given. Each backup is described from its
// Info.plist and Manifest.plist — device, iOS version, date, encrypted or not — without opening anything else;
// the property lists are parsed off the main thread (a hostile one in a listed folder cannot freeze the app).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackupSummary } from '../../../src-shared/acquisition.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import { MAX_PLIST_BYTES, readPlistDictionaryOffThread } from './plist-file.js';

/** Where iTunes (Windows, both the classic and the Microsoft Store versions) and Finder keep backups. */
export function defaultBackupFolders(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string[] {
  if (platform === 'win32') {
    return [env.APPDATA ? path.join(env.APPDATA, 'Apple Computer', 'MobileSync', 'Backup') : null, env.USERPROFILE ? path.join(env.USERPROFILE, 'Apple', 'MobileSync', 'Backup') : null].filter((dir): dir is string => dir !== null);
  }
  if (platform === 'darwin') return [path.join(home, 'Library', 'Application Support', 'MobileSync', 'Backup')];
  return [];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

/** One backup folder, described; `problem` says why it cannot be used when it cannot. */
export async function describeBackup(dir: string): Promise<BackupSummary> {
  const summary: BackupSummary = { path: dir, udid: null, deviceName: null, productType: null, iosVersion: null, lastBackup: null, encrypted: null, problem: null };
  try {
    if (!fs.existsSync(path.join(dir, 'Manifest.db'))) return { ...summary, problem: 'no Manifest.db: this folder is not a complete backup' };
    const read = async (file: string) => {
      // lstat: a planted link or FIFO is neither followed nor read (a FIFO would block for ever).
      const stat = fs.lstatSync(file);
      if (!stat.isFile()) throw new Error(`${path.basename(file)} is not a regular file`);
      if (stat.size > MAX_PLIST_BYTES) throw new Error(`${path.basename(file)} is larger than any real one`);
      return readPlistDictionaryOffThread(fs.readFileSync(file), path.basename(file));
    };
    const info = await read(path.join(dir, 'Info.plist'));
    const manifestFile = path.join(dir, 'Manifest.plist');
    const manifest = fs.existsSync(manifestFile) ? await read(manifestFile) : null;
    const date = info['Last Backup Date'];
    return {
      ...summary,
      udid: text(info['Unique Identifier']) ?? text(info['Target Identifier']),
      deviceName: text(info['Device Name']) ?? text(info['Display Name']),
      productType: text(info['Product Type']),
      iosVersion: text(info['Product Version']),
      lastBackup: date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null,
      encrypted: manifest ? manifest.IsEncrypted === true : false,
    };
  } catch (error) {
    return { ...summary, problem: error instanceof SentinelleError ? error.message : `cannot be read (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** The backups directly inside these folders (each backup is a subfolder named after the iPhone), newest first. */
export async function listBackups(folders: readonly string[]): Promise<BackupSummary[]> {
  const found: BackupSummary[] = [];
  for (const folder of folders) {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      continue; // the folder does not exist on this computer
    }
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const dir = path.join(folder, entry.name);
      if (fs.existsSync(path.join(dir, 'Info.plist')) || fs.existsSync(path.join(dir, 'Manifest.db'))) found.push(await describeBackup(dir));
    }
  }
  return found.sort((a, b) => (b.lastBackup ?? '').localeCompare(a.lastBackup ?? ''));
}
