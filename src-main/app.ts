// The application: composes the services behind the typed API (src-shared/api.ts), in one place, no
// globals. The three doors (Electron IPC, the headless host, the CLI) only ever call `invoke` or `call`;
// every request is validated against its schema here before it reaches a service.
import fs from 'node:fs';
import path from 'node:path';
import sodium from 'sodium-native';
import { z } from 'zod';
import {
  isOperationName,
  operations,
  type Envelope,
  type EventName,
  type EventPayload,
  type LockReason,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type OperationParsedInput,
  type UnlockResult,
} from '../src-shared/api.js';
import type { DetectionCounts, ScanStepProgress } from '../src-shared/acquisition.js';
import { READABLE_FINGERPRINT } from '../src-shared/bundle.js';
import { SentinelleError, toErrorPayload } from '../src-shared/errors.js';
import { summarizeCase } from '../src-shared/verdicts.js';
import { InactivityLock, systemTimers, type Timers } from './auto-lock.js';
import { systemClock, type Clock } from './clock.js';
import { adbKey } from './acquisition/android/adb/adb-key.js';
import type { AndroidDevices, AndroidDevicesOptions } from './acquisition/android/adb/android-devices.js';
import { AndroidService } from './acquisition/android/android-service.js';
import { importAndroidAcquisition } from './acquisition/android/imports/import-acquisition.js';
import { defaultBackupFolders, describeBackup, listBackups } from './acquisition/ios/backup-list.js';
import { runIosBackupScan } from './acquisition/ios/ios-backup-scan.js';
import { enableBackupEncryption, listIosDevices, requirePairedDevice } from './acquisition/ios/live/libimobiledevice.js';
import { runLiveIosScan } from './acquisition/ios/live/live-ios-scan.js';
import { ExecutableHasher } from './acquisition/host/executable-hasher.js';
import { hostInfo } from './acquisition/host/host-info.js';
import { runHostScan } from './acquisition/host/host-scan.js';
import { dashboardSummary } from './dashboard.js';
import { DemoPhone } from './demo/demo-phone.js';
import { exportCase } from './evidence/export-case.js';
import { headlessChromiumPrinter } from './evidence/print-pdf.js';
import { sweepTemporaryFiles } from './system/temporary-files.js';
import { generateRecipientKeyPair, installationKeyText, parseInstallationKeyText, parsePublicKeyText, parseSecretKeyText, publicKeyText, readableFingerprint, secretKeyText } from './evidence/recipient-keys.js';
import { unverifiableVerdict, verifyExtractedFolder } from './evidence/verify-bundle.js';
import { ParseLimitError, parseInWorker } from './system/parse-worker.js';
import type { BundleProgress } from './system/parse-tasks.js';
import { ForwardService } from './forward/forward-service.js';
import { runDetection } from './detection/run-detection.js';
import type { RecordOutcome } from './vault/repositories/findings.js';
import { exportRecording } from './acquisition/android/recording.js';
import { installTimeline } from './evidence/install-timeline.js';
import { builtinResourcesDir, builtinSignaturesDir, version as toolVersion } from './package-info.js';
import { containmentTarget, disableApp, undoContainment } from './response/containment.js';
import { responseGuidance } from './response/guidance.js';
import { fingerprintOf, generateSigningKeyPair, readPublicKeyFile, readSecretKeyFile, signPack } from './signatures/packs.js';
import { SignatureService } from './signatures/signature-service.js';
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

/** What a followed scan is given: its cancel signal and where it reports progress and stored observations. */
interface ScanFollowing {
  signal: AbortSignal;
  onProgress: (progress: ScanStepProgress) => void;
  onObservations: () => void;
}

export type AppEventListener = (event: EventName, payload: unknown) => void;

type Handlers = {
  [N in OperationName]: (input: OperationParsedInput<N>) => Promise<OperationOutput<N>> | OperationOutput<N>;
};

/** Operations that do not count as the advocate being active (status polling). */
/** A bundle whose verification makes no progress for this long is given up on (a real one streams steadily). */
const BUNDLE_STALL_MS = 60_000;
const PASSIVE_OPERATIONS = new Set<OperationName>(['vault.status']);

