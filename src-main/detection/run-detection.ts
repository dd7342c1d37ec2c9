// Runs detection over a case's observations and records the findings in the vault, where running it
// again updates the same findings (keeping their review) instead of adding duplicates; each app's reasons
// are one verdict per device. A partial run (a
// scan still reading) adds and updates findings but retires none.
import type { RecordOutcome } from '../vault/repositories/findings.js';
import type { OpenVault } from '../vault/vault.js';
import { detect, type SignatureMatcher } from './engine.js';

export function runDetection(vault: OpenVault, matcher: SignatureMatcher, caseId: string, options: { partial?: boolean } = {}): RecordOutcome {
  vault.cases.get(caseId);
  const devices = new Map(vault.scans.listByCase(caseId).map((scan) => [scan.id, scan.deviceId]));
  const findings = detect({
    caseId,
    scanId: null,
    observations: vault.observations.listForDetection(caseId),
    matcher,
    rules: vault.rules.list(),
    deviceOf: (scanId) => (scanId === null ? null : (devices.get(scanId) ?? null)),
  });
  return vault.findings.record(caseId, findings, options);
}
