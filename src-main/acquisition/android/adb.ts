// The connection to Android phones: @devicefarmer/adbkit against the system `adb` server (started if it is
// not running; when adb is missing, the error says how to install it). Devices are listed and tracked with
// plain-language guidance for each state. A phone connection sends only what the read-only allow-list
// accepts — the check is here, the one place every command passes through.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import type { ConnectedDevice, DeviceState } from '../../../src-shared/acquisition.js';
import type { LocalizedText } from '../../../src-shared/model.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import { assertApkPath, assertReadOnly } from './allow-list.js';
import { assertContainmentCommand, type ContainmentCommand } from './containment-commands.js';

type AdbkitModule = typeof import('@devicefarmer/adbkit');
type AdbClient = ReturnType<AdbkitModule['Adb']['createClient']>;
// adbkit is CommonJS; its ESM default export is the module object.
const { Adb } = createRequire(import.meta.url)('@devicefarmer/adbkit') as AdbkitModule;

export type DeviceSummary = ConnectedDevice;

export const GUIDANCE: Record<DeviceState | 'none', LocalizedText> = {
  device: { en: 'The phone is connected and ready.', fr: 'Le téléphone est branché et prêt.' },
  unauthorized: {
    en: 'Unlock the phone and accept the “Allow USB debugging?” prompt (tick “Always allow from this computer” only if it is the shelter’s computer).',
    fr: 'Déverrouillez le téléphone et acceptez le message « Autoriser le débogage USB ? » (cochez « Toujours autoriser » seulement sur l’ordinateur du refuge).',
  },
  offline: { en: 'The phone is not answering: unplug it, plug it back in and unlock it.', fr: 'Le téléphone ne répond pas : débranchez-le, rebranchez-le et déverrouillez-le.' },
  connecting: { en: 'The phone is connecting; wait a few seconds.', fr: 'Le téléphone se connecte ; patientez quelques secondes.' },
  other: { en: 'The phone is in an unusual state: unplug it and plug it back in.', fr: 'Le téléphone est dans un état inhabituel : débranchez-le et rebranchez-le.' },
  none: {
    en: 'No phone found. On the phone: Settings → About phone → tap “Build number” seven times; then Settings → System → Developer options → turn on “USB debugging”. Plug the phone in with a USB cable and unlock it.',
    fr: 'Aucun téléphone trouvé. Sur le téléphone : Paramètres → À propos du téléphone → touchez sept fois « Numéro de build » ; puis Paramètres → Système → Options pour les développeurs → activez « Débogage USB ». Branchez le téléphone avec un câble USB et déverrouillez-le.',
  },
};

function toState(type: string): DeviceState {
  // `authorizing`: adb is waiting for the phone to accept this computer — the same thing for the advocate.
  if (type === 'authorizing') return 'unauthorized';
  return type === 'device' || type === 'unauthorized' || type === 'offline' || type === 'connecting' ? type : 'other';
}

/** States adb may leave without telling its trackers (it does not announce authorizing → unauthorized). */
const SETTLING = new Set<DeviceState>(['unauthorized', 'offline', 'connecting', 'other']);
const SETTLE_POLL_MS = 500;
const SETTLE_POLLS = 20;

/** Starts the adb server if it is not running; says how to install adb when it is missing. */
export async function ensureAdbServer(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn('adb', ['start-server'], { stdio: 'ignore' });
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new SentinelleError('device.adb-missing', 'The Android tools (adb) are not installed. On Debian or Ubuntu: sudo apt-get install adb. On Windows and macOS, install “Android SDK Platform-Tools” from developer.android.com and restart Sentinelle.', { cause: error })
          : error,
      ),
    );
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new SentinelleError('device.adb-missing', 'The Android tools (adb) could not start.', { technical: `adb start-server exited with ${code}` }))));
  });
}

export class AdbDevices {
  private client: AdbClient | null = null;
  private tracker: { end(): unknown } | null = null;
  private closed = false;

  private async adb(): Promise<AdbClient> {
    if (!this.client) {
      await ensureAdbServer();
      this.client = Adb.createClient();
    }
    return this.client;
  }

  async list(): Promise<DeviceSummary[]> {
    const devices = await (await this.adb()).listDevices();
    return devices.map((device: { id: string; type: string }) => ({ serial: device.id, state: toState(device.type), guidance: GUIDANCE[toState(device.type)] }));
  }

