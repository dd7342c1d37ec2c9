// An adb server already running on this computer (Android Studio, platform-tools): it owns the USB phones
// then, so Sentinelle goes through it, with Tango's client over TCP on 127.0.0.1 (port 5037, or
// ANDROID_ADB_SERVER_PORT). Sentinelle never starts one: when none answers, it reaches phones itself. The
// device list is read in adb's own words (`host:devices-l`, `host:track-devices-l`), every state kept
// (`no permissions` is the Linux udev case, `authorizing` is a phone showing its prompt).
import { Adb, AdbServerClient } from '@yume-chan/adb';
import { AdbServerNodeTcpConnector } from '@yume-chan/adb-server-node-tcp';
import type { DeviceState } from '../../../../src-shared/acquisition.js';

/** How long an adb server may take to say its version before it counts as not running. */
const PROBE_TIMEOUT_MS = 2000;
/** How long an adb server may take to answer anything else (a stalled server must not hang the app). */
const ANSWER_TIMEOUT_MS = 10_000;

export interface ServerDevice {
  serial: string;
  state: DeviceState;
  /** The server's number for this connection of the phone: a phone plugged in again gets a new one. */
  transportId: string | null;
  /** The model the server read from the phone's banner (`Pixel_7`), once it has one. */
  model: string | null;
}

export function adbServerPort(env: NodeJS.ProcessEnv = process.env): number {
  const port = Number(env.ANDROID_ADB_SERVER_PORT);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : 5037;
}

function serverState(words: readonly string[]): DeviceState {
  const [state, next] = words;
  if (state === 'no' && next?.startsWith('permissions')) return 'no-permission';
  switch (state) {
    case 'device':
    case 'unauthorized':
    case 'offline':
    case 'connecting':
      return state;
    // adb is waiting for the phone's owner to allow this computer: the same thing for the advocate.
    case 'authorizing':
      return 'unauthorized';
    default:
      return 'other';
  }
}

/** adb's `devices -l` text: one phone a line, its serial, its state, then `key:value` details. */
export function parseServerDevices(text: string): ServerDevice[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((words) => words.length >= 2 && words[0] !== '')
    .map(([serial, ...rest]) => {
      const field = (name: string) => rest.find((word) => word.startsWith(`${name}:`))?.slice(name.length + 1) ?? null;
      return { serial: serial!, state: serverState(rest), transportId: field('transport_id'), model: field('model') };
    });
}

function timeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([work, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

export class AdbServer {
  readonly client: AdbServerClient;

  constructor(readonly port: number = adbServerPort()) {
    this.client = new AdbServerClient(new AdbServerNodeTcpConnector({ host: '127.0.0.1', port }));
  }

  /** Whether an adb server answers on its port. */
  async running(): Promise<boolean> {
    try {
      await timeout(this.client.getVersion(), PROBE_TIMEOUT_MS, 'adb server version');
      return true;
    } catch {
      return false;
    }
  }

  async list(): Promise<ServerDevice[]> {
    return timeout(
      (async () => {
        const stream = await this.client.createConnection('host:devices-l');
        try {
          return parseServerDevices(await stream.readString());
        } finally {
          await stream.dispose().catch(() => undefined);
        }
      })(),
      ANSWER_TIMEOUT_MS,
      'adb server device list',
    );
  }

  /**
   * Whether this connection of the phone is still up. The server ends a command's stream when the phone is
   * lost as if the command had finished: it marks the phone offline first, so asking after the end tells.
   */
  async stillConnected(serial: string, transportId: bigint): Promise<boolean> {
    const device = (await this.list()).find((candidate) => candidate.serial === serial);
    return device?.state === 'device' && device.transportId === String(transportId);
  }

  /**
   * Calls `onList` with every list the server announces until it stops (killed or restarted), then `onEnd`.
   * Returns a function that stops following.
   */
  async track(onList: (devices: ServerDevice[]) => void, onEnd: () => void): Promise<() => void> {
    const stream = await timeout(this.client.createConnection('host:track-devices-l', { unref: true }), ANSWER_TIMEOUT_MS, 'adb server device tracking');
    let stopped = false;
    void (async () => {
      try {
        while (!stopped) onList(parseServerDevices(await stream.readString()));
      } catch {
        // the server went away
      }
      if (!stopped) onEnd();
    })();
    return () => {
      stopped = true;
      void stream.dispose().catch(() => undefined);
    };
  }

  /** A session with this phone through the server; closing it lets go of nothing on the phone. */
  connect(serial: string): Promise<Adb> {
    return timeout(this.client.createAdb({ serial }), ANSWER_TIMEOUT_MS, `adb server session with ${serial}`);
  }

  /** `adb connect HOST:PORT`: the server reaches a phone over TCP (the simulated phone in the tests). */
  async attach(host: string, port: number): Promise<string> {
    const address = `${host}:${port}`;
    try {
      await timeout(this.client.wireless.connect(address), ANSWER_TIMEOUT_MS, `adb connect ${address}`);
    } catch (error) {
      // A phone that has not accepted this computer yet is still listed, as unauthorized: what the advocate
      // needs to see. One already connected is fine.
      if (!(error instanceof AdbServerClient.UnauthorizedError) && !(error instanceof AdbServerClient.AlreadyConnectedError)) throw error;
    }
    // The server takes a moment to finish the handshake.
    for (let attempt = 0; attempt < 50; attempt += 1) {
      const state = (await this.list()).find((device) => device.serial === address)?.state;
      if (state && state !== 'offline' && state !== 'connecting') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return address;
  }

  async detach(host: string, port: number): Promise<void> {
    await timeout(this.client.wireless.disconnect(`${host}:${port}`), ANSWER_TIMEOUT_MS, `adb disconnect ${host}:${port}`).catch(() => undefined);
  }
}
