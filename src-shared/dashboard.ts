// What the dashboard shows at a glance: cases, findings by severity, by category and by week, the latest
// findings, how old the signature database is, and whether forwarded events are waiting.
import { z } from 'zod';
import { CaseId, IsoTimestamp, LocalizedText, Severity, Uuid } from './model.js';
import { SignatureListAge } from './signature-info.js';

const severityCounts = z.object({ critical: z.number().int(), high: z.number().int(), medium: z.number().int(), low: z.number().int() });

export const DashboardSummary = z.object({
  openCases: z.number().int().nonnegative(),
  closedCases: z.number().int().nonnegative(),
  /** Active findings of open cases. */
  bySeverity: severityCounts,
  byCategory: z.array(z.object({ category: z.string(), count: z.number().int() })),
  /** The last weeks, oldest first: `2026-W47`. */
  byWeek: z.array(severityCounts.extend({ week: z.string() })),
  recent: z.array(z.object({ caseId: CaseId, pseudonym: z.string(), findingId: Uuid, title: LocalizedText, severity: Severity, createdAt: IsoTimestamp })),
  /** The project's database version and age, and every list in use with its age, the oldest first. */
  signatures: z.object({ version: z.string(), ageDays: z.number().int().nullable(), lists: z.array(SignatureListAge).default([]) }),
  outbox: z.object({ enabled: z.boolean(), pending: z.number().int(), lastError: z.string().nullable() }),
});
export type DashboardSummary = z.infer<typeof DashboardSummary>;
