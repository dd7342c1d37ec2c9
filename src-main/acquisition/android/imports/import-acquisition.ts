// Importing an offline Android acquisition into a case: an androidqf folder or zip, or a bugreport zip. The
// format is recognised from the files; every file Sentinelle reads is stored first as an artifact (source
// `import`, with its name inside the acquisition), then parsed by the same code as a live scan, and its
// observations are recorded under a scan of its own. The parsing runs in a worker thread with time and memory
// limits (a hostile bugreport cannot freeze the app), and Cancel or Quick exit stop it at once. A file that
// cannot be read fails the import with a clear message; the scan is then marked failed and whatever was
// stored stays as evidence of the attempt.
import path from 'node:path';
import type { ImportFormat, ScanStepProgress } from '../../../../src-shared/acquisition.js';
import { SentinelleError } from '../../../../src-shared/errors.js';
import type { Scan } from '../../../../src-shared/model.js';
import type { OpenVault } from '../../../vault/vault.js';
import { ParseLimitError, parseInWorker } from '../../../system/parse-worker.js';
import { deviceFor, recordMethod, storeObservations } from '../record-acquisition.js';
import type { AndroidAcquisition } from '../acquisition.js';
import { ANDROIDQF_FILES } from './androidqf.js';
import { bugreportMainEntry } from './bugreport.js';
import { MAX_FILE_BYTES, openImportSource, siblingsOf, unreadable, type ImportSource } from './import-source.js';

/** The cap on androidqf's small files (getprop, settings, packages.json, ps, root_binaries.json). */
const SMALL_FILE_BYTES = 64 * 1024 * 1024;
/** A real 150 MB bugreport parses in seconds; these bounds stop only what no phone produces. */
const PARSE_TIMEOUT_MS = 120_000;
const PARSE_MEMORY_MB = 3072;

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
}

export interface ImportOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ScanStepProgress) => void;
}

/** Recognises an offline acquisition from its files: which format, and which files Sentinelle reads in it. */
export async function planFor(source: ImportSource): Promise<Plan> {
  const mainEntry = source.names.find((name) => name.split('/').at(-1) === 'main_entry.txt');
  const main = bugreportMainEntry(source.names, mainEntry ? (await source.read(mainEntry, 4096)).toString('utf8') : null);
  if (main) {
    return { format: 'android-bugreport', files: [{ name: main, as: main, maxBytes: MAX_FILE_BYTES }] };
  }
  const anchor = source.names.filter((name) => /(^|\/)(packages\.json|getprop\.txt)$/.test(name)).sort((a, b) => a.split('/').length - b.split('/').length)[0];
  if (anchor) {
    const { prefix, names } = siblingsOf(source.names, anchor);
    const known = new Set<string>(ANDROIDQF_FILES);
    return {
      format: 'androidqf',
      files: names.filter((name) => known.has(name)).map((name) => ({ name: `${prefix}${name}`, as: name, maxBytes: name === 'dumpsys.txt' ? MAX_FILE_BYTES / 2 : SMALL_FILE_BYTES })),
    };
  }
  if (source.names.some((name) => name.endsWith('.age'))) throw unreadable(source.origin, 'this androidqf acquisition is encrypted (.age); decrypt it with its key first');
  throw unreadable(source.origin, 'it is neither an androidqf acquisition (packages.json, getprop.txt…) nor an Android bugreport');
}

/** Imports an acquisition from a path on this computer, or from a source already open (what the browser sent). */
export async function importAndroidAcquisition(vault: OpenVault, caseId: string, from: string | ImportSource, options: ImportOptions = {}): Promise<ImportOutcome> {
  vault.cases.get(caseId);
  const source = typeof from === 'string' ? await openImportSource(from) : from;
  const origin = source.origin;
  try {
    const plan = await planFor(source);
    const scan = vault.scans.start({ caseId, deviceId: null, kind: IMPORT_SCAN_KIND[plan.format] });
    const total = plan.files.length + 1;
    const progress = (step: string, index: number) => options.onProgress?.({ scanId: scan.id, step, label: { en: `Reading ${step}`, fr: `Lecture de ${step}` }, index, total });
    try {
      const files: { name: string; bytes: Uint8Array; sha256: string }[] = [];
      for (const [i, { name, as, maxBytes }] of plan.files.entries()) {
        throwIfCancelled(options.signal);
        progress(as, i + 1);
        const bytes = await source.read(name, maxBytes);
        const sha256 = vault.artifacts.putBuffer(bytes, { caseId, source: 'import', path: `${path.basename(origin)}/${name}`, scanId: scan.id }).sha256;
        files.push({ name: as, bytes, sha256 });
        vault.scans.markStepDone(scan.id, as);
      }
      options.onProgress?.({ scanId: scan.id, step: 'parse', label: { en: 'Reading what the phone recorded', fr: 'Lecture de ce que le téléphone a enregistré' }, index: total, total });
      const acquisition = await parseInWorker<AndroidAcquisition>({ kind: 'android-import', format: plan.format, files }, { ...(options.signal ? { signal: options.signal } : {}), timeoutMs: PARSE_TIMEOUT_MS, maxMemoryMb: PARSE_MEMORY_MB }).catch((error: unknown) => {
        throw error instanceof ParseLimitError ? unreadable(origin, `${error.message}; no phone's acquisition does that`, error) : error;
      });
      vault.scans.setDevice(scan.id, deviceFor(vault, caseId, acquisition, null));
      const { count: observations, notes } = storeObservations(vault, caseId, scan.id, acquisition);
      // The collectors whose data this acquisition held, and any record set aside.
      recordMethod(vault, caseId, scan.id, new Set(acquisition.evidence.keys()), notes);
      return { format: plan.format, scan: vault.scans.finish(scan.id, 'completed'), observations, files: files.map((file) => file.name) };
    } catch (error) {
      const cancelled = error instanceof SentinelleError && error.code === 'scan.cancelled';
      if (vault.isOpen) vault.scans.finish(scan.id, cancelled ? 'cancelled' : 'failed', error instanceof Error ? error.message : String(error));
      throw error instanceof SentinelleError ? error : unreadable(origin, 'a file could not be read', error);
    }
  } finally {
    source.close();
  }
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.');
}
