// `settings list secure`: the owner's (and, with `--user N`, each profile's) accessibility services and
// notification listeners as turned on, the keyboard, and whether apps from unknown sources may be installed.
import { parseSettings } from '../parsers/settings.js';
import { t, type ListingCollector } from './collector.js';

export const secureSettingsCollector: ListingCollector = {
  type: 'listing',
  id: 'secure-settings',
  version: '2',
  description: t('Reading security settings', 'Lecture des réglages de sécurité'),
  command: 'settings list secure',
  perUser: 'settings --user {user} list secure',
  android: { minSdk: 17 },
  yields: ['android.setting', 'android.accessibility-service', 'android.notification-listener'],
  offline: { androidqf: { file: 'settings_secure.txt' } },
  read(acquisition, { text, user }) {
    acquisition.secure.set(user, parseSettings(text));
  },
};
