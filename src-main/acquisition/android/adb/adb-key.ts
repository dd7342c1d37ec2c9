// An ADB key as a phone sees it. The phone receives the public half in adb's own format (a 524-byte
// structure, base64-encoded) and its "Allow USB debugging?" prompt shows the MD5 of that structure as
// sixteen hex pairs (AdbDebuggingManager.getFingerprints in Android's framework). Sentinelle shows the same
// fingerprint so that the advocate can check the prompt comes from this laptop — for its own key, and for
// the key of an adb server already running here (`~/.android/adbkey.pub`, when it can be read).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { adbGeneratePublicKey, type AdbCredentialStore, type AdbPrivateKey } from '@yume-chan/adb';

/** The fingerprint a phone's prompt shows for a public key in adb's binary format. */
export function adbKeyFingerprint(publicKey: Uint8Array): string {
  const digest = createHash('md5').update(publicKey).digest('hex').toUpperCase();
  return digest.match(/../g)!.join(':');
}

/** A private key (PKCS #8) with the fingerprint phones will show for it. */
export interface AdbKey {
  readonly privateKey: Uint8Array;
  readonly fingerprint: string;
}

export function adbKey(privateKeyPkcs8: Uint8Array): AdbKey {
  return { privateKey: privateKeyPkcs8, fingerprint: adbKeyFingerprint(adbGeneratePublicKey(privateKeyPkcs8)) };
}

/**
 * What Tango signs with. The key has no name: adb would send `user@host`, which a phone may keep and show;
 * nothing about the shelter's laptop is given to the phone beyond the key itself.
 */
export function credentialStore(key: AdbKey): AdbCredentialStore {
  const entry: AdbPrivateKey = { buffer: key.privateKey };
  return {
    generateKey: () => entry,
    iterateKeys: () => [entry],
  };
}

/**
 * The fingerprint of the key an adb server on this computer presents to phones: the first key of its
 * `adbkey.pub` (adb's text format: base64, then a name). Null when there is none or it cannot be read.
 */
export function adbServerKeyFingerprint(env: NodeJS.ProcessEnv = process.env): string | null {
  const folder = env.ANDROID_USER_HOME || path.join(env.ANDROID_SDK_HOME || os.homedir(), '.android');
  try {
    const text = fs.readFileSync(path.join(folder, 'adbkey.pub'), 'utf8');
    const encoded = text.trim().split(/\s+/)[0] ?? '';
    const bytes = Buffer.from(encoded, 'base64');
    // adb's RSA public key structure is 524 bytes; anything else is not a key a phone would show.
    return bytes.length === 524 ? adbKeyFingerprint(bytes) : null;
  } catch {
    return null;
  }
}
