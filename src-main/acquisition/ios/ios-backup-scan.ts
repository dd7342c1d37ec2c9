// Scanning an iPhone backup into a case: open it (deriving the key of an encrypted one, with progress, or
// using the key the vault kept), register the iPhone from Info.plist, store the backup's metadata and
// Manifest.db as evidence, then run each collector as a step whose observations are written in their own
// transaction. Files a partial backup lacks are noted, not fatal. The backup itself is only ever read.
import { fitNotes, fitObservations } from '../fit-observations.js';
import type { ScanStepProgress } from '../../../src-shared/acquisition.js';
import type { LocalizedText, Scan } from '../../../src-shared/model.js';
import { SentinelleError } from '../../../src-shared/errors.js';
import type { OpenVault } from '../../vault/vault.js';
import { COLLECTORS } from './backup-observations.js';
import type { CollectorContext, KeptFile } from './backup-reading.js';
import type { BackupFiles } from './backup-files.js';
import { IosBackup, type BackupRecord } from './ios-backup.js';

export const IOS_BACKUP_SCAN_KIND = 'ios-backup';

export interface IosBackupScanOptions {
  vault: OpenVault;
  caseId: string;
  /** The backup folder on this computer, or the files of one the browser sent. */
  dir: string | BackupFiles;
  password?: string;
  /** Keep the key derived from the password in the vault (default), so it is not asked again. */
  rememberKey?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ScanStepProgress) => void;
  /** Told after each step's observations are stored, before the scan ends (to detect on them). */
  onObservations?: () => void;
  /** The scan kind to record (a live iPhone's fresh backup says so). */
  kind?: string;
}

export interface IosBackupScanOutcome {
  scan: Scan;
  observations: number;
  encrypted: boolean;
  notes: string[];
}

const t = (en: string, fr: string): LocalizedText => ({ en, fr });
const OPEN_STEP = { id: 'open', label: t('Opening the backup', 'Ouverture de la sauvegarde') };
const OPEN_ENCRYPTED_LABEL = t('Opening the encrypted backup with its password (this takes a little while)', 'Ouverture de la sauvegarde chiffrée avec son mot de passe (cela prend un moment)');
const METADATA_STEP = { id: 'metadata', label: t('Keeping the backup’s own records', 'Conservation des fichiers descriptifs de la sauvegarde') };
export const IOS_STEP_COUNT = 2 + COLLECTORS.length;

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' ? value.trim() : null);

