// An Android bugreport (`adb bugreport` zip) as an Android acquisition. Its main dumpstate text is found as
// MVT does (main_entry.txt names it; else dumpState_*.log or bugreport-*.txt); from it come the system
// properties (`------ SYSTEM PROPERTIES (getprop) ------`), the processes (`------ PROCESSES AND THREADS`),
// and the package, accessibility, device_policy and appops dumpsys sections — read by the same parsers as
// a live scan. A bugreport has no launcher listing, settings list or APK hashes, so those stay unknown.
import { emptyAcquisition, fillFromOutputs, type AndroidAcquisition, type CommandOutput } from '../acquisition.js';
import { COMMANDS } from '../allow-list.js';
import { dumpsysOutputs, formatError, type ImportedFile } from './androidqf.js';

/** The name of the main dumpstate text among the archive's files, given main_entry.txt's content if any. */
export function bugreportMainEntry(names: readonly string[], mainEntryText: string | null): string | null {
  const named = mainEntryText?.trim();
  if (named && names.includes(named)) return named;
  const byPattern = (pattern: RegExp) => names.find((name) => pattern.test(name.split('/').at(-1)!));
  return byPattern(/^dumpState_.*\.log$/) ?? byPattern(/^bugreport-.*\.txt$/) ?? byPattern(/^dumpstate-.*\.txt$/) ?? null;
}

/** The lines of a dumpstate `------ TITLE (command) ------` section, up to the next `------` line. */
export function dumpstateSection(text: string, title: string): string | null {
  const start = text.indexOf(`------ ${title} (`);
  if (start < 0) return null;
  const bodyStart = text.indexOf('\n', start) + 1;
  if (bodyStart <= 0) return null;
  const end = text.indexOf('\n------', bodyStart - 1);
  return text.slice(bodyStart, end < 0 ? undefined : end + 1);
}

export function acquisitionFromBugreport(main: ImportedFile): AndroidAcquisition {
  if (!main.text.includes('DUMP OF SERVICE ') && !main.text.includes('------ SYSTEM PROPERTIES')) {
    throw formatError(`${main.name} does not look like a dumpstate text (no dumpsys or getprop section)`);
  }
  const outputs: CommandOutput[] = dumpsysOutputs(main);
  const properties = dumpstateSection(main.text, 'SYSTEM PROPERTIES');
  if (properties !== null) outputs.push({ command: COMMANDS.properties, text: properties, sha256: main.sha256 });
  const processes = dumpstateSection(main.text, 'PROCESSES AND THREADS');
  if (processes !== null) outputs.push({ command: COMMANDS.processes, text: processes, sha256: main.sha256 });
  return fillFromOutputs(emptyAcquisition(), outputs);
}
