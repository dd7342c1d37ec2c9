/// <reference types="w3c-web-usb" />
// Phones on USB, reached by Sentinelle itself (no adb server): which USB devices count as phones (those with
// an ADB interface, found among their others and claimed alone), what a busy or forbidden device is shown
// as, that nothing is opened before the vault (and its key) is, what is said when the USB ports cannot be
// read at all, and a full scan over USB that survives a pulled cable. No USB hardware is attached to the machines these tests run on: the devices are fakes
// (tests/helpers/fake-webusb.ts) whose ADB interface carries the simulated phone's real adbd packets, and no
// adb server answers on the port these apps look at.
import { generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src-main/app.js';
import { adbGeneratePublicKey } from '@yume-chan/adb';
import { adbKey } from '../../src-main/acquisition/android/adb/adb-key.js';
import { AdbServer } from '../../src-main/acquisition/android/adb/adb-server.js';
import { AndroidDevices } from '../../src-main/acquisition/android/adb/android-devices.js';
import { AdbdSimulator, type SimulatorBehaviour } from '../../src-main/demo/adbd-simulator.js';
import { loadDemoProfile } from '../../src-main/demo/phone-profile.js';
import { ProfilePhone } from '../../src-main/demo/profile-phone.js';
import { builtinResourcesDir } from '../../src-main/package-info.js';
import { TEST_PASSPHRASE } from '../helpers/app.js';
import { ADB_INTERFACE, FakeUsb, FakeUsbDevice, MASS_STORAGE_INTERFACE, MTP_INTERFACE } from '../helpers/fake-webusb.js';
import { closedPort } from '../helpers/no-adb.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';
import { slow, until } from '../helpers/slowdown.js';
import { callWithFindings } from '../helpers/findings.js';

const simulators: AdbdSimulator[] = [];
async function simulatedPhone(profile: string, behaviour: SimulatorBehaviour = {}): Promise<{ port: number; simulator: AdbdSimulator }> {
  const simulator = new AdbdSimulator(await ProfilePhone.create(loadDemoProfile(builtinResourcesDir, profile)), behaviour);
  simulators.push(simulator);
  return { port: await simulator.start(), simulator };
}

const testKey = adbKey(generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 }).privateKey.export({ type: 'pkcs8', format: 'der' }));

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let waited = 0; waited < slow(10_000) && !done(value); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

let usb: FakeUsb;
let devices: AndroidDevices;
beforeEach(async () => {
  usb = new FakeUsb();
  devices = new AndroidDevices({ usb: async () => usb.asWebUsb(), server: new AdbServer(await closedPort()) });
});
afterEach(async () => {
  devices.close();
  for (const simulator of simulators.splice(0)) await simulator.stop();
});

