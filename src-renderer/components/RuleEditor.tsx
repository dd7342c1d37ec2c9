// The custom-rule editor: a name, the kind of observation, conditions (field, operator in plain words,
// value) grouped with "all" or "any" and nested up to the schema's depth, a threshold, a severity and the
// message in both languages. Problems are shown beside what they are about before anything is sent; the
// same form creates a rule or edits a stored one.
import { useId, useState } from 'react';
import { observationKinds } from '../../src-shared/observations.js';
import { RuleOperator, type CustomRule } from '../../src-shared/rules.js';
import { Severity } from '../../src-shared/model.js';
import { useRules } from '../stores/rules.js';
import type { MessageKey } from '../i18n/en.js';
import { useT } from '../i18n/i18n.js';
import {
  MAX_GROUP_DEPTH,
  definitionFromDraft,
  depthOf,
  draftFromDefinition,
  emptyDraft,
  fieldsFor,
  newCondition,
  newGroup,
  removeNode,
  updateNode,
  type ConditionDraft,
  type GroupDraft,
  type NodeDraft,
  type RuleDraft,
  type RuleProblem,
} from '../rules/rule-draft.js';
import { ErrorNotice } from './ErrorNotice.js';
import { Field } from './Field.js';
import { useAction } from './use-action.js';

interface RuleEditorProps {
  /** The stored rule to edit; a new rule when null. */
  editing: CustomRule | null;
  onSaved(): void;
  onCancel(): void;
}

