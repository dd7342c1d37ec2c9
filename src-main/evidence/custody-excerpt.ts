// The chain of custody as a bundle carries it: this case's entries in full, every other entry reduced to
// what links the chain (sequence, hashes, signature) so nothing of other cases leaves the vault. A verifier
// checks it with src-shared/custody-chain.ts.
import type { CustodyLink } from '../../src-shared/bundle.js';
import type { CustodyEntry } from '../../src-shared/model.js';
import { GENESIS_HASH, type CustodyLog } from '../vault/custody-log.js';

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
