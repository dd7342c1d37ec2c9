// The vault's settings as the settings screen edits them: how long closed cases are kept, when the vault
// locks itself. Forgotten when the vault locks.
import { create } from 'zustand';
import type { Settings } from '../../src-shared/model.js';
import { api } from '../api/context.js';

interface SettingsState {
  values: Settings | null;
  load(): Promise<Settings>;
  save(values: Settings): Promise<Settings>;
  forget(): void;
}

export const useSettings = create<SettingsState>((set) => ({
  values: null,
  async load() {
    const values = await api().invoke('settings.get', {});
    set({ values });
    return values;
  },
  async save(values) {
    const saved = await api().invoke('settings.update', values);
    set({ values: saved });
    return saved;
  },
  forget() {
    set({ values: null });
  },
}));
