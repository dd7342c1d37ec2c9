// The application: composes the services behind the typed API (src-shared/api.ts), in one place, no
// globals, and dispatches each request to its handler (src-main/handlers/, one module per area). The three
// doors (Electron IPC, the headless host, the CLI) only ever call `invoke` or `call`; every request is
// validated against its schema here before it reaches a service, and every answer before it leaves.
import path from 'node:path';
import { z } from 'zod';
import {
  isOperationName,
  operations,
  type Envelope,
  type EventName,
  type EventPayload,
  type OperationInput,
  type OperationName,
  type OperationOutput,
} from '../src-shared/api.js';
import type { DeviceList } from '../src-shared/acquisition.js';
import type { LockReason, UnlockResult } from '../src-shared/vault-status.js';
import { SentinelleError, toErrorPayload } from '../src-shared/errors.js';
import { InactivityLock, systemTimers, type Timers } from './auto-lock.js';
import { systemClock, type Clock } from './clock.js';
import type { AndroidDevices, AndroidDevicesOptions } from './acquisition/android/adb/android-devices.js';
import { AndroidService } from './acquisition/android/android-service.js';
import { ExecutableHasher } from './acquisition/computer/executable-hasher.js';
import type { DemoPhone } from './demo/demo-phone.js';
import { headlessChromiumPrinter, sweepPrinterProfiles } from './evidence/print-pdf.js';
import { ForwardService } from './forward/forward-service.js';
import type { AppContext, Handlers, HandlersFor } from './handlers/app-context.js';
import { caseHandlers } from './handlers/cases.js';
import { findingHandlers } from './handlers/findings.js';
import { forwardingHandlers } from './handlers/forwarding.js';
import { lazyHandlers } from './handlers/lazy.js';
import { ScanSession } from './handlers/scan-session.js';
import { signatureHandlers } from './handlers/signatures.js';
import { builtinResourcesDir, builtinSignaturesDir } from './package-info.js';
import { SignatureService } from './signatures/signature-service.js';
import { DownloadShelf, type ShelvedFile } from './system/download-shelf.js';
import { sweepTemporaryFiles } from './system/temporary-files.js';
import { UploadSpool, type StagedUpload } from './system/upload-spool.js';
import { vaultExists } from './vault/header.js';
import type { KdfCost } from './vault/key-wrapping.js';
import { purgeExpiredCases } from './vault/retention.js';
import { OpenVault } from './vault/vault.js';

export interface AppOptions {
  vaultDir: string;
  clock?: Clock;
  timers?: Timers;
  /** Argon2id cost for new passphrases; only tests make it cheaper. */
  kdfCost?: KdfCost;
  /** The signature database folder; the installed package's `signatures/` by default. */
  signaturesDir?: string;
  /** Demo phones and other resources; the installed package's `resources/` by default. */
  resourcesDir?: string;
  /** Prints a bundle's report to PDF (Electron's printToPDF in the app); headless Chromium, when installed, by default. */
  printPdf?: ((html: string) => Promise<Buffer | null>) | null;
  /** How Android phones are found: the computer's USB devices and the adb server's port (tests give fakes). */
  android?: AndroidDevicesOptions;
}

export type AppEventListener = (event: EventName, payload: unknown) => void;

/** Operations that do not count as the advocate being active (status polling). */
const PASSIVE_OPERATIONS = new Set<OperationName>(['vault.status']);

export class App {
  readonly vaultDir: string;
  private readonly resourcesDir: string;
  private demoPhone: DemoPhone | null = null;
  private demoLoading: Promise<DemoPhone> | null = null;
  private readonly clock: Clock;
  private readonly kdfCost: KdfCost | undefined;
  private vault: OpenVault | null = null;
  private readonly listeners = new Set<AppEventListener>();
  private readonly inactivity: InactivityLock;
  /** Vault lifecycle changes (create, unlock, lock) happen one at a time. */
  private lifecycle: Promise<unknown> = Promise.resolve();
  private readonly handlers: Handlers;
  private readonly signatures: SignatureService;
  private readonly android: AndroidService;
  private readonly forward: ForwardService;
  private readonly scans: ScanSession;
  /** Files offered to the headless app's browser, and files it sent (both only while the vault is open). */
  private readonly downloads: DownloadShelf;
  private readonly uploads: UploadSpool;

