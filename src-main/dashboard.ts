// The dashboard's figures, counted from the vault: open and closed cases, the active findings of open
// cases by severity, category and ISO week (the last twelve), ten recent ones most severe first, the signature database's age
// (its version is its date) and the forwarding outbox.
import type { DashboardSummary } from '../src-shared/dashboard.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../src-shared/model.js';
import type { Clock } from './clock.js';
import type { SignatureListAge } from '../src-shared/signature-info.js';
import { signatureAgeDays } from './signatures/signature-age.js';
import type { OpenVault } from './vault/vault.js';

const WEEKS = 12;
const RECENT_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** `2026-W47`: the ISO week of a date. */
export function isoWeek(date: Date): string {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / DAY_MS + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function dashboardSummary(vault: OpenVault, clock: Clock, signatureVersion: string, signatureLists: SignatureListAge[] = []): DashboardSummary {
  const open = vault.cases.list('open');
  const closed = vault.cases.list('closed');
  const findings: (Finding & { pseudonym: string })[] = open.flatMap((theCase) => vault.findings.listByCase(theCase.id).filter((finding) => finding.retiredAt === null).map((finding) => ({ ...finding, pseudonym: theCase.pseudonym })));
  const zero = (): Record<Severity, number> => ({ critical: 0, high: 0, medium: 0, low: 0 });
  const bySeverity = zero();
  const byCategory = new Map<string, number>();
  const now = clock.now();
  const weeks = Array.from({ length: WEEKS }, (_, i) => isoWeek(new Date(now.getTime() - (WEEKS - 1 - i) * 7 * DAY_MS)));
  const byWeek = new Map(weeks.map((week) => [week, zero()]));
  for (const finding of findings) {
    bySeverity[finding.severity] += 1;
    byCategory.set(finding.category, (byCategory.get(finding.category) ?? 0) + 1);
    const week = byWeek.get(isoWeek(new Date(finding.createdAt)));
    if (week) week[finding.severity] += 1;
  }
  const isRecent = (finding: Finding) => now.getTime() - Date.parse(finding.createdAt) <= RECENT_DAYS * DAY_MS;
  const ageDays = signatureAgeDays(signatureVersion, now);
  const outbox = vault.forwarding.status();
  return {
    openCases: open.length,
    closedCases: closed.length,
    bySeverity,
    byCategory: [...byCategory.entries()].map(([category, count]) => ({ category, count })).sort((a, b) => b.count - a.count),
    byWeek: weeks.map((week) => ({ week, ...byWeek.get(week)! })),
    // The last month's findings, most severe first (then newest): what needs looking at. Older ones fill in when there are few.
    recent: [...findings]
      .sort((a, b) => Number(isRecent(b)) - Number(isRecent(a)) || SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || b.createdAt.localeCompare(a.createdAt))
      .slice(0, 10)
      .map((finding) => ({ caseId: finding.caseId, pseudonym: finding.pseudonym, findingId: finding.id, title: finding.title, severity: finding.severity, createdAt: finding.createdAt })),
    signatures: { version: signatureVersion, ageDays, lists: signatureLists },
    outbox: { enabled: vault.forwarding.settings().enabled, pending: outbox.pending, lastError: outbox.lastError },
  };
}
