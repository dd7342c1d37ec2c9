// Cases: one per person helped, known by a pseudonym. Every change is one transaction together with its
// custody entry. The label is free text and may be personal: it never goes into the custody log.
import type { Case, CaseStatus } from '../../../src-shared/model.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import { isoNow, type Clock } from '../../clock.js';
import type { CustodyLog } from '../custody-log.js';
import type { VaultDatabase } from '../database.js';
import { newCaseId, newPseudonym } from '../ids.js';

interface CaseRow {
  id: string;
  pseudonym: string;
  label: string;
  status: CaseStatus;
  created_at: string;
  closed_at: string | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export class CaseRepository {
  constructor(
    private readonly db: VaultDatabase,
    private readonly custody: CustodyLog,
    private readonly clock: Clock,
    private readonly retentionDays: () => number,
  ) {}

  create(input: { label: string; pseudonym?: string | undefined }): Case {
    return this.db.transaction(() => {
      let id = newCaseId();
      while (this.find(id)) id = newCaseId();
      this.db
        .prepare('INSERT INTO cases (id, pseudonym, label, status, created_at, closed_at) VALUES (?, ?, ?, ?, ?, NULL)')
        .run(id, input.pseudonym ?? newPseudonym(), input.label, 'open', isoNow(this.clock));
      this.custody.append('case.created', id);
      return this.get(id);
    })();
  }

  find(id: string): Case | null {
    const row = this.db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
    return row ? this.toCase(row) : null;
  }

  get(id: string): Case {
    const found = this.find(id);
    if (!found) throw new SentinelleError('case.not-found', `There is no case ${id} in this vault. Check the case id, or whether it was purged.`);
    return found;
  }

  list(status: CaseStatus | 'all' = 'all'): Case[] {
    const rows = (
      status === 'all'
        ? this.db.prepare('SELECT * FROM cases ORDER BY created_at DESC, id').all()
        : this.db.prepare('SELECT * FROM cases WHERE status = ? ORDER BY created_at DESC, id').all(status)
    ) as CaseRow[];
    return rows.map((row) => this.toCase(row));
  }

  close(id: string): Case {
    return this.db.transaction(() => {
      const current = this.get(id);
      if (current.status === 'closed') throw new SentinelleError('case.already-closed', `Case ${id} is already closed.`);
      this.db.prepare("UPDATE cases SET status = 'closed', closed_at = ? WHERE id = ?").run(isoNow(this.clock), id);
      this.custody.append('case.closed', id);
      return this.get(id);
    })();
  }

  reopen(id: string): Case {
    return this.db.transaction(() => {
      const current = this.get(id);
      if (current.status === 'open') throw new SentinelleError('case.already-open', `Case ${id} is already open.`);
      this.db.prepare("UPDATE cases SET status = 'open', closed_at = NULL WHERE id = ?").run(id);
      this.custody.append('case.reopened', id);
      return this.get(id);
    })();
  }

  /** Closed cases whose retention period has run out at `now`. */
  expired(now: Date): Case[] {
    const cutoff = new Date(now.getTime() - this.retentionDays() * DAY_MS).toISOString();
    const rows = this.db
      .prepare("SELECT * FROM cases WHERE status = 'closed' AND closed_at <= ? ORDER BY closed_at")
      .all(cutoff) as CaseRow[];
    return rows.map((row) => this.toCase(row));
  }

  /** Deletes a case and, by cascade, its devices, scans, captures, observations and findings. */
  delete(id: string): void {
    this.db.prepare('DELETE FROM cases WHERE id = ?').run(id);
  }

  private toCase(row: CaseRow): Case {
    return {
      id: row.id,
      pseudonym: row.pseudonym,
      label: row.label,
      status: row.status,
      createdAt: row.created_at,
      closedAt: row.closed_at,
      purgeAfter: row.closed_at === null ? null : new Date(Date.parse(row.closed_at) + this.retentionDays() * DAY_MS).toISOString(),
    };
  }
}