  /** Calls `onChange` with the whole list whenever a phone is plugged, unplugged or changes state. */
  async track(onChange: (devices: DeviceSummary[]) => void): Promise<void> {
    this.closed = false;
    const tracker = await (await this.adb()).trackDevices();
    if (this.closed) {
      // closed while the tracker was being set up: it must not keep the process alive
      tracker.end();
      return;
    }
    this.tracker = tracker;
    let last = '';
    let polls = 0;
    let timer: NodeJS.Timeout | null = null;
    const refresh = () =>
      void this.list().then((devices) => {
        const key = JSON.stringify(devices.map((device) => [device.serial, device.state]));
        if (key !== last) {
          last = key;
          onChange(devices);
        }
        // While a phone is between states, look again for a few seconds: adb does not announce every change.
        if (timer === null && !this.closed && polls < SETTLE_POLLS && devices.some((device) => SETTLING.has(device.state))) {
          polls += 1;
          timer = setTimeout(() => {
            timer = null;
            refresh();
          }, SETTLE_POLL_MS);
          timer.unref();
        }
      }, () => undefined);
    const changed = () => {
      polls = 0;
      refresh();
    };
    tracker.on('changeSet', changed);
    tracker.on('error', () => undefined);
  }

  /** The phone to scan: the one given, or the only one connected — with its state explained otherwise. */
  async connect(serial?: string): Promise<AndroidConnection> {
    const devices = await this.list();
    const device = serial ? devices.find((candidate) => candidate.serial === serial) : devices.length === 1 ? devices[0] : undefined;
    if (!device) {
      if (devices.length > 1 && !serial) throw new SentinelleError('device.not-found', `Several phones are connected (${devices.map((d) => d.serial).join(', ')}): choose one.`);
      throw new SentinelleError('device.not-found', GUIDANCE.none.en);
    }
    if (device.state === 'unauthorized') throw new SentinelleError('device.unauthorized', GUIDANCE.unauthorized.en);
    if (device.state !== 'device') throw new SentinelleError('device.offline', GUIDANCE[device.state].en);
    return new AdbkitConnection(await this.adb(), device.serial);
  }

  /** Attaches a phone reachable over TCP (the simulated phone): `adb connect host:port`. */
  async attach(host: string, port: number): Promise<string> {
    const adb = await this.adb();
    try {
      await adb.connect(host, port);
    } catch (error) {
      // adb says "failed to authenticate" for a phone that has not accepted this computer: it is still
      // listed, as unauthorized — which is what the advocate needs to see.
      if (!/authenticate/i.test(error instanceof Error ? error.message : String(error))) throw error;
    }
    const serial = `${host}:${port}`;
    // The adb server takes a moment to finish the handshake.
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const state = (await this.list()).find((device) => device.serial === serial)?.state;
      if (state && state !== 'offline' && state !== 'connecting') return serial;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return serial;
  }

  async detach(host: string, port: number): Promise<void> {
    await (await this.adb()).disconnect(host, port).catch(() => undefined);
  }

  close(): void {
    this.closed = true;
    this.tracker?.end();
    this.tracker = null;
  }
}

/** What acquisition needs from a phone; everything that crosses it has passed the read-only check. */
export interface AndroidConnection {
  readonly serial: string;
  shell(command: string): Promise<Buffer>;
  pull(path: string): Promise<Readable>;
  /** A confirmed containment step (never used by scans); returns what the phone printed. */
  contain(command: ContainmentCommand): Promise<string>;
}

class AdbkitConnection implements AndroidConnection {
  constructor(
    private readonly client: AdbClient,
    readonly serial: string,
  ) {}

  async shell(command: string): Promise<Buffer> {
    assertReadOnly(command);
    try {
      const stream = await this.client.getDevice(this.serial).shell(command);
      return await Adb.util.readAll(stream);
    } catch (error) {
      throw disconnected(error);
    }
  }

  async pull(path: string): Promise<Readable> {
    assertApkPath(path);
    try {
      return (await this.client.getDevice(this.serial).pull(path)) as unknown as Readable;
    } catch (error) {
      throw disconnected(error);
    }
  }

  async contain(command: ContainmentCommand): Promise<string> {
    assertContainmentCommand(command.text);
    try {
      const stream = await this.client.getDevice(this.serial).shell(command.text);
      return (await Adb.util.readAll(stream)).toString('utf8');
    } catch (error) {
      throw disconnected(error);
    }
  }
}

function disconnected(error: unknown): SentinelleError {
  if (error instanceof SentinelleError) return error;
  return new SentinelleError('device.disconnected', 'The phone stopped answering (was the cable unplugged?). Everything read so far is kept: plug it back in and scan again to continue.', { cause: error });
}
