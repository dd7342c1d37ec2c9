// `dumpsys adb` (Android 11+): the computers the phone trusts for USB or wireless debugging, and when each
// last connected. A computer other than the one connected now, trusted recently, is a strong sign that
// someone installed or controlled apps over adb.
import { dumpsysSection } from '../parsers/dumpsys-package.js';
import { parseDumpsysAdb } from '../parsers/dumpsys-adb.js';
import { t, type ListingCollector } from './collector.js';

export const adbDebuggingCollector: ListingCollector = {
  type: 'listing',
  id: 'adb-debugging',
  version: '1',
  description: t('Reading which computers the phone trusts for debugging', 'Lecture des ordinateurs auxquels le téléphone fait confiance pour le débogage'),
  command: 'dumpsys adb',
  android: { minSdk: 30 },
  yields: ['android.adb-key'],
  offline: { androidqf: { dumpsys: 'adb' }, bugreport: { dumpsys: 'adb' } },
  read(acquisition, { text }) {
    acquisition.adb = parseDumpsysAdb(dumpsysSection(text, 'adb'));
  },
};
