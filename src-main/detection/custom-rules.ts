// Evaluates the custom rules a shelter network defines: each rule's conditions are tested on every
// observation (of its kind, when it names one); when at least `threshold` observations match, it fires.
import type { Observation } from '../../src-shared/model.js';
import type { CustomRule, RuleCondition, RuleNode } from '../../src-shared/rules.js';

/** Reads `kind`, `subject` or `data.a.b` from an observation; undefined when absent. */
export function fieldValue(observation: Pick<Observation, 'kind' | 'subject' | 'data'>, field: string): unknown {
  if (field === 'kind') return observation.kind;
  if (field === 'subject') return observation.subject;
  let value: unknown = observation.data;
  for (const part of field.split('.').slice(1)) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, part)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A number, or a string holding one (versionCode "120"): compared as numbers by every operator. */
function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/** Equality as an advocate means it: text ignores case, numbers and yes/no compare whatever their form ("false" is false). */
function same(a: unknown, b: unknown): boolean {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== null && y !== null) return x === y;
  if (typeof a === 'boolean' || typeof b === 'boolean') return String(a).trim().toLowerCase() === String(b).trim().toLowerCase();
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

function testCondition(condition: RuleCondition, observation: Pick<Observation, 'kind' | 'subject' | 'data'>): boolean {
  const value = fieldValue(observation, condition.field);
  const expected = condition.value;
  switch (condition.op) {
    case 'exists':
      return value !== undefined && value !== null;
    case 'not-exists':
      return value === undefined || value === null;
    case 'equals':
      return Array.isArray(value) ? false : same(value, expected);
    case 'not-equals':
      // An absent field is not "different": the rule cannot say anything about it. On a list: does not contain.
      if (value === undefined || value === null) return false;
      return Array.isArray(value) ? !value.some((item) => same(item, expected)) : !same(value, expected);
    case 'in':
      return Array.isArray(expected) && expected.some((candidate) => same(value, candidate));
    case 'contains':
      if (Array.isArray(value)) return value.some((item) => same(item, expected));
      return typeof value === 'string' && typeof expected === 'string' && value.toLowerCase().includes(expected.toLowerCase());
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const number = asNumber(value);
      if (number === null || typeof expected !== 'number') return false;
      return condition.op === 'gt' ? number > expected : condition.op === 'gte' ? number >= expected : condition.op === 'lt' ? number < expected : number <= expected;
    }
  }
}

export function testNode(node: RuleNode, observation: Pick<Observation, 'kind' | 'subject' | 'data'>): boolean {
  if ('all' in node) return node.all.every((child) => testNode(child, observation));
  if ('any' in node) return node.any.some((child) => testNode(child, observation));
  return testCondition(node, observation);
}

export interface RuleFiring {
  rule: CustomRule;
  matches: Observation[];
}

/** The enabled rules that fire on these observations, with the observations that matched. */
export function evaluateRules(rules: readonly CustomRule[], observations: readonly Observation[]): RuleFiring[] {
  const firings: RuleFiring[] = [];
  for (const rule of rules) {
    if (!rule.definition.enabled) continue;
    const { observationKind, when, threshold } = rule.definition;
    const matches = observations.filter((observation) => (observationKind === undefined || observation.kind === observationKind) && testNode(when, observation));
    if (matches.length >= threshold) firings.push({ rule, matches });
  }
  return firings;
}
