// `settings list global`: USB and wireless debugging, developer options, and whether Play Protect checks apps.
import { parseSettings } from '../parsers/settings.js';
import { t, type ListingCollector } from './collector.js';

export const globalSettingsCollector: ListingCollector = {
  type: 'listing',
  id: 'global-settings',
  version: '1',
  description: t('Reading system settings', 'Lecture des réglages du système'),
  command: 'settings list global',
  android: { minSdk: 17 },
  yields: ['android.setting'],
  offline: { androidqf: { file: 'settings_global.txt' } },
  read(acquisition, { text }) {
    acquisition.global = parseSettings(text);
  },
};
