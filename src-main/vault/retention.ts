// Retention: closed cases are purged once their retention period (90 days unless changed) has run out.
// The purge deletes the case and everything under it, drops artifacts nothing refers to any more, then
// rewrites the database (secure_delete already zeroes freed pages; VACUUM and a WAL truncation leave no
// old page behind) and records itself in the custody log and the audit trail.
import type { Clock } from '../clock.js';
import type { OpenVault } from './vault.js';

export interface PurgeOutcome {
  purgedCases: string[];
  artifactsRemoved: number;
}

export function purgeExpiredCases(vault: OpenVault, clock: Clock, options: { dryRun?: boolean } = {}): PurgeOutcome {
  const now = clock.now();
  const expired = vault.cases.expired(now);
  if (options.dryRun || expired.length === 0) return { purgedCases: expired.map((c) => c.id), artifactsRemoved: 0 };
  const retentionDays = vault.settings.get().retentionDays;
  const artifactsRemoved = vault.db.transaction(() => {
    for (const expiredCase of expired) {
      vault.cases.delete(expiredCase.id);
      vault.custody.append('case.purged', expiredCase.id, { closedAt: expiredCase.closedAt, retentionDays });
    }
    const removed = vault.artifacts.collectGarbage();
    vault.audit.record('retention.purged', { cases: expired.map((c) => c.id), artifactsRemoved: removed, retentionDays });
    return removed;
  })();
  vault.compact();
  return { purgedCases: expired.map((c) => c.id), artifactsRemoved };
}
