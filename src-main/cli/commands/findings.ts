// `sentinelle findings --case ID` (runs detection with the current signatures and rules, then lists the
// findings, most severe first, each with its product when known) and `sentinelle observations --case ID`
// (the technical evidence, for experts).
import type { Observation } from '../../../src-shared/model.js';
import type { Command } from '../command.js';
import { caseOption, stringOption } from '../command.js';
import { CliUsageError } from '../errors.js';
import { findingsText } from '../format.js';

export const findings: Command = {
  words: ['findings'],
  summary: 'run detection on a case and list its findings, most severe first',
  usage: 'findings --case ID [--json]',
  options: { case: { type: 'string' } },
  unlocks: true,
  async run({ app, values, print }) {
    const result = await app.call('detection.run', { caseId: caseOption(values) });
    // The run answers with counts and the summary; what is printed is asked for.
    const findings = await app.call('findings.list', { caseId: caseOption(values) });
    print(findingsText(findings, result.created), findings);
  },
};

function describeObservation(observation: Observation): string {
  return `#${observation.id}  ${observation.kind.padEnd(30)} ${observation.subject}  ${JSON.stringify(observation.data).slice(0, 160)}`;
}

export const observations: Command = {
  words: ['observations'],
  summary: 'list the observations of a case (the technical evidence behind findings)',
  usage: 'observations --case ID [--kind KIND] [--limit N] [--json]',
  options: { case: { type: 'string' }, kind: { type: 'string' }, limit: { type: 'string', default: '1000' } },
  unlocks: true,
  async run({ app, values, print }) {
    const limit = Number(stringOption(values, 'limit'));
    if (!Number.isInteger(limit) || limit < 1) throw new CliUsageError('--limit is a positive number.');
    const kind = stringOption(values, 'kind');
    const list = await app.call('observations.list', { caseId: caseOption(values), limit, ...(kind ? { kind } : {}) });
    print(list.length === 0 ? 'No observations.' : list.map(describeObservation).join('\n'), list);
  },
};

/** This file's commands, in the order `sentinelle help` lists them. */
export const commands: readonly Command[] = [findings, observations];
