// A live Android scan over adb: a fixed list of read-only listings (one command each, whatever the number
// of apps), APK hashes computed on the phone in batches, and the APKs of suspicious apps pulled for their
// signing certificates. Every output is stored as an artifact, in its own transaction, before anything is
// parsed; each step is recorded as done. A cable pulled mid-scan leaves the scan `interrupted` with all it
// read; scanning the same phone again continues it. Observations are made from the stored artifacts at the
// end, and along the way after a few steps so that findings show while the scan goes on.
import type { LocalizedText, Scan } from '../../../src-shared/model.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import type { OpenVault } from '../../vault/vault.js';
import { addEvidence, emptyAcquisition, fillFromOutputs, type AndroidAcquisition, type CommandOutput } from './acquisition.js';
import type { AndroidConnection } from './adb/phone-connection.js';
import { COMMANDS, hashCommands, isApkPath, MAX_HASH_COMMAND_BYTES, MAX_HASH_COMMAND_BYTES_BEFORE_ANDROID_7 } from './allow-list.js';
import { apkCertificates } from './apk-certificates.js';
import { parseGetprop } from './parsers/getprop.js';
import { canContinue, isSamePhone, phoneIdentity } from './phone-identity.js';
import { deviceFor, storeObservations } from './record-acquisition.js';
import { componentList } from './parsers/settings.js';

export const ANDROID_SCAN_KIND = 'android-adb';

interface FixedStep {
  id: string;
  command: string;
  label: LocalizedText;
}

const t = (en: string, fr: string): LocalizedText => ({ en, fr });

export const FIXED_STEPS: readonly FixedStep[] = [
  { id: 'properties', command: COMMANDS.properties, label: t('Reading the phone’s model and Android version', 'Lecture du modèle du téléphone et de la version d’Android') },
  { id: 'packages', command: COMMANDS.packages, label: t('Listing the installed apps and who installed them', 'Liste des applications installées et de leur origine') },
  { id: 'package-details', command: COMMANDS.packageDetails, label: t('Reading each app’s permissions and install dates', 'Lecture des autorisations et des dates d’installation') },
  { id: 'launcher', command: COMMANDS.launcherActivities, label: t('Finding apps without an icon', 'Recherche des applications sans icône') },
  { id: 'home', command: COMMANDS.homeActivity, label: t('Finding the home screen app', 'Recherche de l’application d’accueil') },
  { id: 'accessibility', command: COMMANDS.accessibility, label: t('Reading accessibility services', 'Lecture des services d’accessibilité') },
  { id: 'device-policy', command: COMMANDS.devicePolicy, label: t('Reading device administrators', 'Lecture des administrateurs de l’appareil') },
  { id: 'secure-settings', command: COMMANDS.secureSettings, label: t('Reading security settings', 'Lecture des réglages de sécurité') },
  { id: 'global-settings', command: COMMANDS.globalSettings, label: t('Reading system settings', 'Lecture des réglages du système') },
  { id: 'appops', command: COMMANDS.appops, label: t('Reading recent use of location, camera and microphone', 'Lecture de l’usage récent de la localisation, de l’appareil photo et du micro') },
  { id: 'processes', command: COMMANDS.processes, label: t('Listing what is running', 'Liste de ce qui est en cours d’exécution') },
  { id: 'selinux', command: COMMANDS.selinux, label: t('Checking the system’s protections', 'Vérification des protections du système') },
  { id: 'root', command: COMMANDS.rootPaths, label: t('Looking for signs of rooting', 'Recherche de traces de « root »') },
];
const HASH_STEP = { id: 'apk-hashes', label: t('Computing app fingerprints on the phone', 'Calcul des empreintes des applications sur le téléphone') };
const CERTIFICATE_STEP = { id: 'apk-certificates', label: t('Reading the signing certificates of suspicious apps', 'Lecture des certificats des applications suspectes') };
export const STEP_COUNT = FIXED_STEPS.length + 2;
/** After these steps what was read so far is analysed, so findings show while the scan goes on: the apps (a known stalkerware is named at once), then all the listings. */
const ANALYSED_AFTER = new Set(['packages', FIXED_STEPS.at(-1)!.id, HASH_STEP.id]);

