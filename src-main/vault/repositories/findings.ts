// Findings: what detection concluded, with the observations that prove it and the advocate's review.
import type { Finding, ReviewStatus } from '../../../src-shared/model.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import { isoNow, type Clock } from '../../clock.js';
import type { CustodyLog } from '../custody-log.js';
import type { VaultDatabase } from '../database.js';
import { newId } from '../ids.js';
import { parseJsonColumn } from './json-column.js';

export type NewFinding = Omit<Finding, 'id' | 'reviewStatus' | 'reviewNote' | 'createdAt' | 'reviewedAt'>;

interface FindingRow {
  id: string;
  case_id: string;
  scan_id: string | null;
  severity: Finding['severity'];
  category: string;
  origin: Finding['origin'];
  rule_id: string;
  title: string;
  explanation: string;
  details: string;
  observation_ids: string;
  review_status: ReviewStatus;
  review_note: string | null;
  created_at: string;
  reviewed_at: string | null;
}

const SEVERITY_ORDER = "CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END";

export class FindingRepository {
  constructor(
    private readonly db: VaultDatabase,
    private readonly custody: CustodyLog,
    private readonly clock: Clock,
  ) {}

  /** Records findings in one transaction, each with its custody entry. */
  addMany(findings: readonly NewFinding[]): Finding[] {
    const insert = this.db.prepare(
      `INSERT INTO findings (id, case_id, scan_id, severity, category, origin, rule_id, title, explanation, details,
                             observation_ids, review_status, review_note, created_at, reviewed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', NULL, ?, NULL)`,
    );
    return this.db.transaction(() =>
      findings.map((f) => {
        const id = newId();
        insert.run(id, f.caseId, f.scanId, f.severity, f.category, f.origin, f.ruleId, JSON.stringify(f.title), JSON.stringify(f.explanation), JSON.stringify(f.details), JSON.stringify(f.observationIds), isoNow(this.clock));
        this.custody.append('finding.recorded', f.caseId, { findingId: id, ruleId: f.ruleId, severity: f.severity });
        return this.get(id);
      }),
    )();
  }

  review(id: string, status: ReviewStatus, note: string | null): Finding {
    return this.db.transaction(() => {
      const finding = this.get(id);
      this.db.prepare('UPDATE findings SET review_status = ?, review_note = ?, reviewed_at = ? WHERE id = ?').run(status, note, isoNow(this.clock), id);
      this.custody.append('finding.reviewed', finding.caseId, { findingId: id, status });
      return this.get(id);
    })();
  }

  get(id: string): Finding {
    const row = this.db.prepare('SELECT * FROM findings WHERE id = ?').get(id) as FindingRow | undefined;
    if (!row) throw new SentinelleError('input.invalid', 'That finding does not exist (any more) in this vault.');
    return toFinding(row);
  }

  listByCase(caseId: string): Finding[] {
    return (this.db.prepare(`SELECT * FROM findings WHERE case_id = ? ORDER BY ${SEVERITY_ORDER}, created_at`).all(caseId) as FindingRow[]).map(toFinding);
  }
}

function toFinding(row: FindingRow): Finding {
  const noText = { en: '', fr: '' };
  return {
    id: row.id,
    caseId: row.case_id,
    scanId: row.scan_id,
    severity: row.severity,
    category: row.category,
    origin: row.origin,
    ruleId: row.rule_id,
    title: parseJsonColumn(row.title, noText),
    explanation: parseJsonColumn(row.explanation, noText),
    details: parseJsonColumn<Record<string, unknown>>(row.details, {}),
    observationIds: parseJsonColumn<number[]>(row.observation_ids, []),
    reviewStatus: row.review_status,
    reviewNote: row.review_note,
    createdAt: row.created_at,
    reviewedAt: row.reviewed_at,
  };
}
