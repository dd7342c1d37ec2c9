// The chain of custody as a bundle carries it: this case's entries in full, every other entry reduced to
// what links the chain (sequence, hashes, signature) so nothing of other cases leaves the vault; and the
// check a verifier runs on it with the installation's public key.
import sodium from 'sodium-native';
import type { CustodyLink } from '../../src-shared/bundle.js';
import type { CustodyEntry } from '../../src-shared/model.js';
import { custodyEntryHash, GENESIS_HASH, type CustodyLog } from '../vault/custody-log.js';

export interface CustodyExcerpt {
  head: { seq: number; entryHash: string };
  entries: CustodyEntry[];
  links: CustodyLink[];
}

export function custodyExcerpt(log: CustodyLog, caseId: string): CustodyExcerpt {
  const entries: CustodyEntry[] = [];
  const links: CustodyLink[] = [];
  let head = { seq: 0, entryHash: GENESIS_HASH };
  for (const entry of log.all()) {
    if ('caseId' in entry && entry.caseId === caseId) entries.push(entry);
    else links.push({ seq: entry.seq, prevHash: entry.prevHash, entryHash: entry.entryHash, signature: entry.signature });
    head = { seq: entry.seq, entryHash: entry.entryHash };
  }
  return { head, entries, links };
}

/** Null when the excerpt is an unbroken chain from the first entry to its head, signed by `publicKey`; else what breaks. */
export function checkCustodyExcerpt(excerpt: CustodyExcerpt, publicKey: Buffer): string | null {
  const all = [...excerpt.entries.map((entry) => ({ entry, link: null })), ...excerpt.links.map((link) => ({ entry: null, link }))].sort(
    (a, b) => (a.entry ?? a.link!).seq - (b.entry ?? b.link!).seq,
  );
  let previous = GENESIS_HASH;
  for (const [i, item] of all.entries()) {
    const { seq, prevHash, entryHash, signature } = item.entry ?? item.link!;
    if (seq !== i + 1) return `entry ${i + 1} is missing (the next one is ${seq})`;
    if (prevHash !== previous) return `entry ${seq} does not follow entry ${seq - 1}`;
    if (item.entry) {
      try {
        if (custodyEntryHash(item.entry) !== entryHash) return `entry ${seq} (${item.entry.action}) was changed after it was recorded`;
      } catch {
        return `entry ${seq} cannot be read`;
      }
    }
    if (!/^[0-9a-f]{128}$/.test(signature) || !sodium.crypto_sign_verify_detached(Buffer.from(signature, 'hex'), Buffer.from(entryHash, 'hex'), publicKey)) {
      return `entry ${seq} is not signed by this installation`;
    }
    previous = entryHash;
  }
  const last = all.at(-1);
  const lastSeq = last ? (last.entry ?? last.link!).seq : 0;
  if (lastSeq !== excerpt.head.seq || previous !== excerpt.head.entryHash) return 'the chain does not end at the head the manifest records';
  return null;
}
