// The one list of Android phones, whichever way each is reached, and the door to each of them:
// - when an adb server is already running here, it owns the USB phones and Sentinelle goes through it;
// - otherwise Sentinelle reaches USB phones itself, with its own key (nothing to install, nothing spawned);
// - phones over TCP (wireless debugging, the simulated phone) are reached directly too.
// The list is followed live, with plain-language guidance for every state.
import type { Adb, AdbServerTransport } from '@yume-chan/adb';
import { connectionOf, guidanceLine, phoneName, type ConnectedDevice, type PhoneTransport } from '../../../../src-shared/acquisition.js';
import { SentinelleError } from '../../../../src-shared/errors.js';
import { adbServerKeyFingerprint, type AdbKey } from './adb-key.js';
import { AdbServer } from './adb-server.js';
import { DirectPhone } from './direct-phone.js';
import { GUIDANCE, guidanceFor } from './guidance.js';
import { TangoConnection, type AndroidConnection } from './phone-connection.js';
import { connectTcp } from './tcp-connection.js';
import { systemUsb, UsbPhones, type UsbAccess } from './usb-phones.js';

export type DeviceSummary = ConnectedDevice;

/** States a phone may leave without anyone announcing it (adb does not announce authorizing → unauthorized). */
const SETTLING = new Set<ConnectedDevice['state']>(['unauthorized', 'offline', 'connecting', 'other']);
const SETTLE_POLL_MS = 500;
const SETTLE_POLLS = 20;
/** How long attaching a phone over TCP waits for its handshake to get somewhere. */
const ATTACH_SETTLE_MS = 5000;

export interface AndroidDevicesOptions {
  /** The computer's USB devices; the `usb` package by default. */
  usb?: () => Promise<UsbAccess | null>;
  /** Where an adb server would answer; 127.0.0.1 on ANDROID_ADB_SERVER_PORT or 5037 by default. */
  server?: AdbServer;
}

function directSummary(phone: DirectPhone): DeviceSummary {
  const state = phone.state === 'vault-locked' || phone.state === 'gone' ? 'other' : phone.state;
  return {
    serial: phone.serial,
    state,
    transport: phone.transport,
    model: phone.model,
    connection: connectionOf(phone.transport, phone.serial),
    keyFingerprint: phone.keyFingerprint,
    guidance: phone.state === 'vault-locked' ? GUIDANCE['vault-locked'] : guidanceFor(state, phone.keyFingerprint),
  };
}

export class AndroidDevices {
  private readonly server: AdbServer;
  private readonly usb: UsbPhones;
  private readonly tcp = new Map<string, DirectPhone>();
  /** Phones this app asked the adb server to reach (`adb connect`): the only ones it asks it to let go. */
  private readonly attachedThroughServer = new Set<string>();
  private keySource: (() => AdbKey) | null = null;
  private key: AdbKey | null = null;
  private mode: 'usb' | 'adb-server' | null = null;
  private listener: ((devices: DeviceSummary[]) => void) | null = null;
  private stopServerTracking: (() => void) | null = null;
  private lastAnnounced = '';
  /** Each reading of the list is numbered, so that an older one finishing late is not announced. */
  private readings = 0;
  private announcedReading = 0;
  private settlePolls = 0;
  private settleTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(options: AndroidDevicesOptions = {}) {
    this.server = options.server ?? new AdbServer();
    this.usb = new UsbPhones(options.usb ?? systemUsb, () => this.currentKey(), () => this.changed());
  }

  /**
   * This installation's ADB key, made on first use (the vault is open), or null (locked): phones reached
   * directly wait for it. Sessions already open stay open.
   */
  useKey(source: (() => AdbKey) | null): void {
    this.keySource = source;
    this.key = null;
    if (!source) return;
    this.usb.keyChanged();
    if (this.tcp.size === 0) return;
    const key = this.currentKey();
    if (key) for (const phone of this.tcp.values()) phone.start(key);
  }

