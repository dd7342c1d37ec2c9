// `sentinelle case create|list|close|reopen` and `sentinelle purge`.
import type { Command } from '../command.js';
import { caseOption, stringOption } from '../command.js';
import { CliUsageError } from '../errors.js';
import { caseLine, caseTable } from '../format.js';

export const caseCreate: Command = {
  words: ['case', 'create'],
  summary: 'open a new case (a pseudonym is chosen if none is given)',
  usage: 'case create [--label TEXT] [--pseudonym NAME] [--json]',
  options: { label: { type: 'string' }, pseudonym: { type: 'string' } },
  unlocks: true,
  async run({ app, values, print }) {
    const pseudonym = stringOption(values, 'pseudonym');
    const created = await app.call('cases.create', { label: stringOption(values, 'label') ?? '', ...(pseudonym ? { pseudonym } : {}) });
    print(`Case created: ${caseLine(created)}`, created);
  },
};

export const caseList: Command = {
  words: ['case', 'list'],
  summary: 'list cases',
  usage: 'case list [--status open|closed|all] [--json]',
  options: { status: { type: 'string', default: 'all' } },
  unlocks: true,
  async run({ app, values, print }) {
    const status = stringOption(values, 'status');
    if (status !== 'open' && status !== 'closed' && status !== 'all') throw new CliUsageError('--status is open, closed or all.');
    const cases = await app.call('cases.list', { status });
    print(caseTable(cases), cases);
  },
};

/** `case close` and `case reopen`: the same shape, one status change each. */
function statusChange(verb: 'close' | 'reopen', summary: string): Command {
  return {
    words: ['case', verb],
    summary,
    usage: `case ${verb} --case ID [--json]`,
    options: { case: { type: 'string' } },
    unlocks: true,
    async run({ app, values, positionals, print }) {
      const caseId = caseOption(values, positionals);
      const changed = await app.call(verb === 'close' ? 'cases.close' : 'cases.reopen', { caseId });
      print(`Case ${verb === 'close' ? 'closed' : 'reopened'}: ${caseLine(changed)}`, changed);
    },
  };
}

export const caseClose = statusChange('close', 'close a case; it is purged when the retention period has passed');
export const caseReopen = statusChange('reopen', 'reopen a closed case (stops its purge countdown)');

export const purge: Command = {
  words: ['purge'],
  summary: 'purge closed cases whose retention period has passed (unlocking also does this)',
  usage: 'purge [--json]',
  options: {},
  unlocks: true,
  async run({ app, print, unlocked }) {
    const explicit = await app.call('retention.purge', {});
    const result = { ...explicit, purgedCases: [...(unlocked?.purgedCases ?? []), ...explicit.purgedCases] };
    const settings = await app.call('settings.get', {});
    print(
      result.heldBecauseCustodyBroken
        ? 'Nothing was purged: the custody log is broken, so the vault is kept exactly as it is. Run `sentinelle vault check`.'
        : result.purgedCases.length === 0
        ? `No closed case is older than the retention period (${settings.retentionDays} days).`
        : `Purged ${result.purgedCases.length} case(s): ${result.purgedCases.join(', ')}; ${result.artifactsRemoved} artifact(s) removed.`,
      { ...result, retentionDays: settings.retentionDays },
    );
  },
};

/** This file's commands, in the order `sentinelle help` lists them. */
export const commands: readonly Command[] = [caseCreate, caseList, caseClose, caseReopen, purge];
