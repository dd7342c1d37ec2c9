// The evidence bundle's clear header (docs/bundle-format.md, section 3): what anyone can read before
// decrypting — how to get the file key. Authenticated as the first message's additional data; every bound
// is checked before any key derivation, so that a forged header cannot make a verifier spend minutes or
// gigabytes. Kept apart from the manifest's schemas so that the lawyer's reader page carries only this.
import { z } from 'zod';

export const BUNDLE_FORMAT = 'sentinelle-bundle';
/** Version 2: canonical record payloads, the recipients signed in the manifest (docs/bundle-format.md). */
export const BUNDLE_VERSION = 2;

/** A key's fingerprint as people read it aloud: five groups of four Crockford base32 characters (`PF7W-0GAN-2V47-4K4X-E6C9`). */
export const READABLE_FINGERPRINT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/i;

export const BundleHeader = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    /** Plaintext bytes per data chunk. */
    chunkSize: z.number().int().min(1024).max(16 * 1024 * 1024),
    /** The file key sealed (crypto_box_seal) to each recipient's X25519 public key: 80 bytes, a 32-byte key sealed. */
    recipients: z.array(z.object({ fingerprint: z.string().max(64), sealedKey: z.string().regex(/^[A-Za-z0-9+/]{107}=$/) }).strict()).max(100),
    /** The file key wrapped (XChaCha20-Poly1305) under an Argon2id key from a passphrase, when one was chosen. */
    passphrase: z
      .object({
        algorithm: z.literal('argon2id13'),
        opslimit: z.number().int().min(1).max(8),
        memlimit: z.number().int().min(8 * 1024 * 1024).max(256 * 1024 * 1024),
        salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
        nonce: z.string().regex(/^[A-Za-z0-9+/]{32}$/),
        ciphertext: z.string().regex(/^[A-Za-z0-9+/]{64}$/),
      })
      .strict()
      .nullable(),
  })
  .strict()
  .refine((header) => header.recipients.length > 0 || header.passphrase !== null, 'a bundle needs a recipient or a passphrase');
export type BundleHeader = z.infer<typeof BundleHeader>;
