// `ls -d` over the places su binaries and root managers (Magisk, KernelSU) leave; missing paths print nothing.
// The same paths in androidqf's root_binaries.json are read from it.
import { t, type ListingCollector } from './collector.js';

/** Where su and root managers' binaries are found (the folders of the system PATH, and where installers drop them). */
const ROOT_FOLDERS = ['/system/bin', '/system/xbin', '/sbin', '/su/bin', '/system/sbin', '/vendor/bin', '/data/local', '/data/local/bin', '/data/local/xbin', '/data/local/tmp'];
/** The root binaries MVT's androidqf module looks for (busybox aside: many ROMs ship it, it roots nothing). */
const ROOT_BINARIES = ['su', 'supersu', 'magisk', 'magiskhide', 'magiskinit', 'magiskpolicy'];

export const ROOT_PATHS = [
  ...ROOT_FOLDERS.flatMap((folder) => ROOT_BINARIES.map((binary) => `${folder}/${binary}`)),
  '/system/app/Superuser.apk',
  '/data/adb/magisk',
  '/sbin/.magisk',
  '/data/adb/ksu',
];

export const rootPathsCollector: ListingCollector = {
  type: 'listing',
  id: 'root',
  version: '2',
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
