// `sentinelle scan host --case ID`: examines the computer Sentinelle runs on — running programs with their
// fingerprints, and what starts automatically — into a case, then prints the findings.
import type { Command } from '../command.js';
import { caseOption } from '../command.js';
import { findingsText, withFindings } from '../format.js';
import { scanSummary, withProgress } from './android.js';

export const scanHost: Command = {
  words: ['scan', 'host'],
  summary: 'scan this computer: running programs and their fingerprints, services and startup entries',
  usage: 'scan host --case ID [--json]',
  options: { case: { type: 'string' } },
  unlocks: true,
  async run({ app, values, print, note }) {
    const info = await app.call('host.info', {});
    note(info.guidance.en);
    const outcome = await withProgress(app, note, () => app.call('scans.host', { caseId: caseOption(values) }));
    const notes = outcome.notes.length > 0 ? `\n${outcome.notes.join('\n')}` : '';
    const shown = await withFindings(app, outcome);
    print(`${scanSummary(outcome.scan, outcome.observations, false)}${notes}\n\n${findingsText(shown.findings, outcome.detection.created)}`, shown);
  },
};

/** This file's commands, in the order `sentinelle help` lists them. */
export const commands: readonly Command[] = [scanHost];
