// The computer scan's command catalogue can only read: every program it names is a listing tool, and every
// PowerShell script, decoded from its -EncodedCommand, uses only cmdlets and methods that read.
import { describe, expect, it } from 'vitest';
import { HOST_COMMANDS, macosCodesignCommand, windowsSignatureCommand, type HostCommand } from './commands.js';

const LISTING_PROGRAMS = new Set(['powershell.exe', 'cmd.exe', '/bin/ps', '/usr/bin/osascript', '/usr/bin/profiles', '/usr/bin/systemextensionsctl', '/usr/bin/kmutil', '/usr/sbin/kextstat', 'crontab', '/usr/bin/codesign']);
/** Cmdlets that read, and the .NET and COM calls the scripts need (CreateShortcut only loads a shortcut; nothing calls Save). */
const READING_WORDS = /^(Get-CimInstance|Get-Item|Get-ItemProperty|Get-ScheduledTask|Get-ChildItem|Get-AuthenticodeSignature|Select-Object|Where-Object|ForEach-Object|ConvertTo-Json|ConvertFrom-Json|New-Object)$/;

function script(command: HostCommand): string {
  const index = command.args.indexOf('-EncodedCommand');
  return Buffer.from(command.args[index + 1]!, 'base64').toString('utf16le');
}

const all: HostCommand[] = [...Object.values(HOST_COMMANDS), windowsSignatureCommand(['C:\\a.exe']), macosCodesignCommand('/Applications/X.app/Contents/MacOS/X')];

describe('the computer command catalogue', () => {
  it.each(all.map((command) => [command.display, command] as const))('%s only reads', (_display, command) => {
    expect(LISTING_PROGRAMS.has(command.file)).toBe(true);
    if (command.file === 'powershell.exe') {
      const text = script(command);
      const cmdlets = text.match(/\b[A-Z][a-z]+-[A-Z][A-Za-z]+\b/g) ?? [];
      expect(cmdlets.length).toBeGreaterThan(0);
      for (const cmdlet of cmdlets) expect(cmdlet).toMatch(READING_WORDS);
      expect(text).not.toMatch(/\.(Save|Delete|Remove|Set[A-Z]\w*|Kill|Stop|Start)\(/);
      expect(text).toContain('ConvertTo-Json');
    }
    if (command.file === 'cmd.exe') expect(command.args.join(' ')).toMatch(/^\/d \/s \/c chcp 65001 >nul & tasklist \/v \/fo csv$/);
    if (command.file === 'crontab') expect(command.args).toEqual(['-l']);
    if (command.file === '/usr/bin/codesign') expect(command.args.slice(0, 2)).toEqual(['-dv', '--verbose=2']);
  });

  it('passes executables to Get-AuthenticodeSignature on standard input, never inside the script', () => {
    const command = windowsSignatureCommand(['C:\\Users\\x\\a"; Remove-Item C:\\ -Recurse; ".exe']);
    expect(script(command)).not.toContain('Remove-Item');
    expect(JSON.parse(command.input!)).toEqual(['C:\\Users\\x\\a"; Remove-Item C:\\ -Recurse; ".exe']);
  });
});
