// The bundle format's crypto interface (src-shared/bundle-crypto.ts) given sodium-native and Node's SHA-256:
// what `sentinelle verify` and the app read bundles with. The reader page gives libsodium-wrappers instead.
import { createHash } from 'node:crypto';
import sodium from 'sodium-native';
import type { BundleCrypto } from '../../src-shared/bundle-crypto.js';
import { StreamDecryptor } from './secret-stream.js';

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

export const sodiumBundleCrypto: BundleCrypto = {
  sha256: () => {
    const hash = createHash('sha256');
    return { update: (bytes) => void hash.update(bytes), digest: () => hash.digest() };
  },
  openSealed: (sealed, publicKey, secretKey) => {
    if (sealed.length < sodium.crypto_box_SEALBYTES) return null;
    const opened = sodium.sodium_malloc(sealed.length - sodium.crypto_box_SEALBYTES);
    return sodium.crypto_box_seal_open(opened, asBuffer(sealed), asBuffer(publicKey), asBuffer(secretKey)) ? opened : null;
  },
  argon2id: (secret, salt, opslimit, memlimit) => {
    const out = sodium.sodium_malloc(32);
    // On libsodium's own thread, so that the process stays responsive during the derivation.
    return new Promise((resolve, reject) => sodium.crypto_pwhash_async(out, asBuffer(secret), asBuffer(salt), opslimit, memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13, (error) => (error ? reject(error) : resolve(out))));
  },
  aeadOpen: (ciphertext, additionalData, nonce, key) => {
    if (ciphertext.length < sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES || nonce.length !== sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES) return null;
    const opened = sodium.sodium_malloc(ciphertext.length - sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES);
    try {
      sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(opened, null, asBuffer(ciphertext), asBuffer(additionalData), asBuffer(nonce), asBuffer(key));
      return opened;
    } catch {
      return null;
    }
  },
  streamPuller: (header, key) => new StreamDecryptor(asBuffer(key), asBuffer(header)),
  verifySignature: (signature, message, publicKey) =>
    signature.length === sodium.crypto_sign_BYTES && publicKey.length === sodium.crypto_sign_PUBLICKEYBYTES && sodium.crypto_sign_verify_detached(asBuffer(signature), asBuffer(message), asBuffer(publicKey)),
  wipe: (bytes) => sodium.sodium_memzero(asBuffer(bytes)),
};
