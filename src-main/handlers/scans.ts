// The API's handlers for scans of every kind — Android phones, offline Android acquisitions, iPhone backups
// and live iPhones, this computer — and what they list (phones, backups, artifacts, scans), followed by the
// scan session.
import fs from 'node:fs';
import path from 'node:path';
import { runAndroidScan } from '../acquisition/android/android-scan.js';
import { splitAddress } from '../../src-shared/acquisition.js';
import { importAndroidAcquisition } from '../acquisition/android/imports/import-acquisition.js';
import { openUploadedSource, type RandomAccess } from '../acquisition/android/imports/import-source.js';
import { exportRecording } from '../acquisition/android/recording.js';
import { hostInfo } from '../acquisition/computer/host-info.js';
import { runHostScan } from '../acquisition/computer/host-scan.js';
import { uploadedFiles, type BackupFiles } from '../acquisition/ios/backup-files.js';
import { defaultBackupFolders, describeBackup, listBackups } from '../acquisition/ios/backup-list.js';
import { runIosBackupScan } from '../acquisition/ios/ios-backup-scan.js';
import { enableBackupEncryption, listIosDevices, requirePairedDevice } from '../acquisition/ios/live/libimobiledevice.js';
import { runLiveIosScan } from '../acquisition/ios/live/live-ios-scan.js';
import { version as toolVersion } from '../package-info.js';
import { openSpooledFile } from '../system/upload-spool.js';
import { SentinelleError } from '../../src-shared/errors.js';
import type { AppContext, HandlersFor } from './app-context.js';
import { requireOpenCase } from './scan-session.js';
import { findingsOverview } from './findings.js';

/** An upload the browser sent, as the import reads it: its name, size, and its bytes read back from the spool. */
function uploadedFile(ctx: AppContext, id: string): { name: string; size: number; open(): Promise<RandomAccess> } {
  const staged = ctx.uploads.describe(id);
  if (!staged) throw new SentinelleError('input.invalid', 'A file chosen is no longer here (the vault was locked, or Sentinelle restarted since). Choose it again.');
  return { name: staged.name, size: staged.size, open: () => openSpooledFile(ctx.uploads.spooled(id)) };
}

/** A backup folder the browser sent: its files by their path inside the folder (the folder's own name left out). */
function uploadedBackup(files: readonly { name: string; size: number; open(): Promise<RandomAccess> }[]): BackupFiles {
  const folder = files[0]?.name.split('/')[0] ?? 'backup';
  return uploadedFiles(folder, new Map(files.map((file) => [file.name.startsWith(`${folder}/`) ? file.name.slice(folder.length + 1) : file.name, file])));
}

