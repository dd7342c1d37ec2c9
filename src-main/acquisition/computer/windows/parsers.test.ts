// The Windows parsers on recorded outputs (tests/fixtures/host/README.md): PowerShell JSON with Unicode
// paths, quotes and commas in command lines, missing fields, a lone object, a byte-order mark; tasklist CSV
// from a French Windows; and each startup mechanism.
import { describe, expect, it } from 'vitest';
import { hostFixture } from '../../../../tests/helpers/host-fixtures.js';
import { windowsExecutable } from '../command-line.js';
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
  signatureState,
  StartupFileRow,
} from './parsers.js';

describe('Windows processes', () => {
  it('reads paths, command lines and parents, Unicode and quotes included, and a row with missing fields', () => {
    const { rows, rejected } = parsePowerShellJson(hostFixture('windows/processes.json'), CimProcessRow);
    expect(rejected).toBe(0);
    const processes = rows.map(processFromCim);
    expect(processes).toHaveLength(11);
    const chrome = processes.find((process) => process.pid === 7312)!;
    expect(chrome.executable).toBe('C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe');
    expect(chrome.commandLine).toContain('--lang=fr,en-US');
    expect(chrome.commandLine).toContain('"Zoë\'s notes, draft"'); // \u0027 decoded
    expect(processes.find((process) => process.pid === 6604)!.executable).toBe('C:\\Users\\Zoë\\AppData\\Roaming\\Télémétrie\\svch0st.exe');
    const conhost = processes.find((process) => process.pid === 9001)!;
    expect(conhost).toMatchObject({ ppid: null, commandLine: null, executable: 'C:\\WINDOWS\\system32\\conhost.exe' });
    expect(processes.find((process) => process.pid === 0)).toMatchObject({ name: 'System Idle Process', executable: null });
  });

  it('takes a lone object, an empty output and a byte-order mark as PowerShell prints them', () => {
    expect(parsePowerShellJson('\uFEFF{"ProcessId":8,"ParentProcessId":4,"Name":"a.exe","ExecutablePath":null,"CommandLine":null}\r\n', CimProcessRow).rows).toHaveLength(1);
    expect(parsePowerShellJson('  \r\n', CimProcessRow).rows).toEqual([]);
    expect(parsePowerShellJson('[{"ProcessId":-1,"Name":"x"},{"Name":"no id"}]', CimProcessRow)).toEqual({ rows: [], rejected: 2 });
    expect(() => parsePowerShellJson('Get-CimInstance : Access denied', CimProcessRow)).toThrow();
  });

  it('reads tasklist from a French Windows by column position, with quoted commas and quotes in titles', () => {
    const { rows, rejected } = parseTasklistCsv(hostFixture('windows/tasklist.csv'));
    expect(rejected).toBe(1);
    expect(rows.map((row) => [row.name, row.pid, row.user])).toEqual([
      ['System Idle Process', 0, 'AUTORITE NT\\SYSTEM'],
      ['chrome.exe', 7312, 'PC-ZOE\\Zoë'],
      ['WINWORD.EXE', 8120, 'PC-ZOE\\Zoë'],
      ['rkfree.exe', 8188, null],
    ]);
  });

  it('keeps a tasklist line whose window title holds stray quotes', () => {
    const { rows } = parseTasklistCsv('"Image Name","PID","Session Name","Session#","Mem Usage","Status","User Name","CPU Time","Window Title"\r\n"notepad.exe","4242","Console","1","9 912 K","Running","PC\\Zoë","0:00:01","a "quoted" title"\r\n');
    expect(rows.map((row) => [row.name, row.pid])).toEqual([['notepad.exe', 4242]]);
  });

  it('maps Authenticode states: valid, not signed, altered, unknown', () => {
    expect([signatureState('Valid'), signatureState('NotSigned'), signatureState('HashMismatch'), signatureState('UnknownError'), signatureState(null)]).toEqual([true, false, false, null, null]);
  });
});

