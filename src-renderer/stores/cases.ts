// Cases as the window shows them: the list under the chosen filter, creating and closing cases, and the
// last notice to announce (created, closed). Forgotten when the vault locks.
import { create } from 'zustand';
import type { Case, CaseStatus, Settings } from '../../src-shared/model.js';
import { SentinelleError } from '../../src-shared/errors.js';
import type { CaseListItem } from '../../src-shared/api.js';
import { api } from '../api/context.js';

export type CaseFilter = CaseStatus | 'all';
export type CaseNotice = { kind: 'created' | 'closed'; item: Case } | null;

interface CasesState {
  filter: CaseFilter;
  cases: CaseListItem[];
  settings: Settings | null;
  notice: CaseNotice;
  error: SentinelleError | null;
  busy: boolean;

  load(filter?: CaseFilter): Promise<void>;
  create(input: { pseudonym?: string; label: string; checklist?: string[] }): Promise<Case | null>;
  close(caseId: string): Promise<void>;
  forget(): void;
}

export const useCases = create<CasesState>((set, get) => ({
  filter: 'open',
  cases: [],
  settings: null,
  notice: null,
  error: null,
  busy: false,

  async load(filter = get().filter) {
    set({ filter, error: null });
    try {
      const [cases, settings] = await Promise.all([api().invoke('cases.list', { status: filter }), api().invoke('settings.get', {})]);
      set({ cases, settings });
    } catch (error) {
      set({ error: error as SentinelleError });
    }
  },
  async create(input) {
    set({ busy: true, error: null });
    try {
      const created = await api().invoke('cases.create', input);
      set({ notice: { kind: 'created', item: created } });
      await get().load('open');
      return created;
    } catch (error) {
      set({ error: error as SentinelleError });
      return null;
    } finally {
      set({ busy: false });
    }
  },
  async close(caseId) {
    set({ busy: true, error: null });
    try {
      const closed = await api().invoke('cases.close', { caseId });
      set({ notice: { kind: 'closed', item: closed } });
      await get().load();
    } catch (error) {
      set({ error: error as SentinelleError });
    } finally {
      set({ busy: false });
    }
  },
  forget() {
    set({ cases: [], notice: null, error: null, settings: null });
  },
}));
