// Devices examined in a case: a phone, an iPhone backup's device, or a computer, with the facts read from it.
import type { Device, Platform } from '../../../src-shared/model.js';
import { isoNow, type Clock } from '../../clock.js';
import type { CustodyLog } from '../custody-log.js';
import type { VaultDatabase } from '../database.js';
import { newId } from '../ids.js';
import { parseJsonColumn } from './json-column.js';

interface DeviceRow {
  id: string;
  case_id: string;
  platform: Platform;
  label: string;
  model: string | null;
  os_version: string | null;
  serial: string | null;
  facts: string;
  first_seen_at: string;
}

export interface NewDevice {
  caseId: string;
  platform: Platform;
  label: string;
  model?: string | null;
  osVersion?: string | null;
  serial?: string | null;
  facts?: Record<string, string>;
}

export class DeviceRepository {
  constructor(
    private readonly db: VaultDatabase,
    private readonly custody: CustodyLog,
    private readonly clock: Clock,
  ) {}

  add(input: NewDevice): Device {
    return this.db.transaction(() => {
      const id = newId();
      this.db
        .prepare(
          `INSERT INTO devices (id, case_id, platform, label, model, os_version, serial, facts, first_seen_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, input.caseId, input.platform, input.label, input.model ?? null, input.osVersion ?? null, input.serial ?? null, JSON.stringify(input.facts ?? {}), isoNow(this.clock));
      this.custody.append('device.registered', input.caseId, { deviceId: id, platform: input.platform });
      return this.get(id)!;
    })();
  }

  get(id: string): Device | null {
    const row = this.db.prepare('SELECT * FROM devices WHERE id = ?').get(id) as DeviceRow | undefined;
    return row ? toDevice(row) : null;
  }

  listByCase(caseId: string): Device[] {
    return (this.db.prepare('SELECT * FROM devices WHERE case_id = ? ORDER BY first_seen_at').all(caseId) as DeviceRow[]).map(toDevice);
  }
}

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    caseId: row.case_id,
    platform: row.platform,
    label: row.label,
    model: row.model,
    osVersion: row.os_version,
    serial: row.serial,
    facts: parseJsonColumn<Record<string, string>>(row.facts, {}),
    firstSeenAt: row.first_seen_at,
  };
}
