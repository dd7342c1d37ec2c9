// A custom rule as the editor holds it while the advocate types: conditions and nested all/any groups with
// stable keys, values as typed. Turned into the rule definition the back end stores (the shared schema
// checks it), with each problem tied to the condition or field it is about, as a message key the screen
// translates. Also the reverse, to edit a stored rule, and the fields each kind of observation has.
import { observationKinds, observationSchemas, type ObservationKind } from '../../src-shared/observations.js';
import { CustomRuleDefinition, RuleCondition, RuleField, type RuleNode, type RuleOperator } from '../../src-shared/rules.js';
import type { Severity } from '../../src-shared/model.js';

export interface ConditionDraft {
  key: number;
  type: 'condition';
  field: string;
  op: RuleOperator;
  value: string;
}

export interface GroupDraft {
  key: number;
  type: 'group';
  mode: 'all' | 'any';
  children: NodeDraft[];
}

export type NodeDraft = ConditionDraft | GroupDraft;

export interface RuleDraft {
  name: string;
  kind: ObservationKind | '';
  when: GroupDraft;
  threshold: string;
  severity: Severity;
  messageEn: string;
  messageFr: string;
  /** What the editor does not show but a stored rule may hold: kept as it was. */
  kept: Pick<CustomRuleDefinition, 'category' | 'explanation' | 'enabled'>;
}

/** Groups nest at most this deep, the rule itself being the first (the schema's limit). */
export const MAX_GROUP_DEPTH = 4;

export type ProblemKey =
  | 'rules.problem.name'
  | 'rules.problem.field'
  | 'rules.problem.value'
  | 'rules.problem.noValue'
  | 'rules.problem.list'
  | 'rules.problem.number'
  | 'rules.problem.threshold'
  | 'rules.problem.message'
  | 'rules.problem.size'
  | 'rules.problem.other';

/** One thing to fix: which (a condition's key, or a field of the form), and what. */
export interface RuleProblem {
  at: number | 'name' | 'threshold' | 'message' | 'rule';
  key: ProblemKey;
  /** The schema's own words, for the technical detail. */
  technical?: string;
}

let nextKey = 1;
const key = () => nextKey++;

export function newCondition(): ConditionDraft {
  return { key: key(), type: 'condition', field: '', op: 'equals', value: '' };
}

export function newGroup(mode: 'all' | 'any' = 'all'): GroupDraft {
  return { key: key(), type: 'group', mode, children: [newCondition()] };
}

export function emptyDraft(): RuleDraft {
  return { name: '', kind: '', when: newGroup(), threshold: '1', severity: 'medium', messageEn: '', messageFr: '', kept: { category: 'custom', enabled: true } };
}

export function draftFromDefinition(definition: CustomRuleDefinition): RuleDraft {
  const node = (rule: RuleNode): NodeDraft => {
    if ('all' in rule) return { key: key(), type: 'group', mode: 'all', children: rule.all.map(node) };
    if ('any' in rule) return { key: key(), type: 'group', mode: 'any', children: rule.any.map(node) };
    const value = rule.value === undefined ? '' : Array.isArray(rule.value) ? rule.value.join(', ') : String(rule.value);
    return { key: key(), type: 'condition', field: rule.field, op: rule.op, value };
  };
  return {
    name: definition.name,
    kind: definition.observationKind ?? '',
    when: node(definition.when) as GroupDraft,
    threshold: String(definition.threshold),
    severity: definition.severity,
    messageEn: definition.message.en,
    messageFr: definition.message.fr,
    kept: { category: definition.category, enabled: definition.enabled, ...(definition.explanation ? { explanation: definition.explanation } : {}) },
  };
}

const NUMERIC: readonly RuleOperator[] = ['gt', 'gte', 'lt', 'lte'];

/** The value a condition compares with, from what was typed: none, a list (comma-separated), a number or text. */
function conditionValue(condition: ConditionDraft): string | number | string[] | undefined {
  if (condition.op === 'exists' || condition.op === 'not-exists') return undefined;
  const typed = condition.value.trim();
  if (condition.op === 'in') return typed.split(',').map((item) => item.trim()).filter(Boolean);
  if (NUMERIC.includes(condition.op)) return typed === '' || !Number.isFinite(Number(typed)) ? Number.NaN : Number(typed);
  return typed;
}