  async list(): Promise<DeviceSummary[]> {
    if (this.closed) return [];
    const mode = await this.chooseMode();
    const devices: DeviceSummary[] = [];
    if (mode === 'adb-server') {
      const fingerprint = adbServerKeyFingerprint();
      const listed = await this.server.list().catch(() => []);
      for (const { serial, state, model } of listed) devices.push({ serial, state, transport: 'adb-server', model: phoneName(null, model), connection: connectionOf('adb-server', serial), keyFingerprint: fingerprint, guidance: guidanceFor(state, fingerprint) });
    } else if (!this.closed) {
      await this.usb.start();
      for (const phone of this.usb.list()) if (phone.state !== 'gone') devices.push(directSummary(phone));
    }
    // A phone reached directly over TCP is listed once, as Sentinelle's own, even if a server also knows it.
    for (const phone of this.tcp.values()) {
      if (phone.state === 'gone') continue;
      const index = devices.findIndex((device) => device.serial === phone.serial);
      if (index >= 0) devices.splice(index, 1);
      devices.push(directSummary(phone));
    }
    return devices;
  }

  /** Calls `onChange` with the whole list whenever a phone is plugged, unplugged or changes state. */
  async track(onChange: (devices: DeviceSummary[]) => void): Promise<void> {
    this.closed = false;
    this.listener = onChange;
    // Choosing the way phones are reached again starts following them that way; the list as it is then
    // is announced too, so that nothing that changed meanwhile is missed.
    this.mode = null;
    this.lastAnnounced = '';
    await this.list();
    this.changed();
  }

  /** The phone to scan: the one given, or the only one connected — with its state explained otherwise. */
  async connect(serial?: string): Promise<AndroidConnection> {
    const devices = await this.list();
    const device = serial ? devices.find((candidate) => candidate.serial === serial) : devices.length === 1 ? devices[0] : undefined;
    if (!device) {
      if (devices.length > 1 && !serial) {
        const named = devices.slice(0, 5).map((d) => `${(d.model ?? 'Android phone').slice(0, 60)} (${d.serial.slice(0, 40)})`);
        throw new SentinelleError('device.not-found', `Several phones are connected (${named.join(', ')}${devices.length > 5 ? `, and ${devices.length - 5} more` : ''}): choose one.`);
      }
      throw new SentinelleError('device.not-found', guidanceLine(GUIDANCE.none.en));
    }
    if (device.state === 'unauthorized') throw new SentinelleError('device.unauthorized', guidanceLine(device.guidance.en));
    if (device.state !== 'device') throw new SentinelleError('device.offline', guidanceLine(device.guidance.en));
    if (device.transport === 'adb-server') {
      let session: Adb;
      try {
        session = await this.server.connect(device.serial);
      } catch (error) {
        throw new SentinelleError('device.offline', GUIDANCE.offline.en, { cause: error });
      }
      const transportId = (session.transport as AdbServerTransport).transportId;
      return new TangoConnection(session, {
        serial: device.serial,
        transport: 'adb-server',
        keyFingerprint: device.keyFingerprint,
        owned: true,
        stillConnected: () => this.server.stillConnected(device.serial, transportId),
      });
    }
    const phone = this.direct(device.serial);
    const session = phone?.session();
    if (!phone || !session) throw new SentinelleError('device.offline', GUIDANCE.offline.en);
    return new TangoConnection(session, { serial: phone.serial, transport: phone.transport, keyFingerprint: phone.keyFingerprint, owned: false, violation: () => phone.violation() });
  }

