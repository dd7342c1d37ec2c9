// `sentinelle rules list|add|update|delete|enable|disable`: the custom alert rules of a shelter network,
// written as JSON or YAML files (see README: "Custom rules").
import path from 'node:path';
import type { CustomRuleDefinition } from '../../../src-shared/rules.js';
import type { Command } from '../command.js';
import { CliUsageError } from '../errors.js';
import { readInputFile } from '../files.js';
import { parse as parseYaml } from 'yaml';

function ruleFile(file: string | undefined): CustomRuleDefinition {
  if (!file) throw new CliUsageError('Which rule file? Give the path of a JSON or YAML file.');
  const text = readInputFile(file, 1024 * 1024).toString('utf8');
  try {
    // The API validates the definition; here it only has to be parsed.
    return (/\.ya?ml$/i.test(path.extname(file)) ? parseYaml(text, { maxAliasCount: 10 }) : JSON.parse(text)) as CustomRuleDefinition;
  } catch (error) {
    throw new CliUsageError(`${file} is not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(error as Error).message}`);
  }
}

function ruleId(positionals: string[]): string {
  const id = positionals[0];
  if (!id) throw new CliUsageError('Which rule? Give its id (see `sentinelle rules list`).');
  return id;
}

const describe = (rule: { id: string; version: number; definition: CustomRuleDefinition }) =>
  `${rule.id}  v${rule.version}  ${rule.definition.enabled ? 'enabled ' : 'disabled'}  ${rule.definition.severity.padEnd(8)} ${rule.definition.name}`;

export const rulesList: Command = {
  words: ['rules', 'list'],
  summary: 'list the custom rules',
  usage: 'rules list [--json]',
  options: {},
  unlocks: true,
  async run({ app, print }) {
    const rules = await app.call('rules.list', {});
    print(rules.length === 0 ? 'No custom rules.' : rules.map(describe).join('\n'), rules);
  },
};

export const rulesAdd: Command = {
  words: ['rules', 'add'],
  summary: 'add a custom rule from a JSON or YAML file',
  usage: 'rules add FILE [--json]',
  options: {},
  unlocks: true,
  async run({ app, positionals, print }) {
    const rule = await app.call('rules.create', { definition: ruleFile(positionals[0]) });
    print(`Added: ${describe(rule)}`, rule);
  },
};

export const rulesUpdate: Command = {
  words: ['rules', 'update'],
  summary: 'replace a custom rule with the one in a file',
  usage: 'rules update ID FILE [--json]',
  options: {},
  unlocks: true,
  async run({ app, positionals, print }) {
    const rule = await app.call('rules.update', { ruleId: ruleId(positionals), definition: ruleFile(positionals[1]) });
    print(`Updated: ${describe(rule)}`, rule);
  },
};

export const rulesDelete: Command = {
  words: ['rules', 'delete'],
  summary: 'delete a custom rule',
  usage: 'rules delete ID [--json]',
  options: {},
  unlocks: true,
  async run({ app, positionals, print }) {
    const id = ruleId(positionals);
    await app.call('rules.delete', { ruleId: id });
    print(`Deleted rule ${id}.`, { deleted: id });
  },
};

function toggle(enabled: boolean): Command {
  return {
    words: ['rules', enabled ? 'enable' : 'disable'],
    summary: `${enabled ? 'enable' : 'disable'} a custom rule`,
    usage: `rules ${enabled ? 'enable' : 'disable'} ID [--json]`,
    options: {},
    unlocks: true,
    async run({ app, positionals, print }) {
      const rule = await app.call('rules.setEnabled', { ruleId: ruleId(positionals), enabled });
      print(describe(rule), rule);
    },
  };
}

export const rulesEnable = toggle(true);
export const rulesDisable = toggle(false);

/** This file's commands, in the order `sentinelle help` lists them. */
export const commands: readonly Command[] = [rulesList, rulesAdd, rulesUpdate, rulesDelete, rulesEnable, rulesDisable];
