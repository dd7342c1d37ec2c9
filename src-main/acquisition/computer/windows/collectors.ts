// The Windows collectors: processes with their paths, command lines, parents and code signatures (CIM,
// or tasklist when PowerShell cannot), services, Run/RunOnce keys, scheduled tasks, startup folders and
// installed programs. Each keeps what PowerShell printed as its artifact before parsing it.
import type { z } from 'zod';
import type { ProcessData } from '../../../../src-shared/observations.js';
import type { AcquiredObservation } from '../../acquired-observation.js';
import { persistenceSubject, t, type CommandOutput, type HostCollector, type HostContext } from '../collector.js';
import { HOST_COMMANDS, windowsSignatureCommand, type HostCommand } from '../commands.js';
import { hashProcessExecutables } from '../process-hashes.js';
import {
  CimProcessRow,
  parsePowerShellJson,
  parseTasklistCsv,
  persistenceFromRunKey,
  persistenceFromService,
  persistenceFromStartupFile,
  persistenceFromTask,
  processFromCim,
  ProgramRow,
  programFromRow,
  RunKeyRow,
  ScheduledTaskRow,
  ServiceRow,
  SignatureRow,
  signatureState,
  StartupFileRow,
} from './parsers.js';

/** Runs a listing and parses its JSON rows; null (noted) when PowerShell is missing, failed or printed something else. */
async function jsonRows<S extends z.ZodType>(context: HostContext, command: HostCommand, schema: S, what: string): Promise<{ rows: z.infer<S>[]; output: CommandOutput } | null> {
  const output = await context.run(command);
  if (!output) {
    context.note(`${what} could not be listed: PowerShell is not available on this computer.`);
    return null;
  }
  try {
    const parsed = parsePowerShellJson(output.text, schema);
    if (parsed.rejected > 0) context.note(`${parsed.rejected} entr${parsed.rejected === 1 ? 'y' : 'ies'} of the ${what.toLowerCase()} could not be understood; they are in the evidence as printed.`);
    return { rows: parsed.rows, output };
  } catch (error) {
    context.note(`${what} could not be read: PowerShell printed something unexpected (exit code ${output.code}). ${error instanceof Error ? error.message : ''}`.trim());
    return null;
  }
}

/** A service is named by its service name; a task, a Run value or a shortcut by its own name (a task's label is its author). */
const persistence = (data: ReturnType<typeof persistenceFromService>, sha256: string): AcquiredObservation => ({ kind: 'persistence', subject: persistenceSubject(data.mechanism, data.mechanism === 'service' ? (data.label ?? data.name) : data.name), data, artifactSha256s: [sha256] });

export const windowsProcessesCollector: HostCollector = {
  id: 'processes',
  label: t('Listing the running programs and computing their fingerprints', 'Liste des programmes en cours et calcul de leurs empreintes'),
  async collect(context) {
    let processes: ProcessData[] = [];
    const evidence: string[] = [];
    const listed = await jsonRows(context, HOST_COMMANDS.windowsProcesses, CimProcessRow, 'Running programs');
    if (listed && listed.rows.length > 0) {
      processes = listed.rows.map(processFromCim);
      evidence.push(listed.output.sha256);
    } else {
      const tasklist = await context.run(HOST_COMMANDS.windowsTasklist);
      if (!tasklist || tasklist.code !== 0) {
        context.note('The running programs could not be listed on this computer.');
        return [];
      }
      context.note('PowerShell could not list the programs; tasklist was used instead, which does not give their paths or fingerprints.');
      const parsed = parseTasklistCsv(tasklist.text);
      if (parsed.rejected > 0) context.note(`${parsed.rejected} line(s) of tasklist's output could not be understood; they are in the evidence as printed.`);
      processes = parsed.rows;
      evidence.push(tasklist.sha256);
    }
    await hashProcessExecutables(context, processes);
    const paths = [...new Set(processes.map((process) => process.executable).filter((path): path is string => path !== null))];
    if (paths.length > 0) {
      const signatures = await jsonRows(context, windowsSignatureCommand(paths), SignatureRow, 'Code signatures');
      if (signatures) {
        evidence.push(signatures.output.sha256);
        // The script answers in the order it was asked; by path only if a row went missing.
        const byPath = new Map(signatures.rows.length === paths.length ? paths.map((file, i) => [file.toLowerCase(), signatures.rows[i]!]) : signatures.rows.map((row) => [row.Path.toLowerCase(), row]));
        for (const process of processes) {
          const row = process.executable ? byPath.get(process.executable.toLowerCase()) : undefined;
          if (!row) continue;
          process.signed = signatureState(row.Status);
          process.signer = row.Signer;
        }
      }
    }
    return processes.map((data) => ({ kind: 'process', subject: data.name, data: { ...data }, artifactSha256s: evidence }));
  },
};

export const windowsServicesCollector: HostCollector = {
  id: 'services',
  label: t('Reading the Windows services', 'Lecture des services Windows'),
  async collect(context) {
    const listed = await jsonRows(context, HOST_COMMANDS.windowsServices, ServiceRow, 'Services');
    return listed ? listed.rows.map((row) => persistence(persistenceFromService(row), listed.output.sha256)) : [];
  },
};

export const windowsRunKeysCollector: HostCollector = {
  id: 'run-keys',
  label: t('Reading the programs Windows starts at sign-in (Run keys)', 'Lecture des programmes lancés à l’ouverture de session (clés Run)'),
  async collect(context) {
    const listed = await jsonRows(context, HOST_COMMANDS.windowsRunKeys, RunKeyRow, 'Startup registry keys');
    return listed ? listed.rows.map((row) => persistence(persistenceFromRunKey(row), listed.output.sha256)) : [];
  },
};

export const windowsScheduledTasksCollector: HostCollector = {
  id: 'scheduled-tasks',
  label: t('Reading the scheduled tasks', 'Lecture des tâches planifiées'),
  async collect(context) {
    const listed = await jsonRows(context, HOST_COMMANDS.windowsScheduledTasks, ScheduledTaskRow, 'Scheduled tasks');
    return listed ? listed.rows.flatMap((row) => persistenceFromTask(row).map((data) => persistence(data, listed.output.sha256))) : [];
  },
};

export const windowsStartupFoldersCollector: HostCollector = {
  id: 'startup-folders',
  label: t('Reading the Startup folders', 'Lecture des dossiers Démarrage'),
  async collect(context) {
    const listed = await jsonRows(context, HOST_COMMANDS.windowsStartupFolders, StartupFileRow, 'Startup folders');
    if (!listed) return [];
    return listed.rows.flatMap((row) => {
      const data = persistenceFromStartupFile(row);
      return data ? [persistence(data, listed.output.sha256)] : [];
    });
  },
};

export const windowsProgramsCollector: HostCollector = {
  id: 'programs',
  label: t('Reading the installed programs', 'Lecture des programmes installés'),
  async collect(context) {
    const listed = await jsonRows(context, HOST_COMMANDS.windowsPrograms, ProgramRow, 'Installed programs');
    if (!listed) return [];
    return listed.rows.map((row) => {
      const data = programFromRow(row);
      return { kind: 'program', subject: data.name, data, artifactSha256s: [listed.output.sha256] };
    });
  },
};

export const windowsCollectors: readonly HostCollector[] = [windowsProcessesCollector, windowsServicesCollector, windowsRunKeysCollector, windowsScheduledTasksCollector, windowsStartupFoldersCollector, windowsProgramsCollector];
