// Recipient keys for evidence bundles: an X25519 key pair a lawyer or expert makes once
// (`sentinelle keys generate --out NAME`), the public half shared as one line of text, the secret half kept
// in a private file. Fingerprints (system/fingerprint.ts) are short groups two people can read aloud.
import sodium from 'sodium-native';
import { readSecretKeyFile, SECRET_KEY_FILE_FORMAT } from '../../src-shared/recipient-key-file.js';
import { SentinelleError } from '../../src-shared/errors.js';
import { readableFingerprint } from '../system/fingerprint.js';
import { describeKeyText, looksLikeSecretKey } from '../system/key-text.js';

export { readableFingerprint };

const PUBLIC_PREFIX = 'sentinelle-recipient-v1';

export interface RecipientPublicKey {
  publicKey: Buffer;
  label: string;
  fingerprint: string;
}

export interface RecipientKeyPair extends RecipientPublicKey {
  secretKey: Buffer;
}

export function generateRecipientKeyPair(label: string): RecipientKeyPair {
  const publicKey = Buffer.alloc(sodium.crypto_box_PUBLICKEYBYTES);
  const secretKey = sodium.sodium_malloc(sodium.crypto_box_SECRETKEYBYTES);
  sodium.crypto_box_keypair(publicKey, secretKey);
  return { publicKey, secretKey, label: cleanLabel(label), fingerprint: readableFingerprint(publicKey) };
}

function cleanLabel(label: string): string {
  return label.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 200);
}

/** The one line a recipient shares: `sentinelle-recipient-v1 <base64 key> <label>`. */
export function publicKeyText(key: RecipientPublicKey): string {
  return `${PUBLIC_PREFIX} ${key.publicKey.toString('base64')} ${key.label}`.trimEnd() + '\n';
}

export function secretKeyText(pair: RecipientKeyPair): string {
  return `${JSON.stringify({ format: SECRET_KEY_FILE_FORMAT, version: 1, label: pair.label, publicKey: pair.publicKey.toString('base64'), secretKey: pair.secretKey.toString('base64') }, null, 2)}\n`;
}

/** Reads a shared public key; `what` names it in the error (a file name). */
export function parsePublicKeyText(text: string, what: string): RecipientPublicKey {
  const match = new RegExp(`^\\s*${PUBLIC_PREFIX} ([A-Za-z0-9+/]{43}=)(?: ([^\\n]*))?\\s*$`).exec(text);
  if (!match) {
    if (looksLikeSecretKey(text)) throw secretKeyGiven(what);
    throw new SentinelleError('input.invalid', `${what} is not a Sentinelle recipient key. Ask the lawyer or expert for the .pub file that \`sentinelle keys generate\` made.`, { technical: describeKeyText(text) });
  }
  const publicKey = Buffer.from(match[1]!, 'base64');
  return { publicKey, label: cleanLabel(match[2] ?? ''), fingerprint: readableFingerprint(publicKey) };
}

export function parseSecretKeyText(text: string, what: string): RecipientKeyPair {
  // The errors describe what is wrong, never the content: this file holds a secret key.
  const read = readSecretKeyFile(text);
  if (!read.ok) throw notASecretKeyFile(what, /^not valid JSON/.test(read.problem) ? `${describeKeyText(text)}; ${read.problem}` : read.problem);
  const publicKey = Buffer.from(read.publicKey);
  const secretKey = sodium.sodium_malloc(sodium.crypto_box_SECRETKEYBYTES);
  secretKey.set(read.secretKey);
  read.secretKey.fill(0);
  // The pair must belong together, or opening bundles would fail later with a confusing message.
  const derived = Buffer.alloc(sodium.crypto_box_PUBLICKEYBYTES);
  sodium.crypto_scalarmult_base(derived, secretKey);
  if (!derived.equals(publicKey)) throw new SentinelleError('input.invalid', `${what} is damaged: its secret key does not match its public key.`);
  return { publicKey, secretKey, label: read.label, fingerprint: readableFingerprint(publicKey) };
}

const INSTALLATION_PREFIX = 'sentinelle-installation-v1';

/** This installation's public signing key as one line, for a lawyer's `verify --signer`. */
export function installationKeyText(publicKey: Buffer): string {
  return `${INSTALLATION_PREFIX} ${publicKey.toString('base64')}\n`;
}

export function parseInstallationKeyText(text: string, what: string): Buffer {
  const match = new RegExp(`^\\s*${INSTALLATION_PREFIX} ([A-Za-z0-9+/]{43}=)\\s*$`).exec(text);
  if (!match) {
    if (looksLikeSecretKey(text)) throw secretKeyGiven(what);
    throw new SentinelleError('input.invalid', `${what} is not a Sentinelle installation key (the file \`sentinelle keys installation\` writes).`, { technical: describeKeyText(text) });
  }
  return Buffer.from(match[1]!, 'base64');
}

function notASecretKeyFile(what: string, technical: string): SentinelleError {
  return new SentinelleError('input.invalid', `${what} is not a Sentinelle recipient's secret key file (the .key file made with the .pub one).`, { technical });
}

/** A secret key given where a public one belongs: said plainly, without repeating any of it. */
function secretKeyGiven(what: string): SentinelleError {
  return new SentinelleError('input.invalid', `${what} is a SECRET key file: it is never given to anyone or anywhere else. Use the matching public file (.pub) instead.`, { technical: 'a secret key file was given where a public key is expected' });
}
