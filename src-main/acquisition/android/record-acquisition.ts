// Writing an Android acquisition's results into the vault, the same way for a live scan and an import:
// the device it came from (found again by its serial number, or registered), and its observations —
// replaced as a whole, in one transaction, so a scan analysed again never counts anything twice.
import type { OpenVault } from '../../vault/vault.js';
import type { AndroidAcquisition } from './acquisition.js';
import { deviceFacts, observationsFromAcquisition } from './observations-from-acquisition.js';

/** The case's device record for this phone: the one with the same serial number, or a new one. */
export function deviceFor(vault: OpenVault, caseId: string, acquisition: AndroidAcquisition, fallbackSerial: string | null): string {
  const facts = deviceFacts(acquisition);
  const serial = facts.serial ?? fallbackSerial;
  const known = serial ? vault.devices.findBySerial(caseId, serial) : null;
  if (known) return known.id;
  return vault.devices.add({ caseId, platform: 'android', label: facts.label, model: facts.model, osVersion: facts.osVersion, serial, facts: facts.facts }).id;
}

/** Replaces the scan's observations with those made from this acquisition; returns how many there are. */
export function storeObservations(vault: OpenVault, caseId: string, scanId: string, acquisition: AndroidAcquisition): number {
  const observations = observationsFromAcquisition(acquisition);
  vault.db.transaction(() => {
    vault.observations.deleteByScan(scanId);
    vault.observations.insertMany(observations.map((observation) => ({ ...observation, caseId, scanId })));
  })();
  return observations.length;
}
