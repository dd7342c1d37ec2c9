// A recorded phone replayed through the live scan: the simulated phone answers the scan's commands from an
// androidqf acquisition (folder or zip), a bugreport zip, or a recording exported from a vault. Each
// collector's command is answered with what the recording holds where the collector says its data sits
// (collectors/*.ts `offline`); androidqf's packages.json is printed as `pm list packages` prints it and
// answers `sha256sum` with the hashes androidqf computed; root_binaries.json answers the root-path listing.
// A command the recording lacks is answered as a phone answers when a service is absent, so the scan notes
// it. Pulled APKs exist only in exported recordings.
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { OfflineSource } from '../acquisition/android/collectors/collector.js';
import { packagesCollector } from '../acquisition/android/collectors/packages.js';
import { propertiesCollector } from '../acquisition/android/collectors/properties.js';
import { ROOT_PATHS, rootPathsCollector } from '../acquisition/android/collectors/root-paths.js';
import { storageApksCollector } from '../acquisition/android/collectors/storage-apks.js';
import { systemPackagesCollector } from '../acquisition/android/collectors/system-packages.js';
import { androidqfLocator, parseAndroidqfFiles, parseAndroidqfPackages, parseAndroidqfRootBinaries, type ImportedFile } from '../acquisition/android/imports/androidqf.js';
import { installersFromFilesJson, sharedStoragePath } from '../acquisition/android/parsers/storage-files.js';
import { bugreportLocator } from '../acquisition/android/imports/bugreport.js';
import { openImportSource } from '../acquisition/android/imports/import-source.js';
import { planFor } from '../acquisition/android/imports/import-acquisition.js';
import { offlineOutputs, type OfflineFormat, type SourceText } from '../acquisition/android/imports/offline-outputs.js';
import { parseGetprop } from '../acquisition/android/parsers/getprop.js';
import { isRecording, readRecording } from '../acquisition/android/recording.js';
import type { SimulatedPhone } from './adbd-simulator.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export class RecordedPhone implements SimulatedPhone {
  readonly banner: SimulatedPhone['banner'];

  /** Use `RecordedPhone.open`. */
  constructor(
    readonly origin: string,
    private readonly outputs: ReadonlyMap<string, Buffer>,
    private readonly files: ReadonlyMap<string, Buffer>,
    /** APK hashes a recording knows without its files (androidqf computed them on the phone). */
    private readonly hashes: ReadonlyMap<string, string>,
  ) {
    const properties = parseGetprop(outputs.get(propertiesCollector.command)?.toString('utf8') ?? '');
    const product = (key: string) => (properties.get(key) ?? 'recorded').replace(/[^A-Za-z0-9_.-]/g, '_');
    this.banner = { name: product('ro.product.name'), model: product('ro.product.model'), device: product('ro.product.device') };
  }

  /** Opens a recording: an exported recording folder, an androidqf folder or zip, or a bugreport zip. */
  static async open(origin: string): Promise<RecordedPhone> {
    if (isRecording(origin)) {
      const { outputs, files } = readRecording(origin);
      return new RecordedPhone(origin, outputs, files, new Map());
    }
    const source = await openImportSource(origin);
    try {
      const plan = await planFor(source);
      const files: ImportedFile[] = [];
      for (const { name, as, maxBytes } of plan.files) {
        const bytes = await source.read(name, maxBytes);
        files.push({ name: as, text: bytes.toString('utf8'), sha256: sha256(bytes) });
      }
      return plan.format === 'androidqf' ? fromAndroidqf(origin, files) : fromBugreport(origin, files[0]!);
    } finally {
      source.close();
    }
  }

  shell(command: string): Buffer | null {
    const recorded = this.outputs.get(command);
    if (recorded) return recorded;
    if (command.startsWith('sha256sum ')) return this.hashed(command.slice('sha256sum '.length).split(' '));
    // Not in the recording: answered as a phone without the service answers.
    const service = /^dumpsys (\S+)$/.exec(command);
    if (service) return Buffer.from(`Can't find service: ${service[1]}\n`);
    return null;
  }

  file(filePath: string): Buffer | null {
    return this.files.get(filePath) ?? null;
  }

  /** `sha256sum` over APKs the recording has the hash of (androidqf) or the file of (an exported recording). */
  private hashed(paths: readonly string[]): Buffer {
    const lines = paths.map((apk) => {
      const hash = this.hashes.get(apk) ?? (this.files.has(apk) ? sha256(this.files.get(apk)!) : null);
      return hash ? `${hash}  ${apk}` : `sha256sum: ${apk}: No such file or directory`;
    });
    return Buffer.from(`${lines.join('\n')}\n`);
  }
}

