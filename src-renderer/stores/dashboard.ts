// The overview above the case list, and its outbox tile following deliveries and retries as they happen.
import { create } from 'zustand';
import type { DashboardSummary } from '../../src-shared/dashboard.js';
import type { EventPayload } from '../../src-shared/api.js';
import { asSentinelleError, type SentinelleError } from '../../src-shared/errors.js';
import { api } from '../api/context.js';

interface DashboardState {
  summary: DashboardSummary | null;
  error: SentinelleError | null;
  load(): Promise<void>;
  /** Follows the outbox until the returned function is called. */
  follow(): () => void;
  forget(): void;
}

export const useDashboard = create<DashboardState>((set, get) => ({
  summary: null,
  error: null,
  async load() {
    try {
      set({ summary: await api().invoke('dashboard.summary', {}), error: null });
    } catch (error) {
      set({ error: asSentinelleError(error) });
    }
  },
  follow() {
    return api().subscribe((event, payload) => {
      if (event !== 'forward.outbox') return;
      const outbox = payload as EventPayload<'forward.outbox'>;
      const shown = get().summary;
      if (shown) set({ summary: { ...shown, outbox: { ...shown.outbox, pending: outbox.pending, lastError: outbox.lastError } } });
    });
  },
  forget() {
    set({ summary: null, error: null });
  },
}));
