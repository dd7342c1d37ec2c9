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

/** Resolves with the first `devices.changed` list that satisfies the predicate. */
function nextList(predicate: (list: DeviceList) => boolean): Promise<DeviceList> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no matching devices.changed event')), 15_000);
    const unsubscribe = bed.app.subscribe((event, payload) => {
      if (event !== 'devices.changed' || !predicate(payload as DeviceList)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(payload as DeviceList);
    });
  });
}

describe('following phones', () => {
  it('tells the UI when a phone is plugged in, when it is unauthorised, and when it is gone', async () => {
    await bed.app.call('devices.list', {});
    const plugged = nextList((list) => list.devices.some((device) => device.state === 'device'));
    const serial = await bed.plug('clean');
    expect((await plugged).devices.find((device) => device.serial === serial)?.guidance.en).toBe('The phone is connected and ready.');

    const unauthorised = nextList((list) => list.devices.some((device) => device.state === 'unauthorized'));
    const second = await bed.plug('unauthorized');
    const list = await unauthorised;
    expect(list.devices.find((device) => device.serial === second)?.guidance.fr).toMatch(/Autoriser le débogage USB/);

    const gone = nextList((candidate) => !candidate.devices.some((device) => device.serial === second));
    await bed.app.call('demo.stop', {});
    await gone;
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
