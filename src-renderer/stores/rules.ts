// The advocate's own detection rules: the list, and creating, changing, enabling and deleting one. An
// enabled box shows its new state at once, then the list is read back from the vault (which says whether
// it took). Forgotten when the vault locks.
import { create } from 'zustand';
import type { CustomRule, CustomRuleDefinition } from '../../src-shared/rules.js';
import { api } from '../api/context.js';

interface RulesState {
  rules: CustomRule[];
  load(): Promise<CustomRule[]>;
  /** Saves a new rule, or a new version of the one being edited. */
  save(definition: CustomRuleDefinition, editing: CustomRule | null): Promise<CustomRule>;
  setEnabled(rule: CustomRule, enabled: boolean): Promise<void>;
  remove(ruleId: string): Promise<void>;
  forget(): void;
}

export const useRules = create<RulesState>((set, get) => ({
  rules: [],
  async load() {
    const rules = await api().invoke('rules.list', {});
    set({ rules });
    return rules;
  },
  async save(definition, editing) {
    const saved = editing ? await api().invoke('rules.update', { ruleId: editing.id, definition }) : await api().invoke('rules.create', { definition });
    await get().load();
    return saved;
  },
  async setEnabled(rule, enabled) {
    set({ rules: get().rules.map((each) => (each.id === rule.id ? { ...each, definition: { ...each.definition, enabled } } : each)) });
    try {
      await api().invoke('rules.setEnabled', { ruleId: rule.id, enabled });
    } finally {
      await get().load();
    }
  },
  async remove(ruleId) {
    await api().invoke('rules.delete', { ruleId });
    await get().load();
  },
  forget() {
    set({ rules: [] });
  },
}));
