// `ps -A`: what is running, by name and user.
import { parsePs } from '../parsers/ps.js';
import { t, type ListingCollector } from './collector.js';

export const processesCollector: ListingCollector = {
  type: 'listing',
  id: 'processes',
  version: '1',
  description: t('Listing what is running', 'Liste de ce qui est en cours d’exécution'),
  command: 'ps -A',
  android: { minSdk: 1 },
  yields: ['process'],
  offline: { androidqf: { file: 'ps.txt' }, bugreport: { dumpstate: 'PROCESSES AND THREADS' } },
  read(acquisition, { text }) {
    acquisition.processes = parsePs(text);
  },
};
