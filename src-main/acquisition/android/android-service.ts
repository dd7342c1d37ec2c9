// The Android side of the app: the phones connected (followed live once asked for, however each is reached),
// scans running against them (one per phone at a time, each cancellable), and the events the UI follows —
// device list changes, scan progress by named step, and how each scan ended.
import { setMaxListeners } from 'node:events';
import type { DeviceList, ScanFinished, ScanProgress } from '../../../src-shared/acquisition.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import type { OpenVault } from '../../vault/vault.js';
import { AndroidDevices, type AndroidDevicesOptions, type DeviceSummary } from './adb/android-devices.js';
import { GUIDANCE } from './adb/guidance.js';
import type { AndroidConnection } from './adb/phone-connection.js';
import { PARALLEL_COMMANDS, runAndroidScan, type AndroidScanOutcome } from './android-scan.js';

export interface AndroidServiceEvents {
  devicesChanged(list: DeviceList): void;
  progress(progress: ScanProgress): void;
  finished(finished: ScanFinished): void;
}

/** The list as the advocate sees it: with what to do when there is no phone, and why USB cannot be read, if so. */
export function deviceList(devices: DeviceSummary[], usbProblem: string | null = null): DeviceList {
  if (devices.length > 0) return { devices, guidance: null, technical: null };
  if (!usbProblem) return { devices, guidance: GUIDANCE.none, technical: null };
  const unreadable = GUIDANCE['usb-unreadable'];
  return { devices, guidance: { en: `${GUIDANCE.none.en} ${unreadable.en}`, fr: `${GUIDANCE.none.fr} ${unreadable.fr}` }, technical: usbProblem };
}

export class AndroidService {
  readonly devices: AndroidDevices;
  private tracking: Promise<void> | null = null;
  private readonly running = new Map<string, AbortController>();
  private readonly busy = new Set<string>();

  constructor(
    private readonly events: AndroidServiceEvents,
    options: AndroidDevicesOptions = {},
  ) {
    this.devices = new AndroidDevices(options);
  }

  async list(): Promise<DeviceList> {
    const list = deviceList(await this.devices.list(), this.devices.usbProblem());
    // Following starts with the first listing; if it fails, the next listing starts it again.
    this.tracking ??= this.devices.track((devices) => this.events.devicesChanged(deviceList(devices, this.devices.usbProblem()))).catch(() => {
      this.tracking = null;
    });
    return list;
  }

  /** Runs work on the phone (the one given, or the only one) while nothing else uses it. */
  async withPhone<T>(serial: string | undefined, work: (connection: AndroidConnection) => Promise<T>): Promise<T> {
    const connection = await this.devices.connect(serial);
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

  async scan(vault: OpenVault, caseId: string, serial: string | undefined, isKnownPackage: (name: string) => boolean, onObservations?: () => void): Promise<AndroidScanOutcome> {
    vault.cases.get(caseId);
    return this.withPhone(serial, async (connection) => {
      const controller = new AbortController();
      // Each command in flight listens for a cancel: up to PARALLEL_COMMANDS at once, none left behind.
      setMaxListeners(PARALLEL_COMMANDS + 4, controller.signal);
      let scanId: string | null = null;
      try {
        const outcome = await runAndroidScan({
          vault,
          connection,
          caseId,
          signal: controller.signal,
          isKnownPackage,
          ...(onObservations ? { onObservations } : {}),
          onProgress: (progress) => {
            if (scanId === null) {
              scanId = progress.scanId;
              this.running.set(scanId, controller);
            }
            this.events.progress({ ...progress, caseId });
          },
        });
        this.events.finished({ scanId: outcome.scan.id, caseId, status: outcome.scan.status, message: null });
        return outcome;
      } catch (error) {
        const scan = scanId && vault.isOpen ? vault.scans.get(scanId) : null;
        if (scan) this.events.finished({ scanId: scan.id, caseId, status: scan.status, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        if (scanId) this.running.delete(scanId);
      }
    });
  }

  cancel(scanId: string): void {
    const controller = this.running.get(scanId);
    if (!controller) throw new SentinelleError('scan.not-found', 'This scan is not running.', { technical: scanId });
    controller.abort();
  }

  /** Stops every running scan (the vault is locking): each keeps what it read. */
  cancelAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  dispose(): void {
    this.cancelAll();
    this.tracking = null;
    this.devices.close();
  }
}
