// The containment step, never automatic: disabling the app a finding points to, for the phone's user —
// only after the advocate confirmed every item of the safety checklist, only on the phone the finding came
// from (checked by its serial number), and recorded in the custody log with the phone's answer. Undoing it
// enables the app again, and is recorded the same way.
import type { ContainmentRecord } from '../../src-shared/acquisition.js';
import { SentinelleError } from '../../src-shared/errors.js';
import type { Device, Finding } from '../../src-shared/model.js';
import { containmentCommand, identifyPhone, isSamePhone, type AndroidConnection } from '../acquisition/android/for-response.js';
import type { OpenVault } from '../vault/vault.js';
import { CHECKLIST, type ChecklistId } from './guidance.js';

/** Observation kinds that name one Android app. */
const APP_KINDS = new Set(['android.package', 'android.accessibility-service', 'android.device-admin', 'android.notification-listener', 'android.appop']);

export interface ContainmentTarget {
  packageName: string;
  /** The phone the finding came from, as recorded when it was scanned. */
  device: Device;
}

/** The one app (not part of the phone's system) a finding points to, installed for the phone's owner, on a scanned Android phone; null otherwise. */
export function containmentTarget(vault: OpenVault, finding: Finding): ContainmentTarget | null {
  const observations = vault.observations.getMany(finding.observationIds).filter((observation) => APP_KINDS.has(observation.kind));
  const packages = new Set(observations.map((observation) => observation.data.packageName).filter((name): name is string => typeof name === 'string'));
  if (packages.size !== 1) return null;
  const packageName = [...packages][0]!;
  const scanIds = new Set(observations.map((observation) => observation.scanId));
  for (const scanId of scanIds) {
    const scan = scanId ? vault.scans.get(scanId) : null;
    const device = scan?.deviceId ? vault.devices.get(scan.deviceId) : null;
    if (!device || device.platform !== 'android' || !device.serial || scan?.kind !== 'android-adb') continue;
    const app = vault.observations
      .listByCase(finding.caseId, { kind: 'android.package' })
      // The owner's copy: containment disables an app for user 0 only, never inside a profile.
      .find((observation) => observation.scanId === scanId && observation.subject === packageName && !observation.data.profile);
    if (app && app.data.isSystem !== true) return { packageName, device };
  }
  return null;
}

export type Confirmations = Record<ChecklistId, boolean>;

function requireConfirmations(confirmations: Partial<Record<string, boolean>>): void {
  const missing = CHECKLIST.filter((item) => confirmations[item.id] !== true);
  if (missing.length > 0) {
    throw new SentinelleError('containment.not-confirmed', `Nothing was changed on the phone. First confirm: ${missing.map((item) => item.text.en).join(' ')}`, {
      technical: `unconfirmed: ${missing.map((item) => item.id).join(', ')}`,
    });
  }
}

/** Checks that the connected phone is the one the finding came from (serial and model). */
async function requireSamePhone(connection: AndroidConnection, device: Device): Promise<void> {
  const identity = await identifyPhone(connection);
  if (!isSamePhone(device, identity)) {
    throw new SentinelleError('containment.wrong-device', 'Nothing was changed: the connected phone is not the one this finding came from. Connect that phone and try again.', {
      technical: `connected ${identity.serial ?? '?'} (${identity.model ?? '?'}), finding from ${device.serial ?? '?'} (${device.model ?? '?'})`,
    });
  }
}

/** Runs work on the connected phone while no scan uses it. */
export type WithPhone = <T>(work: (connection: AndroidConnection) => Promise<T>) => Promise<T>;

export async function disableApp(vault: OpenVault, finding: Finding, confirmations: Partial<Record<string, boolean>>, withPhone: WithPhone): Promise<ContainmentRecord> {
  requireConfirmations(confirmations);
  const target = containmentTarget(vault, finding);
  if (!target) throw new SentinelleError('containment.unavailable', 'No containment step is offered for this finding: it does not point to one app on a scanned Android phone.');
  const { device, packageName } = target;
  if (vault.containment.activeFor(device.id, packageName)) {
    throw new SentinelleError('containment.unavailable', `${packageName} is already turned off by Sentinelle on this phone. Undo that step to turn it back on.`);
  }
  const confirmed = Object.fromEntries(CHECKLIST.map((item) => [item.id, confirmations[item.id] === true]));
  return withPhone(async (connection) => {
    await requireSamePhone(connection, device);
    const command = containmentCommand('disable', packageName);
    // Recorded before it is sent: if the cable drops after the phone acted, the custody log still says so.
    vault.custody.append('containment.attempted', finding.caseId, { findingId: finding.id, kind: 'disable-app', packageName, deviceId: device.id, command: command.text, confirmations: confirmed });
    const output = await connection.contain(command);
    return vault.containment.record({
      caseId: finding.caseId,
      findingId: finding.id,
      kind: 'disable-app',
      packageName,
      deviceId: device.id,
      deviceSerial: device.serial ?? connection.serial,
      accepted: command.accepted.test(output),
      phoneOutput: output.trim(),
      confirmations: confirmed,
    });
  });
}

export async function undoContainment(vault: OpenVault, containmentId: string, withPhone: WithPhone): Promise<ContainmentRecord> {
  const record = vault.containment.get(containmentId);
  if (record.state !== 'applied') throw new SentinelleError('containment.unavailable', 'This step is not in effect, so there is nothing to undo.', { technical: `state ${record.state}` });
  const device = vault.devices.get(record.deviceId);
  if (!device) throw new SentinelleError('containment.not-found', 'The phone this step was taken on is no longer in this vault.', { technical: record.deviceId });
  return withPhone(async (connection) => {
    await requireSamePhone(connection, device);
    const command = containmentCommand('enable', record.packageName);
    vault.custody.append('containment.undo-attempted', record.caseId, { containmentId, packageName: record.packageName, deviceId: device.id, command: command.text });
    const output = await connection.contain(command);
    if (!command.accepted.test(output)) {
      vault.custody.append('containment.undo-refused-by-phone', record.caseId, { containmentId, phoneOutput: output.trim() });
      throw new SentinelleError('containment.unavailable', 'The phone did not turn the app back on. Nothing else was changed; try again, or turn it on from the phone’s settings (Apps).', { technical: output.trim() });
    }
    return vault.containment.markUndone(containmentId, output.trim());
  });
}
