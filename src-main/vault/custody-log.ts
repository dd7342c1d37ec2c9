// The chain of custody: an append-only log in which each entry holds the hash of the one before and is
// signed with this installation's Ed25519 key. Verified on unlock (and on export): an edited, removed or
// reordered entry is reported by its sequence number, never thrown as a crash. Removing the newest
// entries leaves a shorter chain that still holds; that is only seen against a chain head kept elsewhere
// (an exported bundle's manifest records the head it was made from).
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../src-shared/canonical-json.js';
import { custodyEntryBody, GENESIS_HASH } from '../../src-shared/custody-chain.js';
import type { ChainBreakReason, ChainReport, CustodyEntry } from '../../src-shared/model.js';
import { isoNow, type Clock } from '../clock.js';
import type { VaultDatabase } from './database.js';
import type { InstallationSigner } from './installation-key.js';

export { GENESIS_HASH };

interface CustodyRow {
  seq: number;
  recorded_at: string;
  action: string;
  case_id: string | null;
  details: string;
  prev_hash: string;
  entry_hash: string;
  signature: string;
}

type UnsignedEntry = Omit<CustodyEntry, 'entryHash' | 'signature'>;

/** An entry's hash: the SHA-256 of the body src-shared/custody-chain.ts defines (what a verifier checks). */
export function custodyEntryHash(entry: UnsignedEntry): string {
  return createHash('sha256').update(custodyEntryBody(entry), 'utf8').digest('hex');
}

export class CustodyLog {
  constructor(
    private readonly db: VaultDatabase,
    private readonly signer: InstallationSigner,
    private readonly clock: Clock,
  ) {}

  /** Appends one entry. Call it inside the transaction that makes the change it records. */
  append(action: string, caseId: string | null, details: Record<string, unknown> = {}): CustodyEntry {
    const last = this.db.prepare('SELECT seq, entry_hash FROM custody_log ORDER BY seq DESC LIMIT 1').get() as
      | { seq: number; entry_hash: string }
      | undefined;
    const unsigned: UnsignedEntry = {
      seq: (last?.seq ?? 0) + 1,
      recordedAt: isoNow(this.clock),
      action,
      caseId,
      details: JSON.parse(canonicalJson(details)) as Record<string, unknown>,
      prevHash: last?.entry_hash ?? GENESIS_HASH,
    };
    const entryHash = custodyEntryHash(unsigned);
    const signature = this.signer.sign(Buffer.from(entryHash, 'hex')).toString('hex');
    this.db
      .prepare(
        `INSERT INTO custody_log (seq, recorded_at, action, case_id, details, prev_hash, entry_hash, signature)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(unsigned.seq, unsigned.recordedAt, action, caseId, canonicalJson(unsigned.details), unsigned.prevHash, entryHash, signature);
    return { ...unsigned, entryHash, signature };
  }

  list(options: { caseId?: string | undefined; limit: number }): CustodyEntry[] {
    const rows = (
      options.caseId === undefined
        ? this.db.prepare('SELECT * FROM custody_log ORDER BY seq DESC LIMIT ?').all(options.limit)
        : this.db.prepare('SELECT * FROM custody_log WHERE case_id = ? ORDER BY seq DESC LIMIT ?').all(options.caseId, options.limit)
    ) as CustodyRow[];
    return rows.map(toEntry).filter((entry): entry is CustodyEntry => entry !== null);
  }

  /** Every entry, oldest first, one at a time (an export walks the whole chain). */
  *all(): Generator<CustodyEntry | { seq: number; prevHash: string; entryHash: string; signature: string; unreadable: true }> {
    for (const row of this.db.prepare('SELECT * FROM custody_log ORDER BY seq').iterate() as Iterable<CustodyRow>) {
      yield toEntry(row) ?? { seq: row.seq, prevHash: row.prev_hash, entryHash: row.entry_hash, signature: row.signature, unreadable: true };
    }
  }

  /** Walks the whole chain; stops at the first entry that does not hold and names it. */
  verify(): ChainReport {
    let expectedSeq = 1;
    let previousHash = GENESIS_HASH;
    let count = 0;
    const broken = (row: CustodyRow, reason: ChainBreakReason): ChainReport => ({
      intact: false,
      entries: this.count(),
      brokenAt: { seq: row.seq, action: row.action, recordedAt: row.recorded_at, reason },
      checkedAt: isoNow(this.clock),
    });
    for (const row of this.db.prepare('SELECT * FROM custody_log ORDER BY seq').iterate() as Iterable<CustodyRow>) {
      const reason = this.checkEntry(row, expectedSeq, previousHash);
      if (reason) return broken(row, reason);
      previousHash = row.entry_hash;
      expectedSeq += 1;
      count += 1;
    }
    return { intact: true, entries: count, brokenAt: null, checkedAt: isoNow(this.clock) };
  }

  /** Why this entry does not hold, or null when it does. Whatever is stored in the row, it never throws. */
  private checkEntry(row: CustodyRow, expectedSeq: number, previousHash: string): ChainBreakReason | null {
    if (row.seq !== expectedSeq) return 'sequence-gap';
    if (row.prev_hash !== previousHash) return 'previous-hash-mismatch';
    const entry = toEntry(row);
    if (!entry) return 'unreadable-entry';
    try {
      if (canonicalJson(entry.details) !== row.details) return 'entry-hash-mismatch';
      if (custodyEntryHash(entry) !== row.entry_hash) return 'entry-hash-mismatch';
    } catch {
      return 'unreadable-entry'; // values canonical JSON cannot hold (1e999 parses to Infinity)
    }
    const signature = typeof row.signature === 'string' && /^[0-9a-f]{128}$/.test(row.signature) ? Buffer.from(row.signature, 'hex') : Buffer.alloc(0);
    if (typeof row.entry_hash !== 'string' || !/^[0-9a-f]{64}$/.test(row.entry_hash)) return 'entry-hash-mismatch';
    return this.signer.verify(signature, Buffer.from(row.entry_hash, 'hex')) ? null : 'signature-invalid';
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM custody_log').get() as { n: number }).n;
  }
}

function toEntry(row: CustodyRow): CustodyEntry | null {
  let details: unknown;
  try {
    details = JSON.parse(row.details);
  } catch {
    return null;
  }
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return null;
  return {
    seq: row.seq,
    recordedAt: row.recorded_at,
    action: row.action,
    caseId: row.case_id,
    details: details as Record<string, unknown>,
    prevHash: row.prev_hash,
    entryHash: row.entry_hash,
    signature: row.signature,
  };
}
