// The recorded computer outputs in tests/fixtures/host (see its README for how they were made), and a
// command runner that replays them by command, as the real programs would print them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SentinelleError } from '../../src-shared/errors.js';
import { HOST_COMMANDS, type HostCommand } from '../../src-main/acquisition/computer/commands.js';
import type { CommandRunner } from '../../src-main/acquisition/computer/host-scan.js';
import type { CommandResult } from '../../src-main/acquisition/computer/run-command.js';

export const HOST_FIXTURES = fileURLToPath(new URL('../fixtures/host/', import.meta.url));

export function hostFixture(name: string): string {
  return fs.readFileSync(path.join(HOST_FIXTURES, name), 'utf8');
}

/** Replays recorded outputs: by catalogue entry, and codesign by the file it describes. Anything else is "not installed". */
export function recordedRunner(byCommand: Map<HostCommand, string>, codesign: Record<string, string> = {}, log: HostCommand[] = []): CommandRunner {
  return async (command, signal) => {
    // Like the real runner: a stopped scan starts nothing more.
    if (signal?.aborted) throw new SentinelleError('scan.cancelled', 'The scan was stopped.');
    log.push(command);
    const result = (stdout: string, stderr = ''): CommandResult => ({ code: 0, stdout: Buffer.from(stdout, 'utf8'), stderr, missing: false, truncated: false });
    if (command.file === '/usr/bin/codesign') {
      const file = command.args.at(-1)!;
      return codesign[file] === undefined ? result('', `${file}: No such file or directory\n`) : result('', codesign[file]);
    }
    if (command.display === 'powershell: Get-AuthenticodeSignature') return result(hostFixture('windows/signatures.json'));
    const recorded = byCommand.get(command);
    return recorded === undefined ? { code: null, stdout: Buffer.alloc(0), stderr: '', missing: true, truncated: false } : result(recorded);
  };
}

export function windowsRecordings(): Map<HostCommand, string> {
  return new Map([
    [HOST_COMMANDS.windowsProcesses, hostFixture('windows/processes.json')],
    [HOST_COMMANDS.windowsServices, hostFixture('windows/services.json')],
    [HOST_COMMANDS.windowsRunKeys, hostFixture('windows/run-keys.json')],
    [HOST_COMMANDS.windowsScheduledTasks, hostFixture('windows/scheduled-tasks.json')],
    [HOST_COMMANDS.windowsStartupFolders, hostFixture('windows/startup-folders.json')],
    [HOST_COMMANDS.windowsPrograms, hostFixture('windows/programs.json')],
  ]);
}

export function macosRecordings(): { byCommand: Map<HostCommand, string>; codesign: Record<string, string> } {
  return {
    byCommand: new Map([
      [HOST_COMMANDS.macosProcesses, hostFixture('macos/ps.txt')],
      [HOST_COMMANDS.macosLoginItems, hostFixture('macos/login-items.json')],
      [HOST_COMMANDS.macosProfiles, hostFixture('macos/profiles.xml')],
      [HOST_COMMANDS.macosSystemExtensions, hostFixture('macos/systemextensionsctl.txt')],
      [HOST_COMMANDS.macosKernelExtensions, hostFixture('macos/kmutil-showloaded.txt')],
    ]),
    codesign: {
      '/Library/PrivilegedHelperTools/com.teamviewer.Helper': hostFixture('macos/codesign-teamviewer-helper.txt'),
      '/Users/zoé/Library/Application Support/.syncd/agent': hostFixture('macos/codesign-syncd-agent.txt'),
      '/private/var/folders/x2/k3_9q1ws0b1f8/T/.tmp_upd/upd': hostFixture('macos/codesign-upd.txt'),
    },
  };
}
