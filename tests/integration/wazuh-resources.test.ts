// The files a shelter network installs beside the rules (resources/wazuh/), checked without a Wazuh server
// (none can run here; the rules themselves are run by Wazuh's engine in wazuh-rules.test.ts): the agent
// snippet reads JSON; the dashboard objects are well-formed saved objects whose every panel is on the
// dashboard, whose queries name groups the rules give, and whose every field is one the events that reach
// those groups carry — per installation pseudonym, severity, week and product, with a shelter chooser.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WazuhEvent, type WazuhEventType } from '../../src-shared/forwarding.js';

const DIR = fileURLToPath(new URL('../../resources/wazuh/', import.meta.url));
const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');

interface SavedObject {
  type: string;
  id: string;
  attributes: { title: string; visState?: string; panelsJSON?: string; kibanaSavedObjectMeta?: { searchSourceJSON: string } };
  references: { name: string; type: string; id: string }[];
}

interface VisState {
  type: string;
  aggs: { type: string; params: { field?: string; interval?: string } }[];
  params: { controls?: { fieldName: string; indexPatternRefName: string }[] };
}

/** The fields each type of event carries (as the decoded alert holds them, under `data.`). */
const FIELDS_BY_TYPE = new Map<WazuhEventType, Set<string>>(WazuhEvent.options.map((variant) => [variant.shape.type.value, new Set(Object.keys(variant.shape).map((key) => `data.${key}`))]));
/** Which events reach each group the dashboard queries (the rules file says which rules carry it). */
const EVENTS_OF_GROUP: Record<string, WazuhEventType[]> = {
  sentinelle_finding: ['finding'],
  sentinelle_network: ['finding'],
  sentinelle_stale_signatures: ['status'],
};
/** What every Wazuh alert carries besides the decoded event. */
const ALERT_FIELDS = new Set(['timestamp', 'rule.id', 'rule.level', 'rule.description', 'rule.groups', 'agent.name']);

describe('the Wazuh resources beside the rules', () => {
  const objects = read('dashboard.ndjson')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as SavedObject);
  const visualizations = objects.filter((object) => object.type === 'visualization');
  const visState = (object: SavedObject) => JSON.parse(object.attributes.visState!) as VisState;
  const fieldsOf = (object: SavedObject) => {
    const state = visState(object);
    return [...state.aggs.map((agg) => agg.params.field).filter((field): field is string => field !== undefined), ...(state.params.controls ?? []).map((control) => control.fieldName)];
  };

  it('has an agent snippet that reads JSON', () => {
    expect(read('localfile.xml')).toMatch(/<localfile>\s*<log_format>json<\/log_format>\s*<location>[^<]+<\/location>\s*<\/localfile>/);
  });

  it('has dashboard objects that import as a whole: unique ids, every panel on the dashboard, every reference resolved', () => {
    expect(new Set(objects.map((object) => object.id)).size).toBe(objects.length);
    const dashboards = objects.filter((object) => object.type === 'dashboard');
    expect(dashboards).toHaveLength(1);
    const dashboard = dashboards[0]!;
    const panels = JSON.parse(dashboard.attributes.panelsJSON!) as { panelRefName: string }[];
    expect(panels.map((panel) => panel.panelRefName).sort()).toEqual(dashboard.references.map((reference) => reference.name).sort());
    expect(dashboard.references.map((reference) => reference.id).sort()).toEqual(visualizations.map((object) => object.id).sort());
    for (const object of visualizations) {
      const names = object.references.map((reference) => reference.name);
      const search = JSON.parse(object.attributes.kibanaSavedObjectMeta!.searchSourceJSON) as { indexRefName?: string };
      if (search.indexRefName) expect(names, object.id).toContain(search.indexRefName);
      for (const control of visState(object).params.controls ?? []) expect(names, object.id).toContain(control.indexPatternRefName);
      for (const reference of object.references) expect(reference, object.id).toMatchObject({ type: 'index-pattern', id: 'wazuh-alerts-*' });
    }
  });

  it('queries only groups the rules give, and only fields the events reaching them carry', () => {
    const rules = read('sentinelle_rules.xml');
    for (const object of visualizations) {
      const query = (JSON.parse(object.attributes.kibanaSavedObjectMeta!.searchSourceJSON) as { query: { query: string } }).query.query;
      const group = /^rule\.groups:(\w+)$/.exec(query)?.[1];
      // Every panel but the shelter chooser counts the alerts of one group.
      if (!group) {
        expect(visState(object).type, object.id).toBe('input_control_vis');
        for (const field of fieldsOf(object)) expect([...FIELDS_BY_TYPE.values()].every((fields) => fields.has(field)), `${object.id}: ${field} is in every event`).toBe(true);
        continue;
      }
      expect(rules, object.id).toMatch(new RegExp(`<group>[^<]*\\b${group},`));
      const types = EVENTS_OF_GROUP[group];
      expect(types, `${object.id}: which events reach ${group}`).toBeDefined();
      for (const field of fieldsOf(object)) {
        if (ALERT_FIELDS.has(field)) continue;
        for (const type of types!) expect(FIELDS_BY_TYPE.get(type)!.has(field), `${object.id}: ${type} events carry ${field}`).toBe(true);
      }
    }
  });

  it('shows findings per installation pseudonym, per severity, per week and per product, and lets a coordinator choose a shelter', () => {
    const fields = visualizations.flatMap(fieldsOf);
    expect(fields).toEqual(expect.arrayContaining(['data.installation', 'data.severity', 'data.product', 'timestamp']));
    const weekly = visualizations.flatMap((object) => visState(object).aggs).find((agg) => agg.type === 'date_histogram');
    expect(weekly?.params).toMatchObject({ field: 'timestamp', interval: 'w' });
    expect(visualizations.some((object) => visState(object).type === 'input_control_vis' && fieldsOf(object).includes('data.installation'))).toBe(true);
  });
});
