// `getprop`: the phone's model, Android version, security patch and build flags (test-keys, debuggable,
// verified boot state), which identify the phone and show signs of rooting.
import { parseGetprop } from '../parsers/getprop.js';
import { t, type ListingCollector } from './collector.js';

export const propertiesCollector: ListingCollector = {
  type: 'listing',
  id: 'properties',
  version: '1',
  description: t('Reading the phone’s model and Android version', 'Lecture du modèle du téléphone et de la version d’Android'),
  command: 'getprop',
  android: { minSdk: 1 },
  yields: ['android.property', 'root-indicator'],
  offline: { androidqf: { file: 'getprop.txt' }, bugreport: { dumpstate: 'SYSTEM PROPERTIES' } },
  read(acquisition, { text }) {
    for (const [key, value] of parseGetprop(text)) acquisition.properties.set(key, value);
  },
};
