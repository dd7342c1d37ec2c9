// The open case's findings as the case screen shows them: the overview (how many, by severity, category and
// platform, and the summary at the top), and the list a page at a time — the vault filters, orders and
// counts, and only the pages in view are fetched, so a case with ten thousand findings opens at once.
// Reloads coalesce (a scan announces many changes) and keep the pages the list fetched meanwhile; answers for
// a case or a filter no longer shown are dropped.
import { create } from 'zustand';
import type { FindingFilter, FindingsOverview, ListedFinding } from '../../src-shared/findings-page.js';
import type { ReviewStatus } from '../../src-shared/model.js';
import type { OperationOutput } from '../../src-shared/api.js';
import { api } from '../api/context.js';

/** Findings per page fetched. */
export const PAGE_SIZE = 100;

interface FindingsState {
  caseId: string | null;
  overview: FindingsOverview | null;
  filter: FindingFilter;
  /** Current findings matching the filter (null until the first page came). */
  total: number | null;
  /** Loaded pages, by page number. */
  pages: Record<number, ListedFinding[]>;

  /** Starts over for a case (or none): the overview and the first page. */
  show(caseId: string | null): Promise<void>;
  /** Fetches the overview and every page already shown again (after a scan, a review). */
  reload(): Promise<void>;
  setFilter(filter: FindingFilter): Promise<void>;
  /** Fetches the pages holding rows `first` to `last` that are not loaded yet. */
  need(first: number, last: number): void;
  review(findingId: string, status: ReviewStatus, note?: string): Promise<void>;
  /** What a finding rests on (its observations, artifacts and where each was read), read when asked for. */
  evidence(findingId: string): Promise<OperationOutput<'findings.evidence'>>;
}

/** Which showing is current: answers for an earlier one are dropped. */
let generation = 0;
const requested = new Set<string>();
let reloading: { generation: number; done: Promise<void>; again: boolean } | null = null;

export const useFindings = create<FindingsState>((set, get) => {
  async function fetchPage(caseId: string, filter: FindingFilter, page: number): Promise<{ total: number; findings: ListedFinding[] }> {
    return api().invoke('findings.page', { caseId, filter, offset: page * PAGE_SIZE, limit: PAGE_SIZE });
  }

  /**
   * The pages and the overview, each shown as soon as it comes (the list does not wait for the summary).
   * Answers whether other pages were loaded meanwhile (the list scrolled): they are kept, since the list asks
   * for a page only when its rows come into view, but they may predate what made this refresh.
   */
  async function refresh(pagesToFetch: readonly number[]): Promise<boolean> {
    const { caseId, filter } = get();
    if (!caseId) return false;
    const mine = generation;
    // The pages are asked for first: the back end answers in order, and the overview takes longer.
    const asked = Promise.all(pagesToFetch.map((page) => fetchPage(caseId, filter, page)));
    const overview = api()
      .invoke('findings.overview', { caseId })
      .then((answer) => {
        if (mine === generation) set({ overview: answer });
      });
    const pages = await asked;
    let others = false;
    if (mine === generation) {
      const loaded: Record<number, ListedFinding[]> = {};
      pagesToFetch.forEach((page, i) => (loaded[page] = pages[i]!.findings));
      const meanwhile = get().pages;
      others = Object.keys(meanwhile).some((page) => !(page in loaded));
      set({ pages: { ...meanwhile, ...loaded }, total: pages[0]?.total ?? get().total });
    }
    await overview;
    return others;
  }

  return {
    caseId: null,
    overview: null,
    filter: {},
    total: null,
    pages: {},

    async show(caseId) {
      generation += 1;
      requested.clear();
      set({ caseId, overview: null, filter: {}, total: null, pages: {} });
      if (caseId) await refresh([0]);
    },
    async reload() {
      if (reloading && reloading.generation === generation) {
        reloading.again = true;
        return reloading.done;
      }
      const current = { generation, done: Promise.resolve(), again: true };
      current.done = (async () => {
        try {
          while (current.again && current.generation === generation) {
            current.again = false;
            const shown = Object.keys(get().pages).map(Number);
            // Pages that came meanwhile are fetched again, in case they were read before the change.
            if (await refresh(shown.length > 0 ? shown.sort((a, b) => a - b) : [0])) current.again = true;
          }
        } finally {
          if (reloading === current) reloading = null;
        }
      })();
      reloading = current;
      return current.done;
    },
    async setFilter(filter) {
      generation += 1;
      requested.clear();
      set({ filter, total: null, pages: {} });
      await refresh([0]);
    },
    need(first, last) {
      const { caseId, filter, pages } = get();
      if (!caseId) return;
      const mine = generation;
      for (let page = Math.floor(first / PAGE_SIZE); page <= Math.floor(Math.max(first, last) / PAGE_SIZE); page++) {
        const key = `${mine}:${page}`;
        if (pages[page] || requested.has(key)) continue;
        requested.add(key);
        void fetchPage(caseId, filter, page).then(
          (answer) => {
            if (mine === generation) set({ pages: { ...get().pages, [page]: answer.findings }, total: answer.total });
          },
          () => requested.delete(key),
        );
      }
    },
    async review(findingId, status, note) {
      await api().invoke('findings.review', { findingId, status, ...(note ? { note } : {}) });
      await get().reload();
    },
    evidence: (findingId) => api().invoke('findings.evidence', { findingId }),
  };
});

/** The finding at a row of the list, when its page is loaded. */
export function findingAt(pages: Record<number, ListedFinding[]>, index: number): ListedFinding | null {
  return pages[Math.floor(index / PAGE_SIZE)]?.[index % PAGE_SIZE] ?? null;
}
