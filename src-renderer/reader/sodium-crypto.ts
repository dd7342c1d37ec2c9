// The bundle format's crypto interface (src-shared/bundle-crypto.ts) given libsodium-wrappers (the "sumo"
// build: it alone has Argon2id and SHA-256), compiled to WebAssembly and inlined in the reader page: the same
// libsodium constructions `sentinelle verify` uses through sodium-native.
import sodium from 'libsodium-wrappers-sumo';
import type { BundleCrypto } from '../../src-shared/bundle-crypto.js';

/** libsodium-wrappers throws where sodium-native answers false: a failure to authenticate becomes null. */
function orNull<T>(open: () => T): T | null {
  try {
    return open();
  } catch {
    return null;
  }
}

export async function loadSodiumCrypto(): Promise<BundleCrypto> {
  await sodium.ready;
  return {
    sha256: () => {
      const state = sodium.crypto_hash_sha256_init();
      return { update: (bytes) => sodium.crypto_hash_sha256_update(state, bytes), digest: () => sodium.crypto_hash_sha256_final(state) };
    },
    openSealed: (sealed, publicKey, secretKey) => orNull(() => sodium.crypto_box_seal_open(sealed, publicKey, secretKey)),
    // Synchronous here (a second or two): the page says so before it starts.
    argon2id: async (secret, salt, opslimit, memlimit) => sodium.crypto_pwhash(32, secret, salt, opslimit, memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13),
    aeadOpen: (ciphertext, additionalData, nonce, key) => orNull(() => sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, additionalData, nonce, key)),
    streamPuller: (header, key) => {
      const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(header, key);
      return {
        pull: (ciphertext, additionalData) => orNull(() => sodium.crypto_secretstream_xchacha20poly1305_pull(state, ciphertext, additionalData)) || null,
        // The wrapper keeps the state in the WebAssembly heap and offers no way to wipe it; the page's
        // memory goes with the tab.
        dispose: () => undefined,
      };
    },
    verifySignature: (signature, message, publicKey) => orNull(() => sodium.crypto_sign_verify_detached(signature, message, publicKey)) === true,
    wipe: (bytes) => sodium.memzero(bytes),
  };
}
