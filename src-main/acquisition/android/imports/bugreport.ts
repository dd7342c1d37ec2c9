// An Android bugreport (`adb bugreport` zip) as an Android acquisition. Its main dumpstate text is found as
// MVT does (main_entry.txt names it; else dumpState_*.log or bugreport-*.txt); in it, each collector's data
// is where the collector says (a dumpstate section such as `------ SYSTEM PROPERTIES (getprop) ------`, or a
// `DUMP OF SERVICE name:` section) and is read by the live scan's own reader. What a bugreport lacks (the
// launcher listing, APK hashes) stays unknown.
import type { OfflineSource } from '../collectors/collector.js';
import { emptyAcquisition, fillFromOutputs, type AndroidAcquisition } from '../acquisition.js';
import { formatError, type ImportedFile } from './androidqf.js';
import { dumpsysServiceText } from '../parsers/dumpsys-package.js';
import { dumpstateSection, offlineOutputs, type SourceText } from './offline-outputs.js';

/** The name of the main dumpstate text among the archive's files, given main_entry.txt's content if any. */
export function bugreportMainEntry(names: readonly string[], mainEntryText: string | null): string | null {
  const named = mainEntryText?.trim();
  if (named && names.includes(named)) return named;
  const byPattern = (pattern: RegExp) => names.find((name) => pattern.test(name.split('/').at(-1)!));
  return byPattern(/^dumpState_.*\.log$/) ?? byPattern(/^bugreport-.*\.txt$/) ?? byPattern(/^dumpstate-.*\.txt$/) ?? null;
}

/** Where a collector's data is in a dumpstate text. */
export function bugreportLocator(main: ImportedFile) {
  return (source: OfflineSource): SourceText | null => {
    const text = 'dumpsys' in source ? dumpsysServiceText(main.text, source.dumpsys) : 'dumpstate' in source ? dumpstateSection(main.text, source.dumpstate) : null;
    return text === null ? null : { text, sha256: main.sha256 };
  };
}

export function acquisitionFromBugreport(main: ImportedFile): AndroidAcquisition {
  if (!main.text.includes('DUMP OF SERVICE ') && !main.text.includes('------ SYSTEM PROPERTIES')) {
    throw formatError(`${main.name} does not look like a dumpstate text (no dumpsys or getprop section)`);
  }
  return fillFromOutputs(emptyAcquisition(), offlineOutputs('bugreport', bugreportLocator(main)));
}
