// The macOS collectors: processes (ps) with their fingerprints and code signatures (codesign), launchd
// agents and daemons (system and user), login items, configuration profiles, and system and kernel
// extensions. Each keeps the raw output or file it read as an artifact.
import fs from 'node:fs';
import path from 'node:path';
import type { PersistenceData } from '../../../../src-shared/observations.js';
import type { AcquiredObservation } from '../../acquired-observation.js';
import { persistenceSubject, t, type HostCollector } from '../collector.js';
import { HOST_COMMANDS, macosCodesignCommand } from '../commands.js';
import { hashProcessExecutables } from '../process-hashes.js';
import { parseCodesign, parseKernelExtensions, parseLaunchdJob, parseLoginItems, parsePs, parseProfiles, parseSystemExtensions } from './parsers.js';

/** Apple's own programs live on the sealed, read-only system volume (SIP): their signatures are not checked one by one. */
const SEALED_SYSTEM = /^\/(System|usr\/(bin|sbin|libexec|lib)|bin|sbin)\//;
const MAX_SIGNATURE_CHECKS = 1000;

const persistence = (data: PersistenceData, sha256: string): AcquiredObservation => ({ kind: 'persistence', subject: persistenceSubject(data.mechanism, data.label ?? data.name), data, artifactSha256s: [sha256] });

export const macosProcessesCollector: HostCollector = {
  id: 'processes',
  label: t('Listing the running programs, their fingerprints and who signed them', 'Liste des programmes en cours, de leurs empreintes et de leurs signataires'),
  async collect(context) {
    const listed = await context.run(HOST_COMMANDS.macosProcesses);
    if (!listed || listed.code !== 0) {
      context.note('The running programs could not be listed (ps did not answer).');
      return [];
    }
    const { rows: processes, rejected } = parsePs(listed.text);
    if (rejected > 0) context.note(`${rejected} line(s) of the process list could not be understood; they are in the evidence as printed.`);
    await hashProcessExecutables(context, processes);
    const evidence = [listed.sha256];
    const toCheck = [...new Set(processes.map((process) => process.executable).filter((file): file is string => file !== null && !SEALED_SYSTEM.test(file)))].slice(0, MAX_SIGNATURE_CHECKS);
    const verdicts = new Map<string, ReturnType<typeof parseCodesign> & { sha256: string }>();
    for (const file of toCheck) {
      if (context.signal?.aborted) break;
      const described = await context.run(macosCodesignCommand(file));
      if (!described) break; // no codesign on this Mac (it comes with the system; should not happen)
      verdicts.set(file, { ...parseCodesign(described.text), sha256: described.sha256 });
    }
    return processes.map((data) => {
      const verdict = data.executable ? verdicts.get(data.executable) : undefined;
      const process = verdict ? { ...data, signed: verdict.signed, signer: verdict.signer } : data;
      return { kind: 'process', subject: data.name, data: { ...process }, artifactSha256s: verdict ? [...evidence, verdict.sha256] : evidence };
    });
  },
};

/** `root` is `/` on a Mac; tests point it at a folder laid out like one. */
export const macosLaunchdCollector = (root = '/'): HostCollector => ({
  id: 'launchd',
  label: t('Reading the background services (LaunchAgents and LaunchDaemons)', 'Lecture des services d’arrière-plan (LaunchAgents et LaunchDaemons)'),
  async collect(context) {
    const folders: [string, 'launch-agent' | 'launch-daemon'][] = [
      [path.join(root, 'Library/LaunchAgents'), 'launch-agent'],
      [path.join(root, 'Library/LaunchDaemons'), 'launch-daemon'],
      [path.join(context.home, 'Library/LaunchAgents'), 'launch-agent'],
    ];
    const observations: AcquiredObservation[] = [];
    for (const [folder, mechanism] of folders) {
      let names: string[] = [];
      try {
        names = fs.readdirSync(folder).filter((name) => name.endsWith('.plist')).sort();
      } catch {
        continue;
      }
      for (const name of names) {
        const file = path.join(folder, name);
        const kept = await context.readFile(file, 1024 * 1024);
        if (!kept) continue;
        try {
          observations.push(persistence(parseLaunchdJob(kept.bytes, file, mechanism), kept.sha256));
        } catch (error) {
          context.note(`${file} is not a valid launchd job (${error instanceof Error ? error.message : String(error)}); it is kept in the evidence as it is.`);
        }
      }
    }
    return observations;
  },
});

export const macosLoginItemsCollector: HostCollector = {
  id: 'login-items',
  label: t('Reading the login items', 'Lecture des éléments d’ouverture de session'),
  async collect(context) {
    const listed = await context.run(HOST_COMMANDS.macosLoginItems);
    if (!listed || listed.code !== 0) {
      context.note('The login items could not be listed (macOS may ask to allow Sentinelle to control System Events; the rest of the scan does not need it).');
      return [];
    }
    try {
      return parseLoginItems(listed.text, 'System Events login items').map((data) => persistence(data, listed.sha256));
    } catch (error) {
      context.note(`The login items could not be understood: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  },
};

export const macosProfilesCollector: HostCollector = {
  id: 'profiles',
  label: t('Reading the configuration profiles', 'Lecture des profils de configuration'),
  async collect(context) {
    const listed = await context.run(HOST_COMMANDS.macosProfiles);
    if (!listed || listed.code !== 0) {
      context.note('The configuration profiles could not be listed (the profiles tool did not answer).');
      return [];
    }
    try {
      return parseProfiles(listed.bytes).map((data) => ({ kind: 'macos.profile', subject: data.identifier, data, artifactSha256s: [listed.sha256] }));
    } catch (error) {
      context.note(`The configuration profiles could not be understood: ${error instanceof Error ? error.message : String(error)}`);
      return [];
    }
  },
};

export const macosExtensionsCollector: HostCollector = {
  id: 'extensions',
  label: t('Reading the system and kernel extensions', 'Lecture des extensions système et noyau'),
  async collect(context) {
    const observations: AcquiredObservation[] = [];
    const system = await context.run(HOST_COMMANDS.macosSystemExtensions);
    if (system && system.code === 0) observations.push(...parseSystemExtensions(system.text).map((data) => persistence(data, system.sha256)));
    const kernel = (await context.run(HOST_COMMANDS.macosKernelExtensions)) ?? (await context.run(HOST_COMMANDS.macosKernelExtensionsOld));
    if (kernel && kernel.code === 0) observations.push(...parseKernelExtensions(kernel.text).map((data) => persistence(data, kernel.sha256)));
    else context.note('The loaded kernel extensions could not be listed.');
    return observations;
  },
};

export const macosCollectors: readonly HostCollector[] = [macosProcessesCollector, macosLaunchdCollector(), macosLoginItemsCollector, macosProfilesCollector, macosExtensionsCollector];