export function scanHandlers(ctx: AppContext): HandlersFor<'devices.' | 'scans.' | 'artifacts.' | 'backups.' | 'ios.' | 'host.'> {
  return {
    'devices.list': async () => ctx.markDemo(await ctx.android.list()),
    'devices.connect': async ({ address }) => {
      ctx.requireVault(); // this installation's key, kept in the vault, is what the phone is asked to trust
      const { host, port } = splitAddress(address);
      return { serial: await (await ctx.android.devices()).attach(host, port, 'tcp') };
    },
    'scans.android': async ({ caseId, serial }) => {
      const vault = ctx.requireVault();
      requireOpenCase(vault, caseId);
      const index = ctx.signatures.index(vault);
      const isKnownPackage = (name: string) => index.matchValue('androidPackages', name).length > 0;
      const outcome = await ctx.scans.detectingAfter(vault, caseId, (detectSoFar) =>
        ctx.android.withPhone(serial, (connection) => ctx.scans.follow(caseId, detectSoFar, (follow) => runAndroidScan({ vault, connection, caseId, isKnownPackage, ...follow }))),
      );
      return { scan: outcome.scan, resumed: outcome.resumed, observations: outcome.observations, detection: outcome.detection, overview: findingsOverview(vault, caseId), notes: outcome.notes };
    },
    'artifacts.list': ({ caseId, scanId }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      return scanId === undefined ? vault.artifacts.capturesByCase(caseId) : vault.artifacts.capturesByScan(scanId).filter((capture) => capture.caseId === caseId);
    },
    'scans.cancel': ({ scanId }) => {
      ctx.scans.cancel(scanId);
      return { done: true as const };
    },
    'scans.exportRecording': ({ caseId, scanId, out }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      return exportRecording(vault, caseId, scanId, path.resolve(out), { name: 'Sentinelle', version: toolVersion });
    },
    'scans.list': ({ caseId }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      return vault.scans.listByCase(caseId);
    },
    'scans.import': async ({ caseId, path: file, uploads }) => {
      const vault = ctx.requireVault();
      requireOpenCase(vault, caseId);
      const from = file ?? (await openUploadedSource(uploads!.map((id) => uploadedFile(ctx, id))));
      try {
        const outcome = await ctx.scans.detectingAfter(vault, caseId, (detectSoFar) => ctx.scans.follow(caseId, detectSoFar, ({ signal, onProgress }) => importAndroidAcquisition(vault, caseId, from, { signal, onProgress })));
        return { ...outcome, overview: findingsOverview(vault, caseId) };
      } finally {
        // What the browser sent is in the vault now (the files read, as artifacts): its spooled copy goes.
        if (uploads) ctx.uploads.remove(uploads);
      }
    },
    'backups.list': async ({ folders }) => {
      const given = await Promise.all(folders.filter((folder) => fs.existsSync(path.join(folder, 'Manifest.db'))).map(describeBackup));
      return [...given, ...(await listBackups([...defaultBackupFolders(), iosWorkFolder(ctx.vaultDir), ...folders]))];
    },
    'scans.iosBackup': async ({ caseId, path: folder, uploads, password, rememberKey }) => {
      const vault = ctx.requireVault();
      requireOpenCase(vault, caseId);
      const dir = folder ?? uploadedBackup(uploads!.map((id) => uploadedFile(ctx, id)));
      const outcome = await ctx.scans.detectingAfter(vault, caseId, (detectSoFar) =>
        ctx.scans.follow(caseId, detectSoFar, (follow) => runIosBackupScan({ vault, caseId, dir, ...(password === undefined ? {} : { password }), rememberKey, ...follow })),
      );
      // Read into the vault: the spooled copy goes (kept until then, for a password asked for and typed again).
      if (uploads) ctx.uploads.remove(uploads);
      return { scan: outcome.scan, resumed: false, observations: outcome.observations, detection: outcome.detection, overview: findingsOverview(vault, caseId), notes: outcome.notes };
    },
    'ios.devices': () => listIosDevices(),
    'scans.ios': async ({ caseId, udid, password }) => {
      const vault = ctx.requireVault();
      requireOpenCase(vault, caseId);
      const outcome = await ctx.scans.detectingAfter(vault, caseId, (detectSoFar) =>
        ctx.scans.follow(caseId, detectSoFar, (follow) => runLiveIosScan({ vault, caseId, ...(udid === undefined ? {} : { udid }), ...(password === undefined ? {} : { password }), workDir: iosWorkFolder(ctx.vaultDir), ...follow })),
      );
      const { backup } = outcome;
      return { scan: backup.scan, resumed: false, observations: backup.observations, detection: outcome.detection, overview: findingsOverview(vault, caseId), notes: [...backup.notes, outcome.kept ? `The encrypted backup is kept in ${outcome.backupDir}.` : 'The backup could not be opened as an encrypted one: it was deleted.'] };
    },
    'ios.enableBackupEncryption': async ({ caseId, udid, password }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      const device = await requirePairedDevice(udid);
      vault.custody.append('ios.backup-encryption-requested', caseId, { udid: device.udid, confirmedByAdvocate: true });
      const phoneOutput = await enableBackupEncryption(device.udid, password);
      vault.custody.append('ios.backup-encryption-enabled', caseId, { udid: device.udid, phoneOutput });
      return { done: true as const, phoneOutput };
    },
    'host.info': () => hostInfo(),
    'scans.host': async ({ caseId }) => {
      const vault = ctx.requireVault();
      requireOpenCase(vault, caseId);
      const outcome = await ctx.scans.detectingAfter(vault, caseId, (detectSoFar) => ctx.scans.follow(caseId, detectSoFar, (follow) => runHostScan({ vault, caseId, hasher: ctx.executableHasher, ...follow })));
      return { scan: outcome.scan, resumed: false, observations: outcome.observations, detection: outcome.detection, overview: findingsOverview(vault, caseId), notes: outcome.notes };
    },
  };
}

/** Where fresh backups of live iPhones are written: inside the vault's folder, private to this user. */
export function iosWorkFolder(vaultDir: string): string {
  return path.join(vaultDir, 'work', 'ios-backups');
}
