// An androidqf acquisition (https://github.com/mvt-project/androidqf) as an Android acquisition: its
// getprop.txt, packages.json (installer, uid, system flag, APK hashes and signing certificates computed by
// androidqf), dumpsys.txt (package, accessibility, device_policy and appops sections), ps.txt,
// settings_secure.txt / settings_global.txt and root_binaries.json. The same parsers as a live scan read
// the text files; packages.json is checked against a schema first. Pure: files in, acquisition out.
import { z } from 'zod';
import { SentinelleError } from '../../../../src-shared/errors.js';
import { addEvidence, emptyAcquisition, fillFromOutputs, type AndroidAcquisition } from '../acquisition.js';
import type { OfflineSource } from '../collectors/collector.js';
import { LISTING_COLLECTORS } from '../collectors/index.js';
import { dumpsysServiceText, emptyPackage, type DumpsysPackage } from '../parsers/dumpsys-package.js';
import { installersFromFilesJson } from '../parsers/storage-files.js';
import { offlineOutputs, type SourceText } from './offline-outputs.js';

export interface ImportedFile {
  name: string;
  text: string;
  sha256: string;
}

/** The files of an androidqf folder that Sentinelle reads. */
export const ANDROIDQF_FILES: readonly string[] = [
  ...new Set(
    LISTING_COLLECTORS.flatMap((collector) => {
      const source = collector.offline.androidqf;
      return !source ? [] : 'dumpsys' in source ? ['dumpsys.txt'] : 'file' in source ? [source.file] : [];
    }),
  ),
];

const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-fA-F]{${length}}$`)).transform((value) => value.toLowerCase());
const optionalHex = (length: number) => z.union([hex(length), z.literal('')]).optional().catch(undefined);

const AndroidqfPackages = z
  .array(
    z.object({
      name: z.string().min(1).max(255),
      files: z
        .array(
          z.object({
            path: z.string().max(4096),
            sha256: optionalHex(64),
            certificate: z
              .object({ Sha1: optionalHex(40), Sha256: optionalHex(64), Subject: z.string().max(4096).optional() })
              .nullable()
              .optional()
              .catch(null),
          }),
        )
        .max(100)
        .default([]),
      installer: z.string().max(255).nullable().optional(),
      uid: z.number().int().nullable().optional(),
      disabled: z.boolean().optional(),
      system: z.boolean().optional(),
    }),
  )
  .max(50_000);

/** A file of the acquisition that does not have the expected format. */
export function formatError(detail: string): SentinelleError {
  return new SentinelleError('import.unreadable', 'Sentinelle could not read this acquisition: one of its files does not have the expected format. Nothing was added to the case.', { technical: detail });
}

/** Where a collector's data is in an androidqf folder: a file, or a section of dumpsys.txt. */
export function androidqfLocator(byName: ReadonlyMap<string, ImportedFile>) {
  return (source: OfflineSource): SourceText | null => {
    if ('dumpsys' in source) {
      const dumpsys = byName.get('dumpsys.txt');
      const text = dumpsys ? dumpsysServiceText(dumpsys.text, source.dumpsys) : null;
      return dumpsys && text !== null ? { text, sha256: dumpsys.sha256 } : null;
    }
    if ('file' in source) return byName.get(source.file) ?? null;
    return null;
  };
}

export function acquisitionFromAndroidqf(files: readonly ImportedFile[]): AndroidAcquisition {
  const byName = new Map(files.map((file) => [file.name, file]));
  const acquisition = fillFromOutputs(emptyAcquisition(), offlineOutputs('androidqf', androidqfLocator(byName)));

  const filesFile = byName.get('files.json');
  if (filesFile) {
    const { files, hashes } = installersFromFilesJson(parseAndroidqfFiles(filesFile));
    acquisition.storageFiles = files;
    addEvidence(acquisition, 'storage-apks', filesFile.sha256);
    for (const [path, hash] of hashes) acquisition.apkHashes.set(path, hash);
    if (hashes.size > 0) addEvidence(acquisition, 'apk-hashes', filesFile.sha256);
  }

  const packagesFile = byName.get('packages.json');
  if (packagesFile) addPackages(acquisition, packagesFile);

  const rootFile = byName.get('root_binaries.json');
  if (rootFile) {
    acquisition.rootPaths = parseAndroidqfRootBinaries(rootFile);
    addEvidence(acquisition, 'root', rootFile.sha256);
  }
  return acquisition;
}

function parseJson(file: ImportedFile): unknown {
  try {
    return JSON.parse(file.text) as unknown;
  } catch (error) {
    throw formatError(`${file.name} is not valid JSON: ${(error as Error).message}`);
  }
}

export type AndroidqfPackage = z.infer<typeof AndroidqfPackages>[number];

/** androidqf's packages.json, checked against its schema. */
export function parseAndroidqfPackages(file: ImportedFile): AndroidqfPackage[] {
  const parsed = AndroidqfPackages.safeParse(parseJson(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw formatError(`packages.json does not have androidqf's format (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`);
  }
  return parsed.data;
}

