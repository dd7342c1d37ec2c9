// The events sent to a Wazuh server: a verdict when it is recorded and when a later scan no longer shows it
// (rule, the rules of its reasons, product, category, severity, kind of device), a sealed bundle's hash, and
// the installation's status (how old its signatures are) — under pseudonyms keyed by a secret that never
// leaves the vault, so a case cannot be linked to a person from the server. Never names, phone numbers,
// messages or artifacts; a field with no value is left out, never null (src-shared/forwarding.ts).
import { createHmac, randomUUID } from 'node:crypto';
import { WAZUH_EVENT_SCHEMA, WazuhEvent } from '../../src-shared/forwarding.js';
import type { Finding, Platform, Severity } from '../../src-shared/model.js';
import { verdictOf } from '../../src-shared/verdicts.js';
import { signatureAgeDays } from '../signatures/signature-age.js';
import type { OpenVault } from '../vault/vault.js';

export function pseudonym(key: Buffer, kind: 'inst' | 'case', value: string): string {
  return `${kind}-${createHmac('sha256', key).update(`${kind}:${value}`).digest('hex').slice(0, 16)}`;
}

/** The platform of the device a finding was made on: its scan's, or that of the scan of its first observation. */
function platformOf(vault: OpenVault, finding: Finding): Platform | null {
  const scanId = finding.scanId ?? vault.observations.getMany(finding.observationIds.slice(0, 1))[0]?.scanId ?? null;
  const scan = scanId ? vault.scans.get(scanId) : null;
  return scan?.deviceId ? (vault.devices.get(scan.deviceId)?.platform ?? null) : null;
}

/** Where an event's id comes from: a fresh random UUID, or (the network demo) a seeded one. */
export type EventIds = () => string;

/** What every event carries: the schema, a fresh id, the installation's pseudonym, the time and the signature version. */
function baseEvent(key: Buffer, signatureVersion: string, time: string, ids: EventIds) {
  return { schema: WAZUH_EVENT_SCHEMA, eventId: ids(), installation: pseudonym(key, 'inst', 'installation'), time, signatureVersion };
}

/** What an event says of a verdict: never its texts, its evidence or the app's name, only rules and labels. */
export interface VerdictFacts {
  findingId: string;
  caseId: string;
  ruleId: string;
  /** The rule of each of its reasons, strongest first. */
  reasons: string[];
  severity: Severity;
  category: string;
  product: string | null;
  /** The kind of device; null for an import of unknown origin. */
  platform: Platform | null;
}

/**
 * A verdict as an event: `finding` when it is recorded, `retired` when a later scan of the case no longer
 * shows it. `key`: the vault's pseudonym key (ForwardingRepository.pseudonymKey).
 */
export function verdictEvent(vault: OpenVault, key: Buffer, finding: Finding, signatureVersion: string, type: 'finding' | 'retired', time: string): WazuhEvent {
  const facts: VerdictFacts = {
    findingId: finding.id,
    caseId: finding.caseId,
    ruleId: finding.ruleId,
    reasons: verdictOf(finding)?.reasons.map((reason) => reason.ruleId) ?? [finding.ruleId],
    severity: finding.severity,
    category: finding.category,
    product: finding.product?.name ?? null,
    platform: platformOf(vault, finding),
  };
  return verdictEventOf(key, facts, signatureVersion, type, time);
}

/** The event of a verdict's facts (the app's findings, or the network demo's). */
export function verdictEventOf(key: Buffer, facts: VerdictFacts, signatureVersion: string, type: 'finding' | 'retired', time: string, ids: EventIds = randomUUID): WazuhEvent {
  return WazuhEvent.parse({
    ...baseEvent(key, signatureVersion, time, ids),
    type,
    case: pseudonym(key, 'case', facts.caseId),
    findingId: facts.findingId,
    ruleId: facts.ruleId,
    reasons: facts.reasons.slice(0, 50),
    severity: facts.severity,
    category: facts.category,
    ...(facts.product ? { product: facts.product } : {}),
    ...(facts.platform ? { platform: facts.platform } : {}),
  });
}

export function bundleEvent(key: Buffer, caseId: string, bundleSha256: string, signatureVersion: string, time: string, ids: EventIds = randomUUID): WazuhEvent {
  return WazuhEvent.parse({ ...baseEvent(key, signatureVersion, time, ids), type: 'bundle', case: pseudonym(key, 'case', caseId), bundleSha256 });
}

/** The installation's status: how old its signatures are (left out when their version names no date). */
export function statusEvent(key: Buffer, signatureVersion: string, time: string, ids: EventIds = randomUUID): WazuhEvent {
  const age = signatureAgeDays(signatureVersion, new Date(time));
  return WazuhEvent.parse({ ...baseEvent(key, signatureVersion, time, ids), type: 'status', ...(age === null ? {} : { signatureAgeDays: age }) });
}