export async function runIosBackupScan(options: IosBackupScanOptions): Promise<IosBackupScanOutcome> {
  const { vault, caseId, dir } = options;
  vault.cases.get(caseId);
  // The scan is recorded first, so that opening an encrypted backup (seconds of key derivation) can be
  // followed and cancelled like any step; a wrong password leaves it failed, saying why.
  const scan = vault.scans.start({ caseId, deviceId: null, kind: options.kind ?? IOS_BACKUP_SCAN_KIND });
  const progress = (step: string, label: LocalizedText, index: number, fraction?: number) =>
    options.onProgress?.({ scanId: scan.id, step, label, index, total: IOS_STEP_COUNT, ...(fraction === undefined ? {} : { fraction }) });
  const cancelled = () => options.signal?.aborted === true;
  let backup: IosBackup | null = null;
  try {
    progress(OPEN_STEP.id, OPEN_STEP.label, 1);
    backup = await IosBackup.open(dir, {
      ...(options.password === undefined ? {} : { password: options.password }),
      knownKey: (uuid) => vault.backupKeys.get(uuid),
      ...(options.signal ? { signal: options.signal } : {}),
      onProgress: (fraction) => progress(OPEN_STEP.id, OPEN_ENCRYPTED_LABEL, 1, fraction),
    });
    const opened = backup;
    const udid = text(opened.info['Unique Identifier']) ?? text(opened.info['Target Identifier']);
    if (opened.keybag) {
      const keybagUuid = opened.keybag.uuid.toString('hex');
      if (options.rememberKey === false) vault.backupKeys.forget(keybagUuid);
      else if (opened.passcodeKey) vault.backupKeys.remember(keybagUuid, opened.passcodeKey, udid, caseId);
    }
    const deviceId = deviceFor(vault, caseId, opened);
    vault.scans.setDevice(scan.id, deviceId);
    vault.scans.markStepDone(scan.id, OPEN_STEP.id);
    const notes: string[] = [];
    let observations = 0;

    const capture = { caseId, source: 'ios-backup' as const, scanId: scan.id, deviceId };
    progress(METADATA_STEP.id, METADATA_STEP.label, 2);
    const metadataArtifacts = opened.metadata.map((file) => vault.artifacts.putBuffer(file.bytes, { ...capture, path: file.name }).sha256);
    const manifest = await vault.artifacts.putStream(opened.manifestDbStream(), { ...capture, path: opened.manifestDbEncrypted ? 'Manifest.db (decrypted)' : 'Manifest.db' });
    metadataArtifacts.push(manifest.sha256);
    vault.scans.markStepDone(scan.id, METADATA_STEP.id);

    const kept = new Map<string, KeptFile>();
    const skip = (where: string, error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      notes.push(`${where}: ${message}`);
      vault.custody.append('scan.file-skipped', caseId, { scanId: scan.id, path: where, reason: 'unreadable', detail: error instanceof SentinelleError ? error.technical ?? message : message });
    };
    const context: CollectorContext = {
      backup: opened,
      metadataArtifacts,
      skip,
      ...(options.signal ? { signal: options.signal } : {}),
      async keep(record: BackupRecord, maxBytes: number) {
        const where = `${record.domain}/${record.relativePath}`;
        const already = kept.get(where);
        if (already) return already;
        if (!opened.has(record)) {
          notes.push(`${where} is listed in the backup but its file is not in the folder`);
          vault.custody.append('scan.file-skipped', caseId, { scanId: scan.id, path: where, reason: 'missing' });
          return null;
        }
        let bytes: Buffer;
        try {
          bytes = await opened.read(record, maxBytes);
        } catch (error) {
          if (!(error instanceof SentinelleError) || error.code !== 'backup.unreadable') throw error;
          skip(where, error);
          return null;
        }
        const file = { record, bytes, sha256: vault.artifacts.putBuffer(bytes, { ...capture, path: where }).sha256 };
        kept.set(where, file);
        return file;
      },
    };
    for (const [i, collector] of COLLECTORS.entries()) {
      if (cancelled()) throw new SentinelleError('scan.cancelled', 'The scan was stopped. Everything read so far is kept.');
      progress(collector.id, collector.label, 3 + i);
      let found: Awaited<ReturnType<typeof collector.collect>> = [];
      try {
        found = await collector.collect(context);
      } catch (error) {
        // One part of the backup that cannot be read does not stop the others.
        if (!(error instanceof SentinelleError) || error.code !== 'backup.unreadable') throw error;
        skip(collector.label.en, error);
      }
      // Each record checked on its own: one the backup made too long is clipped, one that cannot fit set aside.
      const fitted = fitObservations(found);
      notes.push(...fitNotes(fitted));
      vault.db.transaction(() => {
        vault.observations.insertMany(fitted.observations.map((observation) => ({ ...observation, caseId, scanId: scan.id })));
        vault.scans.markStepDone(scan.id, collector.id);
      })();
      observations += fitted.observations.length;
      if (found.length > 0) options.onObservations?.();
    }
    return { scan: vault.scans.finish(scan.id, 'completed'), observations, encrypted: opened.encrypted, notes };
  } catch (error) {
    const status = error instanceof SentinelleError && error.code === 'scan.cancelled' ? 'cancelled' : 'failed';
    if (vault.isOpen) vault.scans.finish(scan.id, status, error instanceof Error ? error.message : String(error));
    throw error;
  } finally {
    backup?.close();
  }
}

/** The case's record of this iPhone (same serial number), or a new one from Info.plist. */
function deviceFor(vault: OpenVault, caseId: string, backup: IosBackup): string {
  const info = backup.info;
  const serial = text(info['Serial Number']) ?? text(info['Unique Identifier']);
  const model = text(info['Product Type']);
  const known = serial ? vault.devices.listByCase(caseId).find((device) => device.platform === 'ios' && device.serial === serial && (device.model === null || model === null || device.model === model)) : undefined;
  if (known) return known.id;
  const facts: Record<string, string> = {};
  for (const key of ['Product Type', 'Product Version', 'Build Version', 'Device Name', 'Unique Identifier', 'Last Backup Date', 'iTunes Version']) {
    const value = info[key];
    if (typeof value === 'string') facts[key] = value;
    else if (value instanceof Date) facts[key] = value.toISOString();
  }
  facts['Backup encrypted'] = backup.encrypted ? 'yes' : 'no';
  return vault.devices.add({ caseId, platform: 'ios', label: text(info['Device Name']) ?? 'iPhone', model, osVersion: text(info['Product Version']), serial, facts }).id;
}
