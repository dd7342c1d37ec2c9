// A live Android scan over adb, run from the collectors' declarations (collectors/index.ts): the phone's
// properties first (they say which phone it is and which Android, so which listings apply), then every
// listing at once on a few adb streams (bounded), then each other user's or profile's listings, APK hashes
// computed on the phone in batches, and the APKs of suspicious apps pulled for their signing certificates.
// Every output is stored as an artifact as it comes (never whole in memory) before anything is parsed, and
// parsed in a worker (scan-outputs.ts); each step is recorded as done. The phone is hostile input: each
// command and the scan have deadlines, outputs are capped (transfer.ts). A cable pulled mid-scan leaves the
// scan `interrupted` with all it read; scanning the same phone again continues it. What the phone did not
// have (a missing service, an older Android) is noted with the scan. Observations are made from the stored artifacts at the end, and along the way so that
// findings show while the scan goes on. The collectors that ran, with their versions, are recorded for the
// report's method section.
import { setMaxListeners } from 'node:events';
import type { ScanStepProgress } from '../../../src-shared/acquisition.js';
import type { LocalizedText, Scan } from '../../../src-shared/model.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import { sizeText } from '../../../src-shared/bytes.js';
import type { OpenVault } from '../../vault/vault.js';
import { addEvidence, emptyAcquisition, fillFromOutputs, systemAppTest, usersOf, type AndroidAcquisition } from './acquisition.js';
import type { AndroidConnection } from './adb/phone-connection.js';
import { hashCommands, isApkPath, MAX_HASH_COMMAND_BYTES, MAX_HASH_COMMAND_BYTES_BEFORE_ANDROID_7 } from './allow-list.js';
import { readApkFacts } from './apk-facts.js';
import { ScanOutputs } from './scan-outputs.js';
import { phoneLanguage } from './apk-label.js';
import { isUnavailable, type ListingCollector } from './collectors/collector.js';
import { apkCertificatesCollector, apkHashesCollector } from './collectors/apk-files.js';
import { commandFor, LIVE_COLLECTORS, LIVE_LISTINGS } from './collectors/index.js';
import { propertiesCollector } from './collectors/properties.js';
import { parseGetprop } from './parsers/getprop.js';
import { canContinue, isSamePhone, phoneIdentity } from './phone-identity.js';
import { deviceFor, recordMethod, storeObservations } from './record-acquisition.js';
import { grantedFor } from './parsers/dumpsys-package.js';
import { componentList } from './parsers/settings.js';
import { PHONE_LIMITS } from './adb/transfer.js';

export const ANDROID_SCAN_KIND = 'android-adb';

/** Steps announced: the listings a live scan sends, then hashes and certificates (each other user's listings add to it). */
export const STEP_COUNT = LIVE_COLLECTORS.length;
/** Other users and profiles read at most (a real phone has a few; Android allows a handful per device). */
export const MAX_PROFILES = 16;
/** At most this many commands are in flight on one phone: enough to overlap the slow listings, few enough for any adbd. */
export const PARALLEL_COMMANDS = 12;
/**
 * What was read so far is analysed, so findings show while the scan goes on: once the apps and which of them
 * are the system's own are read (a known stalkerware is named at once, and no system app is taken for an
 * impostor), then after all the listings, then after the hashes.
 */
const FIRST_ANALYSIS = ['packages', 'system-packages'];

/** Installer files in shared storage are hashed on the phone up to this size each (larger ones: name and size only). */
const MAX_STORAGE_HASH_BYTES = 200 * 1024 * 1024;
/** At most this many APKs are pulled: the suspicious ones only. */
const MAX_PULLS = 25;
const SENSITIVE = /android\.permission\.(READ_SMS|RECEIVE_SMS|READ_CALL_LOG|RECORD_AUDIO|CAMERA|ACCESS_FINE_LOCATION|ACCESS_BACKGROUND_LOCATION|READ_CONTACTS)$/;
const STORES = new Set(['com.android.vending', 'com.amazon.venezia', 'com.sec.android.app.samsungapps', 'com.huawei.appmarket', 'com.xiaomi.market', 'org.fdroid.fdroid']);

