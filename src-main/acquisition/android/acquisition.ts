// One Android acquisition, whatever its origin — a live scan over adb, an androidqf folder, a bugreport —
// in the same shape: what each listing said, and which artifact (SHA-256) each part was read from. The
// observations are made from this shape by one function, so every origin is analysed the same way.
import type { ApkCertificate } from './apk-certificates.js';
import { isUnavailable } from './collectors/collector.js';
import { listingOf } from './collectors/index.js';
import type { AccessibilityServices } from './parsers/dumpsys-accessibility.js';
import type { AppOp } from './parsers/appops.js';
import type { AdbDebugging } from './parsers/dumpsys-adb.js';
import type { DevicePolicy } from './parsers/device-policy.js';
import type { DumpsysPackage } from './parsers/dumpsys-package.js';
import type { ListedPackage } from './parsers/pm-list.js';
import type { PsProcess } from './parsers/ps.js';
import { parseSha256sum } from './parsers/sha256sum.js';
import type { StorageFile } from './parsers/storage-files.js';
import { mergeUsers, type AndroidUser } from './parsers/users.js';
import type { PhoneAccount } from './parsers/accounts.js';
import type { BackupTransport } from './parsers/backup.js';
import type { PairedDevice } from './parsers/bluetooth.js';
import type { TrustAgent } from './parsers/trust.js';
import type { ScreenLock } from './parsers/lock-settings.js';

/** A listed app, with the user or profile it is installed for (0: the phone's owner). */
export interface UserPackage extends ListedPackage {
  user: number;
}

export interface AndroidAcquisition {
  properties: Map<string, string>;
  /** Users and profiles as `pm list users` and `dumpsys user` list them (see `usersOf`). */
  listedUsers: AndroidUser[];
  dumpedUsers: AndroidUser[];
  packages: UserPackage[];
  details: DumpsysPackage[];
  /** The apps `pm list packages -s` (or androidqf's `system` flag) says are part of the system; null when not read. */
  systemPackages: Set<string> | null;
  /** Packages with a launcher icon, by user; a user without a listing is unknown (then none is assumed hidden). */
  launcherPackages: Map<number, Set<string>>;
  homePackage: string | null;
  accessibility: AccessibilityServices;
  policy: DevicePolicy;
  /** Notification listeners by user, from `dumpsys notification` (bugreports); the settings say the same live. */
  notificationListeners: Map<number, string[]>;
  /** Secure settings by user (0: the owner's). */
  secure: Map<number, Map<string, string>>;
  global: Map<string, string>;
  appops: AppOp[];
  processes: PsProcess[];
  selinux: string | null;
  rootPaths: string[];
  /** The computers trusted for debugging (`dumpsys adb`); null when not read. */
  adb: AdbDebugging | null;
  /** Installer files in shared storage (names, sizes, dates); null when not read. */
  storageFiles: StorageFile[] | null;
  /** APK SHA-256 by path (installed apps, and installers in shared storage). */
  apkHashes: Map<string, string>;
  /** The names apps show on the phone, by package name (read from the APKs that were pulled). */
  labels: Map<string, string>;
  /** Signing certificates by package name (of the APKs that were pulled). */
  certificates: Map<string, ApkCertificate[]>;
  /** The artifacts each collector's data was read from, by collector id. */
  evidence: Map<string, string[]>;
  /** Pulled APKs whose label and certificates could not be read (too slow, too large or malformed), by path. */
  unreadableApks: string[];
  /** Accounts signed in, by user and type (`dumpsys account`); names are personal data. */
  accounts: PhoneAccount[];
  /** Devices paired over Bluetooth (`dumpsys bluetooth_manager`). */
  pairedDevices: PairedDevice[];
  /** Trust agents (Smart Lock) by user (`dumpsys trust`). */
  trustAgents: TrustAgent[];
  /** Whether a screen lock protects each user (`dumpsys lock_settings`). */
  screenLocks: ScreenLock[];
  /** Where each user's backups go (`dumpsys backup`); destinations are personal data. */
  backupTransports: BackupTransport[];
  /** Outputs with lines longer than any phone prints, by command: those lines were not read. */
  skippedLines: { command: string; lines: number }[];
}

