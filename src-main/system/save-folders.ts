// Where a Save dialog opens when an advocate saves a sealed bundle: on a removable drive (a USB key) when
// one is plugged in — where the bundle goes to the lawyer — else in her documents folder. Linux mounts them
// under /media/USER and /run/media/USER, macOS under /Volumes (the startup disk there is a link to /).
// Windows does not say from Node which drive is removable: the dialog's own side bar lists them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface FolderFacts {
  platform: NodeJS.Platform;
  user: string;
  /** The file system's root, for tests (`/` by default). */
  root?: string;
}

/** Removable drives mounted now, most recently mounted first. */
export function removableDrives(facts: FolderFacts = { platform: process.platform, user: os.userInfo().username }): string[] {
  const root = facts.root ?? '/';
  const parents = facts.platform === 'linux' ? [path.join(root, 'media', facts.user), path.join(root, 'run', 'media', facts.user)] : facts.platform === 'darwin' ? [path.join(root, 'Volumes')] : [];
  const drives: { dir: string; mounted: number }[] = [];
  for (const parent of parents) {
    let names: string[];
    try {
      names = fs.readdirSync(parent);
    } catch {
      continue;
    }
    for (const name of names) {
      const dir = path.join(parent, name);
      try {
        // The startup disk appears in /Volumes as a link to /: not a removable drive.
        if (fs.lstatSync(dir).isSymbolicLink()) continue;
        const stat = fs.statSync(dir);
        if (stat.isDirectory()) drives.push({ dir, mounted: stat.mtimeMs });
      } catch {
        // a drive being unmounted
      }
    }
  }
  return drives.sort((a, b) => b.mounted - a.mounted).map((drive) => drive.dir);
}

/** The folder a Save dialog starts in: the removable drive plugged in last, or the documents folder. */
export function suggestedSaveFolder(documents: string, facts?: FolderFacts): string {
  return removableDrives(facts)[0] ?? documents;
}
