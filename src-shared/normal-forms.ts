// Normal forms for fingerprints, applied once when an observation is made (its schema transforms the
// value) and when a signature is compiled, so that matching compares strings as they are.
function stripSeparators(value: string): string {
  return value.includes(':') || value.includes(' ') ? value.replace(/[\s:]/g, '') : value;
}

/** Certificate fingerprints: upper-case hex, no colons. */
export function normalizeFingerprint(value: string): string {
  return (value.length === 40 || value.length === 64 ? value : stripSeparators(value)).toUpperCase();
}

/** File hashes: lower-case hex, no colons. */
export function normalizeSha256(value: string): string {
  return (value.length === 64 ? value : stripSeparators(value)).toLowerCase();
}