const AndroidqfFile = z.object({
  path: z.string().max(4096),
  size: z.number().int().nonnegative().optional().catch(undefined),
  modified_time: z.number().int().optional().catch(undefined),
  sha256: z.string().max(128).optional().catch(undefined),
});
export type AndroidqfFile = z.infer<typeof AndroidqfFile>;

/** androidqf's files.json: a JSON array, or one JSON object per line (its collector's format), checked entry by entry. */
export function parseAndroidqfFiles(file: ImportedFile): AndroidqfFile[] {
  const text = file.text.trim();
  let raw: unknown[];
  if (text.startsWith('[')) {
    const parsed = parseJson(file);
    if (!Array.isArray(parsed)) throw formatError('files.json is not a list of files');
    raw = parsed;
  } else {
    raw = text.split('\n').filter((line) => line.trim() !== '').map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (error) {
        throw formatError(`files.json has a line that is not JSON: ${(error as Error).message}`);
      }
    });
  }
  const files: AndroidqfFile[] = [];
  for (const entry of raw) {
    const parsed = AndroidqfFile.safeParse(entry);
    if (parsed.success) files.push(parsed.data);
  }
  if (raw.length > 0 && files.length === 0) throw formatError('files.json does not have androidqf’s format (no entry has a path)');
  return files;
}

/** androidqf's root_binaries.json: the paths it found. */
export function parseAndroidqfRootBinaries(file: ImportedFile): string[] {
  const parsed = z.array(z.string().max(4096)).max(10_000).safeParse(parseJson(file));
  if (!parsed.success) throw formatError(`root_binaries.json is not a list of paths: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data.filter((path) => path.startsWith('/'));
}

function addPackages(acquisition: AndroidAcquisition, file: ImportedFile): void {
  const parsed = { data: parseAndroidqfPackages(file) };
  const details = new Map(acquisition.details.map((detail) => [detail.packageName, detail]));
  acquisition.packages = parsed.data.map((pkg) => ({
    packageName: pkg.name,
    apkPath: pkg.files[0]?.path ?? '',
    installer: !pkg.installer || pkg.installer === 'null' ? null : pkg.installer,
    uid: pkg.uid ?? null,
    user: 0,
  }));
  addEvidence(acquisition, 'packages', file.sha256);
  if (parsed.data.some((pkg) => pkg.system !== undefined)) {
    acquisition.systemPackages ??= new Set();
    addEvidence(acquisition, 'system-packages', file.sha256);
  }
  for (const pkg of parsed.data) {
    const detail: DumpsysPackage = details.get(pkg.name) ?? emptyPackage(pkg.name, pkg.files[0]?.path ?? null, pkg.uid ?? null);
    if (pkg.system === true) (acquisition.systemPackages ??= new Set()).add(pkg.name);
    if (pkg.disabled === true) detail.enabled = false;
    if (!details.has(pkg.name)) acquisition.details.push(detail);
    for (const apk of pkg.files) {
      if (apk.sha256) {
        acquisition.apkHashes.set(apk.path, apk.sha256);
        addEvidence(acquisition, 'apk-hashes', file.sha256);
      }
      if (apk.certificate?.Sha1 && apk.certificate.Sha256) {
        const certificates = acquisition.certificates.get(pkg.name) ?? [];
        if (!certificates.some((certificate) => certificate.sha256 === apk.certificate!.Sha256)) {
          certificates.push({ scheme: 'reported', sha1: apk.certificate.Sha1, sha256: apk.certificate.Sha256, subject: apk.certificate.Subject ?? null });
        }
        acquisition.certificates.set(pkg.name, certificates);
        addEvidence(acquisition, 'apk-certificates', file.sha256);
      }
    }
  }
}