  /**
   * Reaches a phone over TCP: directly (wireless debugging, the simulated phone), or through the running
   * adb server (`adb connect`). Returns its serial, `HOST:PORT`.
   */
  async attach(host: string, port: number, via: Extract<PhoneTransport, 'tcp' | 'adb-server'> = 'tcp'): Promise<string> {
    if (via === 'adb-server') {
      if (!(await this.server.running())) throw new SentinelleError('device.not-found', 'No adb server is running on this computer.', { technical: `nothing answers on 127.0.0.1:${this.server.port}` });
      const serial = await this.server.attach(host, port);
      this.attachedThroughServer.add(serial);
      this.changed();
      return serial;
    }
    const serial = `${host}:${port}`;
    this.tcp.get(serial)?.close();
    const phone: DirectPhone = new DirectPhone({
      serial,
      transport: 'tcp',
      open: () => connectTcp(host, port),
      onChange: () => {
        if (phone.state === 'gone' && this.tcp.get(serial) === phone) this.tcp.delete(serial);
        this.changed();
      },
    });
    this.tcp.set(serial, phone);
    const key = this.currentKey();
    if (key) phone.start(key);
    await phone.settled(ATTACH_SETTLE_MS);
    if (phone.state === 'other' && phone.problem) {
      phone.close();
      throw new SentinelleError('device.not-found', `Nothing answers at ${serial}: check the phone’s address and that wireless debugging is on.`, { technical: phone.problem });
    }
    return serial;
  }

  async detach(host: string, port: number): Promise<void> {
    const serial = `${host}:${port}`;
    const phone = this.tcp.get(serial);
    if (phone) {
      this.tcp.delete(serial);
      phone.close();
      return;
    }
    if (this.attachedThroughServer.delete(serial)) await this.server.detach(host, port);
  }

  close(): void {
    this.closed = true;
    this.listener = null;
    this.stopFollowing();
    this.usb.stop();
    for (const phone of this.tcp.values()) phone.close();
    this.tcp.clear();
  }

  /** Why this computer's USB ports could not be read, when phones are looked for there and they could not. */
  usbProblem(): string | null {
    return this.mode === 'usb' ? this.usb.problem : null;
  }

  private currentKey(): AdbKey | null {
    if (!this.key && this.keySource) this.key = this.keySource();
    return this.key;
  }

  private direct(serial: string): DirectPhone | undefined {
    return this.tcp.get(serial) ?? this.usb.list().find((phone) => phone.serial === serial && phone.state !== 'gone');
  }

  /** The adb server when one is running and Sentinelle holds no USB phone itself; USB otherwise. */
  private async chooseMode(): Promise<'usb' | 'adb-server'> {
    const mode = !this.usb.holding() && (await this.server.running()) ? 'adb-server' : 'usb';
    if (mode !== this.mode) {
      this.mode = mode;
      if (mode === 'adb-server') this.usb.stop();
      if (this.listener) await this.follow();
    }
    return mode;
  }

  private async follow(): Promise<void> {
    this.stopFollowing();
    if (this.closed || !this.mode) return;
    if (this.mode === 'usb') {
      await this.usb.start();
      return;
    }
    try {
      this.stopServerTracking = await this.server.track(
        () => this.changed(),
        () => {
          // The server stopped (killed, restarted): look again for a server, or follow USB.
          this.stopServerTracking = null;
          this.mode = null;
          this.changed();
        },
      );
    } catch {
      this.mode = null;
    }
  }

  private stopFollowing(): void {
    this.stopServerTracking?.();
    this.stopServerTracking = null;
    if (this.settleTimer) clearTimeout(this.settleTimer);
    this.settleTimer = null;
  }

  /** Something changed: the list is read again and announced when different. */
  private changed(): void {
    this.settlePolls = 0;
    this.refresh();
  }

  private refresh(): void {
    if (!this.listener || this.closed) return;
    const reading = ++this.readings;
    void this.list().then(
      (devices) => {
        if (reading < this.announcedReading) return;
        this.announcedReading = reading;
        const key = JSON.stringify(devices.map((device) => [device.serial, device.state]));
        if (key !== this.lastAnnounced) {
          this.lastAnnounced = key;
          this.listener?.(devices);
        }
        // While a phone is between states, look again for a few seconds: not every change is announced.
        if (this.settleTimer === null && !this.closed && this.settlePolls < SETTLE_POLLS && devices.some((device) => SETTLING.has(device.state))) {
          this.settlePolls += 1;
          this.settleTimer = setTimeout(() => {
            this.settleTimer = null;
            this.refresh();
          }, SETTLE_POLL_MS);
          this.settleTimer.unref();
        }
      },
      () => undefined,
    );
  }
}
