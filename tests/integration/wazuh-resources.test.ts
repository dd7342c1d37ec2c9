// The files a shelter network installs on its Wazuh server (resources/wazuh/): the rules parse, use ids in
// the local range, and map each severity to its level; each test in the ruleset-test file is a valid
// Sentinelle event that the rules — evaluated here the way wazuh-logtest does for JSON fields (the child
// rules of the first whose fields all match) — send to the rule and level the test names; the agent snippet
// reads JSON; the dashboard objects are well-formed and count by installation and severity.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WazuhEvent } from '../../src-shared/forwarding.js';

const DIR = fileURLToPath(new URL('../../resources/wazuh/', import.meta.url));
const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');

interface Rule {
  id: number;
  level: number;
  parent: number | null;
  decodedAs: string | null;
  fields: [string, RegExp][];
}

/** Wazuh's OS_Regex for these patterns: `^` and `$` anchors, every other character literal. */
function osRegex(pattern: string): RegExp {
  const body = pattern.replace(/^\^/, '').replace(/\$$/, '');
  return new RegExp(`${pattern.startsWith('^') ? '^' : ''}${body.replace(/[.*+?()[\]{}|\\/]/g, '\\$&')}${pattern.endsWith('$') ? '$' : ''}`);
}

function parseRules(xml: string): Rule[] {
  const rules: Rule[] = [];
  for (const match of xml.matchAll(/<rule id="(\d+)" level="(\d+)">([\s\S]*?)<\/rule>/g)) {
    const body = match[3]!;
    rules.push({
      id: Number(match[1]),
      level: Number(match[2]),
      parent: /<if_sid>(\d+)<\/if_sid>/.exec(body) ? Number(/<if_sid>(\d+)<\/if_sid>/.exec(body)![1]) : null,
      decodedAs: /<decoded_as>(\w+)<\/decoded_as>/.exec(body)?.[1] ?? null,
      fields: [...body.matchAll(/<field name="(\w+)">([^<]+)<\/field>/g)].map((field) => [field[1]!, osRegex(field[2]!)]),
    });
  }
  return rules;
}

function evaluate(rules: Rule[], event: Record<string, unknown>): Rule | null {
  const matches = (rule: Rule) => rule.fields.every(([name, pattern]) => typeof event[name] === 'string' && pattern.test(event[name] as string));
  let current = rules.find((rule) => rule.parent === null && rule.decodedAs === 'json' && matches(rule)) ?? null;
  for (let child = current; child; ) {
    child = rules.find((rule) => rule.parent === current!.id && matches(rule)) ?? null;
    if (child) current = child;
  }
  return current;
}

describe('the Wazuh resources', () => {
  const xml = read('sentinelle_rules.xml');
  const rules = parseRules(xml);

  it('has well-formed rules with unique ids in the local range and a level per severity', () => {
    expect(rules.length).toBe((xml.match(/<rule /g) ?? []).length);
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
    for (const rule of rules) expect(rule.id >= 100000 && rule.id <= 120000).toBe(true);
    const levels = Object.fromEntries(rules.filter((rule) => rule.fields.some(([name]) => name === 'severity')).map((rule) => [rule.fields.find(([name]) => name === 'severity')![1].source.replace(/[\^$]/g, ''), rule.level]));
    expect(levels).toEqual({ low: 5, medium: 8, high: 11, critical: 13 });
    expect((xml.match(/<group[ >]/g) ?? []).length).toBe((xml.match(/<\/group>/g) ?? []).length);
  });

  it('passes its own ruleset tests', () => {
    const tests = read('sentinelle_rules_test.ini').split(/\n(?=\[)/).filter((block) => block.startsWith('['));
    expect(tests.length).toBeGreaterThanOrEqual(5);
    for (const block of tests) {
      const log = /^log 1 pass = (.+)$/m.exec(block)![1]!;
      const event = WazuhEvent.parse(JSON.parse(log));
      const fired = evaluate(rules, event as unknown as Record<string, unknown>);
      expect(fired?.id, block.split('\n')[0]).toBe(Number(/^rule = (\d+)$/m.exec(block)![1]));
      expect(fired?.level).toBe(Number(/^alert = (\d+)$/m.exec(block)![1]));
      expect(/^decoder = (\w+)$/m.exec(block)![1]).toBe('json');
    }
  });

  it('has an agent snippet that reads JSON, and dashboard objects by installation, severity and week', () => {
    expect(read('localfile.xml')).toMatch(/<localfile>\s*<log_format>json<\/log_format>\s*<location>[^<]+<\/location>\s*<\/localfile>/);
    const objects = read('dashboard.ndjson').trim().split('\n').map((line) => JSON.parse(line) as { type: string; id: string; attributes: { visState?: string; title: string }; references: { id: string }[] });
    const ids = new Set(objects.map((object) => object.id));
    const dashboard = objects.find((object) => object.type === 'dashboard')!;
    for (const reference of dashboard.references) expect(ids.has(reference.id)).toBe(true);
    const fields = objects.flatMap((object) => (object.attributes.visState ? (JSON.parse(object.attributes.visState) as { aggs: { params: { field?: string } }[] }).aggs.map((agg) => agg.params.field) : []));
    expect(fields).toEqual(expect.arrayContaining(['data.installation', 'data.severity', 'timestamp']));
  });
});
