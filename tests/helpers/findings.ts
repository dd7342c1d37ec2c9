// What tests read from findings: every rule behind them — a verdict's reasons, or a finding's own rule.
import type { Finding } from '../../src-shared/model.js';
import { verdictOf } from '../../src-shared/verdicts.js';

export function ruleIdsOf(findings: readonly Pick<Finding, 'ruleId' | 'details'>[]): string[] {
  return findings.flatMap((finding) => verdictOf(finding)?.reasons.map((reason) => reason.ruleId) ?? [finding.ruleId]);
}
