// The settings a bugreport holds (`dumpsys settings`, SettingsProvider's dump): each user's secure settings
// (accessibility services and notification listeners turned on, the keyboard) and the global ones (debugging,
// Play Protect) — what a live scan reads with `settings list`, for a bugreport that has no such listing.
import { parseSettingsDump } from '../parsers/settings.js';
import { t, type ListingCollector } from './collector.js';

export const settingsDumpCollector: ListingCollector = {
  type: 'listing',
  id: 'settings-dump',
  version: '1',
  description: t('Reading the settings (from a bugreport)', 'Lecture des réglages (dans un rapport de bug)'),
  command: 'dumpsys settings',
  offlineOnly: true,
  android: { minSdk: 17 },
  yields: ['android.setting', 'android.accessibility-service', 'android.notification-listener'],
  offline: { bugreport: { dumpsys: 'settings' } },
  read(acquisition, { text }) {
    for (const block of parseSettingsDump(text)) {
      // What a listing already gave is kept; the dump fills what is missing.
      if (block.namespace === 'secure' && !acquisition.secure.has(block.user)) acquisition.secure.set(block.user, block.settings);
      if (block.namespace === 'global' && acquisition.global.size === 0) acquisition.global = block.settings;
    }
  },
};
