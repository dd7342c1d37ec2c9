// The events sent to a Wazuh server: what was found (rule, a verdict's reasons, product, category, severity), on which kind of
// device, when, with which signatures — under pseudonyms keyed by a secret that never leaves the vault, so
// a case cannot be linked to a person from the server. Never names, phone numbers, messages or artifacts.
import { createHmac, randomUUID } from 'node:crypto';
import { WAZUH_EVENT_SCHEMA, WazuhEvent } from '../../src-shared/forwarding.js';
import type { Finding } from '../../src-shared/model.js';
import { verdictOf } from '../../src-shared/verdicts.js';
import type { OpenVault } from '../vault/vault.js';

export function pseudonym(key: Buffer, kind: 'inst' | 'case', value: string): string {
  return `${kind}-${createHmac('sha256', key).update(`${kind}:${value}`).digest('hex').slice(0, 16)}`;
}

/** The platform of the device a finding was made on: its scan's, or that of the scan of its first observation. */
function platformOf(vault: OpenVault, finding: Finding): WazuhEvent['platform'] {
  const scanId = finding.scanId ?? vault.observations.getMany(finding.observationIds.slice(0, 1))[0]?.scanId ?? null;
  const scan = scanId ? vault.scans.get(scanId) : null;
  return scan?.deviceId ? (vault.devices.get(scan.deviceId)?.platform ?? null) : null;
}

/** What every event carries: the schema, a fresh id, the pseudonyms, the time and the signature version. */
function baseEvent(key: Buffer, caseId: string, signatureVersion: string, time: string) {
  return { schema: WAZUH_EVENT_SCHEMA, eventId: randomUUID(), installation: pseudonym(key, 'inst', 'installation'), case: pseudonym(key, 'case', caseId), time, signatureVersion };
}

/** `key`: the vault's pseudonym key (ForwardingRepository.pseudonymKey). */
export function findingEvent(vault: OpenVault, key: Buffer, finding: Finding, signatureVersion: string): WazuhEvent {
  return WazuhEvent.parse({
    ...baseEvent(key, finding.caseId, signatureVersion, finding.createdAt),
    type: 'finding',
    platform: platformOf(vault, finding),
    findingId: finding.id,
    ruleId: finding.ruleId,
    reasons: (verdictOf(finding)?.reasons.map((reason) => reason.ruleId) ?? [finding.ruleId]).slice(0, 50),
    product: finding.product?.name ?? null,
    category: finding.category,
    severity: finding.severity,
    bundleSha256: null,
  });
}

export function bundleEvent(key: Buffer, caseId: string, bundleSha256: string, signatureVersion: string, time: string): WazuhEvent {
  return WazuhEvent.parse({ ...baseEvent(key, caseId, signatureVersion, time), type: 'bundle', platform: null, findingId: null, ruleId: null, product: null, category: null, severity: null, bundleSha256 });
}
