// The audit trail: what was done with the vault itself (unlocks, passphrase changes, purges, alarms).
// Unlike the custody log it is not about evidence, so it is not chained; it never holds personal data.
import type { AuditEntry } from '../../../src-shared/model.js';
import { isoNow, type Clock } from '../../clock.js';
import type { VaultDatabase } from '../database.js';
import { parseJsonColumn } from './json-column.js';

export class AuditLog {
  constructor(
    private readonly db: VaultDatabase,
    private readonly clock: Clock,
  ) {}

  record(action: string, details: Record<string, unknown> = {}): void {
    this.db.prepare('INSERT INTO audit_log (at, action, details) VALUES (?, ?, ?)').run(isoNow(this.clock), action, JSON.stringify(details));
  }

  list(limit: number): AuditEntry[] {
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT ?').all(limit) as { id: number; at: string; action: string; details: string }[];
    return rows.map((row) => ({ id: row.id, at: row.at, action: row.action, details: parseJsonColumn<Record<string, unknown>>(row.details, {}) }));
  }
}
