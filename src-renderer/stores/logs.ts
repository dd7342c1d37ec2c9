// The vault's logs as the settings screen shows them: the custody chain (all cases or one), whether it is
// intact, and the audit log of the app's own actions.
import { create } from 'zustand';
import type { AuditEntry, Case, ChainReport, CustodyEntry } from '../../src-shared/model.js';
import { api } from '../api/context.js';

interface LogsState {
  custody: CustodyEntry[];
  audit: AuditEntry[];
  /** Every case, to choose whose custody entries to show. */
  cases: Case[];
  chain: ChainReport | null;
  /** The audit log, the cases and a check of the whole chain. */
  loadOverview(): Promise<void>;
  loadCustody(caseId: string | null): Promise<void>;
  forget(): void;
}

export const useLogs = create<LogsState>((set) => ({
  custody: [],
  audit: [],
  cases: [],
  chain: null,
  async loadOverview() {
    const [audit, cases, chain] = await Promise.all([api().invoke('audit.list', { limit: 200 }), api().invoke('cases.list', { status: 'all' }), api().invoke('custody.verify', {})]);
    set({ audit, cases, chain });
  },
  async loadCustody(caseId) {
    set({ custody: await api().invoke('custody.list', { limit: 500, ...(caseId ? { caseId } : {}) }) });
  },
  forget() {
    set({ custody: [], audit: [], cases: [], chain: null });
  },
}));
