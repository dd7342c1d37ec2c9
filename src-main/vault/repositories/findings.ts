// Findings: what detection concluded, with the evidence that proves it and the advocate's review. Each
// finding has a fingerprint (rule + what it is about): running detection again updates the evidence of
// the same finding and keeps its review, instead of adding a duplicate.
import type { FindingFilter, ListedFinding } from '../../../src-shared/findings-page.js';
import { SEVERITY_RANK, type Finding, type Platform, type ReviewStatus } from '../../../src-shared/model.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import type { SummaryInput } from '../../../src-shared/verdicts.js';
import { isoNow, type Clock } from '../../clock.js';
import type { CustodyLog } from '../custody-log.js';
import type { VaultDatabase } from '../database.js';
import { newId } from '../ids.js';
import { FINDING_PLATFORM } from '../migrations.js';
import { parseJsonColumn } from './json-column.js';

export type NewFinding = Omit<Finding, 'id' | 'reviewStatus' | 'reviewNote' | 'createdAt' | 'reviewedAt' | 'retiredAt'> & {
  /** Stable across runs: the rule and the thing it is about (for a verdict, the app and its device). */
  fingerprint: string;
  /** What its reasons were called as findings of their own (vaults from before verdicts): their reviews carry over. */
  formerFingerprints?: readonly string[];
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
  platform: Platform | null;
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
  /** Called, inside the recording transaction, for each finding a later run no longer produced (not for those merged into a verdict). */
  onRetired: ((finding: Finding) => void) | null = null;

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
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const update = this.db.prepare(
      `UPDATE findings SET scan_id = ?, severity = ?, category = ?, product = ?, rule_version = ?, title = ?, explanation = ?,
                           advice = ?, safety = ?, details = ?, observation_ids = ?, artifact_sha256s = ?, retired_at = NULL
       WHERE id = ?`,
    );
    const findExisting = this.db.prepare('SELECT * FROM findings WHERE case_id = ? AND fingerprint = ?');
    const setPlatform = this.db.prepare(`UPDATE findings SET platform = (${FINDING_PLATFORM}) WHERE id = ?`);
    return this.db.transaction(() => {
      const outcome: RecordOutcome = { created: [], updated: [], retired: [] };
      /** Findings a verdict took over (their fingerprint → the verdict's id), retired as merged. */
      const mergedInto = new Map<string, string>();
      for (const f of findings) {
        if (f.caseId !== caseId) throw new SentinelleError('internal', 'A detection run mixed findings of two cases.', { technical: `${f.caseId} in a run for ${caseId}` });
        const existing = findExisting.get(f.caseId, f.fingerprint) as FindingRow | undefined;
        const columns = [f.severity, f.category, f.product ? JSON.stringify(f.product) : null] as const;
        const texts = [f.ruleVersion, JSON.stringify(f.title), JSON.stringify(f.explanation), JSON.stringify(f.advice), JSON.stringify(f.safety), JSON.stringify(f.details)] as const;
        const evidence = [JSON.stringify(f.observationIds), JSON.stringify(f.artifactSha256s)] as const;
        if (existing) {
          update.run(f.scanId ?? existing.scan_id, ...columns, ...texts, ...evidence, existing.id);
          // The platform follows the evidence: looked up again only when the evidence changed.
          if (existing.observation_ids !== evidence[0] || existing.platform === null) setPlatform.run(evidence[0], existing.id);
          for (const former of f.formerFingerprints ?? []) if (former !== f.fingerprint) mergedInto.set(former, existing.id);
          if (existing.review_status === 'dismissed' && SEVERITY_RANK[f.severity] > SEVERITY_RANK[existing.severity]) {
            // Dismissed when it looked harmless; now something stronger names it: she must see it again.
            this.db.prepare("UPDATE findings SET review_status = 'new' WHERE id = ?").run(existing.id);
            this.custody.append('finding.reopened', f.caseId, { findingId: existing.id, ruleId: f.ruleId, severity: f.severity, was: existing.severity });
          }
          if (existing.retired_at !== null) {
            this.custody.append('finding.detected-again', f.caseId, { findingId: existing.id, ruleId: f.ruleId });
          } else if (existing.observation_ids !== evidence[0] || existing.severity !== f.severity) {
            this.custody.append('finding.updated', f.caseId, { findingId: existing.id, ruleId: f.ruleId, severity: f.severity, observations: f.observationIds.length });
          }
          outcome.updated.push(this.get(existing.id));
        } else {
          const id = newId();
          const carried = this.carriedReview(f);
          insert.run(id, f.caseId, f.scanId, ...columns, f.origin, f.ruleId, ...texts, ...evidence, carried.status, carried.note, isoNow(this.clock), carried.reviewedAt, f.fingerprint);
          setPlatform.run(evidence[0], id);
          for (const row of carried.from) mergedInto.set(row.fingerprint!, id);
          this.custody.append('finding.recorded', f.caseId, {
            findingId: id,
            ruleId: f.ruleId,
            ruleVersion: f.ruleVersion,
            severity: f.severity,
            ...(carried.from.length > 0 ? { reviewCarriedFrom: carried.from.map((row) => row.id) } : {}),
          });
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
        const into = mergedInto.get(row.fingerprint!);
        if (into) this.custody.append('finding.merged', caseId, { findingId: row.id, ruleId: row.rule_id, into });
        else this.custody.append('finding.retired', caseId, { findingId: row.id, ruleId: row.rule_id });
        const retired = this.get(row.id);
        if (!into) this.onRetired?.(retired);
        outcome.retired.push(retired);
      }
      return outcome;
    })();
  }

  /**
   * The review a new verdict starts with: what the advocate decided on the findings its reasons were
   * before (a vault from before verdicts). Confirmed if any was, dismissed only if every reason was
   * dismissed at its present weight; their notes kept, one per line, in the order of its reasons.
   */
  private carriedReview(f: NewFinding): { status: ReviewStatus; note: string | null; reviewedAt: string | null; from: FindingRow[] } {
    const formers = [...new Set(f.formerFingerprints ?? [])].filter((former) => former !== f.fingerprint);
    if (formers.length === 0) return { status: 'new', note: null, reviewedAt: null, from: [] };
    const rows = this.db
      .prepare(`SELECT * FROM findings WHERE case_id = ? AND fingerprint IN (${formers.map(() => '?').join(', ')})`)
      .all(f.caseId, ...formers) as FindingRow[];
    // In the order of the verdict's reasons, strongest first: their notes read in that order.
    rows.sort((a, b) => formers.indexOf(a.fingerprint!) - formers.indexOf(b.fingerprint!));
    const reviewed = rows.filter((row) => row.review_status !== 'new');
    if (reviewed.length === 0) return { status: 'new', note: null, reviewedAt: null, from: rows };
    // Dismissed only when she saw and dismissed every reason, and none of them weighs more now.
    const everyReasonDismissed = reviewed.length === formers.length && reviewed.every((row) => row.review_status === 'dismissed' && SEVERITY_RANK[row.severity] >= SEVERITY_RANK[f.severity]);
    const status: ReviewStatus = reviewed.some((row) => row.review_status === 'confirmed') ? 'confirmed' : everyReasonDismissed ? 'dismissed' : 'new';
    const notes = [...new Set(reviewed.map((row) => row.review_note).filter((note): note is string => note !== null && note !== ''))];
    const reviewedAt = reviewed.map((row) => row.reviewed_at).filter((at): at is string => at !== null).sort().at(-1) ?? null;
    return { status, note: notes.length > 0 ? notes.join('\n').slice(0, 4000) : null, reviewedAt, from: rows };
  }

  review(id: string, status: ReviewStatus, note: string | null): Finding {
    return this.db.transaction(() => {
      const finding = this.get(id);
      this.db.prepare('UPDATE findings SET review_status = ?, review_note = ?, reviewed_at = ? WHERE id = ?').run(status, note, isoNow(this.clock), id);
      this.custody.append('finding.reviewed', finding.caseId, { findingId: id, status });
      return this.get(id);
    })();
  }

  /** Cases whose findings were recorded by an older way of detecting (see migration 7): to detect again. */
  casesToDetectAgain(): string[] {
    return (this.db.prepare('SELECT case_id FROM detection_pending ORDER BY case_id').all() as { case_id: string }[]).map((row) => row.case_id);
  }

  detectedAgain(caseId: string): void {
    this.db.prepare('DELETE FROM detection_pending WHERE case_id = ?').run(caseId);
  }

  get(id: string): Finding {
    const row = this.db.prepare('SELECT * FROM findings WHERE id = ?').get(id) as FindingRow | undefined;
    if (!row) throw new SentinelleError('finding.not-found', 'That finding is not in this vault (any more).', { technical: id });
    return toFinding(row);
  }

  listByCase(caseId: string): Finding[] {
    return (this.db.prepare(`SELECT * FROM findings WHERE case_id = ? ORDER BY ${SEVERITY_ORDER}, created_at, id`).all(caseId) as FindingRow[]).map(toFinding);
  }

  /** One page of the case's current findings matching the filter, most severe first, with how many match. */
  page(caseId: string, filter: FindingFilter, offset: number, limit: number): { total: number; findings: ListedFinding[] } {
    const { where, values } = currentWhere(caseId, filter);
    const total = this.db.prepare(`SELECT count(*) FROM findings WHERE ${where}`).pluck().get(...values) as number;
    // The ids of the page first, in the order the index keeps; then only those rows, with their platform.
    const ids = this.db.prepare(`SELECT findings.id FROM findings WHERE ${where} ORDER BY ${SEVERITY_ORDER}, findings.created_at, findings.id LIMIT ? OFFSET ?`).pluck().all(...values, limit, offset) as string[];
    if (ids.length === 0) return { total, findings: [] };
    const rows = this.db.prepare(`SELECT * FROM findings WHERE id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as FindingRow[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return { total, findings: ids.map((id) => byId.get(id)!).map((row) => ({ ...toFinding(row), platform: row.platform })) };
  }

  /** How many current findings the case has, by severity, category and platform (counted in the vault). */
  counts(caseId: string): { active: number; bySeverity: Record<string, number>; byCategory: Record<string, number>; byPlatform: Record<string, number> } {
    const { where, values } = currentWhere(caseId, {});
    const grouped = (column: string) =>
      Object.fromEntries((this.db.prepare(`SELECT ${column} AS key, count(*) AS n FROM findings WHERE ${where} AND ${column} IS NOT NULL GROUP BY ${column}`).all(...values) as { key: string; n: number }[]).map((row) => [row.key, row.n]));
    const bySeverity = grouped('findings.severity');
    return { active: Object.values(bySeverity).reduce((sum, n) => sum + n, 0), bySeverity, byCategory: grouped('findings.category'), byPlatform: grouped('findings.platform') };
  }

  /** The case's current findings with what the summary reads of them (not their texts of advice and evidence). */
  forSummary(caseId: string): SummaryInput[] {
    const rows = this.db.prepare('SELECT id, rule_id, severity, category, product, title, details, review_status, retired_at FROM findings WHERE case_id = ? AND retired_at IS NULL').all(caseId) as FindingRow[];
    return rows.map((row) => ({
      id: row.id,
      ruleId: row.rule_id,
      severity: row.severity,
      category: row.category,
      product: productOf(row),
      title: parseJsonColumn(row.title, NO_TEXT),
      details: parseJsonColumn<Record<string, unknown>>(row.details, {}),
      reviewStatus: row.review_status,
      retiredAt: row.retired_at,
    }));
  }
}

/** The current findings of a case matching a filter. */
function currentWhere(caseId: string, filter: FindingFilter): { where: string; values: string[] } {
  const clauses = ['findings.case_id = ?', 'findings.retired_at IS NULL'];
  const values = [caseId];
  const add = (clause: string, value: string | undefined) => {
    if (value === undefined) return;
    clauses.push(clause);
    values.push(value);
  };
  add('findings.severity = ?', filter.severity);
  add('findings.category = ?', filter.category);
  add('findings.platform = ?', filter.platform);
  add('findings.review_status = ?', filter.review);
  return { where: clauses.join(' AND '), values };
}

const NO_TEXT = { en: '', fr: '' };

function productOf(row: Pick<FindingRow, 'product'>): Finding['product'] {
  return row.product === null ? null : parseJsonColumn<Finding['product']>(row.product, null);
}

function toFinding(row: FindingRow): Finding {
  return {
    id: row.id,
    caseId: row.case_id,
    scanId: row.scan_id,
    severity: row.severity,
    category: row.category,
    product: productOf(row),
    origin: row.origin,
    ruleId: row.rule_id,
    ruleVersion: row.rule_version,
    title: parseJsonColumn(row.title, NO_TEXT),
    explanation: parseJsonColumn(row.explanation, NO_TEXT),
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
