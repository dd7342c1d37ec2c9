// Findings: what detection concluded, with the evidence that proves it and the advocate's review. Each
// finding has a fingerprint (rule + what it is about): running detection again updates the evidence of
// the same finding and keeps its review, instead of adding a duplicate.
import type { Finding, ReviewStatus } from '../../../src-shared/model.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import { isoNow, type Clock } from '../../clock.js';
import type { CustodyLog } from '../custody-log.js';
import type { VaultDatabase } from '../database.js';
import { newId } from '../ids.js';
import { parseJsonColumn } from './json-column.js';

export type NewFinding = Omit<Finding, 'id' | 'reviewStatus' | 'reviewNote' | 'createdAt' | 'reviewedAt' | 'retiredAt'> & {
  /** Stable across runs: the rule and the thing it is about. */
  fingerprint: string;
};

export interface RecordOutcome {
  created: Finding[];
  updated: Finding[];
  /** Findings of the case this run no longer produced: kept, with their review, marked retired. */
  retired: Finding[];
}

interface FindingRow {
  id: string;
  case_id: string;
  scan_id: string | null;
  severity: Finding['severity'];
  category: string;
  product: string | null;
  origin: Finding['origin'];
  rule_id: string;
  rule_version: string;
  title: string;
  explanation: string;
  advice: string;
  safety: string;
  details: string;
  observation_ids: string;
  artifact_sha256s: string;
  review_status: ReviewStatus;
  review_note: string | null;
  created_at: string;
  reviewed_at: string | null;
  fingerprint: string | null;
  retired_at: string | null;
}

const SEVERITY_ORDER = "CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END";

export class FindingRepository {
  constructor(
    private readonly db: VaultDatabase,
    private readonly custody: CustodyLog,
    private readonly clock: Clock,
  ) {}

  /**
   * Called for each new finding inside the transaction that records it (forwarding queues its event there,
   * so a finding and its event are stored together or not at all).
   */
  onCreated: ((finding: Finding) => void) | null = null;

  /**
   * Records one detection run over a case, in one transaction: new findings are added (with a custody
   * entry), known ones updated, and the case's findings this run did not produce are retired — unless the
   * run is `partial` (a scan still reading: what it has not read yet cannot retire anything).
   */
  record(caseId: string, findings: readonly NewFinding[], options: { partial?: boolean } = {}): RecordOutcome {
    const insert = this.db.prepare(
      `INSERT INTO findings (id, case_id, scan_id, severity, category, product, origin, rule_id, rule_version, title, explanation,
                             advice, safety, details, observation_ids, artifact_sha256s, review_status, review_note, created_at,
                             reviewed_at, fingerprint)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', NULL, ?, NULL, ?)`,
    );
    const update = this.db.prepare(
      `UPDATE findings SET scan_id = ?, severity = ?, category = ?, product = ?, rule_version = ?, title = ?, explanation = ?,
                           advice = ?, safety = ?, details = ?, observation_ids = ?, artifact_sha256s = ?, retired_at = NULL
       WHERE id = ?`,
    );
    const findExisting = this.db.prepare('SELECT * FROM findings WHERE case_id = ? AND fingerprint = ?');
    return this.db.transaction(() => {
      const outcome: RecordOutcome = { created: [], updated: [], retired: [] };
      for (const f of findings) {
        if (f.caseId !== caseId) throw new SentinelleError('internal', 'A detection run mixed findings of two cases.', { technical: `${f.caseId} in a run for ${caseId}` });
        const existing = findExisting.get(f.caseId, f.fingerprint) as FindingRow | undefined;
        const columns = [f.severity, f.category, f.product ? JSON.stringify(f.product) : null] as const;
        const texts = [f.ruleVersion, JSON.stringify(f.title), JSON.stringify(f.explanation), JSON.stringify(f.advice), JSON.stringify(f.safety), JSON.stringify(f.details)] as const;
        const evidence = [JSON.stringify(f.observationIds), JSON.stringify(f.artifactSha256s)] as const;
        if (existing) {
          update.run(f.scanId ?? existing.scan_id, ...columns, ...texts, ...evidence, existing.id);
          if (existing.retired_at !== null) {
            this.custody.append('finding.detected-again', f.caseId, { findingId: existing.id, ruleId: f.ruleId });
          } else if (existing.observation_ids !== evidence[0] || existing.severity !== f.severity) {
            this.custody.append('finding.updated', f.caseId, { findingId: existing.id, ruleId: f.ruleId, severity: f.severity, observations: f.observationIds.length });
          }
          outcome.updated.push(this.get(existing.id));
        } else {
          const id = newId();
          insert.run(id, f.caseId, f.scanId, ...columns, f.origin, f.ruleId, ...texts, ...evidence, isoNow(this.clock), f.fingerprint);
          this.custody.append('finding.recorded', f.caseId, { findingId: id, ruleId: f.ruleId, ruleVersion: f.ruleVersion, severity: f.severity });
          const created = this.get(id);
          this.onCreated?.(created);
          outcome.created.push(created);
        }
      }
      if (options.partial) return outcome;
      const produced = new Set(findings.map((f) => f.fingerprint));
      const active = this.db.prepare('SELECT * FROM findings WHERE case_id = ? AND retired_at IS NULL').all(caseId) as FindingRow[];
      for (const row of active.filter((candidate) => candidate.fingerprint !== null && !produced.has(candidate.fingerprint))) {
        this.db.prepare('UPDATE findings SET retired_at = ? WHERE id = ?').run(isoNow(this.clock), row.id);
        this.custody.append('finding.retired', caseId, { findingId: row.id, ruleId: row.rule_id });
        outcome.retired.push(this.get(row.id));
      }
      return outcome;
    })();
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
    if (!row) throw new SentinelleError('finding.not-found', 'That finding is not in this vault (any more).', { technical: id });
    return toFinding(row);
  }

  listByCase(caseId: string): Finding[] {
    return (this.db.prepare(`SELECT * FROM findings WHERE case_id = ? ORDER BY ${SEVERITY_ORDER}, created_at, id`).all(caseId) as FindingRow[]).map(toFinding);
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
    product: row.product === null ? null : parseJsonColumn<Finding['product']>(row.product, null),
    origin: row.origin,
    ruleId: row.rule_id,
    ruleVersion: row.rule_version,
    title: parseJsonColumn(row.title, noText),
    explanation: parseJsonColumn(row.explanation, noText),
    advice: parseJsonColumn<Finding['advice']>(row.advice, []),
    safety: parseJsonColumn<Finding['safety']>(row.safety, []),
    details: parseJsonColumn<Record<string, unknown>>(row.details, {}),
    observationIds: parseJsonColumn<number[]>(row.observation_ids, []),
    artifactSha256s: parseJsonColumn<string[]>(row.artifact_sha256s, []),
    reviewStatus: row.review_status,
    reviewNote: row.review_note,
    createdAt: row.created_at,
    reviewedAt: row.reviewed_at,
    retiredAt: row.retired_at,
  };
}
