// The notification listeners of a bugreport (its `notification` section), where no settings listing says
// which apps read her notifications. A live scan reads the same from each user's secure settings
// (secure-settings.ts), so it does not send this command: `dumpsys notification` also prints notification
// records, which it has no need to read.
import { parseNotificationListeners } from '../parsers/notification-listeners.js';
import { t, type ListingCollector } from './collector.js';

export const notificationListenersCollector: ListingCollector = {
  type: 'listing',
  id: 'notification-listeners',
  version: '1',
  description: t('Reading which apps read her notifications (from a bugreport)', 'Lecture des applications qui lisent ses notifications (dans un rapport de bug)'),
  command: 'dumpsys notification',
  offlineOnly: true,
  android: { minSdk: 18 },
  yields: ['android.notification-listener'],
  offline: { androidqf: { dumpsys: 'notification' }, bugreport: { dumpsys: 'notification' } },
  read(acquisition, { text }) {
    acquisition.notificationListeners = parseNotificationListeners(text);
  },
};
