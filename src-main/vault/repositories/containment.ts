// Containment steps taken on a phone (an app disabled for the user) and their undoing. Each change is
// written with its custody entry in one transaction, so the custody log always says what was done to a
// device, when, after which confirmations, and what the phone answered.
import type { ContainmentRecord } from '../../../src-shared/acquisition.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import { isoNow, type Clock } from '../../clock.js';
import type { CustodyLog } from '../custody-log.js';
import type { VaultDatabase } from '../database.js';
import { newId } from '../ids.js';

interface ContainmentRow {
  id: string;
  case_id: string;
  finding_id: string;
  kind: 'disable-app';
  package_name: string;
  device_id: string;
  device_serial: string;
  state: ContainmentRecord['state'];
  phone_output: string;
  applied_at: string;
  undone_at: string | null;
}

export interface NewContainment {
  caseId: string;
  findingId: string;
  kind: 'disable-app';
  packageName: string;
  deviceId: string;
  deviceSerial: string;
  accepted: boolean;
  phoneOutput: string;
  /** What the advocate confirmed before the step, recorded as given. */
  confirmations: Record<string, boolean>;
}

export class ContainmentRepository {
  constructor(
    private readonly db: VaultDatabase,
    private readonly custody: CustodyLog,
    private readonly clock: Clock,
  ) {}

  record(input: NewContainment): ContainmentRecord {
    return this.db.transaction(() => {
      const id = newId();
      const state = input.accepted ? 'applied' : 'refused-by-phone';
      this.db
        .prepare(
          `INSERT INTO containment_actions (id, case_id, finding_id, kind, package_name, device_id, device_serial, state, phone_output, applied_at, undone_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
        )
        .run(id, input.caseId, input.findingId, input.kind, input.packageName, input.deviceId, input.deviceSerial, state, input.phoneOutput, isoNow(this.clock));
      this.custody.append(input.accepted ? 'containment.applied' : 'containment.refused-by-phone', input.caseId, {
        containmentId: id,
        findingId: input.findingId,
        kind: input.kind,
        packageName: input.packageName,
        deviceSerial: input.deviceSerial,
        confirmations: input.confirmations,
        phoneOutput: input.phoneOutput,
      });
      return this.get(id);
    })();
  }

  markUndone(id: string, phoneOutput: string): ContainmentRecord {
    return this.db.transaction(() => {
      const current = this.get(id);
      this.db.prepare("UPDATE containment_actions SET state = 'undone', undone_at = ? WHERE id = ?").run(isoNow(this.clock), id);
      this.custody.append('containment.undone', current.caseId, { containmentId: id, packageName: current.packageName, deviceSerial: current.deviceSerial, phoneOutput });
      return this.get(id);
    })();
  }

  get(id: string): ContainmentRecord {
    const row = this.db.prepare('SELECT * FROM containment_actions WHERE id = ?').get(id) as ContainmentRow | undefined;
    if (!row) throw new SentinelleError('containment.not-found', 'That containment step is not in this vault.', { technical: `containment ${id}` });
    return toRecord(row);
  }

  /** The step in effect on this app of this device, if any. */
  activeFor(deviceId: string, packageName: string): ContainmentRecord | null {
    const row = this.db.prepare("SELECT * FROM containment_actions WHERE device_id = ? AND package_name = ? AND state = 'applied'").get(deviceId, packageName) as ContainmentRow | undefined;
    return row ? toRecord(row) : null;
  }

  listByCase(caseId: string): ContainmentRecord[] {
    return (this.db.prepare('SELECT * FROM containment_actions WHERE case_id = ? ORDER BY applied_at').all(caseId) as ContainmentRow[]).map(toRecord);
  }
}

function toRecord(row: ContainmentRow): ContainmentRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    findingId: row.finding_id,
    kind: row.kind,
    packageName: row.package_name,
    deviceId: row.device_id,
    deviceSerial: row.device_serial,
    state: row.state,
    phoneOutput: row.phone_output,
    appliedAt: row.applied_at,
    undoneAt: row.undone_at,
  };
}
