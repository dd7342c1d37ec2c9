// The connection to Android phones: @devicefarmer/adbkit against the system `adb` server (started if it is
// not running; when adb is missing, the error says how to install it). Devices are listed and tracked with
// plain-language guidance for each state. A phone connection sends only what the read-only allow-list
// accepts — the check is here, the one place every command passes through.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { PassThrough, type Readable } from 'node:stream';
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
  private tracker: Awaited<ReturnType<AdbClient['trackDevices']>> | null = null;
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
  /** `onEnd` is called when following stops on its own (the adb server was restarted or killed). */
  async track(onChange: (devices: DeviceSummary[]) => void, onEnd: () => void = () => undefined): Promise<void> {
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
    tracker.on('end', () => {
      if (this.tracker === tracker) this.tracker = null;
      if (!this.closed) onEnd();
    });
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

/** What a phone may send before Sentinelle gives up on it: a broken or hostile phone cannot hang or flood a scan. */
export const PHONE_LIMITS = {
  /** Silence on a command or a transfer before the phone counts as gone. */
  idleMs: 90_000,
  /** The longest command output kept (a 500-app phone's `dumpsys package` is a few MiB). */
  maxOutputBytes: 256 * 1024 * 1024,
  /** The largest APK pulled for its certificate. */
  maxApkBytes: 512 * 1024 * 1024,
};

export interface TransferOptions {
  /** Stops the command or transfer in flight (a cancelled scan). */
  signal?: AbortSignal;
}

/** What acquisition needs from a phone; everything that crosses it has passed the read-only check. */
export interface AndroidConnection {
  readonly serial: string;
  shell(command: string, options?: TransferOptions): Promise<Buffer>;
  pull(path: string, options?: TransferOptions): Promise<Readable>;
  /** A confirmed containment step (never used by scans); returns what the phone printed. */
  contain(command: ContainmentCommand): Promise<string>;
}

class AdbkitConnection implements AndroidConnection {
  constructor(
    private readonly client: AdbClient,
    readonly serial: string,
  ) {}

  async shell(command: string, options: TransferOptions = {}): Promise<Buffer> {
    assertReadOnly(command);
    return this.run(command, options);
  }

  async pull(path: string, options: TransferOptions = {}): Promise<Readable> {
    assertApkPath(path);
    const device = this.client.getDevice(this.serial);
    // Its size first: adb ends a failed transfer as if it were complete and reports the failure after,
    // so a pull is good only when it delivered exactly this many bytes.
    let size: number;
    try {
      const stats = await device.stat(path);
      if (!stats.isFile()) throw Object.assign(new Error(`not a regular file: ${path}`), { code: 'ENOENT' });
      size = Number(stats.size);
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT') throw fileRefused(path, error);
      throw disconnected(error);
    }
    if (size > PHONE_LIMITS.maxApkBytes) throw tooLarge(path, PHONE_LIMITS.maxApkBytes);
    let transfer: Readable;
    try {
      transfer = (await device.pull(path)) as unknown as Readable;
    } catch (error) {
      throw disconnected(error);
    }
    return bounded(transfer, { ...options, maxBytes: PHONE_LIMITS.maxApkBytes, exactBytes: size, what: path });
  }

  async contain(command: ContainmentCommand): Promise<string> {
    assertContainmentCommand(command.text);
    return (await this.run(command.text, {})).toString('utf8');
  }

  private async run(command: string, options: TransferOptions): Promise<Buffer> {
    let stream: Readable;
    try {
      stream = (await this.client.getDevice(this.serial).shell(command)) as unknown as Readable;
    } catch (error) {
      throw disconnected(error);
    }
    const chunks: Buffer[] = [];
    const output = bounded(stream, { ...options, maxBytes: PHONE_LIMITS.maxOutputBytes, what: command });
    for await (const chunk of output) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }
}

/**
 * The phone's bytes, passed on while they stay under `maxBytes`, keep coming (no silence longer than
 * PHONE_LIMITS.idleMs) and nobody cancels; otherwise the transfer is torn down with a typed error.
 */
function bounded(source: Readable, options: TransferOptions & { maxBytes: number; exactBytes?: number; what: string }): Readable {
  const output = new PassThrough();
  let size = 0;
  let timer: NodeJS.Timeout | null = null;
  const stop = (error: SentinelleError) => {
    cleanup();
    source.destroy();
    if (!output.destroyed) output.destroy(error);
  };
  const onAbort = () => stop(new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.'));
  const arm = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => stop(disconnected(new Error(`no data for ${PHONE_LIMITS.idleMs} ms: ${options.what.slice(0, 200)}`))), PHONE_LIMITS.idleMs);
  };
  const cleanup = () => {
    if (timer) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  };
  if (options.signal?.aborted) {
    queueMicrotask(onAbort);
    return output;
  }
  options.signal?.addEventListener('abort', onAbort, { once: true });
  arm();
  source.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > options.maxBytes) {
      stop(tooLarge(options.what, options.maxBytes));
      return;
    }
    arm();
    if (!output.write(chunk)) {
      source.pause();
      output.once('drain', () => source.resume());
    }
  });
  source.on('end', () => {
    if (options.exactBytes !== undefined && size !== options.exactBytes) {
      stop(fileRefused(options.what, new Error(`received ${size} of ${options.exactBytes} bytes`)));
      return;
    }
    cleanup();
    output.end();
  });
  source.on('error', (error: Error) => {
    // adb's sync FAIL: the phone refused this one file (gone since it was listed, or unreadable).
    stop(error.name === 'FailError' ? fileRefused(options.what, error) : disconnected(error));
  });
  return output;
}

function fileRefused(what: string, cause: unknown): SentinelleError {
  return new SentinelleError('acquisition.file-refused', 'The phone would not give one file; the scan went on without it.', {
    technical: `${what.slice(0, 200)}: ${cause instanceof Error ? cause.message : String(cause)}`,
  });
}

function tooLarge(what: string, maxBytes: number): SentinelleError {
  return new SentinelleError('acquisition.too-large', 'The phone sent far more than expected for one item, so Sentinelle stopped reading it.', { technical: `${what.slice(0, 200)}: over ${maxBytes} bytes` });
}

function disconnected(error: unknown): SentinelleError {
  if (error instanceof SentinelleError) return error;
  return new SentinelleError('device.disconnected', 'The phone stopped answering (was the cable unplugged?). Everything read so far is kept: plug it back in and scan again to continue.', { cause: error });
}