/** At most this many APKs are pulled: the suspicious ones only. */
const MAX_PULLS = 25;
const SENSITIVE = /android\.permission\.(READ_SMS|RECEIVE_SMS|READ_CALL_LOG|RECORD_AUDIO|CAMERA|ACCESS_FINE_LOCATION|ACCESS_BACKGROUND_LOCATION|READ_CONTACTS)$/;
const STORES = new Set(['com.android.vending', 'com.amazon.venezia', 'com.sec.android.app.samsungapps', 'com.huawei.appmarket', 'com.xiaomi.market', 'org.fdroid.fdroid']);

export interface ScanProgress {
  scanId: string;
  step: string;
  label: LocalizedText;
  index: number;
  total: number;
}

export interface AndroidScanOptions {
  vault: OpenVault;
  connection: AndroidConnection;
  caseId: string;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  /** Whether a signature names this package: its APK is pulled for its certificate too. */
  isKnownPackage?: (packageName: string) => boolean;
  /** Told when observations made from what was read so far are stored, before the scan ends (to detect on them). */
  onObservations?: () => void;
}

export interface AndroidScanOutcome {
  scan: Scan;
  resumed: boolean;
  observations: number;
}

export async function runAndroidScan(options: AndroidScanOptions): Promise<AndroidScanOutcome> {
  const { vault, connection, caseId } = options;
  vault.cases.get(caseId);
  // The properties identify the phone: is there an interrupted scan of it to continue?
  const transfer = options.signal ? { signal: options.signal } : {};
  const propertiesBytes = await connection.shell(COMMANDS.properties, transfer);
  const identity = phoneIdentity(parseGetprop(propertiesBytes.toString('utf8')), connection.serial);
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

  const capture = (bytes: Buffer, command: string) => vault.artifacts.putBuffer(bytes, { caseId, source: 'adb', command, scanId: scan.id, deviceId });
  const progress = (step: string, label: LocalizedText, index: number) => options.onProgress?.({ scanId: scan.id, step, label, index, total: STEP_COUNT });
  const done = () => vault.scans.get(scan.id)!.completedSteps;
  const checkCancelled = () => {
    if (options.signal?.aborted) throw new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.');
  };
  const analyseSoFar = async (step: string) => {
    if (!options.onObservations || !ANALYSED_AFTER.has(step)) return;
    await recordObservations(vault, caseId, scan.id);
    options.onObservations();
  };

  try {
    progress(FIXED_STEPS[0]!.id, FIXED_STEPS[0]!.label, 1);
    capture(propertiesBytes, COMMANDS.properties);
    if (!deviceId) {
      deviceId = deviceFor(vault, caseId, fillFromOutputs(emptyAcquisition(), [{ command: COMMANDS.properties, text: propertiesBytes.toString('utf8'), sha256: '' }]), connection.serial);
      vault.scans.setDevice(scan.id, deviceId);
    }
    vault.scans.markStepDone(scan.id, 'properties');

    for (const [index, step] of FIXED_STEPS.entries()) {
      if (done().includes(step.id)) continue;
      checkCancelled();
      progress(step.id, step.label, index + 1);
      capture(await connection.shell(step.command, transfer), step.command);
      vault.scans.markStepDone(scan.id, step.id);
      await analyseSoFar(step.id);
    }

    const preliminary = acquisitionOf(vault, scan.id);
    if (!done().includes(HASH_STEP.id)) {
      checkCancelled();
      progress(HASH_STEP.id, HASH_STEP.label, FIXED_STEPS.length + 1);
      const sdk = Number(preliminary.properties.get('ro.build.version.sdk') ?? '0');
      for (const command of hashCommands(userApkPaths(preliminary), sdk >= 24 ? MAX_HASH_COMMAND_BYTES : MAX_HASH_COMMAND_BYTES_BEFORE_ANDROID_7)) {
        checkCancelled();
        capture(await connection.shell(command, transfer), command);
      }
      vault.scans.markStepDone(scan.id, HASH_STEP.id);
      await analyseSoFar(HASH_STEP.id);
    }

    if (!done().includes(CERTIFICATE_STEP.id)) {
      progress(CERTIFICATE_STEP.id, CERTIFICATE_STEP.label, FIXED_STEPS.length + 2);
      const pulled = new Set(vault.artifacts.capturesByScan(scan.id).map((captured) => captured.path).filter((path): path is string => path !== null));
      for (const pkg of suspiciousPackages(preliminary, options.isKnownPackage)) {
        if (pulled.has(pkg.apkPath)) continue;
        checkCancelled();
        try {
          await vault.artifacts.putStream(await connection.pull(pkg.apkPath, transfer), { caseId, source: 'adb', path: pkg.apkPath, scanId: scan.id, deviceId });
        } catch (error) {
          // One app the phone would not give (gone since it was listed, or oversized): noted, and the scan goes on.
          if (!(error instanceof SentinelleError) || (error.code !== 'acquisition.file-refused' && error.code !== 'acquisition.too-large')) throw error;
          vault.custody.append('scan.file-skipped', caseId, { scanId: scan.id, path: pkg.apkPath, reason: error.code, detail: error.technical ?? null });
        }
      }
      vault.scans.markStepDone(scan.id, CERTIFICATE_STEP.id);
    }

    const observations = await recordObservations(vault, caseId, scan.id);
    return { scan: vault.scans.finish(scan.id, 'completed'), resumed: unfinished !== undefined, observations };
  } catch (error) {
    const status = error instanceof SentinelleError && error.code === 'scan.cancelled' ? 'cancelled' : 'interrupted';
    // Whatever was read is kept; what can be analysed already is analysed.
    await recordObservations(vault, caseId, scan.id).catch(() => 0);
    vault.scans.finish(scan.id, status, error instanceof Error ? error.message : String(error));
    throw error;
  }
}