  constructor(options: AppOptions) {
    this.vaultDir = options.vaultDir;
    this.resourcesDir = options.resourcesDir ?? builtinResourcesDir;
    this.clock = options.clock ?? systemClock;
    this.kdfCost = options.kdfCost;
    this.signatures = new SignatureService(options.signaturesDir ?? builtinSignaturesDir);
    this.android = new AndroidService((list) => this.emit('devices.changed', this.markDemo(list)), options.android);
    this.forward = new ForwardService(this.clock, () => this.signatures.database().version, (outbox) => this.emit('forward.outbox', outbox), options.timers ?? systemTimers);
    this.inactivity = new InactivityLock(options.timers ?? systemTimers, () => this.lock('inactivity'));
    this.downloads = new DownloadShelf(path.join(this.vaultDir, 'work', 'downloads'));
    this.uploads = new UploadSpool(path.join(this.vaultDir, 'work', 'uploads'));
    const openVault = () => (this.vault?.isOpen ? this.vault : null);
    const emit = <E extends EventName>(event: E, payload: EventPayload<E>) => this.emit(event, payload);
    const touch = () => this.inactivity.touch();
    this.scans = new ScanSession({ signatures: this.signatures, forward: this.forward, openVault, emit, touch });
    const context: AppContext = {
      vaultDir: this.vaultDir,
      clock: this.clock,
      signatures: this.signatures,
      android: this.android,
      demo: () => this.demo(),
      markDemo: (list) => this.markDemo(list),
      forward: this.forward,
      /** Fingerprints of this computer's programs, kept while the app runs so a second scan is quick. */
      executableHasher: new ExecutableHasher(),
      printPdf: options.printPdf === undefined ? headlessChromiumPrinter() : options.printPdf,
      scans: this.scans,
      downloads: this.downloads,
      uploads: this.uploads,
      requireVault: () => this.requireVault(),
      openVault,
      emit,
      touch,
      armAutoLock: (ms) => this.inactivity.arm(ms),
    };
    this.handlers = {
      ...this.vaultHandlers(),
      ...caseHandlers(context),
      ...findingHandlers(context),
      ...signatureHandlers(context),
      ...forwardingHandlers(context),
      // Loaded on first use: the unlock screen needs none of them.
      ...lazyHandlers(['devices.', 'scans.', 'artifacts.', 'backups.', 'ios.', 'host.'], async () => (await import('./handlers/scans.js')).scanHandlers(context)),
      ...lazyHandlers(['bundles.', 'keys.', 'reports.', 'reader.'], async () => (await import('./handlers/bundles.js')).bundleHandlers(context)),
      ...lazyHandlers(['demo.'], async () => (await import('./handlers/demo.js')).demoHandlers(context)),
      ...lazyHandlers(['response.'], async () => (await import('./handlers/response.js')).responseHandlers(context)),
    };
    sweepTemporaryFiles(this.vaultDir, [sweepPrinterProfiles]);
  }

  /** The door-facing entry point: any name, any input; always answers with an envelope. */
  async invoke(name: unknown, input: unknown): Promise<Envelope<unknown>> {
    try {
      if (!isOperationName(name)) {
        throw new SentinelleError('host.unknown-operation', 'This version of Sentinelle does not know that request.', { technical: String(name) });
      }
      return { ok: true, result: await this.dispatch(name, input) };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
  }

  /** The typed entry point for in-process callers (the CLI): throws SentinelleError on failure. */
  async call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
    return (await this.dispatch(name, input)) as OperationOutput<N>;
  }

  /** The phones this app reaches (tests plug their own simulated phones in here). */
  androidDevices(): Promise<AndroidDevices> {
    return this.android.devices();
  }

  /** The demo phone (training, recorded phones replayed), loaded on first use. */
  demo(): Promise<DemoPhone> {
    this.demoLoading ??= import('./demo/demo-phone.js').then(({ DemoPhone }) => (this.demoPhone = new DemoPhone(this.resourcesDir, () => this.android.devices())));
    return this.demoLoading;
  }

  /**
   * A file the headless app's browser sends (its picker's choice), streamed into the upload spool; only while
   * the vault is open. The operations that read files take its id.
   */
  async receiveUpload(name: string, body: AsyncIterable<Uint8Array>): Promise<StagedUpload> {
    this.requireVault();
    this.inactivity.touch();
    return this.uploads.receive(name, body);
  }

  /** A file offered for download (a sealed bundle, the reader page), if it is still there. */
  downloadFor(id: string): ShelvedFile | null {
    return this.vault?.isOpen ? this.downloads.find(id) : null;
  }

  /** The browser has the file: the copy kept for it goes. */
  downloadDelivered(id: string): void {
    this.downloads.delivered(id);
  }

  /** The device list with the demo phones said to be the demo, for the advocate who trains with them. */
  private markDemo(list: DeviceList): DeviceList {
    const demo = this.demoPhone?.serials();
    if (!demo || demo.size === 0) return list;
    return { ...list, devices: list.devices.map((device) => (demo.has(device.serial) ? { ...device, connection: 'demo' as const } : device)) };
  }

