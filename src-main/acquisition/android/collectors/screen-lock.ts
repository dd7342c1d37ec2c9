// `dumpsys lock_settings`: whether a PIN, pattern or password protects each user. A phone without one opens
// for whoever holds it. Nothing is asked of the lock itself (no credential is ever sent).
import { dumpsysServiceText } from '../parsers/dumpsys-package.js';
import { parseLockSettings } from '../parsers/lock-settings.js';
import { t, type ListingCollector } from './collector.js';

export const screenLockCollector: ListingCollector = {
  type: 'listing',
  id: 'screen-lock',
  version: '1',
  description: t('Reading whether a screen lock protects the phone', 'Lecture de la présence d’un verrouillage de l’écran'),
  command: 'dumpsys lock_settings',
  android: { minSdk: 23 },
  yields: ['android.screen-lock'],
  offline: { androidqf: { dumpsys: 'lock_settings' }, bugreport: { dumpsys: 'lock_settings' } },
  read(acquisition, { text }) {
    acquisition.screenLocks = parseLockSettings(dumpsysServiceText(text, 'lock_settings') ?? text);
  },
};