export function RuleEditor({ editing, onSaved, onCancel }: RuleEditorProps) {
  const t = useT();
  const { error, busy, run } = useAction();
  const [draft, setDraft] = useState<RuleDraft>(() => (editing ? draftFromDefinition(editing.definition) : emptyDraft()));
  const [problems, setProblems] = useState<RuleProblem[]>([]);
  const fieldList = useId();
  const change = (patch: Partial<RuleDraft>) => setDraft({ ...draft, ...patch });
  const problemAt = (at: RuleProblem['at']) => problems.find((problem) => problem.at === at);
  const problemText = (at: RuleProblem['at']) => {
    const problem = problemAt(at);
    return problem ? t(problem.key) : null;
  };

  async function save() {
    const result = definitionFromDraft(draft);
    setProblems(result.problems);
    if (!result.definition) return;
    const definition = result.definition;
    const saved = await run(() => useRules.getState().save(definition, editing));
    if (saved) onSaved();
  }

  const conditionNumbers = numberConditions(draft.when);
  const editor: GroupEditorContext = {
    root: draft.when,
    fieldList,
    conditionNumbers,
    problemOf: (key) => problemAt(key),
    set: (when) => change({ when }),
  };
  const ruleProblems = problems.filter((problem) => problem.at === 'rule');
  return (
    <fieldset className="rule-editor">
      <legend>{editing ? t('rules.edit', { name: editing.definition.name }) : t('rules.new')}</legend>
      <Field label={t('rules.name')} value={draft.name} onChange={(event) => change({ name: event.target.value })} problem={problemText('name')} />
      <div className="field">
        <label htmlFor={`${fieldList}-kind`}>{t('rules.kind')}</label>
        <select id={`${fieldList}-kind`} value={draft.kind} onChange={(event) => change({ kind: event.target.value as RuleDraft['kind'] })}>
          <option value="">{t('findings.all')}</option>
          {observationKinds.map((item) => (
            <option key={item} value={item}>
              {t(`observation.kind.${item}`)} ({item})
            </option>
          ))}
        </select>
        <p className="help">{t('rules.kindHelp')}</p>
      </div>
      <datalist id={fieldList}>
        {fieldsFor(draft.kind).map((field) => (
          <option key={field} value={field} />
        ))}
      </datalist>
      <GroupEditor group={draft.when} depth={1} context={editor} />
      <Field label={t('rules.threshold')} type="number" min={1} value={draft.threshold} onChange={(event) => change({ threshold: event.target.value })} problem={problemText('threshold')} />
      <div className="field">
        <label htmlFor={`${fieldList}-severity`}>{t('findings.filterSeverity')}</label>
        <select id={`${fieldList}-severity`} value={draft.severity} onChange={(event) => change({ severity: event.target.value as Severity })}>
          {Severity.options.map((value) => (
            <option key={value} value={value}>
              {t(`severity.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <Field label={t('rules.messageEn')} value={draft.messageEn} onChange={(event) => change({ messageEn: event.target.value })} problem={draft.messageEn.trim() === '' ? problemText('message') : null} />
      <Field label={t('rules.messageFr')} value={draft.messageFr} onChange={(event) => change({ messageFr: event.target.value })} problem={draft.messageFr.trim() === '' ? problemText('message') : null} />
      {ruleProblems.length > 0 ? (
        <div className="notice notice-error" role="alert">
          <ul>
            {ruleProblems.map((problem) => (
              <li key={`${problem.key}${problem.technical ?? ''}`}>
                {t(problem.key)}
                {problem.technical ? <span className="mono"> ({problem.technical})</span> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {problems.length > 0 && ruleProblems.length === 0 ? (
        <p className="problem" role="alert">
          {t('rules.fixProblems', { count: problems.length })}
        </p>
      ) : null}
      <ErrorNotice error={error} />
      <div className="inline-form">
        <button type="button" className="primary" disabled={busy} onClick={() => void save()}>
          {editing ? t('rules.saveChanges') : t('rules.save')}
        </button>
        {editing ? (
          <button type="button" onClick={onCancel}>
            {t('rules.cancelEdit')}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

/** Conditions numbered in reading order, so a problem or a button can say which one it is about. */
function numberConditions(group: GroupDraft): Map<number, number> {
  const numbers = new Map<number, number>();
  const visit = (node: NodeDraft) => {
    if (node.type === 'condition') numbers.set(node.key, numbers.size + 1);
    else node.children.forEach(visit);
  };
  visit(group);
  return numbers;
}

interface GroupEditorContext {
  root: GroupDraft;
  fieldList: string;
  conditionNumbers: Map<number, number>;
  problemOf(key: number): RuleProblem | undefined;
  set(root: GroupDraft): void;
}

function GroupEditor({ group, depth, context }: { group: GroupDraft; depth: number; context: GroupEditorContext }) {
  const t = useT();
  const modeId = `${context.fieldList}-mode-${group.key}`;
  const edit = (change: (group: GroupDraft) => GroupDraft) => context.set(updateNode(context.root, group.key, (node) => change(node as GroupDraft)));
  return (
    <fieldset className={depth === 1 ? 'rule-group' : 'rule-group rule-subgroup'}>
      <legend>{depth === 1 ? t('rules.mode') : t('rules.group')}</legend>
      <div className="field">
        <label htmlFor={modeId}>{t('rules.combine')}</label>
        <select id={modeId} value={group.mode} onChange={(event) => edit((node) => ({ ...node, mode: event.target.value as 'all' | 'any' }))}>
          <option value="all">{t('rules.all')}</option>
          <option value="any">{t('rules.any')}</option>
        </select>
      </div>
      {group.children.map((child) =>
        child.type === 'condition' ? (
          <ConditionEditor key={child.key} condition={child} context={context} />
        ) : (
          <div key={child.key}>
            <GroupEditor group={child} depth={depth + 1} context={context} />
            <button type="button" onClick={() => context.set(removeNode(context.root, child.key))}>
              {t('rules.removeGroup')}
            </button>
          </div>
        ),
      )}
      <div className="inline-form">
        <button type="button" onClick={() => edit((node) => ({ ...node, children: [...node.children, newCondition()] }))}>
          {t('rules.addCondition')}
        </button>
        {(depthOf(context.root, group.key) ?? depth) < MAX_GROUP_DEPTH ? (
          <button type="button" onClick={() => edit((node) => ({ ...node, children: [...node.children, newGroup(node.mode === 'all' ? 'any' : 'all')] }))}>
            {t('rules.addGroup')}
          </button>
        ) : null}
      </div>
    </fieldset>
  );
}

const VALUE_HELP: Partial<Record<RuleOperator, MessageKey>> = { in: 'rules.valueHelp.list', gt: 'rules.valueHelp.number', gte: 'rules.valueHelp.number', lt: 'rules.valueHelp.number', lte: 'rules.valueHelp.number' };

function ConditionEditor({ condition, context }: { condition: ConditionDraft; context: GroupEditorContext }) {
  const t = useT();
  const id = `${context.fieldList}-condition-${condition.key}`;
  const number = context.conditionNumbers.get(condition.key) ?? 0;
  const problem = context.problemOf(condition.key);
  const set = (patch: Partial<ConditionDraft>) => context.set(updateNode(context.root, condition.key, (node) => ({ ...(node as ConditionDraft), ...patch })));
  const takesValue = condition.op !== 'exists' && condition.op !== 'not-exists';
  const help = VALUE_HELP[condition.op];
  const describedBy = [help ? `${id}-help` : null, problem ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="condition" role="group" aria-label={t('rules.condition', { number })}>
      <div className="inline-form">
        <label htmlFor={`${id}-field`}>{t('rules.field')}</label>
        <input id={`${id}-field`} list={context.fieldList} value={condition.field} placeholder="data.packageName" aria-invalid={problem?.key === 'rules.problem.field' ? true : undefined} aria-describedby={problem ? `${id}-problem` : undefined} onChange={(event) => set({ field: event.target.value })} />
        <label htmlFor={`${id}-op`}>{t('rules.operator')}</label>
        <select id={`${id}-op`} value={condition.op} onChange={(event) => set({ op: event.target.value as RuleOperator })}>
          {RuleOperator.options.map((op) => (
            <option key={op} value={op}>
              {t(`rules.op.${op}`)}
            </option>
          ))}
        </select>
        {takesValue ? (
          <>
            <label htmlFor={`${id}-value`}>{t('rules.value')}</label>
            <input id={`${id}-value`} value={condition.value} inputMode={help === 'rules.valueHelp.number' ? 'decimal' : undefined} aria-invalid={problem && problem.key !== 'rules.problem.field' ? true : undefined} aria-describedby={describedBy} onChange={(event) => set({ value: event.target.value })} />
          </>
        ) : null}
        <button type="button" aria-label={t('rules.removeCondition', { number })} onClick={() => context.set(removeNode(context.root, condition.key))}>
          {t('rules.remove')}
        </button>
      </div>
      {help && takesValue ? (
        <p className="help" id={`${id}-help`}>
          {t(help)}
        </p>
      ) : null}
      {problem ? (
        <p className="problem" id={`${id}-problem`} role="alert">
          {t('rules.conditionProblem', { number, problem: t(problem.key) })}
        </p>
      ) : null}
    </div>
  );
}
