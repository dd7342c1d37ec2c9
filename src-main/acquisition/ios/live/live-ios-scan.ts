// Scanning a connected iPhone: check it trusts this computer, keep its facts (`ideviceinfo`) and its app
// list with who signed each app (`ideviceinstaller`) as evidence and observations, then make a fresh backup
// into the vault's work folder (`idevicebackup2`, with progress) and scan that backup like any other.
//
// Only an encrypted backup is made: an unencrypted one would be her whole phone in clear on this disk for
// the time of the scan (and after a crash). When the iPhone does not encrypt its backups, the scan stops
// after the apps with `ios.backup-not-encrypted`, so that the advocate can turn encryption on first (a
// confirmed step: `ios.enableBackupEncryption`).
import { fitObservations } from '../../fit-observations.js';
import fs from 'node:fs';
import path from 'node:path';
import type { ScanStepProgress } from '../../../../src-shared/acquisition.js';
import { SentinelleError } from '../../../../src-shared/errors.js';
import type { LocalizedText } from '../../../../src-shared/model.js';
import type { OpenVault } from '../../../vault/vault.js';
import { runIosBackupScan, type IosBackupScanOutcome } from '../ios-backup-scan.js';
import { backupsEncrypted, deviceFacts, installedApps, makeBackup, requirePairedDevice } from './libimobiledevice.js';

export const IOS_LIVE_SCAN_KIND = 'ios-live';
const t = (en: string, fr: string): LocalizedText => ({ en, fr });
const STEPS = [
  { id: 'device', label: t('Reading the iPhone’s model and iOS version', 'Lecture du modèle de l’iPhone et de la version d’iOS') },
  { id: 'apps', label: t('Listing the apps and who signed them', 'Liste des applications et de leurs signataires') },
  { id: 'backup', label: t('Making a backup of the iPhone (keep it unlocked and connected)', 'Sauvegarde de l’iPhone (gardez-le déverrouillé et branché)') },
] as const;

export interface LiveIosScanOptions {
  vault: OpenVault;
  caseId: string;
  udid?: string;
  /** The backup password, when backup encryption is on on the iPhone. */
  password?: string;
  /** Where fresh backups are written (inside the vault's folder). */
  workDir: string;
  signal?: AbortSignal;
  onProgress?: (progress: ScanStepProgress) => void;
  /** Told after each step's observations are stored, before the scan ends (to detect on them). */
  onObservations?: () => void;
}

export async function runLiveIosScan(options: LiveIosScanOptions): Promise<{ live: IosBackupScanOutcome['scan']; backup: IosBackupScanOutcome; backupDir: string; kept: boolean }> {
  const { vault, caseId } = options;
  vault.cases.get(caseId);
  const device = await requirePairedDevice(options.udid);
  const scan = vault.scans.start({ caseId, deviceId: null, kind: IOS_LIVE_SCAN_KIND });
  const progress = (index: number, fraction?: number) =>
    options.onProgress?.({ scanId: scan.id, step: STEPS[index]!.id, label: STEPS[index]!.label, index: index + 1, total: STEPS.length, ...(fraction === undefined ? {} : { fraction }) });
  try {
    progress(0);
    const { facts, raw } = await deviceFacts(device.udid, options.signal);
    const serial = facts.get('SerialNumber') ?? device.udid;
    const known = vault.devices.listByCase(caseId).find((candidate) => candidate.platform === 'ios' && candidate.serial === serial);
    const deviceId =
      known?.id ??
      vault.devices.add({ caseId, platform: 'ios', label: facts.get('DeviceName') ?? 'iPhone', model: facts.get('ProductType') ?? null, osVersion: facts.get('ProductVersion') ?? null, serial, facts: { ProductType: facts.get('ProductType') ?? '', BuildVersion: facts.get('BuildVersion') ?? '', UniqueDeviceID: device.udid } }).id;
    vault.scans.setDevice(scan.id, deviceId);
    const capture = { caseId, source: 'ios-live' as const, scanId: scan.id, deviceId };
    const factsArtifact = vault.artifacts.putBuffer(raw, { ...capture, command: `ideviceinfo -u ${device.udid}` }).sha256;
    vault.scans.markStepDone(scan.id, 'device');

    progress(1);
    const listing = await installedApps(device.udid, options.signal);
    const appsArtifact = vault.artifacts.putBuffer(listing.raw, { ...capture, command: `ideviceinstaller -u ${device.udid} -l -o xml -o list_all` }).sha256;
    vault.db.transaction(() => {
      // Each app checked on its own: one whose name or version the phone made too long is clipped, not fatal.
      vault.observations.insertMany(
        fitObservations(listing.apps.map((app) => ({ caseId, scanId: scan.id, kind: 'ios.app', subject: app.bundleId, data: { bundleId: app.bundleId, name: app.name, version: app.version, source: app.source }, artifactSha256s: [appsArtifact, factsArtifact] }))).observations,
      );
      vault.scans.markStepDone(scan.id, 'apps');
    })();

    progress(2, 0);
    if (!(await backupsEncrypted(device.udid, options.signal))) {
      throw new SentinelleError(
        'ios.backup-not-encrypted',
        'This iPhone does not encrypt its backups, so Sentinelle did not make one: it would be her whole phone in clear on this computer. The model and the apps were read and kept. To look further, turn on backup encryption (Sentinelle can do it, with a password you choose and write down), then scan again.',
      );
    }
    fs.mkdirSync(options.workDir, { recursive: true, mode: 0o700 });
    const backupDir = await makeBackup(device.udid, options.workDir, { ...(options.signal ? { signal: options.signal } : {}), onProgress: (fraction) => progress(2, fraction) });
    vault.scans.markStepDone(scan.id, 'backup');
    const live = vault.scans.finish(scan.id, 'completed');
    const backup = await runIosBackupScan({ vault, caseId, dir: backupDir, ...(options.password === undefined ? {} : { password: options.password }), ...(options.signal ? { signal: options.signal } : {}), ...(options.onProgress ? { onProgress: options.onProgress } : {}), ...(options.onObservations ? { onObservations: options.onObservations } : {}) });
    // The backup is encrypted (checked above; an iPhone whose setting changed during the backup still
    // gives one the scan cannot open without its password): it is kept for later scans.
    const kept = backup.encrypted;
    if (!kept) fs.rmSync(backupDir, { recursive: true, force: true });
    vault.custody.append(kept ? 'ios.backup-kept' : 'ios.backup-deleted', caseId, { scanId: backup.scan.id, folder: path.resolve(backupDir), encrypted: backup.encrypted });
    return { live, backup, backupDir: path.resolve(backupDir), kept };
  } catch (error) {
    const cancelled = error instanceof SentinelleError && error.code === 'scan.cancelled';
    if (vault.isOpen && vault.scans.get(scan.id)?.status === 'running') vault.scans.finish(scan.id, cancelled ? 'cancelled' : 'interrupted', error instanceof Error ? error.message : String(error));
    throw error;
  }
}
