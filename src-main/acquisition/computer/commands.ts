// Every command the computer scan may run, in one catalogue: listings only (processes, services, startup
// entries, profiles, extensions, code signatures). Collectors can only run what is here, and a test checks
// that nothing in it changes the computer. Files are read directly, never through a shell.
import { encodedCommand, PROCESSES_SCRIPT, PROGRAMS_SCRIPT, RUN_KEYS_SCRIPT, SCHEDULED_TASKS_SCRIPT, SERVICES_SCRIPT, SIGNATURES_SCRIPT, STARTUP_FOLDERS_SCRIPT } from './windows/scripts.js';

export interface HostCommand {
  file: string;
  args: readonly string[];
  /** How the command is written in the evidence (a PowerShell script by its first listing cmdlet). */
  display: string;
  /** Where the program prints what we keep (codesign prints to standard error). */
  stream: 'stdout' | 'stderr';
  input?: string;
  timeoutMs?: number;
}

const powershell = (display: string, script: string, input?: string): HostCommand => ({
  file: 'powershell.exe',
  args: ['-NoProfile', '-NonInteractive', '-EncodedCommand', encodedCommand(script)],
  display: `powershell: ${display}`,
  stream: 'stdout',
  ...(input === undefined ? {} : { input }),
});

const plain = (file: string, args: readonly string[], stream: 'stdout' | 'stderr' = 'stdout'): HostCommand => ({ file, args, display: [file, ...args].join(' '), stream });

/** Lists the user's login items through System Events, as JSON (JavaScript for Automation). */
const LOGIN_ITEMS_JXA = 'JSON.stringify(Application("System Events").loginItems().map(function (i) { return { name: i.name(), path: i.path(), hidden: i.hidden(), kind: i.kind() }; }))';

export const HOST_COMMANDS = {
  windowsProcesses: powershell('Get-CimInstance Win32_Process', PROCESSES_SCRIPT),
  /** The fallback when PowerShell cannot list processes; `chcp 65001` makes tasklist print UTF-8. */
  windowsTasklist: plain('cmd.exe', ['/d', '/s', '/c', 'chcp 65001 >nul & tasklist /v /fo csv']),
  windowsServices: powershell('Get-CimInstance Win32_Service', SERVICES_SCRIPT),
  windowsRunKeys: powershell('Get-Item Run and RunOnce keys (HKLM, HKCU)', RUN_KEYS_SCRIPT),
  windowsScheduledTasks: powershell('Get-ScheduledTask', SCHEDULED_TASKS_SCRIPT),
  windowsStartupFolders: powershell('Get-ChildItem Startup folders', STARTUP_FOLDERS_SCRIPT),
  windowsPrograms: powershell('Get-ItemProperty Uninstall keys', PROGRAMS_SCRIPT),
  macosProcesses: plain('/bin/ps', ['-axww', '-o', 'pid,ppid,user,comm,args']),
  macosLoginItems: plain('/usr/bin/osascript', ['-l', 'JavaScript', '-e', LOGIN_ITEMS_JXA]),
  macosProfiles: plain('/usr/bin/profiles', ['-P', '-o', 'stdout-xml']),
  macosSystemExtensions: plain('/usr/bin/systemextensionsctl', ['list']),
  macosKernelExtensions: plain('/usr/bin/kmutil', ['showloaded', '--list-only']),
  macosKernelExtensionsOld: plain('/usr/sbin/kextstat', ['-l']),
  linuxUserCrontab: plain('crontab', ['-l']),
} satisfies Record<string, HostCommand>;

/** Windows: the code-signature status of these executables (their paths go through standard input). */
export function windowsSignatureCommand(paths: readonly string[]): HostCommand {
  // Non-ASCII characters travel as \uXXXX escapes, so the paths survive whatever code page the console reads in.
  return powershell('Get-AuthenticodeSignature', SIGNATURES_SCRIPT, JSON.stringify(paths).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/** macOS: who signed one executable (`codesign -dv` describes, it never signs). */
export function macosCodesignCommand(path: string): HostCommand {
  return plain('/usr/bin/codesign', ['-dv', '--verbose=2', path], 'stderr');
}
