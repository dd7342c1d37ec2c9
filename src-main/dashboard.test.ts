// The dashboard's counting: ISO weeks across a year's end, and findings of open cases only, by severity,
// kind and week, with the signature database's age from its dated version.
import { describe, expect, it } from 'vitest';
import { FAST_KDF, ManualClock, makeTempDir, removeDir } from '../tests/helpers/temp.js';
import { dashboardSummary, isoWeek } from './dashboard.js';
import { OpenVault } from './vault/vault.js';

describe('the dashboard', () => {
  it('names ISO weeks, across the turn of a year', () => {
    expect(isoWeek(new Date('2026-11-23T10:00:00Z'))).toBe('2026-W48');
    expect(isoWeek(new Date('2027-01-01T10:00:00Z'))).toBe('2026-W53');
    expect(isoWeek(new Date('2025-12-29T10:00:00Z'))).toBe('2026-W01');
  });

  it('counts the active findings of open cases, and the signatures’ age', async () => {
    const dir = makeTempDir();
    const clock = new ManualClock(new Date('2026-11-23T10:00:00Z'));
    const { vault } = await OpenVault.create(dir, 'correct horse battery staple', { kdfCost: FAST_KDF, clock });
    try {
      const open = vault.cases.create({ label: '' });
      const closed = vault.cases.create({ label: '' });
      const finding = (caseId: string, severity: 'critical' | 'low', category: string, fingerprint: string) => ({
        caseId, scanId: null, severity, category, product: null, origin: 'heuristic' as const, ruleId: `heuristic:${fingerprint}`, ruleVersion: '1',
        title: { en: fingerprint, fr: fingerprint }, explanation: { en: '', fr: '' }, advice: [], safety: [], observationIds: [], artifactSha256s: [], details: {}, fingerprint,
      });
      vault.findings.record(open.id, [finding(open.id, 'critical', 'stalkerware', 'a'), finding(open.id, 'low', 'persistence', 'b')]);
      vault.findings.record(closed.id, [finding(closed.id, 'critical', 'stalkerware', 'c')]);
      vault.cases.close(closed.id);
      const summary = dashboardSummary(vault, clock, '2026.11.20');
      expect(summary).toMatchObject({ openCases: 1, closedCases: 1, bySeverity: { critical: 1, high: 0, medium: 0, low: 1 }, signatures: { version: '2026.11.20', ageDays: 3 }, outbox: { enabled: false, pending: 0 } });
      expect(summary.byCategory).toEqual([{ category: 'stalkerware', count: 1 }, { category: 'persistence', count: 1 }].sort((a, b) => b.count - a.count));
      expect(summary.byWeek).toHaveLength(12);
      expect(summary.byWeek.at(-1)).toEqual({ week: '2026-W48', critical: 1, high: 0, medium: 0, low: 1 });
      expect(summary.recent.map((item) => item.title.en)).toEqual(['a', 'b']);
      // A month later, a new low finding comes before the old critical one; among recent ones the most severe lead.
      clock.advanceDays(40);
      vault.findings.record(open.id, [finding(open.id, 'critical', 'stalkerware', 'a'), finding(open.id, 'low', 'persistence', 'b'), finding(open.id, 'low', 'persistence', 'd'), finding(open.id, 'critical', 'stalkerware', 'e')]);
      expect(dashboardSummary(vault, clock, '2026.11.20').recent.map((item) => item.title.en)).toEqual(['e', 'd', 'a', 'b']);
    } finally {
      vault.lock('user');
      removeDir(dir);
    }
  });
});
