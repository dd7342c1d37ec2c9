// Human-readable text for the CLI: the custody chain's state, case tables, and findings under the case's
// summary (its safety notes said once there; each verdict with its reasons).
import { caseSafety, ownSafety } from '../../src-shared/advice.js';
import type { Case, ChainReport, Finding, LocalizedText } from '../../src-shared/model.js';
import { summarizeCase, verdictOf } from '../../src-shared/verdicts.js';
import type { App } from '../app.js';

export function describeChain(report: ChainReport): string {
  if (report.intact) return `intact (${report.entries} entries verified)`;
  const broken = report.brokenAt!;
  return `BROKEN at entry #${broken.seq} (${broken.action}, recorded ${broken.recordedAt}): ${broken.reason.replace(/-/g, ' ')}`;
}

function day(iso: string | null): string {
  return iso === null ? '' : iso.slice(0, 10);
}

export function caseTable(cases: readonly Case[]): string {
  if (cases.length === 0) return 'No cases.';
  const rows = [
    ['ID', 'PSEUDONYM', 'STATUS', 'CREATED', 'CLOSED', 'PURGED AFTER', 'LABEL'],
    ...cases.map((c) => [c.id, c.pseudonym, c.status, day(c.createdAt), day(c.closedAt), day(c.purgeAfter), c.label]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')).join('\n');
}

export function caseLine(c: Case): string {
  return `${c.id}  ${c.pseudonym}  ${c.status}${c.purgeAfter ? ` (purged after ${day(c.purgeAfter)})` : ''}${c.label ? `  ${c.label}` : ''}`;
}

const INDENT = ' '.repeat(9);

/** What the review of a finding with her says, when there is one. */
const REVIEWED: Record<Finding['reviewStatus'], string | null> = { new: null, confirmed: 'reviewed with her: she did not set this up', dismissed: 'reviewed with her: she knows it' };

function describeFinding(finding: Finding, said: readonly LocalizedText[]): string {
  const product = finding.product ? ` [${finding.product.name}]` : '';
  const verdict = verdictOf(finding);
  // A verdict on an app lists each of its reasons on its own line, strongest first, then what holds for all of them.
  const why =
    verdict && verdict.reasons.length > 1
      ? [
          `${INDENT}Reasons (${verdict.reasons.length}):`,
          ...verdict.reasons.map((reason) => `${INDENT}  ${reason.severity.toUpperCase().padEnd(8)} ${reason.title.en}: ${reason.explanation.en}`),
          ...verdict.notes.map((note) => `${INDENT}${note.en}`),
        ]
      : [`${INDENT}${finding.explanation.en}`];
  const reviewed = REVIEWED[finding.reviewStatus];
  return [
    `${finding.severity.toUpperCase().padEnd(8)} ${finding.title.en}${product}`,
    ...why,
    `         Rule: ${finding.ruleId} (${finding.ruleVersion}); evidence: ${finding.observationIds.length} observation(s), ${finding.artifactSha256s.length} artifact(s)${reviewed ? `; ${reviewed}` : ''}`,
    ...ownSafety(finding, said).map((note) => `         Safety: ${note.en}`),
  ].join('\n');
}

/** A case's findings under its summary, most severe first, or the reminder that none does not prove a device clean. */
export function findingsText(findings: readonly Finding[], created: number): string {
  if (findings.length === 0) return 'No findings. (No finding does not prove that a device is clean: some surveillance leaves no trace that Sentinelle can see.)';
  const summary = summarizeCase(findings);
  // The safety notes for the whole case are said once, under the summary.
  const said = caseSafety(summary.verdict);
  return [
    `In short: ${summary.headline.en}`,
    `         ${summary.certainty.en}`,
    ...said.map((note) => `         Safety: ${note.en}`),
    '',
    `${findings.length} finding(s) (${created} new):`,
    '',
    ...findings.map((finding) => describeFinding(finding, said)),
  ].join('\n');
}

/** The guided checks the scans suggest going through with her, each with why (their steps are on the screens). */
export function checksText(checks: readonly { title: LocalizedText; because: LocalizedText }[]): string {
  return checks.length > 0 ? `\n\nTo go through with her — what no scan can see (${checks.length}):\n${checks.map((check) => `  - ${check.title.en}: ${check.because.en}`).join('\n')}` : '';
}

/** What a scan could not read, as a list after its summary; nothing when it read everything. */
export function notesText(notes: readonly string[]): string {
  return notes.length > 0 ? `\n\nNot read (${notes.length}):\n${notes.map((line) => `  - ${line}`).join('\n')}` : '';
}

/** A path as one shell word: quoted when it holds spaces or shell characters (the same in sh and cmd for ordinary paths). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(word) ? word : `"${word.replace(/"/g, '\\"')}"`;
}

/** The command someone with a terminal runs to check a bundle: with their secret key file, or the passphrase, and this installation's fingerprint. */
export function verifyCommand(bundle: { path: string | null; recipients: readonly string[]; installationFingerprint: string }, identityFile: string): string {
  const opening = bundle.recipients.length > 0 ? `--identity ${shellWord(identityFile)}` : '--passphrase';
  return `sentinelle verify ${shellWord(bundle.path ?? 'BUNDLE.sntl')} ${opening} --signer ${bundle.installationFingerprint}`;
}

/** A scan's answer with the case's findings beside it: the API answers with counts and the summary, the command line asks for what it prints. */
export async function withFindings<T extends { scan: { caseId: string } }>(app: App, outcome: T): Promise<T & { findings: Finding[] }> {
  return { ...outcome, findings: await app.call('findings.list', { caseId: outcome.scan.caseId }) };
}