export class App {
  readonly vaultDir: string;
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
  readonly demo: DemoPhone;
  /** iPhone and computer scans running, by scan id, so that they can be cancelled. */
  private readonly cancellableScans = new Map<string, AbortController>();
  /** Fingerprints of this computer's programs, kept while the app runs so a second scan is quick. */
  private readonly executableHasher = new ExecutableHasher();
  private readonly printPdf: ((html: string) => Promise<Buffer | null>) | null;
  private readonly forward: ForwardService;

  constructor(options: AppOptions) {
    this.signatures = new SignatureService(options.signaturesDir ?? builtinSignaturesDir);
    this.android = new AndroidService({
      devicesChanged: (list) => this.emit('devices.changed', list),
      progress: (progress) => {
        // A scan in progress is the advocate's work: the vault must not lock under it.
        this.inactivity.touch();
        this.emit('scan.progress', progress);
      },
      finished: (finished) => this.emit('scan.finished', finished),
    }, options.android);
    this.demo = new DemoPhone(options.resourcesDir ?? builtinResourcesDir, () => this.android.devices);
    this.vaultDir = options.vaultDir;
    this.printPdf = options.printPdf === undefined ? headlessChromiumPrinter() : options.printPdf;
    this.clock = options.clock ?? systemClock;
    this.forward = new ForwardService(this.clock, () => this.signatures.database().version, (outbox) => this.emit('forward.outbox', outbox));
    this.kdfCost = options.kdfCost;
    this.inactivity = new InactivityLock(options.timers ?? systemTimers, () => this.lock('inactivity'));
    this.handlers = this.createHandlers();
    sweepTemporaryFiles(this.vaultDir);
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
  get androidDevices(): AndroidDevices {
    return this.android.devices;
  }

  subscribe(listener: AppEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Locks the vault, stops timers, scans and the demo phone: call when the process ends. */
  async dispose(): Promise<void> {
    this.lock('user');
    await this.demo.stop().catch(() => undefined);
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
    this.android.cancelAll();
    // Phones already allowed stay connected; new ones wait for the vault (and its key) to open again.
    this.android.devices.useKey(null);
    for (const controller of this.cancellableScans.values()) controller.abort();
    const vault = this.vault;
    this.vault = null;
    if (vault?.isOpen) {
      vault.lock(reason);
      this.emit('vault.locked', { reason });
    }
    sweepTemporaryFiles(this.vaultDir);
  }

  private afterUnlock(vault: OpenVault): UnlockResult {
    this.vault = vault;
    sweepTemporaryFiles(this.vaultDir);
    this.inactivity.arm(vault.settings.get().autoLockMinutes * 60_000);
    this.forward.attach(vault);
    this.android.devices.useKey(() => adbKey(vault.adbKey.privateKey()));
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
    this.detectAgainAfterUpgrade(vault);
    this.emit('vault.unlocked', {});
    if (!vault.lastCustodyReport.intact) this.emit('custody.alarm', vault.lastCustodyReport);
    return { custody: vault.lastCustodyReport, purgedCases, failedUnlocks: vault.failedUnlocks };
  }

  private createHandlers(): Handlers {
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
      'session.activity': () => ({ done: true as const }),

      'cases.list': ({ status }) => this.requireVault().cases.list(status),
      'cases.get': ({ caseId }) => this.requireVault().cases.get(caseId),
      'cases.create': ({ checklist, ...input }) => {
        const vault = this.requireVault();
        const created = vault.cases.create(input);
        if (checklist.length > 0) vault.custody.append('case.checklist', created.id, { items: checklist });
        this.emit('cases.changed', { caseId: created.id });
        return created;
      },
      'cases.devices': ({ caseId }) => {
        const vault = this.requireVault();
        vault.cases.get(caseId);
        return vault.devices.listByCase(caseId);
      },
      'cases.installTimeline': ({ caseId }) => {
        const vault = this.requireVault();
        vault.cases.get(caseId);
        return installTimeline(vault.devices.listByCase(caseId), vault.scans.listByCase(caseId), vault.observations.listByCase(caseId, { kind: 'android.package' }));
      },
      'cases.close': ({ caseId }) => {
        const closed = this.requireVault().cases.close(caseId);
        this.emit('cases.changed', { caseId });
        return closed;
      },
      'cases.reopen': ({ caseId }) => {
        const reopened = this.requireVault().cases.reopen(caseId);
        this.emit('cases.changed', { caseId });
        return reopened;
      },

      'settings.get': () => this.requireVault().settings.get(),
      'settings.update': (changes) => {
        const vault = this.requireVault();
        const updated = vault.settings.update(changes);
        vault.audit.record('settings.changed', { keys: Object.keys(changes) });
        if (changes.autoLockMinutes !== undefined) this.inactivity.arm(updated.autoLockMinutes * 60_000);
        return updated;
      },

      'retention.purge': () => purgeExpiredCases(this.requireVault(), this.clock),

      'custody.list': ({ caseId, limit }) => this.requireVault().custody.list({ caseId, limit }),
      'custody.verify': () => {
        const report = this.requireVault().checkCustody();
        if (!report.intact) this.emit('custody.alarm', report);
        return report;
      },
      'audit.list': ({ limit }) => this.requireVault().audit.list(limit),

      'signatures.info': () => this.signatures.info(this.requireVault()),
      'signatures.import': async ({ fileName, content, signature, allowUntrusted }) => {
        const imported = await this.signatures.importInto(this.requireVault(), { name: fileName, bytes: Buffer.from(content, 'base64') }, { signatureText: signature, allowUntrusted });
        return { setId: imported.setId, name: imported.name, version: imported.version, trusted: imported.trusted, signatures: imported.signatures.length, stats: imported.stats, notes: imported.notes, alreadyImported: imported.alreadyImported };
      },
      'signatures.verify': ({ fileName, content, signature, extraKeys }) =>
        this.signatures.verify(
          { name: fileName, bytes: Buffer.from(content, 'base64') },
          signature,
          extraKeys.map((text, i) => readPublicKeyFile(text, `key ${i + 1}`)),
          this.vault?.isOpen ? this.vault : null,
        ),
      'signatures.generateKeyPair': ({ label }) => {
        const { publicFile, secretFile } = generateSigningKeyPair(label);
        return { publicKeyFile: `${JSON.stringify(publicFile, null, 2)}\n`, secretKeyFile: `${JSON.stringify(secretFile, null, 2)}\n`, fingerprint: fingerprintOf(publicFile.publicKey) };
      },
      'signatures.sign': ({ content, secretKeyFile }) => {
        const key = readSecretKeyFile(secretKeyFile, 'the signing key file');
        const signature = signPack(Buffer.from(content, 'base64'), key);
        return { signatureFile: `${JSON.stringify(signature, null, 2)}\n`, fingerprint: fingerprintOf(key.publicKey), signer: key.label };
      },
      'signatures.remove': ({ setId }) => {
        this.signatures.removeSet(this.requireVault(), setId);
        return { done: true as const };
      },
      'signatures.trustKey': ({ publicKeyFile }) => {
        const key = readPublicKeyFile(publicKeyFile, 'the public key file');
        this.requireVault().trustedKeys.add(key.publicKey, key.label);
        const trusted = this.signatures.trustStore(this.requireVault()).find((candidate) => candidate.publicKey === key.publicKey)!;
        return { label: trusted.label, fingerprint: trusted.fingerprint };
      },
      'signatures.untrustKey': ({ publicKey }) => {
        this.requireVault().trustedKeys.remove(publicKey);
        return { done: true as const };
      },

      'detection.run': ({ caseId }) => {
        const vault = this.requireVault();
        return { ...detectionCounts(this.detect(vault, caseId)), findings: vault.findings.listByCase(caseId) };
      },
      'findings.page': ({ caseId, filter, offset, limit }) => {
        const vault = this.requireVault();
        vault.cases.get(caseId);
        return { offset, ...vault.findings.page(caseId, filter, offset, limit) };
      },
      'findings.overview': ({ caseId }) => {
        const vault = this.requireVault();
        vault.cases.get(caseId);
        const summary = summarizeCase(vault.findings.forSummary(caseId));
        // The screen shows the headline; the apps behind it are in the list (the first ones are enough here).
        return { ...vault.findings.counts(caseId), summary: { ...summary, stalkerware: summary.stalkerware.slice(0, 50), askHer: summary.askHer.slice(0, 50) } };
      },
      'findings.get': ({ findingId }) => this.requireVault().findings.get(findingId),
      'findings.list': ({ caseId }) => {
        const vault = this.requireVault();
        vault.cases.get(caseId);
        return vault.findings.listByCase(caseId);
      },
      'findings.review': ({ findingId, status, note }) => this.requireVault().findings.review(findingId, status, note),
      'findings.evidence': ({ findingId }) => {
        const vault = this.requireVault();
        const finding = vault.findings.get(findingId);
        return {
          observations: vault.observations.getMany(finding.observationIds).filter((observation) => observation.caseId === finding.caseId),
          captures: vault.artifacts.capturesOf(finding.caseId, finding.artifactSha256s),
        };
      },
      'observations.list': ({ caseId, kind, limit }) => {
        const vault = this.requireVault();
        vault.cases.get(caseId);
        return vault.observations.listByCase(caseId, { ...(kind === undefined ? {} : { kind }), limit });
      },

      'rules.list': () => this.requireVault().rules.list(),
      'rules.create': ({ definition }) => this.requireVault().rules.create(definition),
      'rules.update': ({ ruleId, definition }) => this.requireVault().rules.update(ruleId, definition),
      'rules.delete': ({ ruleId }) => {
        this.requireVault().rules.delete(ruleId);
        return { done: true as const };
      },
      'rules.setEnabled': ({ ruleId, enabled }) => this.requireVault().rules.setEnabled(ruleId, enabled),

      'devices.list': () => this.android.list(),
      'scans.android': async ({ caseId, serial }) => {
        const vault = this.requireVault();
        requireOpenCase(vault, caseId);
        const index = this.signatures.index(vault);
        const outcome = await this.detectingAfter(vault, caseId, (detectSoFar) => this.android.scan(vault, caseId, serial, (name) => index.matchValue('androidPackages', name).length > 0, detectSoFar));
        return { scan: outcome.scan, resumed: outcome.resumed, observations: outcome.observations, detection: outcome.detection, findings: vault.findings.listByCase(caseId), notes: outcome.notes };
      },
      'artifacts.list': ({ caseId, scanId }) => {
        const vault = this.requireVault();
        vault.cases.get(caseId);
        return scanId === undefined ? vault.artifacts.capturesByCase(caseId) : vault.artifacts.capturesByScan(scanId).filter((capture) => capture.caseId === caseId);
      },
      'scans.cancel': ({ scanId }) => {
        const cancellable = this.cancellableScans.get(scanId);
        if (cancellable) cancellable.abort();
        else this.android.cancel(scanId);
        return { done: true as const };
      },
      'scans.exportRecording': ({ caseId, scanId, out }) => {
        const vault = this.requireVault();
        vault.cases.get(caseId);
        return exportRecording(vault, caseId, scanId, path.resolve(out), { name: 'Sentinelle', version: toolVersion });
      },
      'scans.list': ({ caseId }) => {
        const vault = this.requireVault();
        vault.cases.get(caseId);
        return vault.scans.listByCase(caseId);
      },
      'scans.import': async ({ caseId, path }) => {
        const vault = this.requireVault();
        requireOpenCase(vault, caseId);
        const outcome = await this.detectingAfter(vault, caseId, (detectSoFar) => this.followScan(caseId, detectSoFar, ({ signal, onProgress }) => importAndroidAcquisition(vault, caseId, path, { signal, onProgress })));
        return { ...outcome, findings: vault.findings.listByCase(caseId) };
      },

      'backups.list': async ({ folders }) => {
        const given = await Promise.all(folders.filter((folder) => fs.existsSync(path.join(folder, 'Manifest.db'))).map(describeBackup));
        return [...given, ...(await listBackups([...defaultBackupFolders(), this.iosWorkFolder(), ...folders]))];
      },
      'scans.iosBackup': async ({ caseId, path: dir, password, rememberKey }) => {
        const vault = this.requireVault();
        requireOpenCase(vault, caseId);
        const outcome = await this.detectingAfter(vault, caseId, (detectSoFar) =>
          this.followScan(caseId, detectSoFar, (follow) => runIosBackupScan({ vault, caseId, dir, ...(password === undefined ? {} : { password }), rememberKey, ...follow })),
        );
        return { scan: outcome.scan, resumed: false, observations: outcome.observations, detection: outcome.detection, findings: vault.findings.listByCase(caseId), notes: outcome.notes };
      },
      'ios.devices': () => listIosDevices(),
      'scans.ios': async ({ caseId, udid, password }) => {
        const vault = this.requireVault();
        requireOpenCase(vault, caseId);
        const outcome = await this.detectingAfter(vault, caseId, (detectSoFar) =>
          this.followScan(caseId, detectSoFar, (follow) => runLiveIosScan({ vault, caseId, ...(udid === undefined ? {} : { udid }), ...(password === undefined ? {} : { password }), workDir: this.iosWorkFolder(), ...follow })),
        );
        const { backup } = outcome;
        return { scan: backup.scan, resumed: false, observations: backup.observations, detection: outcome.detection, findings: vault.findings.listByCase(caseId), notes: [...backup.notes, outcome.kept ? `The encrypted backup is kept in ${outcome.backupDir}.` : 'The backup could not be opened as an encrypted one: it was deleted.'] };
      },
      'ios.enableBackupEncryption': async ({ caseId, udid, password }) => {
        const vault = this.requireVault();
        vault.cases.get(caseId);
        const device = await requirePairedDevice(udid);
        vault.custody.append('ios.backup-encryption-requested', caseId, { udid: device.udid, confirmedByAdvocate: true });
        const phoneOutput = await enableBackupEncryption(device.udid, password);
        vault.custody.append('ios.backup-encryption-enabled', caseId, { udid: device.udid, phoneOutput });
        return { done: true as const, phoneOutput };
      },

      'keys.generate': ({ label }) => {
        const pair = generateRecipientKeyPair(label);
        return { publicKey: publicKeyText(pair), secretKey: secretKeyText(pair), fingerprint: pair.fingerprint };
      },
      'keys.describe': ({ publicKey }) => {
        const key = parsePublicKeyText(publicKey, 'This key');
        return { label: key.label, fingerprint: key.fingerprint };
      },
      'keys.installation': () => {
        const { signer } = this.requireVault();
        return { publicKey: installationKeyText(signer.publicKey), fingerprint: readableFingerprint(signer.publicKey) };
      },
      'bundles.export': async ({ caseId, out, recipients, passphrase, exclude, redact, language }) => {
        const vault = this.requireVault();
        const info = this.signatures.info(vault);
        const signatures = {
          database: { name: info.database.name, version: info.database.version, sha256: info.database.sha256 },
          community: (info.community?.sets ?? []).map((set) => ({ name: set.name, version: set.version, credit: set.credit, source: set.source ? `${set.source.repository} at ${set.source.commit} (${set.source.licence})` : null })),
          imported: info.imported.map((set) => ({ name: set.name, version: set.version, trusted: set.trusted, signer: set.signer })),
        };
        const exported = await exportCase(vault, {
          caseId,
          out: path.resolve(out),
          recipients: recipients.map((text, i) => parsePublicKeyText(text, `recipient key ${i + 1}`)),
          ...(passphrase === undefined ? {} : { passphrase }),
          exclude,
          redact,
          language,
          toolVersion,
          signatures,
          clock: this.clock,
          ...(this.printPdf ? { printPdf: this.printPdf } : {}),
          onProgress: (bytes, totalBytes) => {
            this.inactivity.touch();
            this.emit('bundle.progress', { path: out, phase: 'export', bytes, totalBytes });
          },
        });
        this.forward.bundleExported(vault, caseId, exported.sha256);
        return exported;
      },
      'bundles.verifyFolder': ({ dir, signers }) => verifyExtractedFolder(path.resolve(dir), { knownSigners: this.knownSigners(signers) }),
      'bundles.verify': async ({ path: file, identity, passphrase, signers, extractTo }) => {
        const knownSigners = this.knownSigners(signers);
        const identityPair = identity === undefined ? undefined : parseSecretKeyText(identity, 'the secret key file');
        try {
          // In a worker thread: a hostile bundle cannot hold the window, and a 100 GB one does not either.
          return await parseInWorker(
            {
              kind: 'bundle-verify',
              file: path.resolve(file),
              identity: identityPair ?? null,
              passphrase: passphrase ?? null,
              knownSigners,
              extractTo: extractTo ?? null,
            },
            {
              timeoutMs: BUNDLE_STALL_MS,
              onProgress: (progress) => {
                const { bytes, totalBytes } = progress as BundleProgress;
                this.emit('bundle.progress', { path: file, phase: 'verify', bytes, totalBytes });
              },
            },
          );
        } catch (error) {
          if (error instanceof ParseLimitError) return unverifiableVerdict(`Sentinelle stopped reading it: ${error.message}.`);
          throw error;
        } finally {
          // The recipient's secret key lives only for the verification.
          if (identityPair) sodium.sodium_memzero(identityPair.secretKey);
        }
      },

      'dashboard.summary': () => dashboardSummary(this.requireVault(), this.clock, this.signatures.database().version),
      'forward.status': () => this.forward.status(this.requireVault()),
      'forward.configure': (update) => this.forward.configure(this.requireVault(), update),
      'forward.test': () => this.forward.test(this.requireVault()),
      'forward.flush': () => this.forward.flush(this.requireVault(), true),

      'host.info': () => hostInfo(),
      'scans.host': async ({ caseId }) => {
        const vault = this.requireVault();
        requireOpenCase(vault, caseId);
        const outcome = await this.detectingAfter(vault, caseId, (detectSoFar) => this.followScan(caseId, detectSoFar, (follow) => runHostScan({ vault, caseId, hasher: this.executableHasher, ...follow })));
        return { scan: outcome.scan, resumed: false, observations: outcome.observations, detection: outcome.detection, findings: vault.findings.listByCase(caseId), notes: outcome.notes };
      },

      'demo.profiles': () => this.demo.profiles(),
      'demo.start': ({ profile, profileFile, replay, latencyMs }) => {
        const options = latencyMs === undefined ? {} : { latencyMs };
        if (replay !== undefined) return this.demo.replay(path.resolve(replay), options);
        if (profileFile !== undefined) return this.demo.startProfileFile(path.resolve(profileFile), options);
        return this.demo.start(profile!, options);
      },
      'demo.stop': async () => {
        await this.demo.stop();
        return { done: true as const };
      },

      'response.guidance': ({ findingId }) => {
        const vault = this.requireVault();
        const finding = vault.findings.get(findingId);
        return responseGuidance(finding, containmentTarget(vault, finding)?.packageName ?? null);
      },
      'response.contain': ({ findingId, serial, confirmations }) => {
        const vault = this.requireVault();
        return disableApp(vault, vault.findings.get(findingId), confirmations, (work) => this.android.withPhone(serial, work));
      },
      'response.undo': ({ containmentId, serial }) => undoContainment(this.requireVault(), containmentId, (work) => this.android.withPhone(serial, work)),
      'response.list': ({ caseId }) => {
        const vault = this.requireVault();
        vault.cases.get(caseId);
        return vault.containment.listByCase(caseId);
      },
    };
  }

  /** Where fresh backups of live iPhones are written: inside the vault's folder, private to this user. */
  private iosWorkFolder(): string {
    return path.join(this.vaultDir, 'work', 'ios-backups');
  }

  /**
   * Runs an iPhone or computer scan so that it can be cancelled and followed: progress and end events,
   * activity kept alive, and findings detected on each step's observations as the scan goes on.
   */
  /** The installation keys a verification trusts: those given (key file text, or a fingerprint read aloud), and this vault's own. */
  private knownSigners(signers: readonly string[]): (Buffer | string)[] {
    const known: (Buffer | string)[] = signers.map((text, i) => (READABLE_FINGERPRINT.test(text.trim()) ? text.trim().toUpperCase() : parseInstallationKeyText(text, `signer key ${i + 1}`)));
    // In the app, the vault's own key is a known signer: a bundle made here is recognised.
    if (this.vault?.isOpen) known.push(this.vault.signer.publicKey);
    return known;
  }

  private async followScan<T>(caseId: string, onObservations: () => void, run: (follow: ScanFollowing) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let scanId: string | null = null;
    try {
      const onProgress = (progress: ScanStepProgress) => {
        if (scanId !== progress.scanId) {
          if (scanId) this.cancellableScans.delete(scanId);
          scanId = progress.scanId;
          this.cancellableScans.set(scanId, controller);
        }
        this.inactivity.touch();
        this.emit('scan.progress', { ...progress, caseId });
      };
      const result = await run({ signal: controller.signal, onProgress, onObservations });
      if (scanId) this.emit('scan.finished', { scanId, caseId, status: 'completed', message: null });
      return result;
    } catch (error) {
      const scan = scanId && this.vault?.isOpen ? this.vault.scans.get(scanId) : null;
      if (scan) this.emit('scan.finished', { scanId: scan.id, caseId, status: scan.status, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      if (scanId) this.cancellableScans.delete(scanId);
    }
  }

  /**
   * Cases whose findings an older version recorded (one finding per rule, before verdicts) are detected
   * again once, so that each app has its verdict and the reviews carry over; a failure is left for the
   * next unlock and never keeps the advocate out.
   */
  private detectAgainAfterUpgrade(vault: OpenVault): void {
    for (const caseId of vault.findings.casesToDetectAgain()) {
      try {
        runDetection(vault, this.signatures.index(vault), caseId);
        vault.findings.detectedAgain(caseId);
      } catch (error) {
        vault.audit.record('detection.upgrade-failed', { caseId, error: error instanceof Error ? error.message.slice(0, 500) : String(error) });
      }
    }
  }

  /** Runs detection on the case and tells the UI what changed. */
  private detect(vault: OpenVault, caseId: string, options: { partial?: boolean } = {}): RecordOutcome {
    const outcome = runDetection(vault, this.signatures.index(vault), caseId, options);
    this.emit('findings.changed', { caseId, ...detectionCounts(outcome) });
    if (outcome.created.length > 0) this.forward.soon();
    return outcome;
  }

  /**
   * Acquires, then detects — also when acquisition stopped half-way, so what was read is analysed. The
   * acquisition may call `detectSoFar` when it has stored observations, so that findings show as they are
   * found: such a run retires nothing (the rest is not read yet), and its failure is left to the detection
   * at the end. The counts returned cover the whole scan: a finding found half-way counts as new.
   */
  private async detectingAfter<T>(vault: OpenVault, caseId: string, acquire: (detectSoFar: () => void) => Promise<T>): Promise<T & { detection: DetectionCounts }> {
    const createdSoFar = new Set<string>();
    const detectSoFar = () => {
      try {
        if (vault.isOpen) for (const finding of this.detect(vault, caseId, { partial: true }).created) createdSoFar.add(finding.id);
      } catch {
        // the detection that follows the acquisition reports it
      }
    };
    let result: T;
    try {
      result = await acquire(detectSoFar);
    } catch (error) {
      if (vault.isOpen) {
        try {
          this.detect(vault, caseId);
        } catch {
          // the acquisition's own error is the one to report
        }
      }
      throw error;
    }
    const final = this.detect(vault, caseId);
    return {
      ...result,
      detection: detectionCounts({
        created: [...final.created, ...final.updated.filter((finding) => createdSoFar.has(finding.id))],
        updated: final.updated.filter((finding) => !createdSoFar.has(finding.id)),
        retired: final.retired,
      }),
    };
  }
}

function detectionCounts(outcome: RecordOutcome): DetectionCounts {
  return { created: outcome.created.length, updated: outcome.updated.length, retired: outcome.retired.length };
}

/** New evidence goes only into an open case: a closed one is counting down to its purge. */
function requireOpenCase(vault: OpenVault, caseId: string): void {
  if (vault.cases.get(caseId).status === 'closed') {
    throw new SentinelleError('case.already-closed', `Case ${caseId} is closed. Reopen it before adding a scan or an import to it.`);
  }
}

export function createApp(options: AppOptions): App {
  return new App(options);
}
