// Parsers for what the Windows collectors print (scripts.ts): PowerShell's JSON — an array, a lone object
// when there was one item, an empty output when there was none, a byte-order mark sometimes — and
// tasklist's CSV, whose column titles are translated on non-English Windows (read by position). Every row
// is checked against a schema; a row that does not fit is counted, never trusted.
import { parse as parseCsvRows } from 'csv-parse/sync';
import { z } from 'zod';
import type { PersistenceData, ProcessData, ProgramData } from '../../../../src-shared/observations.js';
import { quoteIfSpaced, windowsExecutable } from '../command-line.js';

const str = z.string().max(32_768).nullable().optional().transform((value) => (value === undefined || value === null || value.trim() === '' ? null : value));
const int = z.number().int().nonnegative();

export interface Parsed<T> {
  rows: T[];
  /** Rows that did not have the expected shape. */
  rejected: number;
}

/** The rows of a PowerShell `ConvertTo-Json` output checked against `schema`. */
export function parsePowerShellJson<S extends z.ZodType>(text: string, schema: S): Parsed<z.infer<S>> {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') return { rows: [], rejected: 0 };
  const value: unknown = JSON.parse(trimmed);
  const items = Array.isArray(value) ? value : value === null ? [] : [value];
  const rows: z.infer<S>[] = [];
  let rejected = 0;
  for (const item of items) {
    const parsed = schema.safeParse(item);
    if (parsed.success) rows.push(parsed.data);
    else rejected += 1;
  }
  return { rows, rejected };
}

export const CimProcessRow = z.object({ ProcessId: int, ParentProcessId: int.nullable().optional(), Name: z.string().max(1000), ExecutablePath: str, CommandLine: str });

export function processFromCim(row: z.infer<typeof CimProcessRow>): ProcessData {
  return { platform: 'windows', pid: row.ProcessId, ppid: row.ParentProcessId ?? null, user: null, name: row.Name, executable: row.ExecutablePath, commandLine: row.CommandLine, sha256: null, signed: null, signer: null, self: false };
}

/** `tasklist /v /fo csv`: image name, PID, session name, session number, memory, status, user, CPU time, window title. */
export function parseTasklistCsv(text: string): Parsed<ProcessData> {
  // Window titles hold anything, stray quotes included: relaxed quoting keeps one odd line from losing the list.
  const records = parseCsvRows(text.replace(/^\uFEFF/, ''), { relax_column_count: true, relax_quotes: true, skip_empty_lines: true }) as string[][];
  const rows: ProcessData[] = [];
  let rejected = 0;
  for (const [i, record] of records.entries()) {
    if (i === 0) continue; // the header, in the system's language
    const [name, pid, , , , , user] = record;
    if (!name || !pid || !/^\d+$/.test(pid)) {
      rejected += 1;
      continue;
    }
    rows.push({ platform: 'windows', pid: Number(pid), ppid: null, user: user && user !== 'N/A' ? user : null, name, executable: null, commandLine: null, sha256: null, signed: null, signer: null, self: false });
  }
  return { rows, rejected };
}

export const SignatureRow = z.object({ Path: z.string().max(4000), Status: str, Signer: str });

/** Authenticode: `Valid` is signed; `NotSigned`, `HashMismatch` (altered after signing) and `NotTrusted` are not; anything else is unknown. */
export function signatureState(status: string | null): boolean | null {
  if (status === 'Valid') return true;
  if (status === 'NotSigned' || status === 'HashMismatch' || status === 'NotTrusted' || status === 'NotSupportedFileFormat') return status === 'NotSupportedFileFormat' ? null : false;
  return null;
}

export const ServiceRow = z.object({ Name: z.string().max(1000), DisplayName: str, PathName: str, StartMode: str, State: str, StartName: str });

export function persistenceFromService(row: z.infer<typeof ServiceRow>): PersistenceData {
  return {
    platform: 'windows',
    mechanism: 'service',
    name: row.DisplayName ?? row.Name,
    executable: windowsExecutable(row.PathName),
    commandLine: row.PathName,
    label: row.Name,
    location: `HKLM\\SYSTEM\\CurrentControlSet\\Services\\${row.Name}`,
    enabled: row.StartMode === null ? null : row.StartMode !== 'Disabled',
  };
}

export const RunKeyRow = z.object({ Key: z.string().max(1000), Name: z.string().max(1000), Value: str });

export function persistenceFromRunKey(row: z.infer<typeof RunKeyRow>): PersistenceData {
  return { platform: 'windows', mechanism: 'run-key', name: row.Name === '' ? '(Default)' : row.Name, executable: windowsExecutable(row.Value), commandLine: row.Value, label: null, location: row.Key, enabled: true };
}

const TaskAction = z.object({ Execute: str, Arguments: str, ClassId: str });
export const ScheduledTaskRow = z.object({ TaskPath: str, TaskName: z.string().max(1000), State: str, Author: str, Actions: z.array(TaskAction).max(100).nullable().optional() });

/** One observation per action a task runs (a task may run several programs, or a COM handler). */
export function persistenceFromTask(row: z.infer<typeof ScheduledTaskRow>): PersistenceData[] {
  const name = `${row.TaskPath ?? '\\'}${row.TaskName}`;
  const enabled = row.State === null ? null : row.State !== 'Disabled';
  return (row.Actions ?? []).map((action) => {
    const commandLine = action.Execute ? [quoteIfSpaced(action.Execute), action.Arguments].filter(Boolean).join(' ') : action.ClassId ? `COM handler ${action.ClassId}` : null;
    return { platform: 'windows', mechanism: 'scheduled-task', name, executable: action.Execute ? windowsExecutable(quoteIfSpaced(action.Execute)) : null, commandLine, label: row.Author, location: name, enabled };
  });
}

export const StartupFileRow = z.object({ Folder: str, Name: z.string().max(1000), Path: z.string().max(4000), Target: str, Arguments: str, Hidden: z.boolean().nullable().optional() });

export function persistenceFromStartupFile(row: z.infer<typeof StartupFileRow>): PersistenceData | null {
  if (row.Name.toLowerCase() === 'desktop.ini') return null; // Explorer's own folder settings
  const program = row.Target ?? row.Path;
  return { platform: 'windows', mechanism: 'startup-folder', name: row.Name, executable: program, commandLine: [quoteIfSpaced(program), row.Arguments].filter(Boolean).join(' '), label: null, location: row.Path, enabled: true };
}

export const ProgramRow = z.object({ DisplayName: z.string().max(1000), DisplayVersion: str, Publisher: str, InstallLocation: str, InstallDate: str });

export function programFromRow(row: z.infer<typeof ProgramRow>): ProgramData {
  const date = row.InstallDate && /^\d{8}$/.test(row.InstallDate) ? `${row.InstallDate.slice(0, 4)}-${row.InstallDate.slice(4, 6)}-${row.InstallDate.slice(6, 8)}` : row.InstallDate;
  return { platform: 'windows', name: row.DisplayName.trim(), version: row.DisplayVersion, publisher: row.Publisher, location: row.InstallLocation?.replace(/^"|"$/g, '') ?? null, installDate: date };
}
