// Android test helpers: an App with a fresh vault and a case, and simulated phones (the adbd simulator, with
// the demo profiles of resources/demo/ or phones altered by a test) plugged into it the two ways a phone on
// TCP is reached: directly (`tcp`, as the demo does, no adb server involved) or through Debian's real adb
// server (`adb-server`, `adb connect`), which these helpers start for the tests — Sentinelle itself never
// starts one.
import { spawn } from 'node:child_process';
import type { App } from '../../src-main/app.js';
import type { DemoPhone } from '../../src-main/demo/demo-phone.js';
import { AdbdSimulator, type ServiceLogEntry, type SimulatedPhone, type SimulatorBehaviour } from '../../src-main/demo/adbd-simulator.js';
import { appWithVault } from './app.js';
import { makeTempDir, removeDir } from './temp.js';

export type Via = 'tcp' | 'adb-server';
/** Both ways, for the tests that must hold through each. */
export const TRANSPORTS: readonly Via[] = ['tcp', 'adb-server'];

/** Starts the machine's adb server (Debian's `adb`) if it is not running. */
export async function startAdbServer(): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const child = spawn('adb', ['start-server'], { stdio: 'ignore' });
    child.on('error', (error) => reject(new Error(`these tests need Debian's adb (apt-get install adb): ${error.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`adb start-server exited with ${code}`))));
  });
}

export interface PluggedSimulator {
  serial: string;
  port: number;
  simulator: AdbdSimulator;
}

export interface AndroidTestBed {
  app: App;
  /** The app's demo phone (loaded when the bed is made). */
  demo: DemoPhone;
  dir: string;
  caseId: string;
  via: Via;
  /** Plugs the demo phone with this profile in (unplugging any other); returns its serial. */
  plug(profile: string, options?: { latencyMs?: number }): Promise<string>;
  /** Plugs a phone of the test's own making in (on `port` when given: the same phone plugged back in). */
  plugSimulator(phone: SimulatedPhone, behaviour?: SimulatorBehaviour, port?: number): Promise<PluggedSimulator>;
  /** Pulls a phone plugged with `plugSimulator` out, and stops it. */
  unplug(plugged: PluggedSimulator): Promise<void>;
  /** Everything the current demo phone was asked, in order. */
  log(): ServiceLogEntry[];
  close(): Promise<void>;
}

export async function androidTestBed(options: { via?: Via } = {}): Promise<AndroidTestBed> {
  const via = options.via ?? 'tcp';
  if (via === 'adb-server') await startAdbServer();
  const dir = makeTempDir('sentinelle-android-');
  const { app } = await appWithVault(dir);
  const created = await app.call('cases.create', { label: 'android test' });
  const [devices, demo] = await Promise.all([app.androidDevices(), app.demo()]);
  const plugged = new Set<PluggedSimulator>();
  const unplug = async (phone: PluggedSimulator) => {
    plugged.delete(phone);
    await devices.detach('127.0.0.1', phone.port);
    await phone.simulator.stop();
  };
  return {
    app,
    demo,
    dir,
    caseId: created.id,
    via,
    async plug(profile, plugOptions = {}) {
      return (await demo.start(profile, { ...plugOptions, via })).serial;
    },
    async plugSimulator(phone, behaviour = {}, port) {
      const simulator = new AdbdSimulator(phone, behaviour);
      const listening = await simulator.start(port);
      const entry = { serial: await devices.attach('127.0.0.1', listening, via), port: listening, simulator };
      plugged.add(entry);
      return entry;
    },
    unplug,
    log: () => demo.current()?.simulator.log ?? [],
    async close() {
      for (const phone of [...plugged]) await unplug(phone);
      await app.dispose();
      removeDir(dir);
    },
  };
}

/** The shell commands in a simulator log (without the `shell:` prefix). */
export function shellCommands(log: readonly ServiceLogEntry[]): string[] {
  return log.filter((entry) => entry.service.startsWith('shell:')).map((entry) => entry.service.slice('shell:'.length));
}