function conditionProblem(condition: ConditionDraft): ProblemKey | null {
  if (!RuleField.safeParse(condition.field.trim()).success) return 'rules.problem.field';
  const value = conditionValue(condition);
  if (condition.op === 'exists' || condition.op === 'not-exists') return condition.value.trim() === '' ? null : 'rules.problem.noValue';
  if (condition.op === 'in') return Array.isArray(value) && value.length > 0 ? null : 'rules.problem.list';
  if (NUMERIC.includes(condition.op)) return Number.isNaN(value) ? 'rules.problem.number' : null;
  return value === '' ? 'rules.problem.value' : null;
}

function toNode(node: NodeDraft): RuleNode {
  if (node.type === 'group') return node.mode === 'all' ? { all: node.children.map(toNode) } : { any: node.children.map(toNode) };
  const value = conditionValue(node);
  return { field: node.field.trim(), op: node.op, ...(value === undefined ? {} : { value }) };
}

function conditions(node: NodeDraft): ConditionDraft[] {
  return node.type === 'condition' ? [node] : node.children.flatMap(conditions);
}

/** The definition to store, or the problems to fix first (each condition checked on its own, then the whole rule). */
export function definitionFromDraft(draft: RuleDraft): { definition: CustomRuleDefinition; problems: [] } | { definition: null; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  if (draft.name.trim() === '') problems.push({ at: 'name', key: 'rules.problem.name' });
  for (const condition of conditions(draft.when)) {
    const problem = conditionProblem(condition);
    if (problem) problems.push({ at: condition.key, key: problem });
    else if (!RuleCondition.safeParse(toNode(condition)).success) problems.push({ at: condition.key, key: 'rules.problem.other' });
  }
  const threshold = Number(draft.threshold);
  if (!Number.isInteger(threshold) || threshold < 1) problems.push({ at: 'threshold', key: 'rules.problem.threshold' });
  if (draft.messageEn.trim() === '' || draft.messageFr.trim() === '') problems.push({ at: 'message', key: 'rules.problem.message' });
  if (problems.length > 0) return { definition: null, problems };

  const checked = CustomRuleDefinition.safeParse({
    ...draft.kept,
    name: draft.name.trim(),
    ...(draft.kind ? { observationKind: draft.kind } : {}),
    when: toNode(draft.when),
    threshold,
    severity: draft.severity,
    message: { en: draft.messageEn.trim(), fr: draft.messageFr.trim() },
  });
  if (checked.success) return { definition: checked.data, problems: [] };
  // What the checks above do not cover: the rule's size and depth, lengths.
  return {
    definition: null,
    problems: checked.error.issues.map((issue) => ({ at: 'rule', key: issue.path[0] === 'when' && issue.path.length === 1 ? 'rules.problem.size' : 'rules.problem.other', technical: `${issue.path.join('.')}: ${issue.message}` })),
  };
}

/** The fields a condition may test for this kind of observation (every kind's when none is chosen), for suggestions. */
export function fieldsFor(kind: ObservationKind | ''): string[] {
  const kinds = kind ? [kind] : observationKinds;
  const fields = new Set<string>();
  for (const each of kinds) {
    const schema = observationSchemas[each] as unknown as { shape?: Record<string, unknown> };
    for (const name of Object.keys(schema.shape ?? {})) fields.add(`data.${name}`);
  }
  return ['kind', 'subject', ...[...fields].sort()];
}

// Edits of the group tree, each returning a new tree (the editor keeps it in React state).

export function updateNode(group: GroupDraft, target: number, change: (node: NodeDraft) => NodeDraft): GroupDraft {
  const visit = (node: NodeDraft): NodeDraft => {
    if (node.key === target) return change(node);
    return node.type === 'group' ? { ...node, children: node.children.map(visit) } : node;
  };
  return visit(group) as GroupDraft;
}

/** Removes a condition or group; a group left empty goes too (the rule's own group keeps one condition). */
export function removeNode(group: GroupDraft, target: number): GroupDraft {
  const visit = (node: GroupDraft): GroupDraft => ({
    ...node,
    children: node.children
      .filter((child) => child.key !== target)
      .map((child) => (child.type === 'group' ? visit(child) : child))
      .filter((child) => child.type === 'condition' || child.children.length > 0),
  });
  const pruned = visit(group);
  return pruned.children.length > 0 ? pruned : { ...pruned, children: [newCondition()] };
}

export function depthOf(group: GroupDraft, target: number, depth = 1): number | null {
  if (group.key === target) return depth;
  for (const child of group.children) {
    if (child.type === 'group') {
      const found = depthOf(child, target, depth + 1);
      if (found !== null) return found;
    }
  }
  return null;
}
