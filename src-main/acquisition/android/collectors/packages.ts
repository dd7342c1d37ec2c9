// `pm list packages -f -i -U`: every installed app with its APK path, installer and uid — for the owner and,
// with `--user N`, for each other user or profile (a work profile, Secure Folder, Private Space).
import { parsePmList } from '../parsers/pm-list.js';
import { t, type ListingCollector } from './collector.js';

export const packagesCollector: ListingCollector = {
  type: 'listing',
  id: 'packages',
  version: '2',
  description: t('Listing the installed apps and who installed them', 'Liste des applications installées et de leur origine'),
  command: 'pm list packages -f -i -U',
  perUser: 'pm list packages -f -i -U --user {user}',
  android: { minSdk: 1 },
  yields: ['android.package'],
  offline: { androidqf: { file: 'packages.json', format: 'androidqf-json' } },
  read(acquisition, { text, user }) {
    const listed = parsePmList(text).map((pkg) => ({ ...pkg, user }));
    acquisition.packages = [...acquisition.packages.filter((pkg) => pkg.user !== user), ...listed];
  },
};
