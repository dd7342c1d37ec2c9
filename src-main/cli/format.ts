// Human-readable text for the CLI: the custody chain's state, case tables and findings.
import type { Case, ChainReport, Finding } from '../../src-shared/model.js';

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

function describeFinding(finding: Finding): string {
  const product = finding.product ? ` [${finding.product.name}]` : '';
  return [
    `${finding.severity.toUpperCase().padEnd(8)} ${finding.title.en}${product}`,
    `         ${finding.explanation.en}`,
    `         Rule: ${finding.ruleId} (${finding.ruleVersion}); evidence: ${finding.observationIds.length} observation(s), ${finding.artifactSha256s.length} artifact(s); review: ${finding.reviewStatus}`,
    ...finding.safety.slice(0, 1).map((note) => `         Safety: ${note.en}`),
  ].join('\n');
}

/** A case's findings, most severe first, or the reminder that none does not prove a device clean. */
export function findingsText(findings: readonly Finding[], created: number): string {
  return findings.length === 0
    ? 'No findings. (No finding does not prove that a device is clean: some surveillance leaves no trace that Sentinelle can see.)'
    : [`${findings.length} finding(s) (${created} new):`, '', ...findings.map(describeFinding)].join('\n');
}

/** What a scan could not read, as a list after its summary; nothing when it read everything. */
export function notesText(notes: readonly string[]): string {
  return notes.length > 0 ? `\n\nNot read (${notes.length}):\n${notes.map((line) => `  - ${line}`).join('\n')}` : '';
}
