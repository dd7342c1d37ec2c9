// What tests read from findings: every rule behind them — a verdict's reasons, or a finding's own rule; and a
// scan's answer with the case's findings asked for beside it (the API answers with counts and the summary).
import type { App } from '../../src-main/app.js';
import type { OperationInput, OperationName, OperationOutput } from '../../src-shared/api.js';
import type { Finding } from '../../src-shared/model.js';
import { verdictOf } from '../../src-shared/verdicts.js';

export function ruleIdsOf(findings: readonly Pick<Finding, 'ruleId' | 'details'>[]): string[] {
  return findings.flatMap((finding) => verdictOf(finding)?.reasons.map((reason) => reason.ruleId) ?? [finding.ruleId]);
}

/** The operations that answer with the case's findings at a glance (counts and the summary) rather than the findings. */
type LeanOperation = Extract<OperationName, 'scans.android' | 'scans.import' | 'scans.iosBackup' | 'scans.ios' | 'scans.host' | 'detection.run'>;

/**
 * Calls a scan (or a detection run) and, as a caller that needs them does, asks for the case's findings
 * afterwards: the answer with `findings` beside it.
 */
export async function callWithFindings<N extends LeanOperation>(app: Pick<App, 'call'>, name: N, input: OperationInput<N>): Promise<OperationOutput<N> & { findings: Finding[] }> {
  const answer = await app.call(name, input);
  const caseId = typeof answer === 'object' && answer !== null && 'scan' in answer ? (answer.scan as { caseId: string }).caseId : (input as { caseId: string }).caseId;
  return { ...answer, findings: await app.call('findings.list', { caseId }) };
}