describe('Windows startup entries', () => {
  it('finds the program of quoted, unquoted-with-spaces and svchost service paths', () => {
    const services = parsePowerShellJson(hostFixture('windows/services.json'), ServiceRow).rows.map(persistenceFromService);
    expect(services.map((service) => [service.label, service.executable, service.enabled])).toEqual([
      ['AnyDesk', 'C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe', true],
      ['Schedule', 'C:\\WINDOWS\\system32\\svchost.exe', true],
      ['VendorSync', 'C:\\Program Files\\Vendor App\\sync host.exe', true],
      ['wuauserv', 'C:\\WINDOWS\\system32\\svchost.exe', false],
      ['TrustedInstaller', 'C:\\WINDOWS\\servicing\\TrustedInstaller.exe', true],
    ]);
  });

  it('reads Run and RunOnce values, the nameless default one and environment variables included', () => {
    const entries = parsePowerShellJson(hostFixture('windows/run-keys.json'), RunKeyRow).rows.map(persistenceFromRunKey);
    expect(entries.map((entry) => entry.name)).toEqual(['SecurityHealth', 'OneDrive', 'Windows Update Helper', '(Default)']);
    expect(entries[2]).toMatchObject({ executable: 'powershell.exe', commandLine: expect.stringContaining('%TEMP%\\wuh.ps1') });
    expect(entries[3]!.executable).toBe('C:\\Program Files\\Vendor App\\first run.exe');
    expect(entries[1]!.location).toBe('HKCU:\\Software\\Microsoft\\Windows\\CurrentVersion\\Run');
  });

  it('reads scheduled tasks: programs with arguments, COM handlers, tasks without actions', () => {
    const tasks = parsePowerShellJson(hostFixture('windows/scheduled-tasks.json'), ScheduledTaskRow).rows.flatMap(persistenceFromTask);
    expect(tasks).toHaveLength(4);
    expect(tasks[1]).toMatchObject({ name: '\\Microsoft\\Windows\\Shell\\CreateObjectTask', executable: null, commandLine: 'COM handler {8a4b6a7f-8c8b-4e6e-9d1a-0e0a9c6b7e1d}' });
    expect(tasks[3]).toMatchObject({ name: '\\SysHelper', executable: 'C:\\Users\\Zoë\\AppData\\Local\\Temp\\sh\\helper.exe', label: 'PC\\Marc', enabled: true });
  });

  it('reads Startup-folder shortcuts by their target and leaves Explorer’s desktop.ini out', () => {
    const files = parsePowerShellJson(hostFixture('windows/startup-folders.json'), StartupFileRow).rows.map(persistenceFromStartupFile);
    expect(files[0]).toBeNull();
    expect(files[1]).toMatchObject({ name: 'MPK Monitor.lnk', executable: 'C:\\ProgramData\\MPK\\MPKView.exe', commandLine: 'C:\\ProgramData\\MPK\\MPKView.exe /hide /autostart' });
  });

  it('reads installed programs with their dates, missing publishers and accented names', () => {
    const programs = parsePowerShellJson(hostFixture('windows/programs.json'), ProgramRow).rows.map(programFromRow);
    expect(programs.map((program) => program.name)).toContain('Éditeur de texte Café');
    expect(programs.find((program) => program.name === 'AnyDesk')).toMatchObject({ installDate: '2026-09-14', location: 'C:\\Program Files (x86)\\AnyDesk' });
    expect(programs.find((program) => program.name.startsWith('Refog'))).toMatchObject({ publisher: null, version: '7.2.1' });
  });
});

describe('the program a Windows command line runs', () => {
  it.each([
    ['"C:\\Program Files\\A B\\x.exe" /run', 'C:\\Program Files\\A B\\x.exe'],
    ['C:\\Program Files\\A B\\x.exe /run', 'C:\\Program Files\\A B\\x.exe'],
    ['rundll32.exe C:\\x\\y.dll,Start', 'rundll32.exe'],
    ['\\SystemRoot\\System32\\smss.exe', '%SystemRoot%\\System32\\smss.exe'],
    ['\\??\\C:\\Windows\\system32\\conhost.exe 0x4', 'C:\\Windows\\system32\\conhost.exe'],
    ['system32\\svchost.exe -k x', '%SystemRoot%\\system32\\svchost.exe'],
    ['"unterminated quote\\x.exe', 'unterminated quote\\x.exe'],
  ])('%s', (commandLine, expected) => {
    expect(windowsExecutable(commandLine)).toBe(expected);
  });
});
