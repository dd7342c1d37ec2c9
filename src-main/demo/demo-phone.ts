// Demo mode: a simulated phone (resources/demo/*.json, a profile file, or a recorded phone replayed) served
// by the adbd simulator on a loopback port and reached over TCP exactly as a phone is (directly, with no adb
// server; or through a running adb server, which the tests use too), so advocates can train on the whole app — and tests can drive it — as with a
// phone on a USB cable. One demo phone at a time, unless another is plugged in beside it (training with two
// phones, where the one to scan must be told apart).
import type { DemoPhoneInfo, DemoProfileInfo, PhoneTransport } from '../../src-shared/acquisition.js';
import { SentinelleError } from '../../src-shared/errors.js';
import type { AndroidDevices } from '../acquisition/android/adb/android-devices.js';
import { AdbdSimulator, type SimulatedPhone, type SimulatorBehaviour } from './adbd-simulator.js';
import { listDemoProfiles, loadDemoProfile, loadProfileFile } from './phone-profile.js';
import { ProfilePhone } from './profile-phone.js';
import { RecordedPhone, recordingName } from './recorded-phone.js';

export interface DemoStartOptions {
  latencyMs?: number;
  via?: Extract<PhoneTransport, 'tcp' | 'adb-server'>;
  /** Plug it in beside the demo phones already there, rather than in their place. */
  alongside?: boolean;
}

const HOST = '127.0.0.1';

export class DemoPhone {
  /** The demo phones plugged in, the last one started last. */
  private readonly running: { info: DemoPhoneInfo; simulator: AdbdSimulator }[] = [];

  constructor(
    private readonly resourcesDir: string,
    private readonly devices: () => Promise<AndroidDevices>,
  ) {}

  profiles(): DemoProfileInfo[] {
    return listDemoProfiles(this.resourcesDir).map((id) => {
      const { profile } = loadDemoProfile(this.resourcesDir, id);
      return { id, name: profile.name, description: profile.description };
    });
  }

  /**
   * Starts the demo phone with this profile (stopping any other) and plugs it in: directly over TCP, or
   * through the adb server running on this computer (`via: 'adb-server'`).
   */
  async start(profileId: string, options: DemoStartOptions = {}): Promise<DemoPhoneInfo> {
    const loaded = loadDemoProfile(this.resourcesDir, profileId);
    return this.run(profileId, await ProfilePhone.create(loaded), loaded.profile.behaviour, options);
  }

  /** Starts a phone profile from any file (`sentinelle demo --profile-file FILE`), checked like the shipped ones. */
  async startProfileFile(file: string, options: DemoStartOptions = {}): Promise<DemoPhoneInfo> {
    const loaded = loadProfileFile(this.resourcesDir, file);
    return this.run(loaded.profile.id, await ProfilePhone.create(loaded), loaded.profile.behaviour, options);
  }

  /** Starts a phone that answers from a recording: an androidqf folder or zip, a bugreport zip, or an exported recording. */
  async replay(origin: string, options: DemoStartOptions = {}): Promise<DemoPhoneInfo> {
    return this.run(recordingName(origin), await RecordedPhone.open(origin), {}, options);
  }

  private async run(name: string, phone: SimulatedPhone, behaviour: SimulatorBehaviour, options: DemoStartOptions): Promise<DemoPhoneInfo> {
    if (!options.alongside) await this.stop();
    const simulator = new AdbdSimulator(phone, { ...behaviour, ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }) });
    let port: number;
    try {
      port = await simulator.start();
    } catch (error) {
      throw new SentinelleError('demo.unavailable', 'The demo phone could not be started.', { cause: error });
    }
    try {
      const serial = await (await this.devices()).attach(HOST, port, options.via ?? 'tcp');
      const started = { info: { profile: name, serial, port }, simulator };
      this.running.push(started);
      return started.info;
    } catch (error) {
      await simulator.stop();
      throw error;
    }
  }

  /** Unplugs every demo phone. */
  async stop(): Promise<void> {
    for (const running of this.running.splice(0)) {
      await (await this.devices()).detach(HOST, running.info.port);
      await running.simulator.stop();
    }
  }

  /** The demo phone started last, with the simulator (its command log) for tests and benchmarks. */
  current(): { info: DemoPhoneInfo; simulator: AdbdSimulator } | null {
    return this.running.at(-1) ?? null;
  }

  /** The serials the demo phones are reached by: the device list says "demo" for them. */
  serials(): Set<string> {
    return new Set(this.running.map((running) => running.info.serial));
  }
}
