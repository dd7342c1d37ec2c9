// Scans: one acquisition run against one device. Steps are recorded as they are stored (one row each, in
// `scan_steps`), so a scan cut short (cable pulled, app killed) is left `interrupted` with its completed steps
// and can be continued.
import type { Scan, ScanStatus } from '../../../src-shared/model.js';
import { isoNow, type Clock } from '../../clock.js';
import type { CustodyLog } from '../custody-log.js';
import type { VaultDatabase } from '../database.js';
import { newId } from '../ids.js';

interface ScanRow {
  id: string;
  case_id: string;
  device_id: string | null;
  kind: string;
  status: ScanStatus;
  started_at: string;
  ended_at: string | null;
  error: string | null;
}

export class ScanRepository {
  constructor(
    private readonly db: VaultDatabase,
    private readonly custody: CustodyLog,
    private readonly clock: Clock,
  ) {}

  start(input: { caseId: string; deviceId: string | null; kind: string }): Scan {
    return this.db.transaction(() => {
      const id = newId();
      this.db
        .prepare(
          `INSERT INTO scans (id, case_id, device_id, kind, status, started_at, ended_at, error)
           VALUES (?, ?, ?, ?, 'running', ?, NULL, NULL)`,
        )
        .run(id, input.caseId, input.deviceId, input.kind, isoNow(this.clock));
      this.custody.append('scan.started', input.caseId, { scanId: id, kind: input.kind, deviceId: input.deviceId });
      return this.get(id)!;
    })();
  }

  setDevice(scanId: string, deviceId: string): void {
    this.db.prepare('UPDATE scans SET device_id = ? WHERE id = ?').run(deviceId, scanId);
  }

  /** A scan that was interrupted runs again, keeping its completed steps. */
  resume(scanId: string): Scan {
    return this.db.transaction(() => {
      this.db.prepare("UPDATE scans SET status = 'running', ended_at = NULL, error = NULL WHERE id = ? AND status = 'interrupted'").run(scanId);
      const scan = this.get(scanId)!;
      this.custody.append('scan.resumed', scan.caseId, { scanId, steps: scan.completedSteps.length });
      return scan;
    })();
  }

  markStepDone(scanId: string, step: string): void {
    this.db.prepare('INSERT OR IGNORE INTO scan_steps (scan_id, step) SELECT id, ? FROM scans WHERE id = ?').run(step, scanId);
  }

  /** The steps of the scan done so far, in the order they were done. */
  completedSteps(scanId: string): string[] {
    return this.db.prepare('SELECT step FROM scan_steps WHERE scan_id = ? ORDER BY rowid').pluck().all(scanId) as string[];
  }

  finish(scanId: string, status: Exclude<ScanStatus, 'running'>, error: string | null = null): Scan {
    return this.db.transaction(() => {
      this.db.prepare('UPDATE scans SET status = ?, ended_at = ?, error = ? WHERE id = ?').run(status, isoNow(this.clock), error, scanId);
      const scan = this.get(scanId)!;
      this.custody.append(`scan.${status}`, scan.caseId, { scanId, steps: scan.completedSteps.length });
      return scan;
    })();
  }

  /** Scans left `running` by a crash are marked interrupted when the vault is next unlocked. */
  interruptStale(): number {
    const stale = this.db.prepare("SELECT id FROM scans WHERE status = 'running'").all() as { id: string }[];
    for (const { id } of stale) this.finish(id, 'interrupted', 'the app stopped while this scan was running');
    return stale.length;
  }

  get(id: string): Scan | null {
    const row = this.db.prepare('SELECT * FROM scans WHERE id = ?').get(id) as ScanRow | undefined;
    return row ? this.toScan(row) : null;
  }

  listByCase(caseId: string): Scan[] {
    return (this.db.prepare('SELECT * FROM scans WHERE case_id = ? ORDER BY started_at').all(caseId) as ScanRow[]).map((row) => this.toScan(row));
  }

  private toScan(row: ScanRow): Scan {
    return {
      id: row.id,
      caseId: row.case_id,
      deviceId: row.device_id,
      kind: row.kind,
      status: row.status,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      completedSteps: this.completedSteps(row.id),
      error: row.error,
    };
  }
}
