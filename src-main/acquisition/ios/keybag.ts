// The backup keybag of an encrypted iPhone backup (Manifest.plist `BackupKeyBag`): a tag-length-value blob
// holding the salts and iteration counts of the password derivation and each data-protection class key,
// wrapped. The key is derived as iOS does — PBKDF2-HMAC-SHA256 over DPSL/DPIC, then PBKDF2-HMAC-SHA1 over
// SALT/ITER — with Node's crypto (off the main thread, with progress, cancellable), and the class keys are
// unwrapped with AES key wrap (RFC 3394, Node's `id-aes256-wrap`). A wrong password fails the unwrap.
import { createDecipheriv, pbkdf2, pbkdf2Sync } from 'node:crypto';
import { SentinelleError } from '../../../src-shared/errors.js';
import { backupUnreadable } from './plist-file.js';

export interface ClassKey {
  protectionClass: number;
  /** 2: wrapped with the password-derived key (the case for backup keybags). */
  wrap: number;
  wrappedKey: Buffer;
}

export interface Keybag {
  uuid: Buffer;
  type: number;
  salt: Buffer;
  iterations: number;
  /** Since iOS 10.2 the password first goes through PBKDF2-SHA256 with these. */
  dpsl: Buffer | null;
  dpic: number | null;
  classKeys: Map<number, ClassKey>;
}

/** Twice what iOS uses (10,000,000 and 10,000) and more: a keybag asking for more is not a real one. */
const MAX_DPIC = 20_000_000;
const MAX_ITER = 1_000_000;
const RFC3394_IV = Buffer.from('A6A6A6A6A6A6A6A6', 'hex');

export function parseKeybag(blob: Buffer): Keybag {
  const header = new Map<string, Buffer>();
  const classes: Map<string, Buffer>[] = [];
  let current: Map<string, Buffer> | null = null;
  let offset = 0;
  while (offset < blob.length) {
    if (offset + 8 > blob.length) throw backupUnreadable('the keybag is truncated');
    const tag = blob.toString('latin1', offset, offset + 4);
    const length = blob.readUInt32BE(offset + 4);
    if (offset + 8 + length > blob.length) throw backupUnreadable('the keybag is truncated');
    const value = blob.subarray(offset + 8, offset + 8 + length);
    offset += 8 + length;
    if (tag === 'UUID' && header.has('UUID')) {
      current = new Map();
      classes.push(current);
    }
    (current ?? header).set(tag, value);
  }
  const uint = (value: Buffer | undefined, name: string) => {
    if (!value || value.length !== 4) throw backupUnreadable(`the keybag has no valid ${name}`);
    return value.readUInt32BE(0);
  };
  const salt = header.get('SALT');
  const uuid = header.get('UUID');
  if (!salt || !uuid) throw backupUnreadable('the keybag has no salt');
  const iterations = uint(header.get('ITER'), 'ITER');
  const dpsl = header.get('DPSL') ?? null;
  const dpic = header.has('DPIC') ? uint(header.get('DPIC'), 'DPIC') : null;
  if (iterations < 1 || iterations > MAX_ITER || (dpic !== null && (dpic < 1 || dpic > MAX_DPIC))) throw backupUnreadable('the keybag asks for an implausible key derivation');
  const classKeys = new Map<number, ClassKey>();
  for (const entry of classes) {
    const wrappedKey = entry.get('WPKY');
    if (!entry.has('CLAS') || !wrappedKey) continue;
    classKeys.set(uint(entry.get('CLAS'), 'CLAS'), { protectionClass: uint(entry.get('CLAS'), 'CLAS'), wrap: entry.has('WRAP') ? uint(entry.get('WRAP'), 'WRAP') : 0, wrappedKey: Buffer.from(wrappedKey) });
  }
  return { uuid: Buffer.from(uuid), type: header.has('TYPE') ? uint(header.get('TYPE'), 'TYPE') : 0, salt: Buffer.from(salt), iterations, dpsl: dpsl ? Buffer.from(dpsl) : null, dpic, classKeys };
}

export interface DerivationOptions {
  signal?: AbortSignal;
  /** Called about four times a second with an estimate between 0 and 1. */
  onProgress?: (fraction: number) => void;
}

function pbkdf2Async(password: Buffer, salt: Buffer, iterations: number, digest: 'sha256' | 'sha1'): Promise<Buffer> {
  return new Promise((resolve, reject) => pbkdf2(password, salt, iterations, 32, digest, (error, key) => (error ? reject(error) : resolve(key))));
}

/** Iterations per millisecond of each hash on this machine, measured briefly, for the progress estimate. */
function rate(digest: 'sha256' | 'sha1'): number {
  const started = performance.now();
  pbkdf2Sync('calibration', 'salt', 20_000, 32, digest);
  return 20_000 / Math.max(0.1, performance.now() - started);
}

/** The password-derived key (the "passcode key") of this keybag. */
export async function derivePasscodeKey(password: string, keybag: Keybag, options: DerivationOptions = {}): Promise<Buffer> {
  const estimateMs = (keybag.dpic ? keybag.dpic / rate('sha256') : 0) + keybag.iterations / rate('sha1');
  const started = performance.now();
  options.onProgress?.(0);
  const ticker = setInterval(() => options.onProgress?.(Math.min(0.99, (performance.now() - started) / estimateMs)), 250);
  try {
    const derive = async () => {
      const first = keybag.dpsl && keybag.dpic ? await pbkdf2Async(Buffer.from(password, 'utf8'), keybag.dpsl, keybag.dpic, 'sha256') : Buffer.from(password, 'utf8');
      return pbkdf2Async(first, keybag.salt, keybag.iterations, 'sha1');
    };
    // The derivation runs in libuv's thread pool and cannot be interrupted: a cancel answers at once and
    // the result, when it comes, is dropped.
    const cancelled = new Promise<never>((_, reject) => {
      const abort = () => reject(new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.'));
      if (options.signal?.aborted) abort();
      options.signal?.addEventListener('abort', abort, { once: true });
    });
    const key = await Promise.race([derive(), cancelled]);
    options.onProgress?.(1);
    return key;
  } finally {
    clearInterval(ticker);
  }
}

/** RFC 3394 AES key unwrap; null when the integrity check fails (a wrong key). */
export function unwrapKey(kek: Buffer, wrapped: Buffer): Buffer | null {
  if (kek.length !== 32 || wrapped.length < 24 || wrapped.length % 8 !== 0) return null;
  try {
    const decipher = createDecipheriv('id-aes256-wrap', kek, RFC3394_IV);
    return Buffer.concat([decipher.update(wrapped), decipher.final()]);
  } catch {
    return null;
  }
}

/** The class keys, unwrapped with the passcode key. None opening means a wrong password; some not opening, a damaged keybag (their files will say so). */
export function unlockKeybag(keybag: Keybag, passcodeKey: Buffer): Map<number, Buffer> {
  const keys = new Map<number, Buffer>();
  let tried = 0;
  for (const classKey of keybag.classKeys.values()) {
    if ((classKey.wrap & 2) === 0) continue; // wrapped with the device key only: not usable from a backup
    tried += 1;
    const key = unwrapKey(passcodeKey, classKey.wrappedKey);
    if (key) keys.set(classKey.protectionClass, key);
  }
  if (tried === 0) throw backupUnreadable('its keybag holds no key a backup password can open');
  if (keys.size === 0) throw new SentinelleError('backup.wrong-password', 'That is not this backup’s password. Nothing was changed; try again.');
  return keys;
}
