// A case's findings a page at a time, for the case screen: the vault filters, orders (most severe first),
// counts and cuts them, so that a case with ten thousand findings opens as fast as one with ten. What the
// list shows of each finding is the finding itself, with the platform of the device its scan examined.
import { z } from 'zod';
import { Finding, Platform, ReviewStatus, Severity } from './model.js';
import { CaseSummary } from './verdicts.js';

/** The most findings one page holds. */
export const MAX_PAGE = 200;

export const FindingFilter = z
  .object({ severity: Severity.optional(), category: z.string().min(1).max(60).optional(), platform: Platform.optional(), review: ReviewStatus.optional() })
  .strict();
export type FindingFilter = z.infer<typeof FindingFilter>;

export const ListedFinding = Finding.extend({ platform: Platform.nullable() });
export type ListedFinding = z.infer<typeof ListedFinding>;

export const FindingsPage = z.object({
  /** Current findings matching the filter. */
  total: z.number().int().nonnegative(),
  offset: z.number().int().nonnegative(),
  findings: z.array(ListedFinding),
});
export type FindingsPage = z.infer<typeof FindingsPage>;

const Counts = z.record(z.string(), z.number().int().nonnegative());

/** The case's current findings at a glance: how many, by severity, category and platform, and the summary (its lists of apps cut to the first 50 of each). */
export const FindingsOverview = z.object({
  active: z.number().int().nonnegative(),
  bySeverity: Counts,
  byCategory: Counts,
  byPlatform: Counts,
  summary: CaseSummary,
});
export type FindingsOverview = z.infer<typeof FindingsOverview>;
