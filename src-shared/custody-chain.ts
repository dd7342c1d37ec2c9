// The chain of custody as a verifier checks it (docs/bundle-format.md, section 8): which bytes of an entry
// are hashed, and whether an excerpt — a case's entries in full, every other entry as a link — is an
// unbroken chain from the first entry to its head, signed by one installation key. Shared by the vault
// (which hashes its entries the same way), `sentinelle verify` and the lawyer's reader page.
import { bytesToHex, hexToBytes, utf8Bytes } from './bytes.js';
import { sha256Of, type BundleCrypto } from './bundle-crypto.js';
import { canonicalJson } from './canonical-json.js';

export const GENESIS_HASH = '0'.repeat(64);

export interface CustodyEntryFields {
  seq: number;
  recordedAt: string;
  action: string;
  caseId: string | null;
  details: Record<string, unknown>;
  prevHash: string;
}

export interface CustodyChainLink {
  seq: number;
  prevHash: string;
  entryHash: string;
  signature: string;
}

export interface CustodyChainExcerpt {
  head: { seq: number; entryHash: string };
  entries: readonly (CustodyEntryFields & { entryHash: string; signature: string })[];
  links: readonly CustodyChainLink[];
}

/** The text whose SHA-256 is an entry's hash: every field but the hash and signature, in canonical JSON, with a version. */
export function custodyEntryBody(entry: CustodyEntryFields): string {
  const { seq, recordedAt, action, caseId, details, prevHash } = entry;
  return canonicalJson({ v: 1, seq, recordedAt, action, caseId, details, prevHash });
}

/** Null when the excerpt is an unbroken chain from the first entry to its head, signed by `publicKey`; else what breaks. */
export function checkCustodyChain(excerpt: CustodyChainExcerpt, publicKey: Uint8Array, crypto: BundleCrypto): string | null {
  const all = [...excerpt.entries.map((entry) => ({ link: entry as CustodyChainLink, entry })), ...excerpt.links.map((link) => ({ link, entry: null }))].sort((a, b) => a.link.seq - b.link.seq);
  let previous = GENESIS_HASH;
  for (const [i, { link, entry }] of all.entries()) {
    const { seq, prevHash, entryHash, signature } = link;
    if (seq !== i + 1) return seq === i ? `entry ${seq} appears twice` : `entry ${i + 1} is missing (the next one is ${seq})`;
    if (prevHash !== previous) return `entry ${seq} does not follow entry ${seq - 1}`;
    if (entry) {
      let hash: string;
      try {
        hash = bytesToHex(sha256Of(crypto, utf8Bytes(custodyEntryBody(entry))));
      } catch {
        return `entry ${seq} cannot be read`;
      }
      if (hash !== entryHash) return `entry ${seq} (${entry.action}) was changed after it was recorded`;
    }
    if (!/^[0-9a-f]{128}$/.test(signature) || !crypto.verifySignature(hexToBytes(signature), hexToBytes(entryHash), publicKey)) {
      return `entry ${seq} is not signed by this installation`;
    }
    previous = entryHash;
  }
  const lastSeq = all.at(-1)?.link.seq ?? 0;
  if (lastSeq !== excerpt.head.seq || previous !== excerpt.head.entryHash) return 'the chain does not end at the head the manifest records';
  return null;
}
