// Which phone is this? Its serial number (`ro.serialno`, else adb's serial) is not enough on its own:
// cheap phones often share one (0123456789ABCDEF). The model must agree too before a device record, an
// interrupted scan or a containment step is taken to be this phone's; continuing an interrupted scan also
// needs the same system build, and a recent one.
import type { Device } from '../../../src-shared/model.js';

export interface PhoneIdentity {
  serial: string | null;
  model: string | null;
  buildFingerprint: string | null;
}

/** How old an interrupted scan may be and still be continued rather than started afresh. */
export const RESUME_WITHIN_MS = 24 * 60 * 60 * 1000;

const nonEmpty = (value: string | undefined) => (value && value.trim() !== '' ? value.trim() : null);

export function phoneIdentity(properties: ReadonlyMap<string, string>, fallbackSerial: string | null): PhoneIdentity {
  return {
    serial: nonEmpty(properties.get('ro.serialno')) ?? nonEmpty(properties.get('ro.boot.serialno')) ?? nonEmpty(fallbackSerial ?? undefined),
    model: nonEmpty(properties.get('ro.product.model')),
    buildFingerprint: nonEmpty(properties.get('ro.build.fingerprint')),
  };
}

/** Whether a device record is this phone: the same serial, and the same model when both are known. */
export function isSamePhone(device: Device, identity: PhoneIdentity): boolean {
  if (device.platform !== 'android' || identity.serial === null || device.serial !== identity.serial) return false;
  return device.model === null || identity.model === null || device.model === identity.model;
}

/** Whether an interrupted scan of this device can be continued: same system build, and recent. */
export function canContinue(device: Device, identity: PhoneIdentity, scanStartedAt: string, now: Date): boolean {
  const build = device.facts['ro.build.fingerprint'] ?? null;
  return build === identity.buildFingerprint && now.getTime() - new Date(scanStartedAt).getTime() <= RESUME_WITHIN_MS;
}
