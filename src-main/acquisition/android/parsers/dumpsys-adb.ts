// `dumpsys adb` (Android 11+, AdbDebuggingManager): the computers the phone lets in without asking — the
// keys of `user_keys=` (adb_keys: "Always allow from this computer") and of `keystore=` (adb_temp_keys.xml,
// `<adbKey key="…" lastConnection="ms"/>`, in text or in Android's binary XML, whose times cannot be read
// from a text dump) — and `last_key_received=`, the fingerprint of the computer connecting now. Each key's
// fingerprint is what the phone's prompt shows: the MD5 of the decoded key, in colon-separated hex.
import { adbKeyFingerprint } from '../adb/adb-key.js';

export interface TrustedKey {
  fingerprint: string;
  /** What follows the key (`user@host`), as the computer named itself. */
  comment: string | null;
  source: 'adb_keys' | 'keystore';
  /** When the phone last let this computer in (keystore only, when readable). */
  lastConnection: string | null;
}

export interface AdbDebugging {
  keys: TrustedKey[];
  /** The fingerprint of the last key the phone received: the computer connected now. */
  lastKeyReceived: string | null;
  connected: boolean | null;
}

/** adb's public keys are the base64 of a 524-byte structure: "QAAAA" (64 words) is how each starts. */
const KEY = /(QAAAA[A-Za-z0-9+/]{600,}={0,2})(?:[ \t]+([^\s"<>]{1,200}))?/g;

function fingerprintOf(base64: string): string | null {
  const decoded = Buffer.from(base64, 'base64');
  return decoded.length === 524 ? adbKeyFingerprint(decoded) : null;
}

function keysIn(text: string, source: TrustedKey['source'], times: Map<string, string> = new Map()): TrustedKey[] {
  const keys: TrustedKey[] = [];
  for (const match of text.matchAll(KEY)) {
    const fingerprint = fingerprintOf(match[1]!);
    if (!fingerprint || keys.some((key) => key.fingerprint === fingerprint)) continue;
    keys.push({ fingerprint, comment: match[2] ?? null, source, lastConnection: times.get(match[1]!) ?? null });
  }
  return keys;
}

/** The value of a `name=` line of the dump, up to the next line with a `name=` of the same indent or less. */
function field(text: string, name: string): string | null {
  const start = new RegExp(`^([ \\t]*)${name}=`, 'm').exec(text);
  if (!start) return null;
  const rest = text.slice(start.index + start[0].length);
  const end = new RegExp(`\\n[ \\t]{0,${start[1]!.length}}[a-z_]+=|\\n[ \\t]*\\}`).exec(rest);
  return end ? rest.slice(0, end.index) : rest;
}

export function parseDumpsysAdb(text: string): AdbDebugging {
  const userKeys = field(text, 'user_keys') ?? '';
  const keystore = field(text, 'keystore') ?? '';
  const times = new Map<string, string>();
  for (const match of keystore.matchAll(/<adbKey\s+key="([^"]+)"\s+lastConnection="(\d{1,15})"/g)) {
    const key = match[1]!.split(/\s+/)[0]!;
    times.set(key, new Date(Number(match[2])).toISOString());
  }
  const keys = [...keysIn(userKeys, 'adb_keys', times)];
  for (const key of keysIn(keystore, 'keystore', times)) {
    const known = keys.find((candidate) => candidate.fingerprint === key.fingerprint);
    if (known) known.lastConnection ??= key.lastConnection;
    else keys.push(key);
  }
  // `[ \t]*`, not `\s*`: a run of blank lines must not be rescanned from each of them.
  const last = /^[ \t]*last_key_received=([0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){15})[ \t\r]*$/m.exec(text)?.[1]?.toUpperCase() ?? null;
  const connected = /^[ \t]*connected_to_adb=(true|false)[ \t]*$/m.exec(text)?.[1];
  return { keys, lastKeyReceived: last, connected: connected === undefined ? null : connected === 'true' };
}
