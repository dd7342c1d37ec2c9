// Normal forms, one per kind of value a signature names, applied once when an observation is made (its
// schema transforms fingerprints and hashes; its match keys hold the rest, src-shared/match-keys.ts) and
// when a signature is compiled, so that `AA:BB:…` and `aabb…`, `Evil.COM.` and `evil.com`,
// `C:\Tools\RAT.EXE` and `rat` meet and matching compares strings as they are.
function stripSeparators(value: string): string {
  return value.includes(':') || value.includes(' ') ? value.replace(/[\s:]/g, '') : value;
}

/** Certificate fingerprints: upper-case hex, no colons. */
export function normalizeFingerprint(value: string): string {
  return (value.length === 40 || value.length === 64 ? value : stripSeparators(value)).toUpperCase();
}

/** File hashes: lower-case hex, no colons. */
export function normalizeSha256(value: string): string {
  return (value.length === 64 ? value : stripSeparators(value)).toLowerCase();
}

/** `trim()` only when there is something to trim: these run for every observation. */
function trimmed(value: string): string {
  return value.length > 0 && (value.charCodeAt(0) <= 32 || value.charCodeAt(value.length - 1) <= 32) ? value.trim() : value;
}

export function normalizeIdentifier(value: string): string {
  return trimmed(value).toLowerCase();
}

/**
 * Program names as installers register them, without what changes between releases: `TeamViewer 15`,
 * `AnyDesk (x64)` and `Spyrix Free Keylogger version 11.6` become `teamviewer`, `anydesk`,
 * `spyrix free keylogger`.
 */
export function normalizeProgramName(value: string): string {
  let name = trimmed(value).toLowerCase().replace(/\.app$/, '').replace(/\s+/g, ' ');
  for (let previous = ''; previous !== name; ) {
    previous = name;
    name = name
      .replace(/\s*\((x64|x86|64-bit|32-bit|64 bit|32 bit|per-user|user|machine)\)$/, '')
      .replace(/\s+(v|version\s*)?\d+(\.\d+)*[a-z]?$/, '')
      .replace(/\s*[-–]\s*$/, '')
      .trim();
  }
  return name;
}


export function normalizeDomain(value: string): string {
  const domain = trimmed(value).toLowerCase();
  return domain.endsWith('.') ? domain.replace(/\.+$/, '') : domain;
}

/** Executable and process names across platforms: the last path element, lower case, without `.exe`. */
export function normalizeProcessName(value: string): string {
  let name = trimmed(value);
  if (name.startsWith('"') || name.startsWith("'")) name = name.replace(/^["']|["']$/g, '');
  const slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  if (slash >= 0) name = name.substring(slash + 1);
  name = name.toLowerCase();
  return name.endsWith('.exe') ? name.substring(0, name.length - 4) : name;
}

/** Paths: forward slashes, lower case (Windows and macOS ignore case), no trailing slash. */
export function normalizePath(value: string): string {
  let path = trimmed(value);
  if (path.startsWith('"') || path.startsWith("'")) path = path.replace(/^["']|["']$/g, '');
  if (path.includes('\\')) path = path.replace(/\\/g, '/');
  if (path.includes('//')) path = path.replace(/\/{2,}/g, '/');
  path = path.toLowerCase();
  return path.length > 1 && path.endsWith('/') ? path.substring(0, path.length - 1) : path;
}
