// Writing an Android acquisition's results into the vault, the same way for a live scan and an import:
// the device it came from (found again by its serial number, or registered), its observations — replaced
// as a whole, in one transaction, so a scan analysed again never counts anything twice (those unchanged
// keep their ids), each record the phone made too long clipped or set aside on its own — and the collectors that read it, with their versions, for the report's method.
import type { OpenVault } from '../../vault/vault.js';
import type { AndroidAcquisition } from './acquisition.js';
import { ANDROID_COLLECTORS } from './collectors/index.js';
import { deviceFacts, observationsFromAcquisition } from './observations-from-acquisition.js';
import { isSamePhone, phoneIdentity } from './phone-identity.js';
import { fitNotes, fitObservations } from '../fit-observations.js';

/** The case's device record for this phone (same serial and model), or a new one. */
export function deviceFor(vault: OpenVault, caseId: string, acquisition: AndroidAcquisition, fallbackSerial: string | null): string {
  const identity = phoneIdentity(acquisition.properties, fallbackSerial);
  const known = vault.devices.listByCase(caseId).find((device) => isSamePhone(device, identity));
  if (known) return known.id;
  const facts = deviceFacts(acquisition);
  return vault.devices.add({ caseId, platform: 'android', label: facts.label, model: facts.model, osVersion: facts.osVersion, serial: identity.serial, facts: facts.facts }).id;
}

/**
 * Makes the scan's observations those of this acquisition, each checked on its own (a record the phone
 * made too long is clipped, one that cannot fit is set aside: never the whole step); returns how many
 * were stored and, in plain words, what was clipped or set aside (also in the custody log).
 */
export function storeObservations(vault: OpenVault, caseId: string, scanId: string, acquisition: AndroidAcquisition): { count: number; notes: string[] } {
  const fitted = fitObservations(observationsFromAcquisition(acquisition));
  vault.observations.replaceByScan(caseId, scanId, fitted.observations);
  const notes = fitNotes(fitted);
  if (notes.length > 0) vault.custody.append('scan.records-fitted', caseId, { scanId, clipped: fitted.clipped.slice(0, 50), setAside: fitted.setAside.slice(0, 50), clippedCount: fitted.clipped.length, setAsideCount: fitted.setAside.length });
  const skipped = acquisition.skippedLines.map(({ command, lines }) => `${command}: ${lines === 1 ? 'one line' : `${lines} lines`} longer than any phone prints ${lines === 1 ? 'was' : 'were'} not read (${lines === 1 ? 'it is' : 'they are'} kept in the evidence).`);
  return { count: fitted.observations.length, notes: [...skipped, ...notes] };
}

/** The collectors that ran (with their versions, for the report's method section) and what was not available. */
export function recordMethod(vault: OpenVault, caseId: string, scanId: string, ran: ReadonlySet<string>, notes: readonly string[] = []): void {
  const collectors = ANDROID_COLLECTORS.filter((collector) => ran.has(collector.id)).map((collector) => ({ id: collector.id, version: collector.version }));
  vault.custody.append('scan.collectors', caseId, { scanId, platform: 'android', collectors });
  if (notes.length > 0) vault.custody.append('scan.notes', caseId, { scanId, notes: notes.slice(0, 200) });
}
