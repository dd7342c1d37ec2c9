// Public keys' fingerprints as people read them aloud (src-shared/fingerprint.ts), from a key in memory.
import { createHash } from 'node:crypto';
import { fingerprintOfDigest } from '../../src-shared/fingerprint.js';

export function readableFingerprint(publicKey: Uint8Array): string {
  return fingerprintOfDigest(createHash('sha256').update(publicKey).digest());
}
