// Match keys: the values of an observation a signature can name, in their normal form, computed once when
// the observation is made and stored beside it, so that matching a case against the signatures is a
// few lookups per observation with nothing left to parse or normalise.
import {
  normalizeDomain,
  normalizeIdentifier,
  normalizePath,
  normalizeProcessName,
  normalizeProgramName,
} from './normal-forms.js';

/**
 * What a key is looked up as. Stored keys name their kind by position in this list: append, never reorder.
 * `domains` keys are walked for C2 domains and product websites alike, `filePaths` keys for the folders
 * that hold them too, `ips` keys for the networks that contain them.
 */
export const MATCH_KEY_KINDS = [
  'androidPackages',
  'certificateSha1',
  'certificateSha256',
  'fileSha256',
  'iosBundleIds',
  'profileIdentifiers',
  'processNames',
  'windowsServices',
  'launchdLabels',
  'domains',
  'filePaths',
  'programNames',
  'ips',
] as const;
export type MatchKeyKind = (typeof MATCH_KEY_KINDS)[number];

const TAG = Object.fromEntries(MATCH_KEY_KINDS.map((kind, tag) => [kind, tag])) as Record<MatchKeyKind, number>;

/**
 * The keys, flat: the position of a key's kind in MATCH_KEY_KINDS, then its value in normal form, then the
 * next key's (one array per observation: matching a case walks a million of them).
 */
export type MatchKeys = readonly (number | string)[];

/** Whether a stored value is a list of match keys this version can read. */
export function isMatchKeys(value: unknown): value is MatchKeys {
  if (!Array.isArray(value) || value.length % 2 !== 0) return false;
  for (let i = 0; i < value.length; i += 2) {
    const tag: unknown = value[i];
    if (typeof tag !== 'number' || !Number.isInteger(tag) || tag < 0 || tag >= MATCH_KEY_KINDS.length || typeof value[i + 1] !== 'string') return false;
  }
  return true;
}

class KeyList {
  readonly keys: (number | string)[] = [];

  add(kind: MatchKeyKind, raw: unknown, normalize?: (value: string) => string): void {
    if (typeof raw !== 'string' || raw === '') return;
    const value = normalize ? normalize(raw) : raw;
    if (value === '') return;
    const tag = TAG[kind];
    for (let i = 0; i < this.keys.length; i += 2) if (this.keys[i] === tag && this.keys[i + 1] === value) return;
    this.keys.push(tag, value);
  }

  addAll(kind: MatchKeyKind, values: unknown): void {
    if (Array.isArray(values)) for (const value of values) this.add(kind, value);
  }
}

/**
 * The keys of one observation. Fingerprints and hashes are already in normal form (the observation's
 * schema transforms them); everything else is normalised here.
 */
export function matchKeysOf(kind: string, data: Readonly<Record<string, unknown>>): MatchKeys {
  const list = new KeyList();
  switch (kind) {
    case 'android.package':
      list.add('androidPackages', data.packageName, normalizeIdentifier);
      list.addAll('certificateSha1', data.certSha1);
      list.addAll('certificateSha256', data.certSha256);
      list.add('fileSha256', data.apkSha256);
      break;
    case 'android.accessibility-service':
    case 'android.device-admin':
    case 'android.notification-listener':
      list.add('androidPackages', data.packageName, normalizeIdentifier);
      break;
    case 'process':
      list.add('processNames', data.name, normalizeProcessName);
      // An Android process is named after its app, with `:service` after it for its other processes.
      if (data.platform === 'android' && typeof data.name === 'string') list.add('androidPackages', data.name.split(':')[0], normalizeIdentifier);
      list.add('processNames', data.executable, normalizeProcessName);
      list.add('filePaths', data.executable, normalizePath);
      list.add('fileSha256', data.sha256);
      break;
    case 'ios.app':
      list.add('iosBundleIds', data.bundleId, normalizeIdentifier);
      break;
    case 'ios.data-usage':
      // `UUID/com.example.app` or a daemon's name: the process name, and the app it belongs to.
      if (typeof data.process === 'string') list.add('processNames', data.process.split('/').at(-1), normalizeProcessName);
      list.add('iosBundleIds', data.bundleId, normalizeIdentifier);
      break;
    case 'ios.permission':
      list.add('iosBundleIds', data.client, normalizeIdentifier);
      break;
    case 'ios.profile':
    case 'macos.profile':
      list.add('profileIdentifiers', data.identifier, normalizeIdentifier);
      if (Array.isArray(data.payloads)) for (const payload of data.payloads) list.add('profileIdentifiers', (payload as { identifier?: unknown } | null)?.identifier, normalizeIdentifier);
      break;
    case 'network.domain':
      // A C2 domain counts as one wherever it was seen, browsing history included (a visit to the spy's
      // control panel): detection says how strong each kind of evidence is.
      list.add('domains', data.domain, normalizeDomain);
      break;
    case 'network.address':
      list.add('ips', data.ip, normalizeAddressText);
      break;
    case 'persistence':
      list.add('processNames', data.executable, normalizeProcessName);
      list.add('filePaths', data.executable, normalizePath);
      if (data.mechanism === 'launch-agent' || data.mechanism === 'launch-daemon') list.add('launchdLabels', data.label, normalizeIdentifier);
      if (data.mechanism === 'service') list.add('windowsServices', data.label ?? data.name, normalizeIdentifier);
      break;
    case 'program':
      list.add('programNames', data.name, normalizeProgramName);
      list.add('filePaths', data.location, normalizePath);
      break;
    case 'file':
      list.add('filePaths', data.path, normalizePath);
      list.add('fileSha256', data.sha256);
      break;
    default:
      break;
  }
  return list.keys;
}

/** An address as text: trimmed, an IPv4 address mapped into IPv6 (`::ffff:1.2.3.4`) as the IPv4 one. */
export function normalizeAddressText(value: string): string {
  const text = value.trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(text);
  return mapped ? mapped[1]! : text.toLowerCase();
}
