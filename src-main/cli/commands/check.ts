// `sentinelle check INPUT… [--case-label TEXT] [--json]`: for a lab that checks many acquisitions — androidqf
// folders or zips, bugreports, iPhone backups, recordings of live scans — each imported into its own new
// case of one vault, with one unlock and one load of the signatures for all of them. One result per input
// (one JSON document per line with --json): its case, how the scan ended, the verdict and the summary. Exits
// 3 when any input shows signs of stalkerware, 1 when one could not be read (the others are still checked).
import path from 'node:path';
import { SentinelleError } from '../../../src-shared/errors.js';
import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { CliUsageError, EXIT_CHECK_FAILED, EXIT_FAILED } from '../errors.js';
import { BACKUP_PASSWORD } from '../secrets.js';
import { checkedText, checkInput, inputKind } from '../check-input.js';

export const check: Command = {
  words: ['check'],
  summary: 'import each acquisition (androidqf folder or zip, bugreport, iPhone backup, recording) into its own new case, with one unlock; exit 3 when any shows signs of stalkerware',
  usage: 'check INPUT… [--case-label TEXT] [--json]   (an encrypted backup’s password from SENTINELLE_BACKUP_PASSWORD or stdin)',
  options: { 'case-label': { type: 'string' } },
  unlocks: true,
  // Asked once, and only when an input is an iPhone backup that is encrypted.
  secrets: async (app, _values, positionals) => {
    const folders = positionals.filter((input) => inputKind(path.resolve(input)) === 'ios-backup').map((input) => path.resolve(input));
    if (folders.length === 0) return [];
    const described = await app.call('backups.list', { folders });
    return described.some((backup) => backup.encrypted) ? [BACKUP_PASSWORD] : [];
  },
  async run({ app, values, positionals, secrets, json, printRecord, note }) {
    if (positionals.length === 0) throw new CliUsageError('Give the acquisitions to check, e.g. `check ./androidqf_2026-11-20 ./bugreport.zip ./iphone-backup`.');
    const label = stringOption(values, 'case-label');
    let worst = 0;
    for (const input of positionals) {
      try {
        const checked = await checkInput(app, input, { ...(label ? { label } : {}), ...(secrets.backupPassword ? { backupPassword: secrets.backupPassword } : {}) });
        if (checked.verdict === 'stalkerware') worst = EXIT_CHECK_FAILED;
        printRecord(checkedText(checked), checked);
      } catch (error) {
        // One input that cannot be read does not stop the others.
        if (worst === 0) worst = EXIT_FAILED;
        const failure = error instanceof SentinelleError ? { code: error.code, message: error.message } : { code: 'internal', message: error instanceof Error ? error.message : String(error) };
        if (json) printRecord('', { input: path.resolve(input), kind: inputKind(path.resolve(input)), error: failure });
        else note(`${input}: ${failure.message}`);
      }
    }
    return worst;
  },
};

export const commands: readonly Command[] = [check];
