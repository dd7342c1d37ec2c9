// Forwarding to the shelters' network as the settings screen shows it: where findings go (a JSON file, a
// Wazuh server), the outbox, and testing, saving and sending now. Follows the outbox's own moves.
import { create } from 'zustand';
import type { OperationInput, OperationOutput } from '../../src-shared/api.js';
import type { ForwardStatus } from '../../src-shared/forwarding.js';
import { api } from '../api/context.js';

interface ForwardingState {
  status: ForwardStatus | null;
  load(): Promise<ForwardStatus>;
  configure(settings: OperationInput<'forward.configure'>): Promise<void>;
  test(): Promise<OperationOutput<'forward.test'>>;
  flush(): Promise<OperationOutput<'forward.flush'>>;
  forget(): void;
}

export const useForwarding = create<ForwardingState>((set, get) => ({
  status: null,
  async load() {
    const status = await api().invoke('forward.status', {});
    set({ status });
    return status;
  },
  async configure(settings) {
    await api().invoke('forward.configure', settings);
    await get().load();
  },
  test: () => api().invoke('forward.test', {}),
  async flush() {
    try {
      return await api().invoke('forward.flush', {});
    } finally {
      await get().load();
    }
  },
  forget() {
    set({ status: null });
  },
}));
