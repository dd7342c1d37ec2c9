// The PowerShell the Windows collectors run: read-only listings (Get-CimInstance, Get-Item, Get-ItemProperty,
// Get-ScheduledTask, Get-ChildItem, Get-AuthenticodeSignature), each printed as one compact JSON array in
// UTF-8, so that Unicode paths survive whatever the console's code page. Nothing here sets anything.
const PRELUDE = "$ErrorActionPreference = 'SilentlyContinue'; [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false; [Console]::InputEncoding = New-Object System.Text.UTF8Encoding $false;";
const PRINT = 'ConvertTo-Json -InputObject @($items) -Depth 4 -Compress';
const CURRENT_VERSION = 'Software\\Microsoft\\Windows\\CurrentVersion';
const WOW_CURRENT_VERSION = 'Software\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion';

export const PROCESSES_SCRIPT = `${PRELUDE}
$items = Get-CimInstance -ClassName Win32_Process | Select-Object ProcessId, ParentProcessId, Name, ExecutablePath, CommandLine
${PRINT}`;

/** Reads the executables' paths as a JSON array on standard input (never on the command line). */
export const SIGNATURES_SCRIPT = `${PRELUDE}
$paths = [Console]::In.ReadToEnd() | ConvertFrom-Json
$items = foreach ($p in $paths) {
  $s = Get-AuthenticodeSignature -LiteralPath $p
  [pscustomobject]@{ Path = $p; Status = [string]$s.Status; Signer = $(if ($s.SignerCertificate) { $s.SignerCertificate.Subject } else { $null }) }
}
${PRINT}`;

export const SERVICES_SCRIPT = `${PRELUDE}
$items = Get-CimInstance -ClassName Win32_Service | Select-Object Name, DisplayName, PathName, StartMode, State, StartName
${PRINT}`;

export const RUN_KEYS_SCRIPT = `${PRELUDE}
$keys = ${['HKLM', 'HKCU'].flatMap((hive) => [CURRENT_VERSION, ...(hive === 'HKLM' ? [WOW_CURRENT_VERSION] : [])].flatMap((base) => ['Run', 'RunOnce'].map((leaf) => `'${hive}:\\${base}\\${leaf}'`))).join(', ')}
$items = foreach ($k in $keys) {
  $key = Get-Item -LiteralPath $k
  if ($key) { foreach ($n in $key.GetValueNames()) { [pscustomobject]@{ Key = $k; Name = $n; Value = [string]$key.GetValue($n, $null, 'DoNotExpandEnvironmentNames') } } }
}
${PRINT}`;

export const SCHEDULED_TASKS_SCRIPT = `${PRELUDE}
$items = Get-ScheduledTask | ForEach-Object {
  [pscustomobject]@{ TaskPath = $_.TaskPath; TaskName = $_.TaskName; State = [string]$_.State; Author = $_.Author;
    Actions = @($_.Actions | ForEach-Object { [pscustomobject]@{ Execute = $_.Execute; Arguments = $_.Arguments; ClassId = $_.ClassId } }) }
}
${PRINT}`;

/** Shortcuts are only loaded (CreateShortcut without Save) to read their target. */
export const STARTUP_FOLDERS_SCRIPT = `${PRELUDE}
$shell = New-Object -ComObject WScript.Shell
$items = foreach ($f in @([Environment]::GetFolderPath('Startup'), [Environment]::GetFolderPath('CommonStartup'))) {
  Get-ChildItem -LiteralPath $f -Force -File | ForEach-Object {
    $target = $null; $arguments = $null
    if ($_.Extension -eq '.lnk') { $link = $shell.CreateShortcut($_.FullName); $target = $link.TargetPath; $arguments = $link.Arguments }
    [pscustomobject]@{ Folder = $f; Name = $_.Name; Path = $_.FullName; Target = $target; Arguments = $arguments; Hidden = [bool]($_.Attributes -band [IO.FileAttributes]::Hidden) }
  }
}
${PRINT}`;

export const PROGRAMS_SCRIPT = `${PRELUDE}
$keys = 'HKLM:\\${CURRENT_VERSION}\\Uninstall\\*', 'HKLM:\\${WOW_CURRENT_VERSION}\\Uninstall\\*', 'HKCU:\\${CURRENT_VERSION}\\Uninstall\\*'
$items = Get-ItemProperty -Path $keys | Where-Object { $_.DisplayName } | Select-Object DisplayName, DisplayVersion, Publisher, InstallLocation, InstallDate
${PRINT}`;

/** `powershell -EncodedCommand` takes the script as base64 of its UTF-16LE text: no quoting to get wrong. */
export function encodedCommand(script: string): string {
  return Buffer.from(script, 'utf16le').toString('base64');
}
