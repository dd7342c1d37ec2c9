/// <reference types="w3c-web-usb" />
// A fake WebUSB for the tests: no USB hardware is attached to the machines the tests run on, so the USB path
// is exercised with devices made here. A device declares its configurations and interfaces as a real phone
// does (an ADB interface is class 0xFF, subclass 0x42, protocol 1, with one bulk IN and one bulk OUT
// endpoint, beside MTP or mass storage); its ADB interface can be wired to the simulated phone over TCP, and
// then carries adbd's packets as a phone's USB endpoints do (each packet's 24-byte header in one transfer,
// its payload in the next). Transfers give up after one second unless given a longer timeout, as the `usb`
// package's do; closing the device aborts transfers in flight, as WebUSB says. It can be busy (another program
// claimed it), refuse to open (no permission), and be unplugged.
import net from 'node:net';

export interface FakeInterface {
  interfaceClass: number;
  interfaceSubclass: number;
  interfaceProtocol: number;
}

export const ADB_INTERFACE: FakeInterface = { interfaceClass: 0xff, interfaceSubclass: 0x42, interfaceProtocol: 1 };
export const MTP_INTERFACE: FakeInterface = { interfaceClass: 0x06, interfaceSubclass: 0x01, interfaceProtocol: 1 };
export const MASS_STORAGE_INTERFACE: FakeInterface = { interfaceClass: 0x08, interfaceSubclass: 0x06, interfaceProtocol: 0x50 };

export interface FakeDeviceOptions {
  serialNumber: string;
  interfaces: FakeInterface[];
  /** The simulated phone's TCP port the ADB interface is wired to. */
  adbdPort?: number;
  /** `claimInterface` fails as when another program (an adb server) holds the interface. */
  busy?: boolean;
  /** `open` fails as when the operating system does not let this user open the device. */
  denied?: boolean;
}

function networkError(message: string): Error {
  return Object.assign(new Error(message), { name: 'NetworkError' });
}

const HEADER_BYTES = 24;
const PACKET_SIZE = 512;
/** The `usb` package's default transfer timeout. */
const DEFAULT_TIMEOUT_MS = 1000;

export class FakeUsbDevice {
  readonly vendorId = 0x18d1;
  readonly productId = 0x4ee7;
  readonly productName = 'Fake phone';
  readonly manufacturerName = 'Sentinelle tests';
  readonly usbVersionMajor = 2;
  readonly configurations: USBConfiguration[];
  configuration: USBConfiguration | null = null;
  opened = false;
  /** The payload bytes the packet whose header was delivered still has to deliver; null between packets. */
  private payloadLeft: number | null = null;
  /** What the test asked the device to do, in order (open, claim, close…). */
  readonly calls: string[] = [];
  private socket: net.Socket | null = null;
  private incoming = Buffer.alloc(0);
  private readonly chunks: Buffer[] = [];
  private waiting: { resolve: (chunk: Buffer) => void; reject: (error: Error) => void } | null = null;
  private gone = false;
  /** Called when the phone at the other end of the wire vanishes (the bus then reports it unplugged). */
  onVanished: () => void = () => undefined;

  constructor(readonly options: FakeDeviceOptions) {
    const interfaces = options.interfaces.map((kind, interfaceNumber) => {
      const alternate = {
        alternateSetting: 0,
        interfaceClass: kind.interfaceClass,
        interfaceSubclass: kind.interfaceSubclass,
        interfaceProtocol: kind.interfaceProtocol,
        interfaceName: null,
        endpoints: [
          { endpointNumber: interfaceNumber * 2 + 1, direction: 'in', type: 'bulk', packetSize: PACKET_SIZE },
          { endpointNumber: interfaceNumber * 2 + 2, direction: 'out', type: 'bulk', packetSize: PACKET_SIZE },
        ],
      } as unknown as USBAlternateInterface;
      return { interfaceNumber, alternate, alternates: [alternate], claimed: false } as USBInterface;
    });
    this.configurations = [{ configurationValue: 1, configurationName: null, interfaces } as unknown as USBConfiguration];
  }

  get serialNumber(): string {
    return this.options.serialNumber;
  }

  async open(): Promise<void> {
    this.calls.push('open');
    if (this.options.denied) throw new Error('LIBUSB_ERROR_ACCESS: Access denied (insufficient permissions)');
    if (this.gone) throw networkError('the device was disconnected');
    this.opened = true;
  }

  async close(): Promise<void> {
    this.calls.push('close');
    this.opened = false;
    // Closing is not unplugging: the wire to the phone is cut without the bus hearing of it.
    const socket = this.socket;
    this.socket = null;
    socket?.removeAllListeners('close');
    socket?.destroy();
    this.waiting?.reject(Object.assign(new Error('The transfer was cancelled.'), { name: 'AbortError' }));
    this.waiting = null;
  }

  async selectConfiguration(value: number): Promise<void> {
    this.calls.push(`configuration ${value}`);
    this.configuration = this.configurations.find((configuration) => configuration.configurationValue === value) ?? null;
  }