export function emptyAcquisition(): AndroidAcquisition {
  return {
    unreadableApks: [],
    skippedLines: [],
    accounts: [],
    pairedDevices: [],
    trustAgents: [],
    screenLocks: [],
    backupTransports: [],
    properties: new Map(),
    listedUsers: [],
    dumpedUsers: [],
    packages: [],
    details: [],
    systemPackages: null,
    launcherPackages: new Map(),
    homePackage: null,
    accessibility: { enabled: [], bound: [] },
    policy: { deviceOwner: null, profileOwners: [], admins: [], users: new Map() },
    notificationListeners: new Map(),
    secure: new Map(),
    global: new Map(),
    appops: [],
    processes: [],
    selinux: null,
    rootPaths: [],
    adb: null,
    storageFiles: null,
    apkHashes: new Map(),
    labels: new Map(),
    certificates: new Map(),
    evidence: new Map(),
  };
}

export interface CommandOutput {
  command: string;
  text: string;
  sha256: string;
}

export function addEvidence(acquisition: AndroidAcquisition, collectorId: string, sha256: string): void {
  const list = acquisition.evidence.get(collectorId) ?? [];
  if (!list.includes(sha256)) list.push(sha256);
  acquisition.evidence.set(collectorId, list);
}

/** A line longer than this is not read: no listing prints one, and a parser need not scan it. */
export const MAX_LINE_CHARS = 64 * 1024;

/** The text without its lines over MAX_LINE_CHARS, and how many there were (the text itself when none). */
export function withoutLongLines(text: string): { text: string; skipped: number } {
  if (text.length <= MAX_LINE_CHARS) return { text, skipped: 0 };
  const kept: string[] = [];
  let skipped = 0;
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (end - start > MAX_LINE_CHARS) skipped += 1;
    else kept.push(text.slice(start, end));
    start = end + 1;
  }
  return skipped === 0 ? { text, skipped } : { text: kept.join('\n'), skipped };
}

/** Fills an acquisition from command outputs (a live scan, or an offline acquisition's files mapped to commands), each read by its collector. */
export function fillFromOutputs(acquisition: AndroidAcquisition, outputs: readonly CommandOutput[]): AndroidAcquisition {
  for (const output of outputs) {
    const { command, sha256 } = output;
    const { text, skipped } = withoutLongLines(output.text);
    if (skipped > 0) acquisition.skippedLines.push({ command, lines: skipped });
    if (command.startsWith('sha256sum ')) {
      addEvidence(acquisition, 'apk-hashes', sha256);
      for (const [path, hash] of parseSha256sum(text)) acquisition.apkHashes.set(path, hash);
      continue;
    }
    const listing = listingOf(command);
    // A missing service or program printed only its error: there is nothing to read (the scan notes it).
    if (!listing || isUnavailable(text)) continue;
    addEvidence(acquisition, listing.collector.id, sha256);
    listing.collector.read(acquisition, { text, sha256, user: listing.user });
  }
  return acquisition;
}

/** The phone's users and profiles; the owner (user 0) alone when neither listing was read. */
export function usersOf(acquisition: AndroidAcquisition): AndroidUser[] {
  const users = mergeUsers(acquisition.listedUsers, acquisition.dumpedUsers);
  return users.some((user) => user.id === 0) ? users : [{ id: 0, name: 'Owner', type: 'full.system', running: true }, ...users];
}

const SYSTEM_PARTITION = /^\/(system|system_ext|product|vendor|apex)\//;

/** Whether an app is part of the phone's system: as `dumpsys package` flags it, as the system listing names it, or (neither said) by where its APK is. */
export function systemAppTest(acquisition: AndroidAcquisition): (packageName: string, apkPath: string) => boolean {
  const flagged = new Map(acquisition.details.map((detail) => [detail.packageName, detail.isSystem]));
  return (packageName, apkPath) => (flagged.get(packageName) ?? SYSTEM_PARTITION.test(apkPath)) || (acquisition.systemPackages?.has(packageName) ?? false);
}
