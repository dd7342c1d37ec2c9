// `dumpsys package`: each app's versions, system flag, install and update times, permissions requested and
// granted, and whether it is enabled.
import { parseDumpsysPackage } from '../parsers/dumpsys-package.js';
import { t, type ListingCollector } from './collector.js';

export const packageDetailsCollector: ListingCollector = {
  type: 'listing',
  id: 'package-details',
  version: '1',
  description: t('Reading each app’s permissions and install dates', 'Lecture des autorisations et des dates d’installation'),
  command: 'dumpsys package',
  android: { minSdk: 1 },
  yields: ['android.package'],
  offline: { androidqf: { dumpsys: 'package' }, bugreport: { dumpsys: 'package' } },
  read(acquisition, { text }) {
    acquisition.details = parseDumpsysPackage(text);
  },
};