  async claimInterface(interfaceNumber: number): Promise<void> {
    this.calls.push(`claim ${interfaceNumber}`);
    if (this.options.busy) throw networkError('Unable to claim interface.');
    const claimed = this.configurations[0]!.interfaces[interfaceNumber] as { claimed: boolean } | undefined;
    if (!claimed) throw new Error(`no interface ${interfaceNumber}`);
    claimed.claimed = true;
    if (this.options.adbdPort !== undefined) await this.wire(this.options.adbdPort);
  }

  async selectAlternateInterface(interfaceNumber: number, alternate: number): Promise<void> {
    this.calls.push(`alternate ${interfaceNumber} ${alternate}`);
  }

  async transferOut(_endpoint: number, data: ArrayBuffer | ArrayBufferView): Promise<USBOutTransferResult> {
    if (this.gone || !this.socket) throw networkError('the device was disconnected');
    const bytes = Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    this.socket.write(bytes);
    return { bytesWritten: bytes.length, status: 'ok' } as USBOutTransferResult;
  }

  async transferIn(_endpoint: number, length: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<USBInTransferResult> {
    const chunk = this.chunks.shift() ?? (await this.next(timeoutMs));
    if (chunk.length > length) throw new Error(`a transfer of ${length} bytes cannot carry ${chunk.length}`);
    const copy = new Uint8Array(chunk);
    return { data: new DataView(copy.buffer), status: 'ok' } as USBInTransferResult;
  }

  /** The cable is pulled. */
  unplug(): void {
    this.gone = true;
    this.socket?.destroy();
    this.waiting?.reject(networkError('the device was disconnected'));
    this.waiting = null;
  }

  private next(timeoutMs: number): Promise<Buffer> {
    if (this.gone) return Promise.reject(networkError('the device was disconnected'));
    if (!this.opened) return Promise.reject(Object.assign(new Error('The device must be opened first.'), { name: 'InvalidStateError' }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new Error('LIBUSB_ERROR_TIMEOUT: the transfer timed out'));
      }, timeoutMs);
      const settle = <T>(action: (value: T) => void) => (value: T) => {
        clearTimeout(timer);
        action(value);
      };
      this.waiting = { resolve: settle(resolve), reject: settle(reject) };
    });
  }

  private async wire(port: number): Promise<void> {
    const socket = net.connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    this.socket = socket;
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (!this.gone) this.onVanished();
    });
    socket.on('data', (data: Buffer) => {
      this.incoming = Buffer.concat([this.incoming, data]);
      // adbd writes each packet as two USB transfers: the header, then the payload (the header goes out at
      // once, whatever its payload — a lying header declaring gigabytes too).
      for (;;) {
        if (this.payloadLeft === null) {
          if (this.incoming.length < HEADER_BYTES) break;
          this.payloadLeft = this.incoming.readUInt32LE(12);
          this.deliver(this.incoming.subarray(0, HEADER_BYTES));
          this.incoming = this.incoming.subarray(HEADER_BYTES);
        }
        if (this.payloadLeft > 0) {
          if (this.incoming.length < this.payloadLeft) break;
          this.deliver(this.incoming.subarray(0, this.payloadLeft));
          this.incoming = this.incoming.subarray(this.payloadLeft);
        }
        this.payloadLeft = null;
      }
    });
  }

  private deliver(chunk: Buffer): void {
    const copy = Buffer.from(chunk);
    if (this.waiting) {
      const { resolve } = this.waiting;
      this.waiting = null;
      resolve(copy);
    } else {
      this.chunks.push(copy);
    }
  }
}

/** The computer's USB bus, WebUSB-style: devices plugged and unplugged by the test. */
export class FakeUsb {
  private readonly devices = new Set<FakeUsbDevice>();
  private readonly listeners = new Map<string, Set<(event: { device: FakeUsbDevice }) => void>>();

  /** How many listeners follow the bus: none once nothing follows it any more. */
  listenerCount(): number {
    return [...this.listeners.values()].reduce((sum, set) => sum + set.size, 0);
  }

  async getDevices(): Promise<FakeUsbDevice[]> {
    return [...this.devices];
  }

  addEventListener(type: string, listener: (event: { device: FakeUsbDevice }) => void): void {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(listener);
  }

  removeEventListener(type: string, listener: (event: { device: FakeUsbDevice }) => void): void {
    this.listeners.get(type)?.delete(listener);
  }

  plug(device: FakeUsbDevice): FakeUsbDevice {
    this.devices.add(device);
    device.onVanished = () => this.unplug(device);
    for (const listener of this.listeners.get('connect') ?? []) listener({ device });
    return device;
  }

  unplug(device: FakeUsbDevice): void {
    if (!this.devices.delete(device)) return;
    device.unplug();
    for (const listener of this.listeners.get('disconnect') ?? []) listener({ device });
  }

  /** As the `usb` package's WebUSB, for the code under test. */
  asWebUsb(): USB {
    return this as unknown as USB;
  }
}