describe('phones on USB', () => {
  it('lists only devices with an ADB interface, claims that interface alone, and names each by its USB serial number', async () => {
    devices.useKey(() => testKey);
    const { port } = await simulatedPhone('clean');
    const camera = usb.plug(new FakeUsbDevice({ serialNumber: 'CAMERA01', interfaces: [MASS_STORAGE_INTERFACE] }));
    const phoneWithoutDebugging = usb.plug(new FakeUsbDevice({ serialNumber: 'NODEBUG1', interfaces: [MTP_INTERFACE] }));
    const phone = usb.plug(new FakeUsbDevice({ serialNumber: 'R58M12ABCDE', interfaces: [MTP_INTERFACE, ADB_INTERFACE], adbdPort: port }));

    const list = await waitFor(() => devices.list(), (found) => found.some((device) => device.state === 'device'));
    expect(list).toEqual([expect.objectContaining({ serial: 'R58M12ABCDE', state: 'device', transport: 'usb', keyFingerprint: testKey.fingerprint })]);
    expect(phone.calls).toEqual(expect.arrayContaining(['open', 'claim 1']));
    expect(phone.calls).not.toContain('claim 0');
    expect(camera.calls).toEqual([]);
    expect(phoneWithoutDebugging.calls).toEqual([]);

    const connection = await devices.connect('R58M12ABCDE');
    expect((await connection.shell('getenforce')).toString()).toBe('Enforcing\n');
    await connection.release();
  });

  it('opens nothing before the vault is open, then reaches the phone with this installation’s key', async () => {
    const { port, simulator } = await simulatedPhone('clean', { allowAfterMs: 0 });
    const phone = usb.plug(new FakeUsbDevice({ serialNumber: 'R58M12ABCDE', interfaces: [ADB_INTERFACE], adbdPort: port }));
    const [locked] = await devices.list();
    expect(locked).toMatchObject({ serial: 'R58M12ABCDE', state: 'other', keyFingerprint: null });
    expect(locked?.guidance.en).toMatch(/open the vault/);
    expect(phone.calls).toEqual([]);

    devices.useKey(() => testKey);
    const [ready] = await waitFor(() => devices.list(), (found) => found[0]?.state === 'device');
    expect(ready?.state).toBe('device');
    // The phone asked, and was offered this installation's key.
    expect(simulator.offeredKeys).toHaveLength(1);
  });

  it('says when another program holds the phone, or when the computer does not let Sentinelle open it', async () => {
    devices.useKey(() => testKey);
    const busyDevice = usb.plug(new FakeUsbDevice({ serialNumber: 'BUSY0001', interfaces: [ADB_INTERFACE], busy: true }));
    usb.plug(new FakeUsbDevice({ serialNumber: 'DENIED01', interfaces: [ADB_INTERFACE], denied: true }));
    const list = await waitFor(() => devices.list(), (found) => found.every((device) => device.state !== 'connecting'));
    const busy = list.find((device) => device.serial === 'BUSY0001');
    const denied = list.find((device) => device.serial === 'DENIED01');
    expect(busy?.state).toBe('busy');
    expect(busy?.guidance.en).toMatch(/Another program.*Android Studio.*Close it/);
    expect(busy?.guidance.fr).toMatch(/Un autre programme/);
    expect(denied?.state).toBe('no-permission');
    expect(denied?.guidance.en).toMatch(/Linux.*USB rule.*Windows.*USB driver/);
    await expect(devices.connect('BUSY0001')).rejects.toMatchObject({ code: 'device.offline' });
    // Opened, refused, and closed again: nothing of it is kept.
    expect(busyDevice.calls).toEqual(expect.arrayContaining(['open', 'claim 0', 'close']));
    expect(busyDevice.opened).toBe(false);
  });

  it('waits, however long, while the phone’s owner reads its prompt (USB transfers otherwise give up after a second)', async () => {
    devices.useKey(() => testKey);
    const { port, simulator } = await simulatedPhone('clean', { allowAfterMs: 2500 });
    usb.plug(new FakeUsbDevice({ serialNumber: 'R58M12ABCDE', interfaces: [ADB_INTERFACE], adbdPort: port }));
    const waiting = await waitFor(() => devices.list(), (found) => found[0]?.state === 'unauthorized');
    expect(waiting[0]?.keyFingerprint).toBe(testKey.fingerprint);
    const [ready] = await waitFor(() => devices.list(), (found) => found[0]?.state === 'device');
    expect(ready?.state).toBe('device');
    expect(simulator.offeredKeys).toHaveLength(1);
  });

  it('lets a phone that remembers this key in without a prompt, its signature checked as the phone checks it', async () => {
    devices.useKey(() => testKey);
    const publicKey = Buffer.from(adbGeneratePublicKey(testKey.privateKey)).toString('base64');
    const { port, simulator } = await simulatedPhone('clean', { trusts: [publicKey] });
    usb.plug(new FakeUsbDevice({ serialNumber: 'R58M12ABCDE', interfaces: [ADB_INTERFACE], adbdPort: port }));
    const [ready] = await waitFor(() => devices.list(), (found) => found[0]?.state === 'device');
    expect(ready?.state).toBe('device');
    expect(simulator.offeredKeys).toEqual([]);

    // A phone that remembers another computer's key asks, and shows this one's.
    const other = adbKey(generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 }).privateKey.export({ type: 'pkcs8', format: 'der' }));
    const stranger = await simulatedPhone('clean', { trusts: [Buffer.from(adbGeneratePublicKey(other.privateKey)).toString('base64')], unauthorized: true });
    usb.plug(new FakeUsbDevice({ serialNumber: 'OTHER00001', interfaces: [ADB_INTERFACE], adbdPort: stranger.port }));
    const asking = await waitFor(() => devices.list(), (found) => found.some((device) => device.serial === 'OTHER00001' && device.state === 'unauthorized'));
    expect(asking.find((device) => device.serial === 'OTHER00001')?.keyFingerprint).toBe(testKey.fingerprint);
  });

  it('lets go of everything when closed, even in the middle of a handshake', async () => {
    devices.useKey(() => testKey);
    const { port } = await simulatedPhone('clean', { unauthorized: true });
    const phone = usb.plug(new FakeUsbDevice({ serialNumber: 'R58M12ABCDE', interfaces: [ADB_INTERFACE], adbdPort: port }));
    await waitFor(() => devices.list(), (found) => found[0]?.state === 'unauthorized');
    expect(usb.listenerCount()).toBeGreaterThan(0);
    devices.close();
    await waitFor(async () => usb.listenerCount(), (count) => count === 0);
    expect(usb.listenerCount()).toBe(0);
    expect(phone.calls).toContain('close');
    // Nothing starts following the bus again once closed.
    expect(await devices.list()).toEqual([]);
    expect(usb.listenerCount()).toBe(0);
  });

  it('forgets a phone when it is unplugged', async () => {
    devices.useKey(() => testKey);
    const { port } = await simulatedPhone('clean');
    const phone = usb.plug(new FakeUsbDevice({ serialNumber: 'R58M12ABCDE', interfaces: [ADB_INTERFACE], adbdPort: port }));
    await waitFor(() => devices.list(), (found) => found[0]?.state === 'device');
    usb.unplug(phone);
    expect(await devices.list()).toEqual([]);
  });
});

