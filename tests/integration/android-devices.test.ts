// Phones as the advocate sees them: followed live (plugged, unplugged, unauthorised) through the typed
// API's `devices.changed` events, with plain-language guidance for each state and for "no phone", reached
// directly and through the adb server alike; and, on a computer with no adb at all, phones are still found
// and scanned while nothing ever tries to start adb. The fingerprint shown for a key is the one a phone shows,
// checked against the key pair adb itself made.
import { createPrivateKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceList } from '../../src-shared/acquisition.js';
import type { SentinelleError } from '../../src-shared/errors.js';
import { adbKey, adbServerKeyFingerprint } from '../../src-main/acquisition/android/adb/adb-key.js';
import { AdbServer } from '../../src-main/acquisition/android/adb/adb-server.js';
import { deviceList } from '../../src-main/acquisition/android/android-service.js';
import { App } from '../../src-main/app.js';
import { TEST_PASSPHRASE } from '../helpers/app.js';
import { androidTestBed, startAdbServer, TRANSPORTS, type AndroidTestBed } from '../helpers/android.js';
import { computerWithoutAdb } from '../helpers/no-adb.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';
import { callWithFindings } from '../helpers/findings.js';

let bed: AndroidTestBed;

/**
 * Every `devices.changed` list received, and a way to wait for one, received from now on, that satisfies a
 * predicate: `waitFor(predicate)` returns a promise for it (call it before the action it follows).
 */
function followLists() {
  const lists: DeviceList[] = [];
  bed.app.subscribe((event, payload) => event === 'devices.changed' && lists.push(payload as DeviceList));
  return (predicate: (list: DeviceList) => boolean): Promise<DeviceList> => {
    const since = lists.length;
    return seek(lists, since, predicate);
  };
}

async function seek(lists: DeviceList[], since: number, predicate: (list: DeviceList) => boolean): Promise<DeviceList> {
  for (let waited = 0; waited < slow(15_000); waited += 50) {
    const found = lists.slice(since).find(predicate);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no matching devices.changed event among ${JSON.stringify(lists.slice(since))}`);
}

describe.each(TRANSPORTS)('following phones through %s', (via) => {
  beforeEach(async () => {
    bed = await androidTestBed({ via });
  });
  afterEach(async () => {
    await bed.close();
  });

  it('tells the UI when a phone is plugged in, when it is unauthorised, and when it is gone', async () => {
    const waitFor = followLists();
    await bed.app.call('devices.list', {});
    const stateOf = (list: DeviceList, serial: string) => list.devices.find((device) => device.serial === serial);
    // Other tests' phones may be on the same adb server: each wait names its phone (known once plugged).
    let serial = '';
    const plugged = waitFor((list) => serial !== '' && stateOf(list, serial)?.state === 'device');
    serial = await bed.plug('clean');
    const ready = stateOf(await plugged, serial);
    expect(ready?.guidance.en).toBe('The phone is connected and ready.');
    expect(ready?.transport).toBe(via);

    // The first phone is unplugged when the second is plugged in: a list shows the second and not the first.
    let second = '';
    const swapped = waitFor((list) => second !== '' && stateOf(list, second)?.state === 'unauthorized' && stateOf(list, serial) === undefined);
    second = await bed.plug('unauthorized');
    const unauthorised = await swapped;
    expect(stateOf(unauthorised, second)?.state).toBe('unauthorized');
    expect(stateOf(unauthorised, second)?.guidance.fr).toMatch(/Autoriser le débogage USB/);

    const unplugged = waitFor((list) => stateOf(list, second) === undefined);
    await bed.app.call('demo.stop', {});
    await unplugged;
  });

});

describe('no phone', () => {
  beforeEach(async () => {
    bed = await androidTestBed();
  });
  afterEach(async () => {
    await bed.close();
  });

  it('explains how to turn on USB debugging when no phone is there, and refuses to scan a phone that is not', async () => {
    // Other test files may have demo phones plugged into the same adb server, so the empty list is built here.
    expect(deviceList([]).guidance?.en).toMatch(/Build number.*seven times.*USB debugging/s);
    expect(deviceList([]).guidance?.fr).toMatch(/Débogage USB/);
    expect(deviceList([{ serial: 'x', state: 'device', transport: 'usb', model: null, connection: 'usb', keyFingerprint: null, guidance: { en: '', fr: '' } }]).guidance).toBeNull();
    const code = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: 'no-such-phone' }).then(
      () => 'scanned',
      (error: unknown) => (error as SentinelleError).code,
    );
    expect(code).toBe('device.not-found');
  });
});

describe('a computer without adb', () => {
  it('finds and scans a phone while nothing ever tries to start adb', async () => {
    // `adb` on this PATH only leaves a mark; no adb server answers on the port the app looks at.
    const noAdb = await computerWithoutAdb();
    const saved = process.env.PATH;
    process.env.PATH = `${noAdb.bin}${path.delimiter}${saved}`;
    const dir = makeTempDir('sentinelle-no-adb-');
    const app = new App({ vaultDir: dir, kdfCost: FAST_KDF, android: { server: new AdbServer(noAdb.serverPort) } });
    try {
      expect((await app.call('devices.list', {})).devices).toEqual([]);
      await app.call('vault.create', { passphrase: TEST_PASSPHRASE });
      const caseId = (await app.call('cases.create', { label: 'no adb' })).id;
      const phone = await app.call('demo.start', { profile: 'stalkerware' });
      expect((await app.call('devices.list', {})).devices).toEqual([expect.objectContaining({ serial: phone.serial, state: 'device', transport: 'tcp' })]);
      const outcome = await callWithFindings(app, 'scans.android', { caseId, serial: phone.serial });
      expect(outcome.findings.some((finding) => finding.product?.id === 'thetruthspy')).toBe(true);
      expect(noAdb.adbWasRun()).toBe(false);
    } finally {
      process.env.PATH = saved;
      await app.dispose();
      removeDir(dir);
      noAdb.remove();
    }
  });
});

describe('key fingerprints', () => {
  it('computes for adb’s own key pair the fingerprint of the public key adb wrote', async () => {
    // adb makes ~/.android/adbkey (PKCS #8, PEM) and adbkey.pub (its phone format) when its server first starts.
    await startAdbServer();
    const folder = path.join(os.homedir(), '.android');
    const privateKey = createPrivateKey(fs.readFileSync(path.join(folder, 'adbkey'), 'utf8')).export({ type: 'pkcs8', format: 'der' });
    const fromPrivate = adbKey(privateKey).fingerprint;
    expect(fromPrivate).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){15}$/);
    expect(adbServerKeyFingerprint()).toBe(fromPrivate);
    expect(adbServerKeyFingerprint({ ANDROID_USER_HOME: path.join(os.tmpdir(), 'sentinelle-no-such-android-home') })).toBeNull();
  });
});
