// Settings kept inside the vault (retention period, auto-lock delay…): validated on the way in and out,
// defaults filled in for anything never set.
import { defaultSettings, Settings } from '../../../src-shared/model.js';
import type { VaultDatabase } from '../database.js';
import { parseJsonColumn } from './json-column.js';

export class SettingsRepository {
  constructor(private readonly db: VaultDatabase) {}

  get(): Settings {
    const stored: Record<string, unknown> = {};
    for (const row of this.db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[]) {
      stored[row.key] = parseJsonColumn<unknown>(row.value, undefined);
    }
    const merged = { ...defaultSettings };
    for (const key of Object.keys(defaultSettings) as (keyof Settings)[]) {
      const candidate = Settings.shape[key].safeParse(stored[key]);
      if (candidate.success) (merged as Record<keyof Settings, unknown>)[key] = candidate.data;
    }
    return merged;
  }

  update(changes: Partial<Settings>): Settings {
    const next = Settings.parse({ ...this.get(), ...changes });
    const upsert = this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(changes)) {
        if (value !== undefined) upsert.run(key, JSON.stringify(next[key as keyof Settings]));
      }
    })();
    return next;
  }
}
