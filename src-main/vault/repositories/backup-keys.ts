// Keys derived from iPhone backup passwords, by the UUID of the backup's keybag: deriving one takes seconds
// on purpose, so once an advocate typed a backup's password the vault keeps the key (never the password)
// and later scans of the same backup open without asking again. A key belongs to the case that last used
// it and is deleted with it when the case is purged. Recorded in the audit trail.
import { isoNow, type Clock } from '../../clock.js';
import type { AuditLog } from './audit.js';
import type { VaultDatabase } from '../database.js';

export class BackupKeyRepository {
  constructor(
    private readonly db: VaultDatabase,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  get(keybagUuid: string): Buffer | null {
    const row = this.db.prepare('SELECT passcode_key FROM ios_backup_keys WHERE keybag_uuid = ?').get(keybagUuid) as { passcode_key: Buffer } | undefined;
    return row ? Buffer.from(row.passcode_key) : null;
  }

  remember(keybagUuid: string, passcodeKey: Buffer, deviceUdid: string | null, caseId: string): void {
    this.db.transaction(() => {
      this.db.prepare('INSERT OR REPLACE INTO ios_backup_keys (keybag_uuid, passcode_key, device_udid, case_id, created_at) VALUES (?, ?, ?, ?, ?)').run(keybagUuid, passcodeKey, deviceUdid, caseId, isoNow(this.clock));
      this.audit.record('ios-backup.key-remembered', { keybagUuid, deviceUdid });
    })();
  }

  forget(keybagUuid: string): void {
    if (this.db.prepare('DELETE FROM ios_backup_keys WHERE keybag_uuid = ?').run(keybagUuid).changes > 0) this.audit.record('ios-backup.key-forgotten', { keybagUuid });
  }
}