describe('a computer whose USB ports cannot be read', () => {
  it('says so beside “no phone found”, with the reason in the details', async () => {
    const dir = makeTempDir('sentinelle-usb-');
    // As on a machine with no USB bus (a container): the usb package cannot list devices.
    const unreadable = { getDevices: async () => Promise.reject(new Error('getDevices error: /sys/bus/usb/devices/ not found (errno 2)')), addEventListener: () => undefined, removeEventListener: () => undefined };
    const app = new App({ vaultDir: dir, kdfCost: FAST_KDF, android: { usb: async () => unreadable as unknown as USB, server: new AdbServer(await closedPort()) } });
    try {
      const list = await app.call('devices.list', {});
      expect(list.devices).toEqual([]);
      expect(list.guidance?.en).toMatch(/Build number.*could not read this computer’s USB ports/s);
      expect(list.guidance?.fr).toMatch(/n’a pas pu lire les ports USB/);
      expect(list.technical).toMatch(/\/sys\/bus\/usb/);
    } finally {
      await app.dispose();
      removeDir(dir);
    }
  });
});

describe('the command line’s way: list, then dispose', () => {
  it('leaves nothing following the USB bus', async () => {
    const dir = makeTempDir('sentinelle-usb-');
    const app = new App({ vaultDir: dir, kdfCost: FAST_KDF, android: { usb: async () => usb.asWebUsb(), server: new AdbServer(await closedPort()) } });
    try {
      await app.call('devices.list', {});
    } finally {
      await app.dispose();
      removeDir(dir);
    }
    // Waits for the state (every listener removed), not for a time.
    await until(() => usb.listenerCount() === 0, 'every USB listener to be removed', 10_000).catch(() => undefined);
    expect(usb.listenerCount()).toBe(0);
  });
});

