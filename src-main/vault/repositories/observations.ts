// Observations: typed facts parsed from artifacts (an installed app, a permission, a process…), each
// pointing back to the artifacts it came from. Written in batches: one parser's output, one transaction.
import type { Observation } from '../../../src-shared/model.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import { isMatchKeys, matchKeysOf, type MatchKeys } from '../../../src-shared/match-keys.js';
import { isObservationKind, observationSchemas } from '../../../src-shared/observations.js';
import { isoNow, type Clock } from '../../clock.js';
import type { VaultDatabase } from '../database.js';
import { parseJsonColumn } from './json-column.js';

export interface NewObservation {
  caseId: string;
  scanId: string | null;
  kind: string;
  subject: string;
  data: Record<string, unknown>;
  artifactSha256s: string[];
}

/** An observation with the keys signatures are matched on, computed when it was stored. */
export interface KeyedObservation extends Observation {
  matchKeys: MatchKeys;
}

interface ObservationRow {
  id: number;
  case_id: string;
  scan_id: string | null;
  kind: string;
  subject: string;
  data: string;
  artifact_sha256s: string;
  observed_at: string;
  match_keys?: string;
}

export class ObservationRepository {
  constructor(
    private readonly db: VaultDatabase,
    private readonly clock: Clock,
  ) {}

  /** Inserts all observations in one transaction; returns their ids in the same order. */
  insertMany(observations: readonly NewObservation[]): number[] {
    const insert = this.db.prepare(
      `INSERT INTO observations (case_id, scan_id, kind, subject, data, artifact_sha256s, observed_at, match_keys)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const at = isoNow(this.clock);
    // Known kinds are checked (and their hashes put in normal form) on the way in: detection relies on it.
    const checked = observations.map((o) => ({ ...o, data: isObservationKind(o.kind) ? checkData(o.kind, o.data) : o.data }));
    return this.db.transaction(() =>
      checked.map((o) => Number(insert.run(o.caseId, o.scanId, o.kind, o.subject, JSON.stringify(o.data), JSON.stringify(o.artifactSha256s), at, JSON.stringify(matchKeysOf(o.kind, o.data))).lastInsertRowid)),
    )();
  }

  /**
   * Makes the scan's observations exactly these, in one transaction, when they are made again from its
   * artifacts (during the scan, at its end, when it resumes). An observation that is still there keeps its
   * id and date, so findings that point to it keep pointing to the same evidence; only what changed is
   * removed or added.
   */
  replaceByScan(caseId: string, scanId: string, observations: readonly Omit<NewObservation, 'caseId' | 'scanId'>[]): { kept: number; added: number; removed: number } {
    return this.replace(caseId, scanId, () => this.db.prepare('SELECT id, kind, subject, data, artifact_sha256s FROM observations WHERE scan_id = ? ORDER BY id').all(scanId) as ObservationRow[], observations);
  }

  /**
   * Makes the case's observations of this kind that no scan made (what she answered in the consultation)
   * exactly these, the same way: those still there keep their ids.
   */
  replaceUnscanned(caseId: string, kind: string, observations: readonly Omit<NewObservation, 'caseId' | 'scanId'>[]): { kept: number; added: number; removed: number } {
    return this.replace(caseId, null, () => this.db.prepare('SELECT id, kind, subject, data, artifact_sha256s FROM observations WHERE case_id = ? AND scan_id IS NULL AND kind = ? ORDER BY id').all(caseId, kind) as ObservationRow[], observations);
  }

  private replace(caseId: string, scanId: string | null, storedRows: () => ObservationRow[], observations: readonly Omit<NewObservation, 'caseId' | 'scanId'>[]): { kept: number; added: number; removed: number } {
    const keyOf = (kind: string, subject: string, data: string, artifacts: string) => `${kind}\u0000${subject}\u0000${data}\u0000${artifacts}`;
    return this.db.transaction(() => {
      const stored = new Map<string, number[]>();
      for (const row of storedRows()) {
        const key = keyOf(row.kind, row.subject, row.data, row.artifact_sha256s);
        stored.set(key, [...(stored.get(key) ?? []), row.id]);
      }
      const fresh: NewObservation[] = [];
      let kept = 0;
      for (const observation of observations) {
        const data = isObservationKind(observation.kind) ? checkData(observation.kind, observation.data) : observation.data;
        const ids = stored.get(keyOf(observation.kind, observation.subject, JSON.stringify(data), JSON.stringify(observation.artifactSha256s)));
        if (ids && ids.length > 0) {
          ids.shift();
          kept += 1;
        } else {
          fresh.push({ ...observation, data, caseId, scanId });
        }
      }
      const gone = [...stored.values()].flat();
      if (gone.length > 0) this.db.prepare('DELETE FROM observations WHERE id IN (SELECT value FROM json_each(?))').run(JSON.stringify(gone));
      this.insertMany(fresh);
      return { kept, added: fresh.length, removed: gone.length };
    })();
  }

  listByCase(caseId: string, options: { kind?: string; limit?: number } = {}): Observation[] {
    const limit = options.limit ?? -1;
    const rows = (
      options.kind === undefined
        ? this.db.prepare('SELECT * FROM observations WHERE case_id = ? ORDER BY id LIMIT ?').all(caseId, limit)
        : this.db.prepare('SELECT * FROM observations WHERE case_id = ? AND kind = ? ORDER BY id LIMIT ?').all(caseId, options.kind, limit)
    ) as ObservationRow[];
    return rows.map(toObservation);
  }

  /** A case's observations with their match keys, in id order: what a detection pass reads. */
  listForDetection(caseId: string): KeyedObservation[] {
    const rows = this.db.prepare('SELECT * FROM observations WHERE case_id = ? ORDER BY id').all(caseId) as ObservationRow[];
    return rows.map((row) => {
      const observation = toObservation(row) as KeyedObservation;
      const stored = parseJsonColumn<unknown>(row.match_keys ?? '', null);
      observation.matchKeys = isMatchKeys(stored) ? stored : matchKeysOf(observation.kind, observation.data);
      return observation;
    });
  }

  /** The observations with these ids (a finding's evidence), in id order; missing ids are skipped. */
  getMany(ids: readonly number[]): Observation[] {
    if (ids.length === 0) return [];
    const rows = this.db.prepare('SELECT * FROM observations WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id').all(JSON.stringify(ids)) as ObservationRow[];
    return rows.map(toObservation);
  }

  countByCase(caseId: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM observations WHERE case_id = ?').get(caseId) as { n: number }).n;
  }
}

function checkData(kind: keyof typeof observationSchemas, data: Record<string, unknown>): Record<string, unknown> {
  const parsed = observationSchemas[kind].safeParse(data);
  if (!parsed.success) throw new SentinelleError('internal', 'A collector produced an observation that does not fit its kind; nothing of this step was stored.', { technical: `${kind}: ${parsed.error.message}` });
  return parsed.data as Record<string, unknown>;
}

function toObservation(row: ObservationRow): Observation {
  return {
    id: row.id,
    caseId: row.case_id,
    scanId: row.scan_id,
    kind: row.kind,
    subject: row.subject,
    data: parseJsonColumn<Record<string, unknown>>(row.data, {}),
    artifactSha256s: parseJsonColumn<string[]>(row.artifact_sha256s, []),
    observedAt: row.observed_at,
  };
}
