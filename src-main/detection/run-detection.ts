// Runs detection over a case's observations and records the findings in the vault, where running it
// again updates the same findings (keeping their review) instead of adding duplicates. A partial run (a
// scan still reading) adds and updates findings but retires none.
import type { RecordOutcome } from '../vault/repositories/findings.js';
import type { OpenVault } from '../vault/vault.js';
import { detect, type SignatureMatcher } from './engine.js';

export function runDetection(vault: OpenVault, matcher: SignatureMatcher, caseId: string, options: { partial?: boolean } = {}): RecordOutcome {
  vault.cases.get(caseId);
  const findings = detect({
    caseId,
    scanId: null,
    observations: vault.observations.listByCase(caseId),
    matcher,
    rules: vault.rules.list(),
  });
  return vault.findings.record(caseId, findings, options);
}
