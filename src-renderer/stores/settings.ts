// The vault's settings as the settings screen edits them: how long closed cases are kept, when the vault
// locks itself — and what the About tab names (version, licence). Forgotten when the vault locks.
import { create } from 'zustand';
import type { Settings } from '../../src-shared/model.js';
import { api } from '../api/context.js';

interface SettingsState {
  values: Settings | null;
  load(): Promise<Settings>;
  save(values: Settings): Promise<Settings>;
  about(): Promise<{ version: string; licence: string }>;
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
  about() {
    return api().invoke('settings.about', {});
  },
  forget() {
    set({ values: null });
  },
}));