  subscribe(listener: AppEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Locks the vault, stops timers, scans and the demo phone: call when the process ends. */
  async dispose(): Promise<void> {
    this.lock('user');
    // A demo phone still loading is stopped once it has loaded.
    const demo = this.demoPhone ?? (await this.demoLoading?.catch(() => null)) ?? null;
    await demo?.stop().catch(() => undefined);
    this.android.dispose();
  }

  private async dispatch<N extends OperationName>(name: N, rawInput: unknown): Promise<unknown> {
    const parsed = operations[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      throw new SentinelleError('input.invalid', 'Some of the information given is not valid. Check the highlighted fields.', {
        technical: z.prettifyError(parsed.error),
      });
    }
    if (!PASSIVE_OPERATIONS.has(name)) this.inactivity.touch();
    const handler = this.handlers[name] as (input: unknown) => unknown;
    const result = await handler(parsed.data);
    const checked = operations[name].output.safeParse(result);
    if (!checked.success) {
      throw new SentinelleError('internal', 'Sentinelle produced an answer it could not check. Nothing was lost; please report this.', {
        technical: `${name}: ${z.prettifyError(checked.error)}`,
      });
    }
    return checked.data;
  }

  private emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // a failing listener (a closed window, a dropped connection) must not break the service
      }
    }
  }

  private requireVault(): OpenVault {
    if (!this.vault?.isOpen) throw new SentinelleError('vault.locked', 'The vault is locked. Unlock it to continue.');
    return this.vault;
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.lifecycle.then(work, work);
    this.lifecycle = next.catch(() => undefined);
    return next;
  }

  private lock(reason: LockReason): void {
    this.inactivity.disarm();
    this.forward.detach();
    this.scans.cancelAll();
    // Phones already allowed stay connected; new ones wait for the vault (and its key) to open again.
    this.android.useKey(null);
    const vault = this.vault;
    this.vault = null;
    if (vault?.isOpen) {
      vault.lock(reason);
      this.emit('vault.locked', { reason });
    }
    this.downloads.clear();
    this.uploads.clear();
    sweepTemporaryFiles(this.vaultDir, [sweepPrinterProfiles]);
  }

  private afterUnlock(vault: OpenVault): UnlockResult {
    this.vault = vault;
    sweepTemporaryFiles(this.vaultDir, [sweepPrinterProfiles]);
    this.inactivity.arm(vault.settings.get().autoLockMinutes * 60_000);
    this.forward.attach(vault);
    this.android.useKey(() => vault.adbKey.privateKey());
    let purgedCases: string[] = [];
    try {
      purgedCases = purgeExpiredCases(vault, this.clock).purgedCases;
    } catch (error) {
      // Retention runs again at the next unlock; a failure here must not keep the advocate out.
      try {
        vault.audit.record('retention.failed', { error: error instanceof Error ? error.message : String(error) });
      } catch {
        // the audit trail is best effort here
      }
    }
    this.scans.detectAgainAfterUpgrade(vault);
    this.emit('vault.unlocked', {});
    if (!vault.lastCustodyReport.intact) this.emit('custody.alarm', vault.lastCustodyReport);
    return { custody: vault.lastCustodyReport, purgedCases, failedUnlocks: vault.failedUnlocks };
  }

  /** The vault's own lifecycle (create, unlock, lock, passphrases): the state this class holds. */
  private vaultHandlers(): HandlersFor<'vault.'> {
    const options = { clock: this.clock, ...(this.kdfCost ? { kdfCost: this.kdfCost } : {}) };
    return {
    'vault.status': () => ({
      state: this.vault?.isOpen ? 'unlocked' : vaultExists(this.vaultDir) ? 'locked' : 'absent',
      custody: this.vault?.isOpen ? this.vault.lastCustodyReport : null,
    }),
    'vault.create': ({ passphrase }) =>
      this.serialized(async () => {
        this.lock('user');
        const { vault, recoveryKey } = await OpenVault.create(this.vaultDir, passphrase, options);
        this.afterUnlock(vault);
        return { recoveryKey };
      }),
    'vault.unlock': ({ passphrase }) =>
      this.serialized(async () => {
        this.lock('user');
        return this.afterUnlock(await OpenVault.unlock(this.vaultDir, passphrase, options));
      }),
    'vault.unlockWithRecoveryKey': ({ recoveryKey, newPassphrase }) =>
      this.serialized(async () => {
        this.lock('user');
        return this.afterUnlock(await OpenVault.unlockWithRecoveryKey(this.vaultDir, recoveryKey, newPassphrase, options));
      }),
    'vault.lock': ({ reason }) =>
      this.serialized(async () => {
        // Let a delivery in progress be marked as delivered, so it is not sent again after the next unlock
        // (a quick exit does not wait).
        if (reason !== 'quick-exit') await this.forward.idle(2000);
        this.lock(reason);
        return { done: true as const };
      }),
    'vault.changePassphrase': ({ currentPassphrase, newPassphrase }) =>
      this.serialized(async () => {
        await this.requireVault().changePassphrase(currentPassphrase, newPassphrase, this.kdfCost);
        return { done: true as const };
      }),
    'vault.rekey': ({ currentPassphrase, newPassphrase }) =>
      this.serialized(async () => this.requireVault().rekey(currentPassphrase, newPassphrase, this.kdfCost)),
    'vault.check': () => {
      const report = this.requireVault().check();
      if (!report.custody.intact) this.emit('custody.alarm', report.custody);
      return report;
    },
    };
  }
}

export function createApp(options: AppOptions): App {
  return new App(options);
}
