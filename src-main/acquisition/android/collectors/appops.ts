// `dumpsys appops`: when each app last used location, camera, microphone, messages or contacts.
import { parseAppops } from '../parsers/appops.js';
import { dumpsysSection } from '../parsers/dumpsys-package.js';
import { t, type ListingCollector } from './collector.js';

export const appopsCollector: ListingCollector = {
  type: 'listing',
  id: 'appops',
  version: '1',
  description: t('Reading recent use of location, camera and microphone', 'Lecture de l’usage récent de la localisation, de l’appareil photo et du micro'),
  command: 'dumpsys appops',
  android: { minSdk: 19 },
  yields: ['android.appop'],
  offline: { androidqf: { dumpsys: 'appops' }, bugreport: { dumpsys: 'appops' } },
  read(acquisition, { text }) {
    acquisition.appops = parseAppops(dumpsysSection(text, 'appops'));
  },
};
