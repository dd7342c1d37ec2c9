// The few libsodium constructions (and SHA-256) an evidence bundle is read with, as one small interface:
// the format's logic lives once, in src-shared, and is given sodium-native by `sentinelle verify` and the
// app, and libsodium-wrappers by the lawyer's reader page. Each method answers null (or false) when
// something does not authenticate, never throws for it.

/** An incremental SHA-256 (FIPS 180-4). */
export interface Sha256 {
  update(bytes: Uint8Array): void;
  digest(): Uint8Array;
}

/** A crypto_secretstream_xchacha20poly1305 pull state. A message that does not authenticate leaves it unchanged. */
export interface StreamPuller {
  pull(ciphertext: Uint8Array, additionalData: Uint8Array | null): { message: Uint8Array; tag: number } | null;
  /** Wipes the state (it holds the stream's key). */
  dispose(): void;
}

export interface BundleCrypto {
  sha256(): Sha256;
  /** crypto_box_seal_open. */
  openSealed(sealed: Uint8Array, publicKey: Uint8Array, secretKey: Uint8Array): Uint8Array | null;
  /** crypto_pwhash with Argon2id 1.3, 32 bytes out. */
  argon2id(secret: Uint8Array, salt: Uint8Array, opslimit: number, memlimit: number): Promise<Uint8Array>;
  /** crypto_aead_xchacha20poly1305_ietf_decrypt. */
  aeadOpen(ciphertext: Uint8Array, additionalData: Uint8Array, nonce: Uint8Array, key: Uint8Array): Uint8Array | null;
  /** crypto_secretstream_xchacha20poly1305_init_pull. */
  streamPuller(header: Uint8Array, key: Uint8Array): StreamPuller;
  /** crypto_sign_verify_detached (Ed25519). */
  verifySignature(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
  /** Overwrites secret bytes with zeros. */
  wipe(bytes: Uint8Array): void;
}

/** crypto_secretstream_xchacha20poly1305's tags, as every libsodium binding numbers them. */
export const TAG_MESSAGE = 0;
export const TAG_FINAL = 3;

export function sha256Of(crypto: BundleCrypto, bytes: Uint8Array): Uint8Array {
  const hash = crypto.sha256();
  hash.update(bytes);
  return hash.digest();
}
