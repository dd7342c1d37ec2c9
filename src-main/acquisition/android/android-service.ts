// The Android side of the app: the phones connected (followed live once asked for, however each is
// reached, the UI told when the list changes), and work on one of them — a scan, a containment step — one
// at a time per phone. Scans themselves are followed by the app's scan session, like every other scan.
// The adb side (its protocol library above all) is loaded when phones are first asked for, not at start-up:
// the unlock screen needs none of it.
import { ConnectedDevice, type DeviceList } from '../../../src-shared/acquisition.js';
import { printable } from '../../../src-shared/printable.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import type { adbKey as AdbKeyOf } from './adb/adb-key.js';
import type { AndroidDevices, AndroidDevicesOptions, DeviceSummary } from './adb/android-devices.js';
import { GUIDANCE } from './adb/guidance.js';
import type { AndroidConnection } from './adb/phone-connection.js';

/** The list as the advocate sees it: with what to do when there is no phone, and why USB cannot be read, if so. */
/** A phone as listed, made fit to show: its model as text and clipped; null when what it sent cannot be listed at all. */
function fitDevice(device: DeviceSummary): ConnectedDevice | null {
  const model = device.model === null ? null : printable(device.model).slice(0, 120);
  const parsed = ConnectedDevice.safeParse({ ...device, model });
  return parsed.success ? parsed.data : null;
}

/** The phones as listed, each checked on its own: one that sent what no phone sends is left out, the others listed. */
export function deviceList(listed: DeviceSummary[], usbProblem: string | null = null): DeviceList {
  const devices = listed.map(fitDevice).filter((device): device is ConnectedDevice => device !== null);
  const leftOut = listed.length - devices.length;
  if (devices.length > 0) return { devices, guidance: null, technical: leftOut > 0 ? `${leftOut} device(s) sent a serial number or description no phone sends, and are not listed` : null };
  if (!usbProblem) return { devices, guidance: GUIDANCE.none, technical: null };
  const unreadable = GUIDANCE['usb-unreadable'];
  return { devices, guidance: { en: `${GUIDANCE.none.en}\n${unreadable.en}`, fr: `${GUIDANCE.none.fr}\n${unreadable.fr}` }, technical: usbProblem };
}

export class AndroidService {
  private loading: Promise<AndroidDevices> | null = null;
  private loaded: { devices: AndroidDevices; adbKey: typeof AdbKeyOf } | null = null;
  private privateKey: (() => Uint8Array) | null = null;
  private tracking: Promise<void> | null = null;
  private readonly busy = new Set<string>();

  constructor(
    private readonly onDevicesChanged: (list: DeviceList) => void,
    private readonly options: AndroidDevicesOptions = {},
  ) {}

  /** The phones this app reaches, loaded on first use. */
  devices(): Promise<AndroidDevices> {
    this.loading ??= Promise.all([import('./adb/android-devices.js'), import('./adb/adb-key.js')]).then(([{ AndroidDevices }, { adbKey }]) => {
      this.loaded = { devices: new AndroidDevices(this.options), adbKey };
      this.applyKey();
      return this.loaded.devices;
    });
    return this.loading;
  }

  /**
   * This installation's ADB key (its PKCS#8 private key, read from the open vault), or null when the vault
   * locks: phones reached directly wait for it.
   */
  useKey(privateKey: (() => Uint8Array) | null): void {
    this.privateKey = privateKey;
    this.applyKey();
  }

  private applyKey(): void {
    if (!this.loaded) return;
    const { devices, adbKey } = this.loaded;
    const privateKey = this.privateKey;
    devices.useKey(privateKey ? () => adbKey(privateKey()) : null);
  }

  async list(): Promise<DeviceList> {
    const devices = await this.devices();
    const list = deviceList(await devices.list(), devices.usbProblem());
    // Following starts with the first listing; if it fails, the next listing starts it again.
    this.tracking ??= devices.track((listed) => this.onDevicesChanged(deviceList(listed, devices.usbProblem()))).catch(() => {
      this.tracking = null;
    });
    return list;
  }

  /** Runs work on the phone (the one given, or the only one) while nothing else uses it. */
  async withPhone<T>(serial: string | undefined, work: (connection: AndroidConnection) => Promise<T>): Promise<T> {
    const connection = await (await this.devices()).connect(serial);
    if (this.busy.has(connection.serial)) {
      await connection.release();
      throw new SentinelleError('scan.busy', 'This phone is being scanned. Wait for the scan to finish, or stop it.');
    }
    this.busy.add(connection.serial);
    try {
      return await work(connection);
    } finally {
      this.busy.delete(connection.serial);
      await connection.release();
    }
  }

  /** Stops following phones; the adb side, if it is still loading, is closed as soon as it has loaded. */
  dispose(): void {
    this.tracking = null;
    void this.loading?.then((devices) => devices.close()).catch(() => undefined);
  }
}
