// Every Android collector, in the order a scan sends them (up to 12 at once). Adding an artifact is adding
// its file and a line here; the allow-list, the scan, the importers, the replayed phone and the report follow from this list.
import type { AndroidCollector, ListingCollector } from './collector.js';
import { accessibilityCollector } from './accessibility.js';
import { adbDebuggingCollector } from './adb-debugging.js';
import { apkCertificatesCollector, apkHashesCollector } from './apk-files.js';
import { appopsCollector } from './appops.js';
import { devicePolicyCollector } from './device-policy.js';
import { globalSettingsCollector } from './global-settings.js';
import { homeCollector } from './home.js';
import { launcherCollector } from './launcher.js';
import { notificationListenersCollector } from './notification-listeners.js';
import { packageDetailsCollector } from './package-details.js';
import { packagesCollector } from './packages.js';
import { processesCollector } from './processes.js';
import { propertiesCollector } from './properties.js';
import { rootPathsCollector } from './root-paths.js';
import { secureSettingsCollector } from './secure-settings.js';
import { settingsDumpCollector } from './settings-dump.js';
import { selinuxCollector } from './selinux.js';
import { storageApksCollector } from './storage-apks.js';
import { systemPackagesCollector } from './system-packages.js';
import { usersCollector, userTypesCollector } from './users.js';
import { accountsCollector } from './accounts.js';
import { backupAccountCollector } from './backup-account.js';
import { pairedDevicesCollector } from './paired-devices.js';
import { trustAgentsCollector } from './trust-agents.js';
import { screenLockCollector } from './screen-lock.js';

export const ANDROID_COLLECTORS: readonly AndroidCollector[] = [
  propertiesCollector,
  usersCollector,
  userTypesCollector,
  packagesCollector,
  systemPackagesCollector,
  packageDetailsCollector,
  launcherCollector,
  homeCollector,
  accessibilityCollector,
  devicePolicyCollector,
  secureSettingsCollector,
  globalSettingsCollector,
  appopsCollector,
  processesCollector,
  selinuxCollector,
  rootPathsCollector,
  adbDebuggingCollector,
  storageApksCollector,
  notificationListenersCollector,
  settingsDumpCollector,
  accountsCollector,
  backupAccountCollector,
  pairedDevicesCollector,
  trustAgentsCollector,
  screenLockCollector,
  apkHashesCollector,
  apkCertificatesCollector,
];

export const LISTING_COLLECTORS: readonly ListingCollector[] = ANDROID_COLLECTORS.filter((collector): collector is ListingCollector => collector.type === 'listing');

/** What a live scan runs: every collector but those read from offline acquisitions only. */
export const LIVE_COLLECTORS: readonly AndroidCollector[] = ANDROID_COLLECTORS.filter((collector) => collector.type === 'derived' || !collector.offlineOnly);
export const LIVE_LISTINGS: readonly ListingCollector[] = LISTING_COLLECTORS.filter((collector) => !collector.offlineOnly);

export function collectorById(id: string): AndroidCollector | undefined {
  return ANDROID_COLLECTORS.find((collector) => collector.id === id);
}

const USER_ID = '(0|[1-9][0-9]{0,5})';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const PER_USER = LISTING_COLLECTORS.filter((collector) => collector.perUser).map((collector) => ({
  collector,
  pattern: new RegExp(`^${escapeRegExp(collector.perUser!).replace(escapeRegExp('{user}'), USER_ID)}$`),
}));
const BY_COMMAND = new Map(LISTING_COLLECTORS.map((collector) => [collector.command, collector]));

/** The listing collector a command belongs to, and the user it is about; null for any other command. */
export function listingOf(command: string): { collector: ListingCollector; user: number } | null {
  const fixed = BY_COMMAND.get(command);
  if (fixed) return { collector: fixed, user: 0 };
  for (const { collector, pattern } of PER_USER) {
    const match = pattern.exec(command);
    if (match) return { collector, user: Number(match[1]) };
  }
  return null;
}

/** The command that reads this listing for this user; `explicit` names user 0 too (Samsung phones with a Secure Folder refuse the plain form). */
export function commandFor(collector: ListingCollector, user: number, explicit = false): string {
  if ((user === 0 && !explicit) || !collector.perUser) return collector.command;
  return collector.perUser.replace('{user}', String(user));
}