/** The acquisition so far, from this scan's stored command outputs. */
function acquisitionOf(vault: OpenVault, scanId: string): AndroidAcquisition {
  const outputs: CommandOutput[] = vault.artifacts
    .capturesByScan(scanId)
    .filter((captured) => captured.command !== null)
    .map((captured) => ({ command: captured.command!, text: vault.artifacts.read(captured.sha256).toString('utf8'), sha256: captured.sha256 }));
  return fillFromOutputs(emptyAcquisition(), outputs);
}

/** The scan's acquisition, read again from all its artifacts (command outputs, and pulled APKs' certificates). */
export async function analyseScanArtifacts(vault: OpenVault, scanId: string): Promise<AndroidAcquisition> {
  const acquisition = acquisitionOf(vault, scanId);
  const pathToPackage = new Map(acquisition.packages.map((pkg) => [pkg.apkPath, pkg.packageName]));
  for (const captured of vault.artifacts.capturesByScan(scanId)) {
    const packageName = captured.path ? pathToPackage.get(captured.path) : undefined;
    if (!packageName) continue;
    acquisition.certificates.set(packageName, await apkCertificates(vault.artifacts.read(captured.sha256)));
    addEvidence(acquisition, 'certificates', captured.sha256);
  }
  return acquisition;
}

/** Observations of the scan, made again from all its artifacts. */
async function recordObservations(vault: OpenVault, caseId: string, scanId: string): Promise<number> {
  return storeObservations(vault, caseId, scanId, await analyseScanArtifacts(vault, scanId));
}

function userApkPaths(acquisition: AndroidAcquisition): string[] {
  const system = new Set(acquisition.details.filter((detail) => detail.isSystem).map((detail) => detail.packageName));
  return acquisition.packages.filter((pkg) => !system.has(pkg.packageName) && isApkPath(pkg.apkPath) && pkg.apkPath.startsWith('/data/app/')).map((pkg) => pkg.apkPath);
}

/** Apps worth pulling: not part of the phone, and from outside a store, holding special rights, hidden, or named by a signature. */
function suspiciousPackages(acquisition: AndroidAcquisition, isKnownPackage?: (name: string) => boolean) {
  const details = new Map(acquisition.details.map((detail) => [detail.packageName, detail]));
  const privileged = new Set(
    [...acquisition.accessibility.enabled, ...componentList(acquisition.secure.get('enabled_accessibility_services')), ...acquisition.policy.admins, ...componentList(acquisition.secure.get('enabled_notification_listeners'))].map(
      (component) => component.split('/')[0]!,
    ),
  );
  return acquisition.packages
    .filter((pkg) => isApkPath(pkg.apkPath) && !details.get(pkg.packageName)?.isSystem && pkg.apkPath.startsWith('/data/app/'))
    .filter((pkg) => {
      const detail = details.get(pkg.packageName);
      const hidden = acquisition.launcherPackages !== null && !acquisition.launcherPackages.has(pkg.packageName);
      const sensitive = (detail?.grantedPermissions ?? []).some((permission) => SENSITIVE.test(permission));
      return !STORES.has(pkg.installer ?? '') || privileged.has(pkg.packageName) || (hidden && sensitive) || (isKnownPackage?.(pkg.packageName) ?? false);
    })
    .slice(0, MAX_PULLS);
}
