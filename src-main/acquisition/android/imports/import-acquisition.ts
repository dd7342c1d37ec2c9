// Importing an offline Android acquisition into a case: an androidqf folder or zip, or a bugreport zip. The
// format is recognised from the files; every file Sentinelle reads is stored first as an artifact (source
// `import`, with its name inside the acquisition), then parsed by the same code as a live scan, and its
// observations are recorded under a scan of its own. A file that cannot be read fails the import with a
// clear message; the scan is then marked failed and whatever was stored stays as evidence of the attempt.
import path from 'node:path';
import type { ImportFormat } from '../../../../src-shared/acquisition.js';
import { SentinelleError } from '../../../../src-shared/errors.js';
import type { Scan } from '../../../../src-shared/model.js';
import type { OpenVault } from '../../../vault/vault.js';
import type { AndroidAcquisition } from '../acquisition.js';
import { deviceFor, recordMethod, storeObservations } from '../record-acquisition.js';
import { acquisitionFromAndroidqf, ANDROIDQF_FILES, type ImportedFile } from './androidqf.js';
import { acquisitionFromBugreport, bugreportMainEntry } from './bugreport.js';
import { MAX_FILE_BYTES, openImportSource, siblingsOf, unreadable, type ImportSource } from './import-source.js';

/** The cap on androidqf's small files (getprop, settings, packages.json, ps, root_binaries.json). */
const SMALL_FILE_BYTES = 64 * 1024 * 1024;

export const IMPORT_SCAN_KIND: Record<ImportFormat, string> = { androidqf: 'android-androidqf', 'android-bugreport': 'android-bugreport' };

export interface ImportOutcome {
  format: ImportFormat;
  scan: Scan;
  observations: number;
  files: string[];
}

export interface Plan {
  format: ImportFormat;
  /** Full names in the source, the short names the parser knows them by, and how large each may be. */
  files: { name: string; as: string; maxBytes: number }[];
  parse: (files: ImportedFile[]) => AndroidAcquisition;
}

/** Recognises an offline acquisition from its files: which format, and which files Sentinelle reads in it. */
export async function planFor(source: ImportSource): Promise<Plan> {
  const mainEntry = source.names.find((name) => name.split('/').at(-1) === 'main_entry.txt');
  const main = bugreportMainEntry(source.names, mainEntry ? (await source.read(mainEntry, 4096)).toString('utf8') : null);
  if (main) {
    return { format: 'android-bugreport', files: [{ name: main, as: main, maxBytes: MAX_FILE_BYTES }], parse: ([file]) => acquisitionFromBugreport(file!) };
  }
  const anchor = source.names.filter((name) => /(^|\/)(packages\.json|getprop\.txt)$/.test(name)).sort((a, b) => a.split('/').length - b.split('/').length)[0];
  if (anchor) {
    const { prefix, names } = siblingsOf(source.names, anchor);
    const known = new Set<string>(ANDROIDQF_FILES);
    return {
      format: 'androidqf',
      files: names.filter((name) => known.has(name)).map((name) => ({ name: `${prefix}${name}`, as: name, maxBytes: name === 'dumpsys.txt' ? MAX_FILE_BYTES / 2 : SMALL_FILE_BYTES })),
      parse: acquisitionFromAndroidqf,
    };
  }
  if (source.names.some((name) => name.endsWith('.age'))) throw unreadable(source.origin, 'this androidqf acquisition is encrypted (.age); decrypt it with its key first');
  throw unreadable(source.origin, 'it is neither an androidqf acquisition (packages.json, getprop.txt…) nor an Android bugreport');
}

export async function importAndroidAcquisition(vault: OpenVault, caseId: string, origin: string): Promise<ImportOutcome> {
  vault.cases.get(caseId);
  const source = await openImportSource(origin);
  try {
    const plan = await planFor(source);
    const scan = vault.scans.start({ caseId, deviceId: null, kind: IMPORT_SCAN_KIND[plan.format] });
    try {
      const files: ImportedFile[] = [];
      for (const { name, as, maxBytes } of plan.files) {
        const bytes = await source.read(name, maxBytes);
        const sha256 = vault.artifacts.putBuffer(bytes, { caseId, source: 'import', path: `${path.basename(origin)}/${name}`, scanId: scan.id }).sha256;
        files.push({ name: as, text: bytes.toString('utf8'), sha256 });
        vault.scans.markStepDone(scan.id, as);
      }
      const acquisition = plan.parse(files);
      vault.scans.setDevice(scan.id, deviceFor(vault, caseId, acquisition, null));
      const observations = storeObservations(vault, caseId, scan.id, acquisition);
      // The collectors whose data this acquisition held.
      recordMethod(vault, caseId, scan.id, new Set(acquisition.evidence.keys()));
      return { format: plan.format, scan: vault.scans.finish(scan.id, 'completed'), observations, files: files.map((file) => file.name) };
    } catch (error) {
      vault.scans.finish(scan.id, 'failed', error instanceof Error ? error.message : String(error));
      throw error instanceof SentinelleError ? error : unreadable(origin, 'a file could not be read', error);
    }
  } finally {
    source.close();
  }
}
