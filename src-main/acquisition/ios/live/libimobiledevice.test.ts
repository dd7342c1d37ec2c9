// Live iPhones through libimobiledevice: with no iPhone attached, the real `idevice_id` (Debian's
// libimobiledevice-utils) leads to a clear "no device"; missing tools say how to install them; and the
// tools' outputs are read as they print them. The sample outputs are written in the tools' formats
// (`Key: value` lines for ideviceinfo, an XML plist array for `ideviceinstaller -o xml`, the pairing
// messages of idevicepair 1.3.0) — no iPhone is available to record them here.
import { describe, expect, it } from 'vitest';
import * as plist from 'plist';
import { SentinelleError } from '../../../../src-shared/errors.js';
import { appSource, BACKUP_PASSWORD, enableBackupEncryption, listIosDevices, pairingState, parseIdeviceinfo, parseInstalledApps, requirePairedDevice, runTool } from './libimobiledevice.js';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'no error',
    (error: unknown) => (error instanceof SentinelleError ? error.code : String(error)),
  );
}

describe('with no iPhone attached (the real tools)', () => {
  it('lists no device and says what to do', async () => {
    const list = await listIosDevices();
    expect(list.devices).toEqual([]);
    expect(list.guidance?.en).toMatch(/No iPhone found\. Plug it in/);
    expect(list.guidance?.fr).toMatch(/Aucun iPhone trouvé/);
  });

  it('refuses a live scan with the same plain message', async () => {
    const error = (await requirePairedDevice().then(() => null, (caught: unknown) => caught)) as SentinelleError;
    expect(error).toBeInstanceOf(SentinelleError);
    expect(error.code).toBe('ios.no-device');
    expect(error.message).toMatch(/Plug it in with its cable and unlock it/);
  });

  it('says how to install the tools when they are missing', async () => {
    expect(await codeOf(runTool('idevice_id-not-installed', ['-l']))).toBe('ios.tools-missing');
    const error = (await runTool('idevice_id-not-installed', ['-l']).then(() => null, (caught: unknown) => caught)) as SentinelleError;
    expect(error.message).toMatch(/apt-get install libimobiledevice-utils ideviceinstaller usbmuxd/);
  });
});

describe('turning on backup encryption', () => {
  it('refuses a password the iPhone tools would silently change (accents, emoji, too long), before running anything', async () => {
    for (const password of ['mot-de-passe-été', 'horse🐎battery', 'a'.repeat(256), 'abc']) {
      expect(await codeOf(enableBackupEncryption('00008110-001A2B3C4D5E6F70', password))).toBe('input.invalid');
    }
    expect(BACKUP_PASSWORD.test('blue horse 42!')).toBe(true);
  });
});

describe('reading the tools’ outputs', () => {
  it('reads ideviceinfo’s Key: value lines', () => {
    const facts = parseIdeviceinfo('ActivationState: Activated\nDeviceName: Maya’s iPhone\nProductType: iPhone14,5\nProductVersion: 17.5.1\nSerialNumber: F2LXK0ABCD12\nTimeZone: Europe/Paris\n');
    expect(facts.get('DeviceName')).toBe('Maya’s iPhone');
    expect(facts.get('ProductVersion')).toBe('17.5.1');
    expect(facts.get('SerialNumber')).toBe('F2LXK0ABCD12');
  });

  it('tells a trusted iPhone from one waiting for "Trust", a locked one, and anything else', () => {
    expect(pairingState('SUCCESS: Validated pairing with device 00008110-001A2B3C4D5E6F70')).toBe('paired');
    expect(pairingState('ERROR: Device 00008110-001A2B3C4D5E6F70 is not paired with this host')).toBe('not-trusted');
    expect(pairingState('ERROR: Please accept the trust dialog on the screen of device 00008110-001A2B3C4D5E6F70, then attempt to pair again.')).toBe('not-trusted');
    expect(pairingState('ERROR: Could not validate with device 00008110-001A2B3C4D5E6F70 because a passcode is set. Please enter the passcode on the device and retry.')).toBe('locked');
    expect(pairingState('ERROR: Device 00008110-001A2B3C4D5E6F70 said that the user denied the trust dialog.')).toBe('not-trusted');
    expect(pairingState('ERROR: Could not connect to lockdownd, error code -8')).toBe('other');
  });

  it('reads ideviceinstaller’s XML app list, with where each app came from', () => {
    const xml = plist.build([
      { CFBundleIdentifier: 'net.whatsapp.WhatsApp', CFBundleDisplayName: 'WhatsApp', CFBundleShortVersionString: '24.12.81', ApplicationType: 'User', SignerIdentity: 'Apple iPhone OS Application Signing' },
      { CFBundleIdentifier: 'com.example.monitor', CFBundleName: 'Device Health', CFBundleVersion: '3', ApplicationType: 'User', SignerIdentity: 'iPhone Distribution: Example Monitoring Ltd' },
      { CFBundleIdentifier: 'com.example.sideloaded', CFBundleDisplayName: 'Tools', ApplicationType: 'User', SignerIdentity: 'Apple Development: someone@example.com (ABCDE12345)' },
      { CFBundleIdentifier: 'com.apple.mobilesafari', CFBundleDisplayName: 'Safari', ApplicationType: 'System' },
      { CFBundleDisplayName: 'no identifier: ignored' },
    ]);
    expect(parseInstalledApps(xml)).toEqual([
      { bundleId: 'net.whatsapp.WhatsApp', name: 'WhatsApp', version: '24.12.81', source: 'app-store', system: false },
      { bundleId: 'com.example.monitor', name: 'Device Health', version: '3', source: 'enterprise', system: false },
      { bundleId: 'com.example.sideloaded', name: 'Tools', version: null, source: 'developer', system: false },
      { bundleId: 'com.apple.mobilesafari', name: 'Safari', version: null, source: 'unknown', system: true },
    ]);
    expect(appSource(undefined)).toBe('unknown');
  });
});
