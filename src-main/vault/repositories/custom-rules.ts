// Custom rules stored in the vault: each change bumps the rule's version (findings record the version
// that fired) and is written to the audit trail.
import { CustomRuleDefinition, type CustomRule } from '../../../src-shared/rules.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import { isoNow, type Clock } from '../../clock.js';
import type { VaultDatabase } from '../database.js';
import { newId } from '../ids.js';
import type { AuditLog } from './audit.js';
import { parseJsonColumn } from './json-column.js';

interface RuleRow {
  id: string;
  version: number;
  definition: string;
  created_at: string;
  updated_at: string;
}

export class CustomRuleRepository {
  constructor(
    private readonly db: VaultDatabase,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  create(definition: CustomRuleDefinition): CustomRule {
    return this.db.transaction(() => {
      const id = newId();
      const now = isoNow(this.clock);
      this.db.prepare('INSERT INTO custom_rules (id, version, definition, created_at, updated_at) VALUES (?, 1, ?, ?, ?)').run(id, JSON.stringify(definition), now, now);
      this.audit.record('rules.created', { ruleId: id, name: definition.name });
      return this.get(id);
    })();
  }

  update(id: string, definition: CustomRuleDefinition): CustomRule {
    return this.db.transaction(() => {
      this.get(id);
      this.db.prepare('UPDATE custom_rules SET version = version + 1, definition = ?, updated_at = ? WHERE id = ?').run(JSON.stringify(definition), isoNow(this.clock), id);
      this.audit.record('rules.updated', { ruleId: id, name: definition.name });
      return this.get(id);
    })();
  }

  setEnabled(id: string, enabled: boolean): CustomRule {
    const rule = this.get(id);
    return this.update(id, { ...rule.definition, enabled });
  }

  delete(id: string): void {
    this.db.transaction(() => {
      const rule = this.get(id);
      this.db.prepare('DELETE FROM custom_rules WHERE id = ?').run(id);
      this.audit.record('rules.deleted', { ruleId: id, name: rule.definition.name });
    })();
  }

  get(id: string): CustomRule {
    const row = this.db.prepare('SELECT * FROM custom_rules WHERE id = ?').get(id) as RuleRow | undefined;
    if (!row) throw new SentinelleError('rule.not-found', 'There is no such rule in this vault (any more).', { technical: id });
    return toRule(row);
  }

  list(): CustomRule[] {
    return (this.db.prepare('SELECT * FROM custom_rules ORDER BY created_at, id').all() as RuleRow[]).map(toRule);
  }
}

function toRule(row: RuleRow): CustomRule {
  const definition = CustomRuleDefinition.safeParse(parseJsonColumn<unknown>(row.definition, null));
  if (!definition.success) throw new SentinelleError('internal', 'A stored rule could not be read.', { technical: `rule ${row.id}` });
  return { id: row.id, version: row.version, definition: definition.data, createdAt: row.created_at, updatedAt: row.updated_at };
}
