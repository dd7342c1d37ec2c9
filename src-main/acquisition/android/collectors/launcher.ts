// `cmd package query-activities … LAUNCHER`: the apps with an icon on the home screen; an app without one
// hides from the phone's owner. An empty listing is a failed one (`cmd` is missing before Android 7, or it
// printed an error): every phone has apps with an icon, so the answer is then "unknown", never "all hidden".
import { parseActivityPackages } from '../parsers/query-activities.js';
import { t, type ListingCollector } from './collector.js';

export const launcherCollector: ListingCollector = {
  type: 'listing',
  id: 'launcher',
  version: '1',
  description: t('Finding apps without an icon', 'Recherche des applications sans icône'),
  command: 'cmd package query-activities --brief -a android.intent.action.MAIN -c android.intent.category.LAUNCHER',
  perUser: 'cmd package query-activities --brief --user {user} -a android.intent.action.MAIN -c android.intent.category.LAUNCHER',
  android: { minSdk: 24 },
  yields: ['android.package'],
  offline: {},
  read(acquisition, { text, user }) {
    const withIcon = parseActivityPackages(text);
    if (withIcon.size > 0) acquisition.launcherPackages.set(user, withIcon);
  },
};
