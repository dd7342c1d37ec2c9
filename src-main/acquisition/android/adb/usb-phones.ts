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
import { MAX_PACKET_PAYLOAD } from './tcp-connection.js';
import { ProtocolViolation } from './transfer.js';

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

/**
 * How long one USB transfer may wait. The `usb` package gives up on a transfer after one second unless told
 * otherwise, and a phone is silent much longer than that (while its owner reads the "Allow USB debugging?"
 * prompt, while a command works): a transfer waits for the phone, and Sentinelle's own limits (silence
 * on a command, cancel, unplugging) decide when to give up.
 */
export const USB_TRANSFER_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/** What each USB phone sent that no adbd sends, since it was last opened (its link is then broken). */
const violations = new WeakMap<USBDevice, ProtocolViolation>();

/**
 * The same USB devices, each one's bulk transfers given the long timeout above (the `usb` package takes a
 * third argument WebUSB does not have). Devices keep one identity, so that an unplugged one is recognised.
 */
export function patientUsb(usb: UsbAccess): UsbAccess {
  const wrapped = new WeakMap<USBDevice, USBDevice>();
  const wrap = (device: USBDevice): USBDevice => {
    let patient = wrapped.get(device);
    if (!patient) {
      patient = new Proxy(device, {
        get(target, property) {
          if (property === 'transferIn')
            return (endpoint: number, length: number) => {
              // Tango reads a packet's payload in a transfer of the length its header declares: a header
              // declaring more than adbd ever sends is refused before a buffer that large is asked for.
              if (length > MAX_PACKET_PAYLOAD) {
                const violation = new ProtocolViolation(`a packet declaring ${length} bytes, more than adbd ever sends (${MAX_PACKET_PAYLOAD})`);
                violations.set(patient!, violation);
                return Promise.reject(violation);
              }
              return (target.transferIn as (e: number, l: number, t: number) => Promise<USBInTransferResult>)(endpoint, length, USB_TRANSFER_TIMEOUT_MS);
            };
          // After a violation the link is torn down: what Tango still sends (closing its streams) goes nowhere,
          // rather than failing where nobody waits for it.
          if (property === 'transferOut' && violations.has(patient!)) return (_endpoint: number, data: ArrayBuffer | ArrayBufferView) => Promise.resolve({ bytesWritten: data.byteLength, status: 'ok' } as USBOutTransferResult);
          if (property === 'transferOut') return (endpoint: number, data: ArrayBuffer | ArrayBufferView) => (target.transferOut as (e: number, d: ArrayBuffer | ArrayBufferView, t: number) => Promise<USBOutTransferResult>)(endpoint, data, USB_TRANSFER_TIMEOUT_MS);
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
        },
      });
      wrapped.set(device, patient);
    }
    return patient;
  };
  const listeners = new Map<unknown, (event: { device: USBDevice }) => void>();
  const patient = {
    getDevices: async () => (await usb.getDevices()).map(wrap),
    addEventListener(type: 'connect' | 'disconnect', listener: (event: { device: USBDevice }) => void) {
      const forward = (event: { device: USBDevice }) => listener({ ...event, device: wrap(event.device) });
      listeners.set(listener, forward);
      usb.addEventListener(type, forward as unknown as (event: Event) => void);
    },
    removeEventListener(type: 'connect' | 'disconnect', listener: (event: { device: USBDevice }) => void) {
      const forward = listeners.get(listener);
      if (!forward) return;
      listeners.delete(listener);
      usb.removeEventListener(type, forward as unknown as (event: Event) => void);
    },
  };
  return patient as unknown as UsbAccess;
}

/** A phone that failed its handshake while still plugged in is tried again after this long. */
const RETRY_AFTER_MS = 3000;

interface Plugged {
  device: AdbDaemonWebUsbDevice;
  phone: DirectPhone;
}

