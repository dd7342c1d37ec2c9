// `cmd package resolve-activity … HOME`: the app that draws the home screen (a replaced launcher can hide
// apps or watch what is opened).
import { parseActivityPackages } from '../parsers/query-activities.js';
import { t, type ListingCollector } from './collector.js';

export const homeCollector: ListingCollector = {
  type: 'listing',
  id: 'home',
  version: '1',
  description: t('Finding the home screen app', 'Recherche de l’application d’accueil'),
  command: 'cmd package resolve-activity --brief -a android.intent.action.MAIN -c android.intent.category.HOME',
  android: { minSdk: 24 },
  yields: ['android.package'],
  offline: {},
  read(acquisition, { text }) {
    acquisition.homePackage = [...parseActivityPackages(text)][0] ?? null;
  },
};
