// The shape of one Android acquisition, whatever its origin (a live scan, an androidqf folder, a bugreport):
// what each listing said, and which artifact (SHA-256) each part was read from. Below the collectors, which
// fill it, and the acquisition's own functions (acquisition.ts), which read it.
import type { ApkCertificate } from './apk-certificates.js';
import type { AccessibilityServices } from './parsers/dumpsys-accessibility.js';
import type { AppOp } from './parsers/appops.js';
import type { AdbDebugging } from './parsers/dumpsys-adb.js';
import type { DevicePolicy } from './parsers/device-policy.js';
import type { DumpsysPackage } from './parsers/dumpsys-package.js';
import type { ListedPackage } from './parsers/pm-list.js';
import type { PsProcess } from './parsers/ps.js';
import type { StorageFile } from './parsers/storage-files.js';
import type { PhoneAccount } from './parsers/accounts.js';
import type { BackupTransport } from './parsers/backup.js';
import type { PairedDevice } from './parsers/bluetooth.js';
import type { TrustAgent } from './parsers/trust.js';
import type { ScreenLock } from './parsers/lock-settings.js';
import type { AndroidUser } from './parsers/users.js';

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