export interface AndroidScanOptions {
  vault: OpenVault;
  connection: AndroidConnection;
  caseId: string;
  signal?: AbortSignal;
  onProgress?: (progress: ScanStepProgress) => void;
  /** Whether a signature names this package: its APK is pulled for its certificate too. */
  isKnownPackage?: (packageName: string) => boolean;
  /** Told when observations made from what was read so far are stored, before the scan ends (to detect on them). */
  onObservations?: () => void;
}

export interface AndroidScanOutcome {
  scan: Scan;
  resumed: boolean;
  observations: number;
  /** What the phone did not have or give, in plain words. */
  notes: string[];
}

/** Of the properties (`getprop`: some 30 KiB), this much is read at most. */
const MAX_PROPERTIES_BYTES = 4 * 1024 * 1024;

/** Runs tasks with at most `limit` at once; after a failure no new task starts, those running finish, and the first error is thrown. */
async function inParallel<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | null = null;
  const worker = async () => {
    while (failure === null && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw (failure as { error: unknown }).error;
}

export async function runAndroidScan(options: AndroidScanOptions): Promise<AndroidScanOutcome> {
  options.vault.cases.get(options.caseId);
  // The scan has a deadline of its own, on top of each command's: a phone answering just fast enough to
  // pass every other limit cannot keep it going for ever.
  const overdue = new AbortController();
  const deadline = setTimeout(() => overdue.abort(), PHONE_LIMITS.scanDeadlineMs);
  const signal = options.signal ? AbortSignal.any([options.signal, overdue.signal]) : overdue.signal;
  // Each command in flight listens for a cancel: up to PARALLEL_COMMANDS at once, none left behind.
  setMaxListeners(PARALLEL_COMMANDS + 8, signal);
  try {
    return await scanWithin({ ...options, signal }, () => overdue.signal.aborted && !options.signal?.aborted);
  } finally {
    clearTimeout(deadline);
  }
}

/** The scan itself; `signal` stops it (Cancel, Quick exit, or the scan's deadline, which `isOverdue` tells apart). */
async function scanWithin(options: AndroidScanOptions & { signal: AbortSignal }, isOverdue: () => boolean): Promise<AndroidScanOutcome> {
  const { vault, connection, caseId } = options;
  // The properties identify the phone: is there an interrupted scan of it to continue?
  const transfer = { signal: options.signal };
  const notes: string[] = [];
  /** Tells, in the scan's notes and the custody log (once the scan exists), of an output cut at its cap. */
  const cuts: { command: string; maxBytes: number }[] = [];
  const cutNote = (command: string) => (maxBytes: number) => {
    cuts.push({ command, maxBytes });
    notes.push(`${command}: the phone printed more than ${sizeText(maxBytes)}, far more than any phone prints; Sentinelle kept that much and stopped reading it.`);
  };
  const propertiesBytes = await connection.shell(propertiesCollector.command, { ...transfer, maxBytes: MAX_PROPERTIES_BYTES, onCut: cutNote(propertiesCollector.command) });
  const properties = parseGetprop(propertiesBytes.toString('utf8'));
  const identity = phoneIdentity(properties, connection.serial);
  const sdk = Number(properties.get('ro.build.version.sdk') ?? '0') || 0;
  const known = vault.devices.listByCase(caseId).find((device) => isSamePhone(device, identity));
  const unfinished = known
    ? vault.scans
        .listByCase(caseId)
        .filter((scan) => scan.deviceId === known.id && scan.kind === ANDROID_SCAN_KIND && scan.status === 'interrupted' && canContinue(known, identity, scan.startedAt, vault.clock.now()))
        .at(-1)
    : undefined;
  const scan = unfinished ? vault.scans.resume(unfinished.id) : vault.scans.start({ caseId, deviceId: known?.id ?? null, kind: ANDROID_SCAN_KIND });
  // How the phone was reached this time (a resumed scan may come through another way), for the report's method.
  vault.custody.append('scan.connection', caseId, { scanId: scan.id, serial: connection.serial, transport: connection.transport, keyFingerprint: connection.keyFingerprint });
  let deviceId = known?.id ?? null;
  const ran = new Set<string>();
  const outputs = new ScanOutputs(vault, scan.id, options.signal);

  const capture = (bytes: Buffer, command: string) => vault.artifacts.putBuffer(bytes, { caseId, source: 'adb', command, scanId: scan.id, deviceId });
  /** Runs a command and stores its output as it comes (never whole in memory); the beginning of it is returned. */
  const captureStream = async (command: string): Promise<string> => {
    const captured = await vault.artifacts.putStream(await connection.shellStream(command, { ...transfer, onCut: cutNote(command) }), { caseId, source: 'adb', command, scanId: scan.id, deviceId });
    for (const cut of cuts.splice(0)) vault.custody.append('scan.output-cut', caseId, { scanId: scan.id, command: cut.command.slice(0, 200), keptBytes: cut.maxBytes });
    return Buffer.from(vault.artifacts.readPrefix(captured.sha256, 400)).toString('utf8');
  };
  let reported = 0;
  const progress = (step: string, label: LocalizedText) => options.onProgress?.({ scanId: scan.id, step, label, index: Math.min(++reported, STEP_COUNT), total: STEP_COUNT });
  const done = () => vault.scans.completedSteps(scan.id);
  const checkCancelled = () => {
    if (options.signal?.aborted) throw new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.');
  };
  // Analyses run one after the other, whichever listings finish first; a failed one fails the scan at its end.
  let analysing = Promise.resolve();
  let analysisFailure: { error: unknown } | null = null;
  let analysedFirst = false;
  const analyseSoFar = async (step: string) => {
    if (!options.onObservations) return;
    if (step !== 'listings' && step !== apkHashesCollector.id) {
      if (analysedFirst || !FIRST_ANALYSIS.every((id) => done().includes(id))) return;
      analysedFirst = true;
    }
    analysing = analysing.then(async () => {
      try {
        await recordObservations(vault, caseId, scan.id, outputs, options.signal);
        options.onObservations!();
      } catch (error) {
        analysisFailure ??= { error };
      }
    });
    await analysing;
  };
  const analysesDone = async () => {
    await analysing;
    if (analysisFailure) throw (analysisFailure as { error: unknown }).error;
  };
  /** Other users and profiles whose listings the phone refused, with what it said. */
  const refused = new Map<number, { name: string; said: string }>();
  /** Sends one listing (unless already stored by an earlier attempt) and keeps its output. */
  const runListing = async (collector: ListingCollector, user: number, userName = '') => {
    const step = user === 0 ? collector.id : `${collector.id}@${user}`;
    ran.add(collector.id);
    if (done().includes(step)) return;
    if (sdk > 0 && sdk < collector.android.minSdk) {
      notes.push(`${collector.description.en}: not available before Android API ${collector.android.minSdk} (this phone has ${sdk}).`);
      vault.scans.markStepDone(scan.id, step);
      return;
    }
    checkCancelled();
    progress(step, collector.description);
    let command = commandFor(collector, user);
    let head = await captureStream(command);
    // A phone with a profile the shell may not see (Samsung's Secure Folder) refuses a listing that covers
    // every user; the owner's own is then asked for by name.
    if (user === 0 && collector.perUser && isUnavailable(head)) {
      command = commandFor(collector, 0, true);
      head = await captureStream(command);
    }
    if (isUnavailable(head)) {
      const said = head.split('\n').find((line) => /\S/.test(line) && !/^Exception occurred/.test(line.trim()))?.trim() ?? '';
      if (user === 0) notes.push(`${collector.description.en}: the phone did not give it (${command}: ${said}).`);
      else if (!refused.has(user)) refused.set(user, { name: userName, said });
    }
    vault.scans.markStepDone(scan.id, step);
    void analyseSoFar(step);
  };

  try {
    progress(propertiesCollector.id, propertiesCollector.description);
    capture(propertiesBytes, propertiesCollector.command);
    ran.add(propertiesCollector.id);
    if (!deviceId) {
      deviceId = deviceFor(vault, caseId, fillFromOutputs(emptyAcquisition(), [{ command: propertiesCollector.command, text: propertiesBytes.toString('utf8'), sha256: '' }]), connection.serial);
      vault.scans.setDevice(scan.id, deviceId);
    }
    vault.scans.markStepDone(scan.id, propertiesCollector.id);

    await inParallel(
      LIVE_LISTINGS.filter((collector) => collector !== propertiesCollector),
      PARALLEL_COMMANDS,
      (collector) => runListing(collector, 0),
    );
    await analyseSoFar('listings');

    // Each other user or profile (a work profile, Secure Folder, Private Space, a guest) has its own apps and rights.
    // At most MAX_PROFILES of them: a phone has a handful (work profile, Secure Folder, Private Space, a
    // guest); one listing thousands would make the scan endless. The rest are named in the notes.
    const others = usersOf(await outputs.acquisition()).filter((user) => user.id !== 0);
    const users = others.slice(0, MAX_PROFILES);
    if (others.length > MAX_PROFILES) notes.push(`The phone lists ${others.length} other users and profiles; no phone has that many. The first ${MAX_PROFILES} were read; the others were not (${others.slice(MAX_PROFILES, MAX_PROFILES + 5).map((user) => user.id).join(', ')}…).`);
    const perUser = users.flatMap((user) => LIVE_LISTINGS.filter((collector) => collector.perUser).map((collector) => ({ collector, user })));
    await inParallel(perUser, PARALLEL_COMMANDS, ({ collector, user }) => runListing(collector, user.id, user.name));
    for (const [user, { name, said }] of refused) notes.push(`“${name}” (user ${user}): the phone does not let a computer read its apps and settings (${said}).`);

    const preliminary = await outputs.acquisition();
    ran.add(apkHashesCollector.id);
    if (!done().includes(apkHashesCollector.id)) {
      checkCancelled();
      progress(apkHashesCollector.id, apkHashesCollector.description);
      const installers = (preliminary.storageFiles ?? []).filter((file) => file.size <= MAX_STORAGE_HASH_BYTES).map((file) => file.path);
      const commands = hashCommands([...userApkPaths(preliminary), ...installers], sdk >= 24 ? MAX_HASH_COMMAND_BYTES : MAX_HASH_COMMAND_BYTES_BEFORE_ANDROID_7);
      const hashed = new Set(vault.artifacts.capturesByScan(scan.id).map((captured) => captured.command));
      await inParallel(
        commands.filter((command) => !hashed.has(command)),
        PARALLEL_COMMANDS,
        async (command) => {
          checkCancelled();
          await captureStream(command);
        },
      );
      vault.scans.markStepDone(scan.id, apkHashesCollector.id);
      await analyseSoFar(apkHashesCollector.id);
    }

    ran.add(apkCertificatesCollector.id);
    if (!done().includes(apkCertificatesCollector.id)) {
      progress(apkCertificatesCollector.id, apkCertificatesCollector.description);
      const pulled = new Set(vault.artifacts.capturesByScan(scan.id).map((captured) => captured.path).filter((path): path is string => path !== null));
      const wanted = suspiciousPackages(preliminary, options.isKnownPackage).filter((pkg) => !pulled.has(pkg.apkPath));
      // Bytes pulled per scan are capped: a phone whose apps weigh gigabytes fills neither the vault nor the scan.
      let pulledBytes = vault.artifacts.capturesByScan(scan.id).filter((captured) => captured.path !== null && captured.command === null).reduce((sum, captured) => sum + captured.size, 0);
      await inParallel(wanted, Math.min(4, PARALLEL_COMMANDS), async (pkg) => {
        checkCancelled();
        if (pulledBytes >= PHONE_LIMITS.maxPulledBytesPerScan) {
          vault.custody.append('scan.file-skipped', caseId, { scanId: scan.id, path: pkg.apkPath, reason: 'scan.pull-budget', detail: `${pulledBytes} bytes already pulled in this scan` });
          notes.push(`${pkg.apkPath} was not copied: this scan already copied ${sizeText(pulledBytes)} of app files, as much as a scan copies.`);
          return;
        }
        try {
          pulledBytes += (await vault.artifacts.putStream(await connection.pull(pkg.apkPath, transfer), { caseId, source: 'adb', path: pkg.apkPath, scanId: scan.id, deviceId })).size;
        } catch (error) {
          // One app the phone would not give (gone since it was listed, or oversized): noted, and the scan goes on.
          if (!(error instanceof SentinelleError) || (error.code !== 'acquisition.file-refused' && error.code !== 'acquisition.too-large')) throw error;
          vault.custody.append('scan.file-skipped', caseId, { scanId: scan.id, path: pkg.apkPath, reason: error.code, detail: error.technical ?? null });
        }
      });
      vault.scans.markStepDone(scan.id, apkCertificatesCollector.id);
    }

    await analysesDone();
    const { count: observations, notes: fitted } = await recordObservations(vault, caseId, scan.id, outputs, options.signal);
    notes.push(...fitted);
    recordMethod(vault, caseId, scan.id, ran, notes);
    return { scan: vault.scans.finish(scan.id, 'completed'), resumed: unfinished !== undefined, observations, notes };
  } catch (caught) {
    // The scan's deadline is not the advocate's cancel: the scan is interrupted (it continues when scanned again).
    const error = isOverdue() ? tooLong(caught) : caught;
    const status = error instanceof SentinelleError && error.code === 'scan.cancelled' ? 'cancelled' : 'interrupted';
    // Whatever was read is kept.
    await analysing;
    // Quick exit locked the vault meanwhile: nothing more is written; what was stored before is kept, and the
    // scan continues when the phone is scanned again.
    if (!vault.isOpen) throw error instanceof SentinelleError && error.code === 'scan.cancelled' ? error : lockedDuringScan(error);
    // A phone that broke the protocol is evidence of its own: kept in the custody log with what it sent.
    if (error instanceof SentinelleError && error.code === 'device.protocol') vault.custody.append('device.protocol-broken', caseId, { scanId: scan.id, detail: error.technical ?? null });
    if (error instanceof SentinelleError && error.code === 'scan.too-long') vault.custody.append('scan.deadline', caseId, { scanId: scan.id, afterMs: PHONE_LIMITS.scanDeadlineMs, completedSteps: done().length });
    // Unless the advocate stopped the scan (she is waiting for it), what was read is analysed once more; after
    // the scan's deadline, in a worker of its own (the scan's stopped with it), within that worker's limits.
    if (status === 'interrupted') {
      const reading = options.signal.aborted ? new ScanOutputs(vault, scan.id) : outputs;
      const fitted = await recordObservations(vault, caseId, scan.id, reading).catch(() => ({ notes: [] as string[] }));
      if (reading !== outputs) reading.close();
      notes.push(...fitted.notes);
    }
    recordMethod(vault, caseId, scan.id, ran, notes);
    vault.scans.finish(scan.id, status, error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    outputs.close();
  }
}


/** The error a scan stopped at its deadline answers with. */
function tooLong(cause: unknown): SentinelleError {
  return new SentinelleError('scan.too-long', 'The scan took far longer than any phone needs, so Sentinelle stopped it. Everything read so far is kept; scanning the phone again continues it. A phone this slow may have been tampered with: note it in the case.', {
    technical: `stopped after ${Math.round(PHONE_LIMITS.scanDeadlineMs / 1000)} s`,
    cause,
  });
}

/** The error a scan stopped by the vault's lock answers with: the lock, not whatever the phone did meanwhile. */
function lockedDuringScan(cause: unknown): SentinelleError {
  return new SentinelleError('vault.locked', 'The vault was locked during the scan. What was read before is kept; unlock and scan again to continue.', { cause });
}

/** The scan's acquisition, from all its artifacts (command outputs, and pulled APKs' certificates). */
export async function analyseScanArtifacts(vault: OpenVault, scanId: string, outputs: ScanOutputs, signal?: AbortSignal): Promise<AndroidAcquisition> {
  const acquisition = await outputs.acquisition();
  const pathToPackage = new Map(acquisition.packages.map((pkg) => [pkg.apkPath, pkg.packageName]));
  const language = phoneLanguage(acquisition.properties);
  const apks = vault.artifacts.capturesByScan(scanId).flatMap((captured) => {
    const packageName = captured.path ? pathToPackage.get(captured.path) : undefined;
    return packageName ? [{ packageName, path: captured.path!, sha256: captured.sha256, read: () => vault.artifacts.read(captured.sha256) }] : [];
  });
  // Read in the parsing worker: a hostile APK can exhaust it, not the app.
  const facts = await readApkFacts(apks, language, signal);
  for (const apk of apks) {
    const read = facts.get(apk.sha256);
    if (!read || read === 'unreadable') {
      acquisition.unreadableApks.push(apk.path);
      continue;
    }
    acquisition.certificates.set(apk.packageName, read.certificates);
    if (read.label !== null) acquisition.labels.set(apk.packageName, read.label);
    addEvidence(acquisition, apkCertificatesCollector.id, apk.sha256);
  }
  return acquisition;
}

/** Observations of the scan, made again from all its artifacts. */
async function recordObservations(vault: OpenVault, caseId: string, scanId: string, outputs: ScanOutputs, signal?: AbortSignal): Promise<{ count: number; notes: string[] }> {
  const acquisition = await analyseScanArtifacts(vault, scanId, outputs, signal);
  const stored = storeObservations(vault, caseId, scanId, acquisition);
  const unreadable = acquisition.unreadableApks.map((path) => `The app file ${path} could not be read (it is kept as evidence): its name and who signed it are unknown; a file built to stall or exhaust a reader does that.`);
  return { count: stored.count, notes: [...outputs.notes, ...unreadable, ...stored.notes] };
}

function userApkPaths(acquisition: AndroidAcquisition): string[] {
  const isSystem = systemAppTest(acquisition);
  return [...new Set(acquisition.packages.filter((pkg) => !isSystem(pkg.packageName, pkg.apkPath) && isApkPath(pkg.apkPath) && pkg.apkPath.startsWith('/data/app/')).map((pkg) => pkg.apkPath))];
}

/** Apps worth pulling: not part of the phone, and from outside a store, holding special rights, hidden, or named by a signature. */
function suspiciousPackages(acquisition: AndroidAcquisition, isKnownPackage?: (name: string) => boolean) {
  const details = new Map(acquisition.details.map((detail) => [detail.packageName, detail]));
  const isSystem = systemAppTest(acquisition);
  const privileged = new Set(
    [
      ...acquisition.accessibility.enabled,
      ...acquisition.policy.admins,
      // Whoever manages the phone or a profile of it is named in a finding: its name is read too.
      ...(acquisition.policy.deviceOwner ? [acquisition.policy.deviceOwner] : []),
      ...acquisition.policy.profileOwners,
      ...[...acquisition.secure.values()].flatMap((settings) => [...componentList(settings.get('enabled_accessibility_services')), ...componentList(settings.get('enabled_notification_listeners'))]),
    ].map((component) => component.split('/')[0]!),
  );
  const seen = new Set<string>();
  return acquisition.packages
    .filter((pkg) => isApkPath(pkg.apkPath) && !isSystem(pkg.packageName, pkg.apkPath) && pkg.apkPath.startsWith('/data/app/'))
    .filter((pkg) => {
      const detail = details.get(pkg.packageName);
      const withIcon = acquisition.launcherPackages.get(pkg.user);
      const hidden = withIcon !== undefined && !withIcon.has(pkg.packageName);
      const sensitive = (detail ? grantedFor(detail, pkg.user) : []).some((permission) => SENSITIVE.test(permission));
      return !STORES.has(pkg.installer ?? '') || privileged.has(pkg.packageName) || (hidden && sensitive) || (isKnownPackage?.(pkg.packageName) ?? false);
    })
    // An app installed for two users is one APK: pulled once.
    .filter((pkg) => !seen.has(pkg.apkPath) && seen.add(pkg.apkPath) !== undefined)
    .slice(0, MAX_PULLS);
}
