// The one fingerprint format of every public key Sentinelle shows (installation keys, recipient keys,
// signature-pack keys): 100 bits of the key's SHA-256 in five groups of four characters two people can
// read aloud to each other — Crockford's base32, without I, L, O or U to confuse (`PF7W-0GAN-2V47-4K4X-E6C9`).
// docs/bundle-format.md, section 6. Fingerprints are compared without regard to case.

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A key's fingerprint ("as read aloud") from the SHA-256 of the key. */
export function fingerprintOfDigest(digest: Uint8Array): string {
  let bits = '';
  for (const byte of digest.subarray(0, 13)) bits += byte.toString(2).padStart(8, '0');
  const chars = Array.from({ length: 20 }, (_, i) => CROCKFORD[parseInt(bits.slice(i * 5, i * 5 + 5), 2)]);
  return chars.join('').match(/.{4}/g)!.join('-');
}

export function sameFingerprint(a: string, b: string): boolean {
  return a.toUpperCase() === b.toUpperCase();
}
