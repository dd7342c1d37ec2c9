// `sentinelle devices`, `sentinelle scan android --case ID [--serial S]` and
// `sentinelle scan import --case ID PATH`: the phones connected (over USB, through a running adb server, or
// over TCP), a live read-only scan (progress on standard error, findings on standard output), and the import
// of an androidqf acquisition or a bugreport.
import path from 'node:path';
import { guidanceParts, PHONE_TRANSPORT_WORDS, type DeviceList, type ScanProgress } from '../../../src-shared/acquisition.js';
import type { Scan } from '../../../src-shared/model.js';
import type { App } from '../../app.js';
import type { Command } from '../command.js';
import { caseOption, stringOption } from '../command.js';
import { CliUsageError, EXIT_CHECK_FAILED } from '../errors.js';
import { checkedText, checkInput } from '../check-input.js';
import { checksText, findingsText, notesText, withFindings } from '../format.js';

/** A guidance text as the terminal shows it: its sentence, then its steps numbered and indented. */
function guidanceText(text: string, indent: string): string {
  const { sentence, steps } = guidanceParts(text);
  return [sentence, ...steps.map((step, i) => `${indent}${i + 1}. ${step}`)].join('\n');
}

export function devicesText(list: DeviceList): string {
  if (list.devices.length === 0) return `${list.guidance ? guidanceText(list.guidance.en, '  ') : 'No phone found.'}${list.technical ? `\n(technical: ${list.technical})` : ''}`;
  return list.devices
    .map((device) => `${(device.model ?? 'Android phone').padEnd(24)} ${device.serial.slice(0, 40).padEnd(24)} ${device.state.padEnd(14)} ${PHONE_TRANSPORT_WORDS[device.transport].en.padEnd(34)} ${guidanceText(device.guidance.en, '      ')}`)
    .join('\n');
}

/**
 * Prints each scan step on standard error while `work` runs. Ctrl+C stops the scan cleanly — what was read
 * is kept and the scan continues when it is run again; a second Ctrl+C leaves at once.
 */
export async function withProgress<T>(app: App, note: (text: string) => void, work: () => Promise<T>): Promise<T> {
  let last = '';
  let scanId: string | null = null;
  const onInterrupt = () => {
    note('Stopping the scan (Ctrl+C)… what was read is kept. Press Ctrl+C again to leave at once.');
    process.removeListener('SIGINT', onInterrupt);
    if (scanId) void app.call('scans.cancel', { scanId }).catch(() => undefined);
  };
  process.on('SIGINT', onInterrupt);
  const unsubscribe = app.subscribe((event, payload) => {
    if (event !== 'scan.progress') return;
    const progress = payload as ScanProgress;
    scanId = progress.scanId;
    // A step reporting how far it has gone is printed once, not at every file.
    const line = `[${progress.index}/${progress.total}] ${progress.label.en}`;
    if (line !== last) note(line);
    last = line;
  });
  try {
    return await work();
  } finally {
    unsubscribe();
    process.removeListener('SIGINT', onInterrupt);
  }
}

export function scanSummary(scan: Scan, observations: number, resumed: boolean): string {
  return `Scan ${scan.id} ${scan.status}${resumed ? ' (continued an interrupted scan of this phone)' : ''}: ${scan.completedSteps.length} step(s) stored, ${observations} observation(s).`;
}

export const devices: Command = {
  words: ['devices'],
  summary: 'list the phones connected, with what to do for each (no vault needed); --connect HOST:PORT reaches a phone in wireless debugging (its key is in the vault: the passphrase is asked)',
  usage: 'devices [--connect HOST:PORT] [--vault DIR] [--json]',
  options: { connect: { type: 'string' } },
  unlocks: false,
  // Reaching a phone directly uses this installation's key, kept in the vault.
  secrets: async (_app, values) => (typeof values.connect === 'string' ? [{ name: 'passphrase', env: 'SENTINELLE_PASSPHRASE', prompt: 'Passphrase' }] : []),
  async run({ app, print, values, secrets }) {
    const address = stringOption(values, 'connect');
    let connected: string | null = null;
    if (address !== undefined) {
      await app.call('vault.unlock', { passphrase: secrets.passphrase ?? '' });
      connected = (await app.call('devices.connect', { address })).serial;
    }
    const list = await app.call('devices.list', {});
    print(`${connected ? `Reached ${connected} over wireless debugging.\n` : ''}${devicesText(list)}`, connected ? { connected, ...list } : list);
  },
};

