// Phones as the advocate sees them: followed live (plugged, unplugged, unauthorised) through the typed
// API's `devices.changed` events, with plain-language guidance for each state and for "no phone"; and a
// clear message with the way to install adb when it is missing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceList } from '../../src-shared/acquisition.js';
import { SentinelleError } from '../../src-shared/errors.js';
import { ensureAdbServer } from '../../src-main/acquisition/android/adb.js';
import { deviceList } from '../../src-main/acquisition/android/android-service.js';
import { androidTestBed, type AndroidTestBed } from '../helpers/android.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

let bed: AndroidTestBed;
beforeEach(async () => {
  bed = await androidTestBed();
});
afterEach(async () => {
  await bed.close();
});

/** Every `devices.changed` list received, and a way to wait for one that satisfies a predicate. */
function followLists() {
  const lists: DeviceList[] = [];
  bed.app.subscribe((event, payload) => event === 'devices.changed' && lists.push(payload as DeviceList));
  return async (predicate: (list: DeviceList) => boolean): Promise<DeviceList> => {
    for (let waited = 0; waited < 15_000; waited += 50) {
      const found = lists.find(predicate);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no matching devices.changed event among ${JSON.stringify(lists)}`);
  };
}

describe('following phones', () => {
  it('tells the UI when a phone is plugged in, when it is unauthorised, and when it is gone', async () => {
    const waitFor = followLists();
    await bed.app.call('devices.list', {});
    const stateOf = (list: DeviceList, serial: string) => list.devices.find((device) => device.serial === serial);
    const serial = await bed.plug('clean');
    expect(stateOf(await waitFor((list) => stateOf(list, serial)?.state === 'device'), serial)?.guidance.en).toBe('The phone is connected and ready.');

    const second = await bed.plug('unauthorized');
    const unauthorised = await waitFor((list) => stateOf(list, second)?.state === 'unauthorized');
    expect(stateOf(unauthorised, second)?.guidance.fr).toMatch(/Autoriser le débogage USB/);
    // The first phone was unplugged when the second was plugged in.
    await waitFor((list) => stateOf(list, serial) === undefined);

    await bed.app.call('demo.stop', {});
    await waitFor((list) => list !== unauthorised && stateOf(list, second) === undefined);
  });

  it('explains how to turn on USB debugging when no phone is there, and refuses to scan a phone that is not', async () => {
    // Other test files may have demo phones plugged into the same adb server, so the empty list is built here.
    expect(deviceList([]).guidance?.en).toMatch(/Build number.*seven times.*USB debugging/s);
    expect(deviceList([]).guidance?.fr).toMatch(/Débogage USB/);
    expect(deviceList([{ serial: 'x', state: 'device', guidance: { en: '', fr: '' } }]).guidance).toBeNull();
    const code = await bed.app.call('scans.android', { caseId: bed.caseId, serial: 'no-such-phone' }).then(
      () => 'scanned',
      (error: unknown) => (error as SentinelleError).code,
    );
    expect(code).toBe('device.not-found');
  });
});

describe('without adb', () => {
  it('says how to install it', async () => {
    const emptyPath = makeTempDir('no-adb-');
    const saved = process.env.PATH;
    process.env.PATH = emptyPath;
    try {
      const error = await ensureAdbServer().then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(SentinelleError);
      expect((error as SentinelleError).code).toBe('device.adb-missing');
      expect((error as SentinelleError).message).toMatch(/apt-get install adb.*Platform-Tools/s);
    } finally {
      process.env.PATH = saved;
      removeDir(emptyPath);
    }
  });
});