describe('a scan over USB', () => {
  let dir: string;
  let app: App;
  beforeEach(async () => {
    dir = makeTempDir('sentinelle-usb-');
    app = new App({ vaultDir: dir, kdfCost: FAST_KDF, android: { usb: async () => usb.asWebUsb(), server: new AdbServer(await closedPort()) } });
    await app.call('vault.create', { passphrase: TEST_PASSPHRASE });
  });
  afterEach(async () => {
    await app.dispose();
    removeDir(dir);
  });

  it('names the stalkerware; a pulled cable leaves the scan interrupted, and plugging the phone back in continues it', async () => {
    const caseId = (await app.call('cases.create', { label: 'usb' })).id;
    await app.call('devices.list', {});
    const cut = await simulatedPhone('stalkerware', { disconnectAfter: 6 });
    usb.plug(new FakeUsbDevice({ serialNumber: 'SIMSPY00051', interfaces: [MTP_INTERFACE, ADB_INTERFACE], adbdPort: cut.port }));
    await waitFor(() => app.call('devices.list', {}), (list) => list.devices[0]?.state === 'device');

    const first = await callWithFindings(app, 'scans.android', { caseId, serial: 'SIMSPY00051' }).catch((error: unknown) => error);
    expect(first).toMatchObject({ code: 'device.disconnected' });
    const [interrupted] = await app.call('scans.list', { caseId });
    expect(interrupted?.status).toBe('interrupted');
    expect(await waitFor(() => app.call('devices.list', {}), (list) => list.devices.length === 0)).toMatchObject({ devices: [] });

    const whole = await simulatedPhone('stalkerware');
    usb.plug(new FakeUsbDevice({ serialNumber: 'SIMSPY00051', interfaces: [MTP_INTERFACE, ADB_INTERFACE], adbdPort: whole.port }));
    await waitFor(() => app.call('devices.list', {}), (list) => list.devices[0]?.state === 'device');
    const resumed = await callWithFindings(app, 'scans.android', { caseId, serial: 'SIMSPY00051' });
    expect(resumed).toMatchObject({ resumed: true, scan: { id: interrupted!.id, status: 'completed' } });
    expect(resumed.findings.some((finding) => finding.product?.id === 'thetruthspy' && finding.severity === 'critical')).toBe(true);
    const [device] = await app.call('cases.devices', { caseId });
    expect(device?.serial).toBe('SIMSPY00051');
  });
  it('stops at a packet whose header declares 1.5 GiB, before a transfer that large is asked for, and says the phone broke the protocol', async () => {
    const caseId = (await app.call('cases.create', { label: 'usb lie' })).id;
    await app.call('devices.list', {});
    const lying = await simulatedPhone('stalkerware', { lieAbout: { command: 'pm list packages -f -i -U', declaredBytes: 1536 * 1024 * 1024 } });
    usb.plug(new FakeUsbDevice({ serialNumber: 'SIMLIE00052', interfaces: [ADB_INTERFACE], adbdPort: lying.port }));
    await waitFor(() => app.call('devices.list', {}), (list) => list.devices[0]?.state === 'device');
    const error = (await callWithFindings(app, 'scans.android', { caseId, serial: 'SIMLIE00052' }).then(() => null, (caught: unknown) => caught)) as { code?: string; message?: string; technical?: string } | null;
    expect(error?.code, `${error?.message} ${error?.technical}`).toBe('device.protocol');
    expect(error?.technical).toBe('a packet declaring 1610612736 bytes, more than adbd ever sends (1048576)');
    const custody = await app.call('custody.list', { caseId });
    expect(custody.some((entry) => entry.action === 'device.protocol-broken')).toBe(true);
    const [scan] = await app.call('scans.list', { caseId });
    expect(scan?.status).toBe('interrupted');
  });
});