export const scanAndroid: Command = {
  words: ['scan', 'android'],
  summary: 'scan the connected Android phone (read-only) into a case; a rescan continues an interrupted one',
  usage: 'scan android --case ID [--serial S] [--json]',
  options: { case: { type: 'string' }, serial: { type: 'string' } },
  unlocks: true,
  async run({ app, values, print, note }) {
    const serial = stringOption(values, 'serial');
    const caseId = caseOption(values);
    const outcome = await withProgress(app, note, () => app.call('scans.android', { caseId, ...(serial ? { serial } : {}) }));
    const checks = await app.call('consultation.suggested', { caseId });
    const shown = await withFindings(app, outcome);
    print(`${scanSummary(outcome.scan, outcome.observations, outcome.resumed)}${notesText(outcome.notes)}\n\n${findingsText(shown.findings, outcome.detection.created)}${checksText(checks)}`, { ...shown, checks });
  },
};

export const scanImport: Command = {
  words: ['scan', 'import'],
  summary: 'import an androidqf acquisition (folder or zip) or an Android bugreport zip into a case, or into a new case (--new-case: as `check` does, exit 3 on signs of stalkerware)',
  usage: 'scan import (--case ID | --new-case [--case-label TEXT]) PATH [--json]',
  options: { case: { type: 'string' }, 'new-case': { type: 'boolean', default: false }, 'case-label': { type: 'string' } },
  unlocks: true,
  async run({ app, values, positionals, print }) {
    const given = positionals[0];
    if (!given || positionals.length > 1) throw new CliUsageError('Give one acquisition: a folder or a zip file, e.g. `scan import --case 7K3M-QP4X ./androidqf_2026-11-20`.');
    if (values['new-case'] === true) {
      if (stringOption(values, 'case')) throw new CliUsageError('Give --case ID (an existing case) or --new-case, not both.');
      const label = stringOption(values, 'case-label');
      const checked = await checkInput(app, given, label ? { label } : {});
      print(checkedText(checked), checked);
      return checked.verdict === 'stalkerware' ? EXIT_CHECK_FAILED : undefined;
    }
    const outcome = await app.call('scans.import', { caseId: caseOption(values), path: path.resolve(given) });
    const shown = await withFindings(app, outcome);
    print(
      `Imported ${outcome.format === 'androidqf' ? 'an androidqf acquisition' : 'an Android bugreport'} (${outcome.files.join(', ')}).\n${scanSummary(outcome.scan, outcome.observations, false)}\n\n${findingsText(shown.findings, outcome.detection.created)}`,
      shown,
    );
  },
};

export const scanExportRecording: Command = {
  words: ['scan', 'export-recording'],
  summary: 'write what a live Android scan read (each command’s output with its SHA-256) into a new folder, to replay the phone elsewhere',
  usage: 'scan export-recording --case ID --scan ID --out DIR [--json]',
  options: { case: { type: 'string' }, scan: { type: 'string' }, out: { type: 'string' } },
  unlocks: true,
  async run({ app, values, print, note }) {
    const scanId = stringOption(values, 'scan');
    const out = stringOption(values, 'out');
    if (!scanId || !out) throw new CliUsageError('Give the scan and a new folder, e.g. `scan export-recording --case 7K3M-QP4X --scan <scan id> --out ./phone-recording` (the scan’s id is printed when it ends: “Scan <id> completed…”).');
    note('A recording holds what was read from her phone: share it only with her consent, and only with whoever needs to reproduce a problem.');
    const exported = await app.call('scans.exportRecording', { caseId: caseOption(values), scanId, out: path.resolve(out) });
    print(`Recorded ${exported.commands} command output(s) and ${exported.files} file(s) in ${exported.dir} (recording.json SHA-256 ${exported.indexSha256}).\nReplay it with:  sentinelle demo --replay ${exported.dir}`, exported);
  },
};

/** This file's commands, in the order `sentinelle help` lists them. */
export const commands: readonly Command[] = [devices, scanAndroid, scanImport, scanExportRecording];
