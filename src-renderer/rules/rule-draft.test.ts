// The rule editor's model: a stored rule comes back unchanged through the editor, typed values become the
// values the engine compares, and each mistake is tied to the condition or field it is about.
import { describe, expect, it } from 'vitest';
import { CustomRuleDefinition } from '../../src-shared/rules.js';
import { definitionFromDraft, draftFromDefinition, emptyDraft, fieldsFor, newCondition, newGroup, removeNode, updateNode, type ConditionDraft, type GroupDraft } from './rule-draft.js';

const stored = CustomRuleDefinition.parse({
  name: 'Recorder outside the store',
  observationKind: 'android.package',
  when: {
    all: [
      { field: 'data.grantedPermissions', op: 'contains', value: 'android.permission.RECORD_AUDIO' },
      { any: [{ field: 'data.installer', op: 'not-exists' }, { field: 'data.installer', op: 'in', value: ['com.example.store', 'org.fdroid.fdroid'] }] },
      { field: 'data.versionCode', op: 'gte', value: 120 },
    ],
  },
  threshold: 2,
  severity: 'high',
  category: 'network-watch',
  message: { en: 'Recorder', fr: 'Enregistreur' },
  explanation: { en: 'Why', fr: 'Pourquoi' },
  enabled: false,
});

function condition(draft: GroupDraft, index: number): ConditionDraft {
  return draft.children[index] as ConditionDraft;
}

describe('the rule editor’s draft', () => {
  it('gives back a stored rule unchanged, nested groups, lists, numbers and what the form does not show included', () => {
    const draft = draftFromDefinition(stored);
    expect(condition((draft.when.children[1] as GroupDraft), 1).value).toBe('com.example.store, org.fdroid.fdroid');
    expect(definitionFromDraft(draft)).toEqual({ definition: stored, problems: [] });
  });

  it('turns typed text into what the engine compares: a trimmed text, a list, a number, nothing', () => {
    const draft = { ...emptyDraft(), name: ' Spy ', messageEn: 'Spy', messageFr: 'Espion' };
    draft.when.children = [
      { ...newCondition(), field: ' subject ', op: 'equals', value: ' com.spy ' },
      { ...newCondition(), field: 'data.uid', op: 'in', value: '1000, ,2000' },
      { ...newCondition(), field: 'data.uid', op: 'lt', value: ' 10.5 ' },
      { ...newCondition(), field: 'data.label', op: 'exists', value: '' },
    ];
    const { definition } = definitionFromDraft(draft);
    expect(definition?.name).toBe('Spy');
    expect(definition?.when).toEqual({
      all: [
        { field: 'subject', op: 'equals', value: 'com.spy' },
        { field: 'data.uid', op: 'in', value: ['1000', '2000'] },
        { field: 'data.uid', op: 'lt', value: 10.5 },
        { field: 'data.label', op: 'exists' },
      ],
    });
  });

  it('ties each mistake to its condition or field, and sends nothing', () => {
    const draft = emptyDraft();
    const inner = newGroup('any');
    inner.children = [{ ...newCondition(), field: 'data.x', op: 'in', value: ' , ' }];
    draft.when.children = [
      { ...newCondition(), field: 'packageName', op: 'equals', value: 'x' },
      { ...newCondition(), field: 'data.uid', op: 'gt', value: 'many' },
      { ...newCondition(), field: 'data.label', op: 'not-exists', value: 'x' },
      { ...newCondition(), field: 'data.label', op: 'equals', value: '  ' },
      inner,
    ];
    draft.threshold = '0';
    draft.messageEn = 'Only English';
    const result = definitionFromDraft(draft);
    expect(result.definition).toBeNull();
    expect(result.problems).toEqual([
      { at: 'name', key: 'rules.problem.name' },
      { at: draft.when.children[0]!.key, key: 'rules.problem.field' },
      { at: draft.when.children[1]!.key, key: 'rules.problem.number' },
      { at: draft.when.children[2]!.key, key: 'rules.problem.noValue' },
      { at: draft.when.children[3]!.key, key: 'rules.problem.value' },
      { at: inner.children[0]!.key, key: 'rules.problem.list' },
      { at: 'threshold', key: 'rules.problem.threshold' },
      { at: 'message', key: 'rules.problem.message' },
    ]);
  });

  it('refuses a rule nested deeper than the schema allows, saying so', () => {
    const draft = { ...emptyDraft(), name: 'Deep', messageEn: 'a', messageFr: 'b' };
    let group = draft.when;
    for (let depth = 2; depth <= 5; depth++) {
      const child = newGroup();
      child.children = [{ ...newCondition(), field: 'subject', value: 'x' }];
      group.children = [child];
      group = child;
    }
    expect(definitionFromDraft(draft).problems).toEqual([expect.objectContaining({ at: 'rule', key: 'rules.problem.size' })]);
  });

  it('edits the tree: a change reaches the right node, removing the last condition of a group removes the group', () => {
    const draft = draftFromDefinition(stored);
    const group = draft.when.children[1] as GroupDraft;
    const changed = updateNode(draft.when, group.children[0]!.key, (node) => ({ ...(node as ConditionDraft), op: 'exists' }));
    expect(condition(changed.children[1] as GroupDraft, 0).op).toBe('exists');
    expect(condition(draft.when.children[1] as GroupDraft, 0).op).toBe('not-exists');

    const once = removeNode(draft.when, group.children[0]!.key);
    const twice = removeNode(once, group.children[1]!.key);
    expect(twice.children.map((child) => child.type)).toEqual(['condition', 'condition']);
    // The rule's own group is never left empty.
    const emptied = twice.children.reduce<GroupDraft>((tree, child) => removeNode(tree, child.key), twice);
    expect(emptied.children).toEqual([expect.objectContaining({ type: 'condition', field: '' })]);
  });

  it('suggests the fields of the chosen kind of observation', () => {
    expect(fieldsFor('android.package')).toEqual(expect.arrayContaining(['kind', 'subject', 'data.installer', 'data.isSystem', 'data.grantedPermissions']));
    expect(fieldsFor('android.package')).not.toContain('data.domain');
    expect(fieldsFor('')).toEqual(expect.arrayContaining(['data.domain', 'data.installer']));
  });
});
