// The case screen's list of findings while the case changes under it: a page the list fetched for a scroll
// while a reload (a scan finding more) was on its way is kept and read again, so its rows never stay
// "Loading"; an answer for a filter no longer chosen is dropped. Against a back end whose answers come only
// when the test lets them, in the order asked, as the real one answers.
import { beforeEach, describe, expect, it } from 'vitest';
import type { OperationInput, OperationName, OperationOutput, SentinelleClient } from '../../src-shared/api.js';
import type { FindingsOverview, ListedFinding } from '../../src-shared/findings-page.js';
import { summarizeCase } from '../../src-shared/verdicts.js';
import { connect } from '../api/context.js';
import { findingAt, PAGE_SIZE, useFindings } from './findings.js';

const CASE_ID = '7K3M-QP4X';
const TOTAL = 10_000;

/** A finding of the list, as the vault holds it at `version` (each scan makes a new version of the case). */
function listed(version: number, index: number): ListedFinding {
  const title = `Helper ${index} (version ${version})`;
  return {
    id: `00000000-0000-4000-8000-${String(version * TOTAL + index).padStart(12, '0')}`,
    caseId: CASE_ID,
    scanId: null,
    severity: 'high',
    category: 'hidden-app',
    product: null,
    origin: 'heuristic',
    ruleId: 'heuristic.hidden-sensitive-app',
    ruleVersion: '1',
    title: { en: title, fr: title },
    explanation: { en: '', fr: '' },
    advice: [],
    safety: [],
    observationIds: [index + 1],
    artifactSha256s: [],
    details: {},
    reviewStatus: 'new',
    reviewNote: null,
    createdAt: '2026-12-07T10:00:00.000Z',
    reviewedAt: null,
    retiredAt: null,
    platform: 'android',
  };
}

/** A back end holding each request until `answerNext`, answering in order with the case as it is then. */
class HeldBackEnd implements SentinelleClient {
  version = 1;
  readonly held: Array<{ name: OperationName; page: number | null; answer(): void }> = [];

  invoke<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
    return new Promise((resolve, reject) => {
      if (name === 'findings.page') {
        const { offset = 0, limit = PAGE_SIZE } = input as OperationInput<'findings.page'>;
        const answer = (): OperationOutput<'findings.page'> => ({
          total: TOTAL,
          offset,
          findings: Array.from({ length: Math.max(0, Math.min(limit, TOTAL - offset)) }, (_, i) => listed(this.version, offset + i)),
        });
        this.held.push({ name, page: offset / PAGE_SIZE, answer: () => resolve(answer() as OperationOutput<N>) });
      } else if (name === 'findings.overview') {
        const overview: FindingsOverview = { active: TOTAL, bySeverity: { high: TOTAL }, byCategory: { 'hidden-app': TOTAL }, byPlatform: { android: TOTAL }, summary: summarizeCase([]) };
        this.held.push({ name, page: null, answer: () => resolve(overview as OperationOutput<N>) });
      } else reject(new Error(`unexpected request ${name}`));
    });
  }

  subscribe(): () => void {
    return () => undefined;
  }

  /** The pages asked for and not answered yet, in order. */
  pagesHeld(): Array<number | null> {
    return this.held.filter((request) => request.name === 'findings.page').map((request) => request.page);
  }

  async answerNext(): Promise<void> {
    const request = this.held.shift();
    if (!request) throw new Error('nothing was asked');
    request.answer();
    // Lets the store take the answer before the next one comes.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }

  async answerAll(): Promise<void> {
    while (this.held.length > 0) await this.answerNext();
  }
}

let backEnd: HeldBackEnd;

async function openCase(): Promise<void> {
  const shown = useFindings.getState().show(CASE_ID);
  await backEnd.answerAll();
  await shown;
}

const titleAt = (index: number) => findingAt(useFindings.getState().pages, index)?.title.en ?? null;

beforeEach(() => {
  backEnd = new HeldBackEnd();
  connect(backEnd);
});

describe('the list of findings while the case changes', () => {
  it('keeps a page fetched for a scroll during a reload, and reads it again after the change', async () => {
    await openCase();
    expect(titleAt(0)).toBe('Helper 0 (version 1)');
    expect(titleAt(TOTAL - 1)).toBeNull();

    // She scrolls to the end; the page is asked for. Then a scan changes the case and announces it.
    useFindings.getState().need(TOTAL - 10, TOTAL - 1);
    backEnd.version = 2;
    const reloaded = useFindings.getState().reload();
    expect(backEnd.pagesHeld()).toEqual([99, 0]);

    await backEnd.answerAll();
    await reloaded;
    expect(titleAt(TOTAL - 1)).toBe(`Helper ${TOTAL - 1} (version 2)`);
    expect(titleAt(0)).toBe('Helper 0 (version 2)');
    expect(backEnd.held).toEqual([]);
  });

  it('reads a page again when its answer, come during the reload, was read before the change', async () => {
    await openCase();
    useFindings.getState().need(TOTAL - 10, TOTAL - 1);
    const reloaded = useFindings.getState().reload();
    // The back end reads the end of the list, then the scan's change lands, then the reload's page is read.
    await backEnd.answerNext();
    expect(titleAt(TOTAL - 1)).toBe(`Helper ${TOTAL - 1} (version 1)`);
    backEnd.version = 2;
    await backEnd.answerAll();
    await reloaded;
    expect(titleAt(0)).toBe('Helper 0 (version 2)');
    expect(titleAt(TOTAL - 1)).toBe(`Helper ${TOTAL - 1} (version 2)`);
  });

  it('drops what comes for a filter no longer chosen', async () => {
    await openCase();
    useFindings.getState().need(TOTAL - 10, TOTAL - 1);
    const filtered = useFindings.getState().setFilter({ severity: 'critical' });
    await backEnd.answerAll();
    await filtered;
    expect(Object.keys(useFindings.getState().pages)).toEqual(['0']);
    expect(useFindings.getState().filter).toEqual({ severity: 'critical' });
  });
});
