// One Android acquisition, whatever its origin — a live scan over adb, an androidqf folder, a bugreport —
// in the same shape: what each listing said, and which artifact (SHA-256) each part was read from. The
// observations are made from this shape by one function, so every origin is analysed the same way.
import type { ApkCertificate } from './apk-certificates.js';
import { COMMANDS } from './allow-list.js';
import { parseAppops, type AppOp } from './parsers/appops.js';
import { parseAccessibility, type AccessibilityServices } from './parsers/dumpsys-accessibility.js';
import { dumpsysSection, parseDumpsysPackage, type DumpsysPackage } from './parsers/dumpsys-package.js';
import { parseDevicePolicy, type DevicePolicy } from './parsers/device-policy.js';
import { parseGetprop } from './parsers/getprop.js';
import { parsePmList, type ListedPackage } from './parsers/pm-list.js';
import { parsePs, type PsProcess } from './parsers/ps.js';
import { parseActivityPackages } from './parsers/query-activities.js';
import { parseSettings } from './parsers/settings.js';
import { parseSha256sum } from './parsers/sha256sum.js';

export type AcquisitionPart =
  | 'properties'
  | 'packages'
  | 'packageDetails'
  | 'launcher'
  | 'home'
  | 'accessibility'
  | 'devicePolicy'
  | 'secureSettings'
  | 'globalSettings'
  | 'appops'
  | 'processes'
  | 'selinux'
  | 'rootPaths'
  | 'apkHashes'
  | 'certificates';

export interface AndroidAcquisition {
  properties: Map<string, string>;
  packages: ListedPackage[];
  details: DumpsysPackage[];
  /** Packages with a launcher icon; null when the listing was not available (then none is assumed hidden). */
  launcherPackages: Set<string> | null;
  homePackage: string | null;
  accessibility: AccessibilityServices;
  policy: DevicePolicy;
  secure: Map<string, string>;
  global: Map<string, string>;
  appops: AppOp[];
  processes: PsProcess[];
  selinux: string | null;
  rootPaths: string[];
  /** APK SHA-256 by path. */
  apkHashes: Map<string, string>;
  /** Signing certificates by package name (of the APKs that were pulled). */
  certificates: Map<string, ApkCertificate[]>;
  /** The artifacts each part was read from. */
  evidence: Map<AcquisitionPart, string[]>;
}

export function emptyAcquisition(): AndroidAcquisition {
  return {
    properties: new Map(),
    packages: [],
    details: [],
    launcherPackages: null,
    homePackage: null,
    accessibility: { enabled: [], bound: [] },
    policy: { deviceOwner: null, profileOwners: [], admins: [] },
    secure: new Map(),
    global: new Map(),
    appops: [],
    processes: [],
    selinux: null,
    rootPaths: [],
    apkHashes: new Map(),
    certificates: new Map(),
    evidence: new Map(),
  };
}

export interface CommandOutput {
  command: string;
  text: string;
  sha256: string;
}

/** Which part of the acquisition each read-only command fills. */
const PART_OF_COMMAND = new Map<string, AcquisitionPart>([
  [COMMANDS.properties, 'properties'],
  [COMMANDS.packages, 'packages'],
  [COMMANDS.packageDetails, 'packageDetails'],
  [COMMANDS.launcherActivities, 'launcher'],
  [COMMANDS.homeActivity, 'home'],
  [COMMANDS.accessibility, 'accessibility'],
  [COMMANDS.devicePolicy, 'devicePolicy'],
  [COMMANDS.secureSettings, 'secureSettings'],
  [COMMANDS.globalSettings, 'globalSettings'],
  [COMMANDS.appops, 'appops'],
  [COMMANDS.processes, 'processes'],
  [COMMANDS.selinux, 'selinux'],
  [COMMANDS.rootPaths, 'rootPaths'],
]);

export function addEvidence(acquisition: AndroidAcquisition, part: AcquisitionPart, sha256: string): void {
  const list = acquisition.evidence.get(part) ?? [];
  if (!list.includes(sha256)) list.push(sha256);
  acquisition.evidence.set(part, list);
}

/** Fills an acquisition from command outputs (a live scan, or a bugreport's sections mapped to commands). */
export function fillFromOutputs(acquisition: AndroidAcquisition, outputs: readonly CommandOutput[]): AndroidAcquisition {
  for (const { command, text, sha256 } of outputs) {
    const part = command.startsWith('sha256sum ') ? 'apkHashes' : PART_OF_COMMAND.get(command);
    if (!part) continue;
    addEvidence(acquisition, part, sha256);
    switch (part) {
      case 'properties':
        for (const [key, value] of parseGetprop(text)) acquisition.properties.set(key, value);
        break;
      case 'packages':
        acquisition.packages = parsePmList(text);
        break;
      case 'packageDetails':
        acquisition.details = parseDumpsysPackage(text);
        break;
      case 'launcher': {
        // An empty listing is a failed one (`cmd` is missing before Android 7, or it printed an error):
        // every phone has apps with an icon, so "unknown" rather than "every app is hidden".
        const withIcon = parseActivityPackages(text);
        acquisition.launcherPackages = withIcon.size > 0 ? withIcon : null;
        break;
      }
      case 'home':
        acquisition.homePackage = [...parseActivityPackages(text)][0] ?? null;
        break;
      case 'accessibility':
        acquisition.accessibility = parseAccessibility(dumpsysSection(text, 'accessibility'));
        break;
      case 'devicePolicy':
        acquisition.policy = parseDevicePolicy(dumpsysSection(text, 'device_policy'));
        break;
      case 'secureSettings':
        acquisition.secure = parseSettings(text);
        break;
      case 'globalSettings':
        acquisition.global = parseSettings(text);
        break;
      case 'appops':
        acquisition.appops = parseAppops(dumpsysSection(text, 'appops'));
        break;
      case 'processes':
        acquisition.processes = parsePs(text);
        break;
      case 'selinux':
        acquisition.selinux = text.trim() || null;
        break;
      case 'rootPaths':
        acquisition.rootPaths = text.split('\n').map((line) => line.trim()).filter((line) => line.startsWith('/'));
        break;
      case 'apkHashes':
        for (const [path, hash] of parseSha256sum(text)) acquisition.apkHashes.set(path, hash);
        break;
      default:
        break;
    }
  }
  return acquisition;
}
