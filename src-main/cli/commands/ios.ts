// `sentinelle backups`, `sentinelle scan ios-backup --case ID --backup DIR` and
// `sentinelle scan ios --case ID [--udid U]`: the iPhone backups on this computer, the scan of one backup
// (its password, when encrypted, from SENTINELLE_BACKUP_PASSWORD or standard input — asked once: the vault
// keeps the derived key), and the scan of a connected iPhone through a fresh backup.
import path from 'node:path';
import type { BackupSummary } from '../../../src-shared/acquisition.js';
import type { Command } from '../command.js';
import { caseOption, stringOption } from '../command.js';
import { CliUsageError } from '../errors.js';
import { findingsText, notesText, withFindings } from '../format.js';
import { BACKUP_PASSWORD } from '../secrets.js';
import { scanSummary, withProgress } from './android.js';

function backupLine(backup: BackupSummary): string {
  const what = [backup.deviceName ?? 'iPhone', backup.productType, backup.iosVersion ? `iOS ${backup.iosVersion}` : null, backup.lastBackup?.slice(0, 16).replace('T', ' '), backup.encrypted === null ? null : backup.encrypted ? 'encrypted' : 'not encrypted']
    .filter(Boolean)
    .join(', ');
  return `${backup.path}\n    ${backup.problem ? `cannot be used: ${backup.problem}` : what}`;
}

export const backups: Command = {
  words: ['backups'],
  summary: 'list the iPhone backups on this computer (no vault needed)',
  usage: 'backups [--folder DIR]... [--json]',
  options: { folder: { type: 'string', multiple: true } },
  unlocks: false,
  async run({ app, values, print }) {
    const folders = (Array.isArray(values.folder) ? values.folder : []).filter((folder): folder is string => typeof folder === 'string').map((folder) => path.resolve(folder));
    const list = await app.call('backups.list', { folders });
    print(list.length === 0 ? 'No iPhone backup found. Give a folder with --folder DIR, or make one: `sentinelle scan ios --case ID`.' : list.map(backupLine).join('\n'), list);
  },
};

function backupOption(values: Record<string, unknown>): string {
  const dir = typeof values.backup === 'string' ? values.backup : undefined;
  if (!dir) throw new CliUsageError('Which backup? Give its folder, e.g. `--backup ~/Library/Application\\ Support/MobileSync/Backup/00008101-…` (see `sentinelle backups`).');
  return path.resolve(dir);
}

export const scanIosBackup: Command = {
  words: ['scan', 'ios-backup'],
  summary: 'scan an iPhone backup folder into a case (password of an encrypted one from SENTINELLE_BACKUP_PASSWORD or stdin)',
  usage: 'scan ios-backup --case ID --backup DIR [--forget-key] [--json]   (--forget-key: do not keep the derived key, and forget one kept before)',
  options: { case: { type: 'string' }, backup: { type: 'string' }, 'forget-key': { type: 'boolean', default: false } },
  unlocks: true,
  // Only an encrypted backup needs its password (and not even then, once the vault knows its key).
  secrets: async (app, values) => {
    const dir = backupOption(values);
    const described = (await app.call('backups.list', { folders: [dir] })).find((backup) => backup.path === dir);
    return described?.encrypted ? [BACKUP_PASSWORD] : [];
  },
  async run({ app, values, secrets, print, note }) {
    const caseId = caseOption(values);
    const dir = backupOption(values);
    const outcome = await withProgress(app, note, () =>
      app.call('scans.iosBackup', { caseId, path: dir, rememberKey: values['forget-key'] !== true, ...(secrets.backupPassword ? { password: secrets.backupPassword } : {}) }),
    );
    const shown = await withFindings(app, outcome);
    print(`${scanSummary(outcome.scan, outcome.observations, false)}${notesText(outcome.notes)}\n\n${findingsText(shown.findings, outcome.detection.created)}`, shown);
  },
};

export const scanIos: Command = {
  words: ['scan', 'ios'],
  summary: 'scan a connected iPhone (its facts and apps, then a fresh backup; SENTINELLE_BACKUP_PASSWORD if it encrypts backups)',
  usage: 'scan ios --case ID [--udid U] [--json]',
  options: { case: { type: 'string' }, udid: { type: 'string' } },
  unlocks: true,
  // Whether the iPhone encrypts its backups is known only once it is read: the password, when needed,
  // comes from the environment (standard input stays free for the vault passphrase).
  async run({ app, values, env, print, note }) {
    const udid = stringOption(values, 'udid');
    const password = env.SENTINELLE_BACKUP_PASSWORD;
    const outcome = await withProgress(app, note, () => app.call('scans.ios', { caseId: caseOption(values), ...(udid ? { udid } : {}), ...(password ? { password } : {}) }));
    const shown = await withFindings(app, outcome);
    print(`${scanSummary(outcome.scan, outcome.observations, false)}\n${outcome.notes.join('\n')}\n\n${findingsText(shown.findings, outcome.detection.created)}`, shown);
  },
};

/** This file's commands, in the order `sentinelle help` lists them. */
export const commands: readonly Command[] = [backups, scanIosBackup, scanIos];
