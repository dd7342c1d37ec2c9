// What a program Sentinelle starts (adb, Chromium, PowerShell, libimobiledevice's tools) may see of this
// process's environment: an allow-list of the variables such programs need to find their files, language
// and temporary folder — never Sentinelle's own variables, which may hold a passphrase.
//
// Also where the command line forgets the secrets it was given in its environment: read once, then
// removed, so that nothing started afterwards (even by a library) inherits them.

/** Variables passed on to child programs, by exact name (Windows names are matched without case). */
const ALLOWED = new Set(
  [
    'PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'TZ', 'TMPDIR', 'TEMP', 'TMP',
    'XDG_RUNTIME_DIR', 'XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME',
    // Windows: what PowerShell and system tools need to start.
    'SYSTEMROOT', 'WINDIR', 'COMSPEC', 'PATHEXT', 'PROGRAMDATA', 'PROGRAMFILES', 'PROGRAMFILES(X86)', 'PROGRAMW6432',
    'APPDATA', 'LOCALAPPDATA', 'USERPROFILE', 'HOMEDRIVE', 'HOMEPATH', 'NUMBER_OF_PROCESSORS', 'PROCESSOR_ARCHITECTURE', 'PSMODULEPATH',
    // libimobiledevice reaches usbmuxd through this when it is not at its usual place.
    'USBMUXD_SOCKET_ADDRESS',
  ].map((name) => name.toUpperCase()),
);

/** Variables that carry secrets to the command line. */
export const SECRET_VARIABLES = [
  'SENTINELLE_PASSPHRASE',
  'SENTINELLE_NEW_PASSPHRASE',
  'SENTINELLE_RECOVERY_KEY',
  'SENTINELLE_BACKUP_PASSWORD',
  'SENTINELLE_BUNDLE_PASSPHRASE',
  'SENTINELLE_WAZUH_PASSWORD',
] as const;

function allowed(name: string): boolean {
  const upper = name.toUpperCase();
  if (upper.startsWith('SENTINELLE_')) return false;
  return ALLOWED.has(upper) || upper.startsWith('LC_');
}

/** A minimal environment for a child program: the allowed variables of `from`, plus `extra` (checked the same way). */
export function childEnvironment(extra: Record<string, string> = {}, from: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(from)) if (value !== undefined && allowed(name)) env[name] = value;
  for (const [name, value] of Object.entries(extra)) {
    if (name.toUpperCase().startsWith('SENTINELLE_')) throw new Error(`${name} is never passed to a child program`);
    env[name] = value;
  }
  return env;
}

/**
 * Takes the secrets out of the process's environment: returns a private copy of the environment (for the
 * command line to read them from) and deletes them from `process.env`, so that no program started later
 * inherits them and they do not stay readable in the environment of this process.
 */
export function takeSecretsFromEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const copy = { ...env };
  for (const name of SECRET_VARIABLES) delete env[name];
  return copy;
}
