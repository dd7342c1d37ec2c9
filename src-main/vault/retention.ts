// Retention: closed cases are purged once their retention period (90 days unless changed) has run out.
// The purge deletes the case and everything under it, drops artifacts nothing refers to any more, then
// hands the freed pages back to the file system (secure_delete has already zeroed them; an incremental
// vacuum and a WAL truncation leave no old page behind) and records itself in the custody log and the
// audit trail. While the custody chain is broken nothing is purged.
import type { Clock } from '../clock.js';
import type { OpenVault } from './vault.js';

export interface PurgeOutcome {
  purgedCases: string[];
  artifactsRemoved: number;
  /** True when nothing was purged because the custody chain is broken: the vault is kept as it is. */
  heldBecauseCustodyBroken: boolean;
}

export function purgeExpiredCases(vault: OpenVault, clock: Clock): PurgeOutcome {
  // A broken chain may mean tampering: keep everything as it is for whoever examines the vault.
  if (!vault.lastCustodyReport.intact) return { purgedCases: [], artifactsRemoved: 0, heldBecauseCustodyBroken: true };
  const expired = vault.cases.expired(clock.now());
  if (expired.length === 0) return { purgedCases: [], artifactsRemoved: 0, heldBecauseCustodyBroken: false };
  const retentionDays = vault.settings.get().retentionDays;
  const artifactsRemoved = vault.db.transaction(() => {
    for (const expiredCase of expired) {
      vault.cases.delete(expiredCase.id);
      vault.custody.append('case.purged', expiredCase.id, { closedAt: expiredCase.closedAt, retentionDays });
    }
    const removed = vault.artifacts.removeUnreferenced();
    vault.audit.record('retention.purged', { cases: expired.map((c) => c.id), artifactsRemoved: removed, retentionDays });
    return removed;
  })();
  vault.compact();
  return { purgedCases: expired.map((c) => c.id), artifactsRemoved, heldBecauseCustodyBroken: false };
}
