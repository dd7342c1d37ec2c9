// Signed signature packs: Ed25519 key pairs for publishers (a shelter network, the project), a detached
// signature over the pack's exact bytes, and verification against a trust store. A pack that is not
// signed, signed by a key not trusted here, or changed after signing is refused with a clear message.
import sodium from 'sodium-native';
import { z } from 'zod';
import { SentinelleError } from '../../src-shared/errors.js';
import { PackSignature, SignaturePack } from '../../src-shared/signature-format.js';
import { readableFingerprint } from '../system/fingerprint.js';
import { looksLikeSecretKey } from '../system/key-text.js';
import { describeIssues, parseJson } from './input.js';

export const PublicKeyFile = z
  .object({
    format: z.literal('sentinelle-signing-public-key'),
    algorithm: z.literal('ed25519'),
    label: z.string().min(1).max(200),
    publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  })
  .strict();
export type PublicKeyFile = z.infer<typeof PublicKeyFile>;

export const SecretKeyFile = PublicKeyFile.extend({
  format: z.literal('sentinelle-signing-secret-key'),
  secretKey: z.string().regex(/^[A-Za-z0-9+/]{86}==$/),
}).strict();
export type SecretKeyFile = z.infer<typeof SecretKeyFile>;

export interface TrustedKey {
  label: string;
  /** Base64 Ed25519 public key. */
  publicKey: string;
}

export function fingerprintOf(publicKeyBase64: string): string {
  return readableFingerprint(Buffer.from(publicKeyBase64, 'base64'));
}

export function generateSigningKeyPair(label: string): { publicFile: PublicKeyFile; secretFile: SecretKeyFile } {
  const publicKey = Buffer.alloc(sodium.crypto_sign_PUBLICKEYBYTES);
  const secretKey = sodium.sodium_malloc(sodium.crypto_sign_SECRETKEYBYTES);
  sodium.crypto_sign_keypair(publicKey, secretKey);
  const publicFile: PublicKeyFile = { format: 'sentinelle-signing-public-key', algorithm: 'ed25519', label, publicKey: publicKey.toString('base64') };
  const secretFile: SecretKeyFile = { ...publicFile, format: 'sentinelle-signing-secret-key', secretKey: Buffer.from(secretKey).toString('base64') };
  sodium.sodium_memzero(secretKey);
  return { publicFile, secretFile };
}

export function readPublicKeyFile(text: string, source: string): PublicKeyFile {
  if (looksLikeSecretKey(text)) throw new SentinelleError('signatures.invalid', `${source} is a SECRET signing key file: it is never given to anyone or anywhere else. Use the matching public key file instead.`);
  const parsed = PublicKeyFile.safeParse(parseJson(text, source));
  if (!parsed.success) throw new SentinelleError('signatures.invalid', `${source} is not a Sentinelle public key file: ${describeIssues(parsed.error)}.`);
  return parsed.data;
}

export function readSecretKeyFile(text: string, source: string): SecretKeyFile {
  const parsed = SecretKeyFile.safeParse(parseJson(text, source));
  if (!parsed.success) throw new SentinelleError('signatures.invalid', `${source} is not a Sentinelle signing key file: ${describeIssues(parsed.error)}.`);
  return parsed.data;
}

/** Signs a pack's exact bytes; returns the detached signature file's content. */
export function signPack(packBytes: Buffer, key: SecretKeyFile): PackSignature {
  // Refuse to sign something that is not a valid pack: the signature would vouch for garbage.
  readPack(packBytes, 'the pack');
  const secretKey = sodium.sodium_malloc(sodium.crypto_sign_SECRETKEYBYTES);
  Buffer.from(key.secretKey, 'base64').copy(secretKey);
  const signature = Buffer.alloc(sodium.crypto_sign_BYTES);
  sodium.crypto_sign_detached(signature, packBytes, secretKey);
  sodium.sodium_memzero(secretKey);
  return { format: 'sentinelle-pack-signature', algorithm: 'ed25519', publicKey: key.publicKey, signature: signature.toString('base64') };
}

export function readPack(bytes: Buffer, source: string): SignaturePack {
  const parsed = SignaturePack.safeParse(parseJson(bytes.toString('utf8'), source));
  if (!parsed.success) throw new SentinelleError('signatures.invalid', `${source} is not a valid signature pack: ${describeIssues(parsed.error)}. Nothing was imported.`);
  return parsed.data;
}

export type PackTrust = { trusted: true; signer: TrustedKey } | { trusted: false; reason: 'unsigned' | 'unknown-key' | 'bad-signature'; message: string; signerFingerprint: string | null };

/** Checks a pack's detached signature against the trust store. Never throws for a trust problem: says it. */
export function checkPackSignature(packBytes: Buffer, signatureText: string | null, trustStore: readonly TrustedKey[]): PackTrust {
  if (signatureText === null) {
    return { trusted: false, reason: 'unsigned', signerFingerprint: null, message: 'This pack is not signed, so nothing says who made it or that it was not changed.' };
  }
  let signature: PackSignature;
  try {
    const parsed = PackSignature.safeParse(JSON.parse(signatureText));
    if (!parsed.success) throw new Error(describeIssues(parsed.error));
    signature = parsed.data;
  } catch (error) {
    return { trusted: false, reason: 'bad-signature', signerFingerprint: null, message: `The signature file is damaged (${(error as Error).message}).` };
  }
  const fingerprint = fingerprintOf(signature.publicKey);
  const valid = sodium.crypto_sign_verify_detached(Buffer.from(signature.signature, 'base64'), packBytes, Buffer.from(signature.publicKey, 'base64'));
  if (!valid) {
    return { trusted: false, reason: 'bad-signature', signerFingerprint: fingerprint, message: 'The pack was changed after it was signed (or the signature belongs to another file).' };
  }
  const signer = trustStore.find((key) => key.publicKey === signature.publicKey);
  if (!signer) {
    return { trusted: false, reason: 'unknown-key', signerFingerprint: fingerprint, message: `The pack is signed by a key this computer does not trust (fingerprint ${fingerprint}).` };
  }
  return { trusted: true, signer };
}
