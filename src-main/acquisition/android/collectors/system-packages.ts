// `pm list packages -s`: the apps that are part of the phone's system (preinstalled, and their updates in
// /data/app), so they are known as such even when `dumpsys package` says nothing of them. androidqf records
// the same as each package's `system` flag in packages.json.
import { t, type ListingCollector } from './collector.js';

export const systemPackagesCollector: ListingCollector = {
  type: 'listing',
  id: 'system-packages',
  version: '1',
  description: t('Listing the apps that are part of the system', 'Liste des applications qui font partie du système'),
  command: 'pm list packages -s',
  perUser: 'pm list packages -s --user {user}',
  android: { minSdk: 1 },
  yields: ['android.package'],
  offline: { androidqf: { file: 'packages.json', format: 'androidqf-json' } },
  read(acquisition, { text }) {
    const names = text
      .split('\n')
      .map((line) => /^package:([A-Za-z0-9_.]+)\s*$/.exec(line.trim())?.[1])
      .filter((name): name is string => name !== undefined);
    // A system app of any user is a system app: the users' listings add up.
    acquisition.systemPackages = new Set([...(acquisition.systemPackages ?? []), ...names]);
  },
};
