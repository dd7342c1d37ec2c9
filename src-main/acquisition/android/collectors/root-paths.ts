// `ls -d` over the places su binaries and root managers (Magisk, KernelSU) leave; missing paths print nothing.
import { t, type ListingCollector } from './collector.js';

export const ROOT_PATHS = [
  '/system/xbin/su',
  '/system/bin/su',
  '/sbin/su',
  '/su/bin/su',
  '/system/sbin/su',
  '/vendor/bin/su',
  '/data/local/su',
  '/data/local/bin/su',
  '/data/local/xbin/su',
  '/system/app/Superuser.apk',
  '/data/adb/magisk',
  '/sbin/.magisk',
  '/data/adb/ksu',
];

export const rootPathsCollector: ListingCollector = {
  type: 'listing',
  id: 'root',
  version: '1',
  description: t('Looking for signs of rooting', 'Recherche de traces de « root »'),
  command: `ls -d ${ROOT_PATHS.join(' ')} 2>/dev/null`,
  android: { minSdk: 1 },
  yields: ['root-indicator'],
  offline: { androidqf: { file: 'root_binaries.json', format: 'androidqf-json' } },
  read(acquisition, { text }) {
    acquisition.rootPaths = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => ROOT_PATHS.includes(line));
  },
};
