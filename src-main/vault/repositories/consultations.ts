// A case's consultation record (src-shared/consultation.ts): one document per case, replaced whole at each
// save, checked against its schema when read back. Each save is in the custody log with what it holds
// (counts and check outcomes, never her words), so a report can say when the consultation was recorded; each
// worrying answer becomes an observation of the case, which detection turns into a finding.
import { Consultation, EMPTY_CONSULTATION } from '../../../src-shared/consultation.js';
import { isoNow, type Clock } from '../../clock.js';
import type { CustodyLog } from '../custody-log.js';
import type { VaultDatabase } from '../database.js';
import { parseJsonColumn } from './json-column.js';
import type { ObservationRepository } from './observations.js';

export class ConsultationRepository {
  constructor(
    private readonly db: VaultDatabase,
    private readonly custody: CustodyLog,
    private readonly observations: ObservationRepository,
    private readonly clock: Clock,
  ) {}

  /** The case's record; the empty one until something is saved. */
  get(caseId: string): Consultation {
    const row = this.db.prepare('SELECT data FROM consultations WHERE case_id = ?').pluck().get(caseId) as string | undefined;
    if (row === undefined) return EMPTY_CONSULTATION;
    const parsed = Consultation.safeParse(parseJsonColumn<unknown>(row, {}));
    return parsed.success ? parsed.data : EMPTY_CONSULTATION;
  }

  /** Whether a consultation was ever saved for the case (an empty record saved counts: it was gone through). */
  recorded(caseId: string): boolean {
    return this.db.prepare('SELECT 1 FROM consultations WHERE case_id = ?').pluck().get(caseId) !== undefined;
  }

  save(caseId: string, record: Consultation): Consultation {
    const checked = Consultation.parse(record);
    return this.db.transaction(() => {
      this.db
        .prepare('INSERT INTO consultations (case_id, data, updated_at) VALUES (?, ?, ?) ON CONFLICT (case_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at')
        .run(caseId, JSON.stringify(checked), isoNow(this.clock));
      // Each worrying answer is an observation of the case (no scan made it), for detection to make a finding of.
      this.observations.replaceUnscanned(
        caseId,
        'consultation.answer',
        checked.checks.filter((answer) => answer.outcome === 'worrying').map((answer) => ({ kind: 'consultation.answer', subject: answer.check, data: { check: answer.check, answer: answer.answer }, artifactSha256s: [] })),
      );
      this.custody.append('consultation.saved', caseId, {
        concerns: checked.concerns,
        checks: checked.checks.map((answer) => ({ check: answer.check, outcome: answer.outcome })),
        devicesBrought: checked.devicesBrought.length,
        vulnerabilities: checked.vulnerabilities.length,
        changes: checked.changes.length,
        followUps: checked.followUps.length,
      });
      return checked;
    })();
  }
}
