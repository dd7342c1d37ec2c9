/// <reference types="w3c-web-usb" />
// Phones on this computer's USB ports, reached directly (no adb server, nothing to install): the `usb`
// package's WebUSB implementation (prebuilt for Windows, macOS and Linux inside the npm package) finds the
// devices that expose an ADB interface (class 0xFF, subclass 0x42, protocol 1), follows them as they are
// plugged and unplugged, and Tango claims the interface to talk to adbd. A phone another program holds is
// `busy`; one the computer does not let Sentinelle open (no udev rule on Linux, no driver on Windows) is
// `no-permission`.
import { AdbDaemonWebUsbDevice, AdbDaemonWebUsbDeviceManager, type AdbDaemonWebUsbDeviceObserver } from '@yume-chan/adb-daemon-webusb';
import type { DeviceState } from '../../../../src-shared/acquisition.js';
import type { AdbKey } from './adb-key.js';
import { DirectPhone } from './direct-phone.js';

/** The computer's USB devices, WebUSB-style: the `usb` package, or a fake one in tests. */
export type UsbAccess = USB;

/** Loads the `usb` package's WebUSB; null when this computer cannot load it (no prebuilt binary). */
export async function systemUsb(): Promise<UsbAccess | null> {
  try {
    const { WebUSB } = await import('usb');
    return new WebUSB({ allowAllDevices: true }) as unknown as UsbAccess;
  } catch {
    return null;
  }
}

/** Why a phone could not be opened, as the state the advocate sees. */
export function usbOpenState(error: unknown): DeviceState {
  if (error instanceof AdbDaemonWebUsbDevice.DeviceBusyError) return 'busy';
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  if (/access|permission|denied|EACCES|EPERM/i.test(text)) return 'no-permission';
  if (/busy|claimed|in use|EBUSY/i.test(text)) return 'busy';
  return 'other';
}

export class UsbPhones {
  private readonly phones = new Map<USBDevice, DirectPhone>();
  private observer: AdbDaemonWebUsbDeviceObserver | null = null;
  private starting: Promise<void> | null = null;
  /** Why this computer's USB devices cannot be read, when they cannot. */
  problem: string | null = null;

  constructor(
    private readonly usb: () => Promise<UsbAccess | null>,
    private readonly key: () => AdbKey | null,
    private readonly onChange: () => void,
  ) {}

  /** Starts following the USB ports (once); phones found are reached as soon as a key is available. */
  start(): Promise<void> {
    this.starting ??= this.follow();
    return this.starting;
  }

  get following(): boolean {
    return this.starting !== null;
  }

  /** Whether a phone is held open (the adb server could not take it now). */
  holding(): boolean {
    return [...this.phones.values()].some((phone) => phone.state !== 'gone' && phone.state !== 'vault-locked' && phone.state !== 'busy' && phone.state !== 'no-permission');
  }

  list(): DirectPhone[] {
    return [...this.phones.values()];
  }

  /** A key became available (the vault was opened): phones waiting for it are reached now. */
  keyChanged(): void {
    if (this.phones.size === 0) return;
    const key = this.key();
    if (!key) return;
    for (const phone of this.phones.values()) phone.start(key);
  }

  /** Lets every phone go and stops following the ports (an adb server now owns them, or the app ends). */
  stop(): void {
    this.observer?.stop();
    this.observer = null;
    this.starting = null;
    for (const phone of this.phones.values()) phone.close();
    this.phones.clear();
  }

  private async follow(): Promise<void> {
    const usb = await this.usb();
    if (!usb) {
      this.problem = 'the usb module could not be loaded on this computer';
      return;
    }
    let observer: AdbDaemonWebUsbDeviceObserver;
    try {
      observer = await new AdbDaemonWebUsbDeviceManager(usb).trackDevices();
    } catch (error) {
      // No USB bus to read (a container, a virtual machine without USB): no phone can be plugged in.
      this.problem = error instanceof Error ? error.message : String(error);
      return;
    }
    this.problem = null;
    this.observer = observer;
    for (const device of observer.current) this.add(device);
    observer.onDeviceAdd((devices) => {
      for (const device of devices) this.add(device);
      this.onChange();
    });
    observer.onDeviceRemove((devices) => {
      for (const device of devices) {
        this.phones.get(device.raw)?.close();
        this.phones.delete(device.raw);
      }
      this.onChange();
    });
  }

  private add(device: AdbDaemonWebUsbDevice): void {
    if (this.phones.has(device.raw)) return;
    const phone = new DirectPhone({
      serial: device.serial,
      transport: 'usb',
      open: async () => {
        const connection = await device.connect();
        return { connection, close: () => void device.raw.close().catch(() => undefined) };
      },
      onChange: this.onChange,
      classifyOpenError: usbOpenState,
    });
    this.phones.set(device.raw, phone);
    const key = this.key();
    if (key) phone.start(key);
  }
}
