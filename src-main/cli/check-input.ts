// One acquisition into a new case of the open vault, for a lab that checks many (`sentinelle check`) or one
// (`scan import --new-case`): what it is is told from what it holds — an iPhone backup (Manifest.db), a
// recording of a live scan (recording.json, replayed by the simulated phone), or an androidqf folder or zip
// or a bugreport zip (the import tells them apart) — and the answer is the case, its verdict and summary,
// never the findings themselves (the case holds them: `sentinelle findings --case ID`).
import fs from 'node:fs';
import path from 'node:path';
import { SentinelleError } from '../../src-shared/errors.js';
import type { CaseSummary } from '../../src-shared/verdicts.js';
import type { Severity } from '../../src-shared/model.js';
import type { App } from '../app.js';

export type InputKind = 'ios-backup' | 'recording' | 'android-import';

export interface CheckedInput {
  input: string;
  kind: InputKind;
  caseId: string;
  pseudonym: string;
  scanId: string;
  /** How the scan ended: completed, or interrupted with what was read kept. */
  status: string;
  verdict: CaseSummary['verdict'];
  headline: string;
  certainty: string;
  /** Current findings by severity. */
  counts: Record<Severity, number>;
  /** What shows strong signs, and what to ask her about, by name. */
  stalkerware: string[];
  askHer: string[];
  observations: number;
  notes: string[];
}

/** What the input is, from what it holds. */
export function inputKind(input: string): InputKind {
  const stat = fs.statSync(input, { throwIfNoEntry: false });
  if (stat?.isDirectory()) {
    if (fs.existsSync(path.join(input, 'Manifest.db'))) return 'ios-backup';
    if (fs.existsSync(path.join(input, 'recording.json'))) return 'recording';
  }
  return 'android-import';
}

/** Scans one acquisition into a new case labelled `label`; a typed error when it cannot be read (the case stays, with its failed scan). */
export async function checkInput(app: App, given: string, options: { label?: string; backupPassword?: string }): Promise<CheckedInput> {
  const input = path.resolve(given);
  // Nothing there: no case is made for it.
  if (!fs.existsSync(input)) throw new SentinelleError('import.unreadable', `${given} does not exist: give the acquisition's folder or zip file.`);
  const kind = inputKind(input);
  const created = await app.call('cases.create', { label: (options.label ?? path.basename(input)).slice(0, 200) });
  const outcome = await scanInto(app, created.id, input, kind, options.backupPassword);
  const overview = await app.call('findings.overview', { caseId: created.id });
  return {
    input,
    kind,
    caseId: created.id,
    pseudonym: created.pseudonym,
    scanId: outcome.scan.id,
    status: outcome.scan.status,
    verdict: overview.summary.verdict,
    headline: overview.summary.headline.en,
    certainty: overview.summary.certainty.en,
    counts: { critical: overview.bySeverity.critical ?? 0, high: overview.bySeverity.high ?? 0, medium: overview.bySeverity.medium ?? 0, low: overview.bySeverity.low ?? 0 },
    stalkerware: overview.summary.stalkerware.map((item) => item.name),
    askHer: overview.summary.askHer.map((item) => item.name),
    observations: outcome.observations,
    notes: 'notes' in outcome ? outcome.notes : [],
  };
}

async function scanInto(app: App, caseId: string, input: string, kind: InputKind, backupPassword: string | undefined) {
  if (kind === 'ios-backup') return app.call('scans.iosBackup', { caseId, path: input, ...(backupPassword ? { password: backupPassword } : {}) });
  if (kind === 'android-import') return app.call('scans.import', { caseId, path: input });
  // A recording is replayed by the simulated phone, and scanned as the phone was.
  const phone = await app.call('demo.start', { replay: input });
  try {
    return await app.call('scans.android', { caseId, serial: phone.serial });
  } finally {
    await app.call('demo.stop', {}).catch(() => undefined);
  }
}

/** The checked input for a person: its case, verdict and counts. */
export function checkedText(checked: CheckedInput): string {
  const counts = (['critical', 'high', 'medium', 'low'] as const).filter((severity) => checked.counts[severity] > 0).map((severity) => `${checked.counts[severity]} ${severity}`);
  return [
    `${checked.input}`,
    `  Case ${checked.caseId} (${checked.pseudonym}) — ${checked.kind}, scan ${checked.status}, ${checked.observations} observation(s)`,
    `  ${checked.headline}`,
    `  Findings: ${counts.length ? counts.join(', ') : 'none'}${checked.notes.length ? `\n  Notes: ${checked.notes.join(' ')}` : ''}`,
  ].join('\n');
}
