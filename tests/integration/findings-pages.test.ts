// The case screen's findings a page at a time (issue 18): the vault's pages, walked to the end, are exactly
// the case's current findings in the list's order (most severe first); its counts and filters agree with
// the full list; a dismissed finding leaves the summary; a page past the end is empty. On a scan of the
// simulated phone with stalkerware and on a case of a thousand findings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FindingFilter, ListedFinding } from '../../src-shared/findings-page.js';
import { Severity, type Finding } from '../../src-shared/model.js';
import { App } from '../../src-main/app.js';
import { androidTestBed, type AndroidTestBed } from '../helpers/android.js';
import { vaultWithManyFindings } from '../helpers/many-findings.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

async function walk(app: App, caseId: string, filter: FindingFilter, limit: number): Promise<{ total: number; findings: ListedFinding[] }> {
  const findings: ListedFinding[] = [];
  let total = -1;
  for (let offset = 0; ; offset += limit) {
    const page = await app.call('findings.page', { caseId, filter, offset, limit });
    expect(page.offset).toBe(offset);
    total = page.total;
    findings.push(...page.findings);
    if (page.findings.length < limit) break;
  }
  return { total, findings };
}

const rank = (finding: Finding) => Severity.options.indexOf(finding.severity);

describe('a scanned phone with stalkerware', () => {
  let bed: AndroidTestBed;
  let current: Finding[];
  beforeAll(async () => {
    bed = await androidTestBed();
    await bed.app.call('scans.android', { caseId: bed.caseId, serial: await bed.plug('stalkerware') });
    current = (await bed.app.call('findings.list', { caseId: bed.caseId })).filter((finding) => finding.retiredAt === null);
  }, slow(120_000));
  afterAll(async () => {
    await bed?.close();
  });

  it('pages through exactly the current findings, most severe first, each with its platform', async () => {
    expect(current.length).toBeGreaterThan(3);
    const { total, findings } = await walk(bed.app, bed.caseId, {}, 2);
    expect(total).toBe(current.length);
    expect(findings.map((finding) => finding.id).sort()).toEqual(current.map((finding) => finding.id).sort());
    expect(findings.map(rank)).toEqual([...findings.map(rank)].sort((a, b) => a - b));
    expect(new Set(findings.map((finding) => finding.platform))).toEqual(new Set(['android']));
    expect((await bed.app.call('findings.page', { caseId: bed.caseId, offset: total + 10, limit: 5 })).findings).toEqual([]);
  });

  it('counts and filters in the vault as the full list would', async () => {
    const overview = await bed.app.call('findings.overview', { caseId: bed.caseId });
    const count = (key: (finding: Finding) => string) => current.reduce<Record<string, number>>((counts, finding) => ({ ...counts, [key(finding)]: (counts[key(finding)] ?? 0) + 1 }), {});
    expect(overview.active).toBe(current.length);
    expect(overview.bySeverity).toEqual(count((finding) => finding.severity));
    expect(overview.byCategory).toEqual(count((finding) => finding.category));
    expect(overview.byPlatform).toEqual({ android: current.length });
    expect(overview.summary.verdict).toBe('stalkerware');
    for (const severity of Severity.options) {
      const { total, findings } = await walk(bed.app, bed.caseId, { severity }, 50);
      expect(total, severity).toBe(current.filter((finding) => finding.severity === severity).length);
      expect(findings.every((finding) => finding.severity === severity)).toBe(true);
    }
    expect((await walk(bed.app, bed.caseId, { platform: 'ios' }, 50)).total).toBe(0);
  });

  it('follows a review: the dismissed finding is found by the review filter and leaves the summary', async () => {
    const strongest = (await bed.app.call('findings.page', { caseId: bed.caseId, limit: 1 })).findings[0]!;
    await bed.app.call('findings.review', { findingId: strongest.id, status: 'dismissed', note: 'she installed it herself' });
    const dismissed = await walk(bed.app, bed.caseId, { review: 'dismissed' }, 10);
    expect(dismissed.findings.map((finding) => finding.id)).toEqual([strongest.id]);
    const summary = (await bed.app.call('findings.overview', { caseId: bed.caseId })).summary;
    expect([...summary.stalkerware, ...summary.askHer].map((app) => app.findingId)).not.toContain(strongest.id);
    expect((await bed.app.call('findings.get', { findingId: strongest.id })).reviewNote).toBe('she installed it herself');
  });
});

describe('a case of a thousand findings', () => {
  let dir: string;
  let app: App;
  let caseId: string;
  beforeAll(async () => {
    dir = makeTempDir('sentinelle-pages-');
    const made = await vaultWithManyFindings(dir, 'correct horse battery staple', 1000);
    caseId = made.caseId;
    app = new App({ vaultDir: made.vaultDir, kdfCost: FAST_KDF, printPdf: null });
    await app.call('vault.unlock', { passphrase: 'correct horse battery staple' });
  }, slow(120_000));
  afterAll(async () => {
    await app?.dispose();
    removeDir(dir);
  });

  it('gives every finding once across pages, and a short headline that counts the apps it does not name', async () => {
    const { total, findings } = await walk(app, caseId, {}, 200);
    expect(total).toBe(1000);
    expect(new Set(findings.map((finding) => finding.id)).size).toBe(1000);
    const overview = await app.call('findings.overview', { caseId });
    expect(overview.summary.headline.en.length).toBeLessThan(600);
    expect(overview.summary.headline.en).toMatch(/\(\+\d+\)/);
    await expect(app.call('findings.page', { caseId, limit: 500 })).rejects.toMatchObject({ code: 'input.invalid' });
  });
});
