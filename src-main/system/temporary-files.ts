// Sweeping what a crash or a kill may have left behind: the scratch folder older versions kept in the
// vault folder (decrypted Manifest.db copies, report pages), and the private browser profiles of PDF
// printing in the system's temporary folder. Run at start-up, at every lock (Quick exit included) and at
// unlock. Nothing of a case is written there any more; the sweep is for what an older version or a killed
// process left.
import fs from 'node:fs';
import path from 'node:path';

/** Folders under the vault's `work/` that only ever hold temporary files: old scratch copies, files waiting to be downloaded or uploaded. */
export const TEMPORARY_WORK_FOLDERS = ['scratch', 'downloads', 'uploads'];

/** Sweeps the vault's temporary folders, then runs each of `alsoSweep` (a service's own leftovers, such as PDF printing's profiles). */
export function sweepTemporaryFiles(vaultDir: string, alsoSweep: readonly (() => void)[] = []): void {
  for (const folder of TEMPORARY_WORK_FOLDERS) {
    try {
      fs.rmSync(path.join(vaultDir, 'work', folder), { recursive: true, force: true });
    } catch {
      // a file still held open (Windows) goes at the next sweep
    }
  }
  for (const sweep of alsoSweep) sweep();
}