export class UsbPhones {
  private readonly plugged = new Map<USBDevice, Plugged>();
  private observer: AdbDaemonWebUsbDeviceObserver | null = null;
  private starting: Promise<void> | null = null;
  /** Bumped by `stop()`: a start still on its way when stopped lets go of what it found. */
  private generation = 0;
  /** Why this computer's USB devices cannot be read, when they cannot. */
  problem: string | null = null;

  constructor(
    private readonly usb: () => Promise<UsbAccess | null>,
    private readonly key: () => AdbKey | null,
    private readonly onChange: () => void,
  ) {}

  /** Starts following the USB ports (once); phones found are reached as soon as a key is available. */
  start(): Promise<void> {
    this.starting ??= this.follow(this.generation);
    return this.starting;
  }

  /** Whether a phone is held open and answering (an adb server could not take it now). */
  holding(): boolean {
    return this.list().some((phone) => phone.state === 'connecting' || phone.state === 'unauthorized' || phone.state === 'device');
  }

  /** The phones plugged in; one that failed while still plugged in is tried again after a while. */
  list(): DirectPhone[] {
    for (const entry of this.plugged.values()) {
      if (entry.phone.state === 'gone' && entry.phone.endedAt !== null && Date.now() - entry.phone.endedAt > RETRY_AFTER_MS) {
        entry.phone = this.reach(entry.device);
      }
    }
    return [...this.plugged.values()].map((entry) => entry.phone);
  }

  /** A key became available (the vault was opened): phones waiting for it are reached now. */
  keyChanged(): void {
    if (this.plugged.size === 0) return;
    const key = this.key();
    if (!key) return;
    for (const { phone } of this.plugged.values()) phone.start(key);
  }

  /** Lets every phone go and stops following the ports (an adb server now owns them, or the app ends). */
  stop(): void {
    this.generation += 1;
    this.observer?.stop();
    this.observer = null;
    this.starting = null;
    for (const { phone } of this.plugged.values()) phone.close();
    this.plugged.clear();
  }

  private async follow(generation: number): Promise<void> {
    const system = await this.usb();
    if (generation !== this.generation) return;
    if (!system) {
      this.problem = 'the usb module could not be loaded on this computer';
      return;
    }
    let observer: AdbDaemonWebUsbDeviceObserver;
    try {
      observer = await new AdbDaemonWebUsbDeviceManager(patientUsb(system)).trackDevices();
    } catch (error) {
      // No USB bus to read (a container, a virtual machine without USB): no phone can be plugged in.
      this.problem = error instanceof Error ? error.message : String(error);
      return;
    }
    if (generation !== this.generation) {
      observer.stop();
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
        this.plugged.get(device.raw)?.phone.close();
        this.plugged.delete(device.raw);
      }
      this.onChange();
    });
  }

  private add(device: AdbDaemonWebUsbDevice): void {
    if (this.plugged.has(device.raw)) return;
    this.plugged.set(device.raw, { device, phone: this.reach(device) });
  }

  private reach(device: AdbDaemonWebUsbDevice): DirectPhone {
    const phone = new DirectPhone({
      serial: device.serial,
      transport: 'usb',
      open: async () => {
        violations.delete(device.raw);
        let connection: Awaited<ReturnType<AdbDaemonWebUsbDevice['connect']>>;
        try {
          connection = await device.connect();
        } catch (error) {
          // Opened but not claimed (another program holds the interface): closed again, not kept.
          await device.raw.close().catch(() => undefined);
          throw error;
        }
        return {
          connection,
          violation: () => violations.get(device.raw) ?? null,
          close: () => {
            void device.raw.close().catch(() => undefined);
            // Tango stops following the device once the connection's streams close (when nobody holds them).
            if (!connection.writable.locked) void connection.writable.close().catch(() => undefined);
          },
        };
      },
      onChange: this.onChange,
      classifyOpenError: usbOpenState,
      describe: () => ({ maker: device.raw.manufacturerName ?? null, model: device.raw.productName ?? null }),
    });
    const key = this.key();
    if (key) phone.start(key);
    return phone;
  }
}