/** What the recording holds for each collector, as its command prints it. */
function listingsFrom(format: OfflineFormat, locate: (source: OfflineSource) => SourceText | null): Map<string, Buffer> {
  return new Map(offlineOutputs(format, locate).map((output) => [output.command, Buffer.from(output.text, 'utf8')]));
}

function fromAndroidqf(origin: string, files: readonly ImportedFile[]): RecordedPhone {
  const byName = new Map(files.map((file) => [file.name, file]));
  const outputs = listingsFrom('androidqf', androidqfLocator(byName));
  const hashes = new Map<string, string>();
  const packagesFile = byName.get('packages.json');
  if (packagesFile) {
    const packages = parseAndroidqfPackages(packagesFile);
    // As `pm list packages -f -i -U` prints them: androidqf made packages.json from that listing.
    const lines = packages.map((pkg) => `package:${pkg.files[0]?.path ?? ''}=${pkg.name}  installer=${pkg.installer || 'null'}${pkg.uid === null || pkg.uid === undefined ? '' : ` uid:${pkg.uid}`}`);
    outputs.set(packagesCollector.command, Buffer.from(`${lines.join('\n')}\n`));
    // As `pm list packages -s` prints them: androidqf's `system` flag comes from that listing.
    if (packages.some((pkg) => pkg.system !== undefined)) outputs.set(systemPackagesCollector.command, Buffer.from(packages.filter((pkg) => pkg.system).map((pkg) => `package:${pkg.name}\n`).join('')));
    for (const pkg of packages) for (const apk of pkg.files) if (apk.sha256) hashes.set(apk.path, apk.sha256);
  }
  const filesFile = byName.get('files.json');
  if (filesFile) {
    // As the storage listing prints them (`stat -c '%s|%Y|%n'`), with the hashes androidqf computed.
    const entries = parseAndroidqfFiles(filesFile);
    const { files, hashes: known } = installersFromFilesJson(entries);
    const original = new Map(entries.map((entry) => [sharedStoragePath(entry.path), entry.path]));
    outputs.set(storageApksCollector.command, Buffer.from(files.map((file) => `${file.size}|${file.modifiedAt ? Math.floor(Date.parse(file.modifiedAt) / 1000) : 0}|${original.get(file.path) ?? file.path}\n`).join('')));
    for (const [path, hash] of known) hashes.set(path, hash);
  }
  const rootFile = byName.get('root_binaries.json');
  if (rootFile) {
    const found = parseAndroidqfRootBinaries(rootFile).filter((found) => ROOT_PATHS.includes(found));
    outputs.set(rootPathsCollector.command, Buffer.from(found.map((line) => `${line}\n`).join('')));
  }
  return new RecordedPhone(origin, outputs, new Map(), hashes);
}

function fromBugreport(origin: string, main: ImportedFile): RecordedPhone {
  return new RecordedPhone(origin, listingsFrom('bugreport', bugreportLocator(main)), new Map(), new Map());
}

/** A short name for a replayed recording (shown as the demo phone's profile). */
export function recordingName(origin: string): string {
  return `replay:${path.basename(origin)}`.slice(0, 60);
}
