// Key material for the vault: the random data key that encrypts the database, the Argon2id key derived
// from the advocate's passphrase, the one-time recovery key, and the AEAD wrapping that binds them.
// Only libsodium constructions (crypto_pwhash, XChaCha20-Poly1305, keyed BLAKE2b), through sodium-native.
import sodium from 'sodium-native';
import { z } from 'zod';

export const KdfParams = z.object({
  algorithm: z.literal('argon2id13'),
  opslimit: z.number().int().min(1).max(64),
  /** Bytes. New vaults use DEFAULT_KDF_COST (384 MiB); the floor is low only so tests can run cheaply. */
  memlimit: z.number().int().min(8 * 1024 * 1024).max(4 * 1024 * 1024 * 1024),
  salt: z.string().regex(/^[A-Za-z0-9+/]+=*$/),
});
export type KdfParams = z.infer<typeof KdfParams>;

export type KdfCost = Pick<KdfParams, 'opslimit' | 'memlimit'>;

/**
 * Measured on the reference machine (2 cores, x86_64, sodium-native 5.1): 384 MiB and 2 passes take
 * 0.65–0.7 s, inside the 0.5–1 s an advocate can wait for at every unlock, with room for slower laptops
 * (512 MiB took 0.7–0.95 s depending on load). `npm run bench` prints the unlock time.
 */
export const DEFAULT_KDF_COST: KdfCost = { opslimit: 2, memlimit: 384 * 1024 * 1024 };
/** Used when a laptop cannot give 384 MiB to the derivation: more passes over less memory (~0.5 s). */
export const LOW_MEMORY_KDF_COST: KdfCost = { opslimit: 3, memlimit: 256 * 1024 * 1024 };

export const WrappedKey = z.object({
  nonce: z.string().regex(/^[A-Za-z0-9+/]+=*$/),
  ciphertext: z.string().regex(/^[A-Za-z0-9+/]+=*$/),
});
export type WrappedKey = z.infer<typeof WrappedKey>;

export const DATA_KEY_BYTES = 32;
const RECOVERY_SECRET_BYTES = 25;
const RECOVERY_CHECK_BYTES = 5;
const RECOVERY_CONTEXT = Buffer.from('sentinelle-vault-recovery-key-v1');

/** A key held in memory that libsodium guards (no swap, zeroed on release). */
export type SecretKey = Buffer;

export function generateDataKey(): SecretKey {
  const key = sodium.sodium_malloc(DATA_KEY_BYTES);
  sodium.randombytes_buf(key);
  return key;
}

export function newKdfParams(cost: KdfCost): KdfParams {
  const salt = Buffer.alloc(sodium.crypto_pwhash_SALTBYTES);
  sodium.randombytes_buf(salt);
  return { algorithm: 'argon2id13', ...cost, salt: salt.toString('base64') };
}

/** Argon2id on libsodium's worker thread, so the window stays responsive during the ~0.7 s. */
export async function derivePassphraseKey(passphrase: string, params: KdfParams): Promise<SecretKey> {
  const out = sodium.sodium_malloc(sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  try {
    await new Promise<void>((resolve, reject) =>
      sodium.crypto_pwhash_async(
        out,
        secret,
        Buffer.from(params.salt, 'base64'),
        params.opslimit,
        params.memlimit,
        sodium.crypto_pwhash_ALG_ARGON2ID13,
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    return out;
  } finally {
    sodium.sodium_memzero(secret);
  }
}

export function wrapKey(wrappingKey: SecretKey, key: SecretKey, associatedData: string): WrappedKey {
  const nonce = Buffer.alloc(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  sodium.randombytes_buf(nonce);
  const ciphertext = Buffer.alloc(key.length + sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES);
  sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(ciphertext, key, Buffer.from(associatedData), null, nonce, wrappingKey);
  return { nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64') };
}

/** Returns the key, or null when the wrapping key is not the right one (authentication fails). */
export function unwrapKey(wrappingKey: SecretKey, wrapped: WrappedKey, associatedData: string): SecretKey | null {
  const ciphertext = Buffer.from(wrapped.ciphertext, 'base64');
  const nonce = Buffer.from(wrapped.nonce, 'base64');
  if (
    ciphertext.length !== DATA_KEY_BYTES + sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES ||
    nonce.length !== sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
  ) {
    return null;
  }
  const key = sodium.sodium_malloc(DATA_KEY_BYTES);
  try {
    sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(key, null, ciphertext, Buffer.from(associatedData), nonce, wrappingKey);
    return key;
  } catch {
    sodium.sodium_memzero(key);
    return null;
  }
}

export function releaseKey(key: SecretKey | null | undefined): void {
  if (key) sodium.sodium_memzero(key);
}

// --- Recovery key: 25 random bytes and a 5-byte check, shown as 48 Crockford base32 characters. ---

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function base32Encode(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

function base32Decode(text: string): Buffer | null {
  const bytes: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of text) {
    const index = CROCKFORD.indexOf(char);
    if (index < 0) return null;
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(bytes);
}

function recoveryCheck(secret: Buffer): Buffer {
  const check = Buffer.alloc(RECOVERY_CHECK_BYTES + 11);
  sodium.crypto_generichash(check, secret, Buffer.from('sentinelle-recovery-check'));
  return check.subarray(0, RECOVERY_CHECK_BYTES);
}

export interface RecoveryKey {
  /** What the advocate writes down: `ABCD-EFGH-…`, twelve groups of four. */
  text: string;
  /** The key that wraps the data key (keyed BLAKE2b of the secret). */
  wrappingKey: SecretKey;
}

export function generateRecoveryKey(): RecoveryKey {
  const secret = sodium.sodium_malloc(RECOVERY_SECRET_BYTES);
  sodium.randombytes_buf(secret);
  const text = base32Encode(Buffer.concat([secret, recoveryCheck(secret)]))
    .match(/.{1,4}/g)!
    .join('-');
  const wrappingKey = recoveryWrappingKey(secret);
  sodium.sodium_memzero(secret);
  return { text, wrappingKey };
}

export type ParsedRecoveryKey = { ok: true; wrappingKey: SecretKey } | { ok: false; reason: 'malformed' | 'typo' };

/** Accepts the key as written down: any case, with or without dashes and spaces; O read as 0, I/L as 1. */
export function parseRecoveryKey(text: string): ParsedRecoveryKey {
  const normalized = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  if (normalized.length !== 48) return { ok: false, reason: 'malformed' };
  const decoded = base32Decode(normalized);
  if (!decoded || decoded.length !== RECOVERY_SECRET_BYTES + RECOVERY_CHECK_BYTES) return { ok: false, reason: 'malformed' };
  const secret = decoded.subarray(0, RECOVERY_SECRET_BYTES);
  if (!recoveryCheck(secret).equals(decoded.subarray(RECOVERY_SECRET_BYTES))) return { ok: false, reason: 'typo' };
  const wrappingKey = recoveryWrappingKey(secret);
  sodium.sodium_memzero(decoded);
  return { ok: true, wrappingKey };
}

function recoveryWrappingKey(secret: Buffer): SecretKey {
  const key = sodium.sodium_malloc(DATA_KEY_BYTES);
  sodium.crypto_generichash(key, RECOVERY_CONTEXT, secret);
  return key;
}
