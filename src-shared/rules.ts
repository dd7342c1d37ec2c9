// Custom rules: the alert rules a shelter network defines on top of the built-in ones — conditions on an
// observation's fields, grouped with all/any, a threshold ("at least N matching observations"), a severity
// and a message in both languages. Stored in the vault, edited through the typed API and the CLI.
import { z } from 'zod';
import { LocalizedText, Severity, Uuid, IsoTimestamp } from './model.js';
import { observationKinds, type ObservationKind } from './observations.js';

export const RuleOperator = z.enum(['equals', 'not-equals', 'in', 'contains', 'exists', 'not-exists', 'gt', 'gte', 'lt', 'lte']);
export type RuleOperator = z.infer<typeof RuleOperator>;

/** `kind`, `subject`, or a path into the observation's data: `data.installer`, `data.grantedPermissions`. */
export const RuleField = z.string().max(200).regex(/^(kind|subject|data(\.[A-Za-z][A-Za-z0-9_]*){1,4})$/, 'kind, subject, or data.<field>');

const Scalar = z.union([z.string().max(1000), z.number(), z.boolean()]);

export const RuleCondition = z
  .object({
    field: RuleField,
    op: RuleOperator,
    value: z.union([Scalar, z.array(z.union([z.string().max(1000), z.number()])).max(1000)]).optional(),
  })
  .strict()
  .superRefine((condition, context) => {
    const needsNoValue = condition.op === 'exists' || condition.op === 'not-exists';
    if (needsNoValue && condition.value !== undefined) context.addIssue({ code: 'custom', message: `${condition.op} takes no value`, path: ['value'] });
    if (!needsNoValue && condition.value === undefined) context.addIssue({ code: 'custom', message: `${condition.op} needs a value`, path: ['value'] });
    if (condition.op === 'in' && !Array.isArray(condition.value)) context.addIssue({ code: 'custom', message: 'in needs a list of values', path: ['value'] });
    if (['gt', 'gte', 'lt', 'lte'].includes(condition.op) && typeof condition.value !== 'number') {
      context.addIssue({ code: 'custom', message: `${condition.op} compares with a number`, path: ['value'] });
    }
  });
export type RuleCondition = z.infer<typeof RuleCondition>;

export type RuleGroup = { all: RuleNode[] } | { any: RuleNode[] };
export type RuleNode = RuleCondition | RuleGroup;

const MAX_DEPTH = 4;
const MAX_NODES = 60;

export const RuleGroup: z.ZodType<RuleGroup> = z.lazy(() =>
  z.union([z.object({ all: z.array(RuleNodeSchema).min(1).max(MAX_NODES) }).strict(), z.object({ any: z.array(RuleNodeSchema).min(1).max(MAX_NODES) }).strict()]),
);
const RuleNodeSchema: z.ZodType<RuleNode> = z.lazy(() => z.union([RuleCondition, RuleGroup]));

function depthAndSize(node: RuleNode, depth = 1): { depth: number; size: number } {
  if (!('all' in node) && !('any' in node)) return { depth, size: 1 };
  const children = 'all' in node ? node.all : node.any;
  return children.map((child) => depthAndSize(child, depth + 1)).reduce((a, b) => ({ depth: Math.max(a.depth, b.depth), size: a.size + b.size }), { depth, size: 1 });
}

export const CustomRuleDefinition = z
  .object({
    name: z.string().trim().min(1).max(120),
    /** Only observations of this kind are considered; all kinds when absent. */
    observationKind: z.enum(observationKinds as [ObservationKind, ...ObservationKind[]]).optional(),
    when: RuleGroup,
    /** The rule fires when at least this many observations match. */
    threshold: z.number().int().min(1).max(1_000_000).default(1),
    severity: Severity,
    category: z.string().trim().min(1).max(60).default('custom'),
    message: LocalizedText,
    explanation: LocalizedText.optional(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine((rule, context) => {
    const { depth, size } = depthAndSize(rule.when);
    if (depth > MAX_DEPTH) context.addIssue({ code: 'custom', message: `groups nest at most ${MAX_DEPTH} deep`, path: ['when'] });
    if (size > MAX_NODES) context.addIssue({ code: 'custom', message: `a rule holds at most ${MAX_NODES} conditions and groups`, path: ['when'] });
  });
export type CustomRuleDefinition = z.infer<typeof CustomRuleDefinition>;

export const CustomRule = z.object({
  id: Uuid,
  version: z.number().int().positive(),
  definition: CustomRuleDefinition,
  createdAt: IsoTimestamp,
  updatedAt: IsoTimestamp,
});
export type CustomRule = z.infer<typeof CustomRule>;
