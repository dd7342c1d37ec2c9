// This installation's Ed25519 signing key: made once when the vault is created, kept inside the encrypted
// database, loaded into guarded memory on unlock. It signs custody entries (and, later, bundle manifests).
import sodium from 'sodium-native';
import { readableFingerprint } from '../system/fingerprint.js';
import type { VaultDatabase } from './database.js';

export interface InstallationSigner {
  readonly publicKey: Buffer;
  /** The public key's fingerprint, in the form read aloud (system/fingerprint.ts). */
  readonly fingerprint: string;
  sign(message: Buffer): Buffer;
  verify(signature: Buffer, message: Buffer): boolean;
  release(): void;
}

export function createInstallationKey(db: VaultDatabase, createdAt: string): void {
  const publicKey = Buffer.alloc(sodium.crypto_sign_PUBLICKEYBYTES);
  const secretKey = sodium.sodium_malloc(sodium.crypto_sign_SECRETKEYBYTES);
  sodium.crypto_sign_keypair(publicKey, secretKey);
  // SQLite copies the bound bytes; both the guarded key and the copy handed over are wiped afterwards.
  const copy = Buffer.from(secretKey);
  try {
    db.prepare('INSERT INTO installation (id, signing_public_key, signing_secret_key, created_at) VALUES (1, ?, ?, ?)').run(publicKey, copy, createdAt);
  } finally {
    sodium.sodium_memzero(secretKey);
    sodium.sodium_memzero(copy);
  }
}

export function loadInstallationSigner(db: VaultDatabase): InstallationSigner {
  const row = db.prepare('SELECT signing_public_key, signing_secret_key FROM installation WHERE id = 1').get() as
    | { signing_public_key: Buffer; signing_secret_key: Buffer }
    | undefined;
  if (!row) throw new Error('the vault has no installation key');
  const publicKey = Buffer.from(row.signing_public_key);
  const secretKey = sodium.sodium_malloc(sodium.crypto_sign_SECRETKEYBYTES);
  row.signing_secret_key.copy(secretKey);
  sodium.sodium_memzero(row.signing_secret_key);
  return {
    publicKey,
    fingerprint: readableFingerprint(publicKey),
    sign(message) {
      const signature = Buffer.alloc(sodium.crypto_sign_BYTES);
      sodium.crypto_sign_detached(signature, message, secretKey);
      return signature;
    },
    verify(signature, message) {
      return signature.length === sodium.crypto_sign_BYTES && sodium.crypto_sign_verify_detached(signature, message, publicKey);
    },
    release() {
      sodium.sodium_memzero(secretKey);
    },
  };
}
