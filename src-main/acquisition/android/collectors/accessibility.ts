// `dumpsys accessibility`: the accessibility services turned on (they can read and press anything on the
// screen) and those running, in the formats of Android up to 13 and from 14.
import { parseAccessibility } from '../parsers/dumpsys-accessibility.js';
import { dumpsysSection } from '../parsers/dumpsys-package.js';
import { t, type ListingCollector } from './collector.js';

export const accessibilityCollector: ListingCollector = {
  type: 'listing',
  id: 'accessibility',
  version: '1',
  description: t('Reading accessibility services', 'Lecture des services d’accessibilité'),
  command: 'dumpsys accessibility',
  android: { minSdk: 1 },
  yields: ['android.accessibility-service'],
  offline: { androidqf: { dumpsys: 'accessibility' }, bugreport: { dumpsys: 'accessibility' } },
  read(acquisition, { text }) {
    acquisition.accessibility = parseAccessibility(dumpsysSection(text, 'accessibility'));
  },
};
