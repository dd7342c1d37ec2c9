// `pm list users` and `dumpsys user`: the phone's users and profiles — the owner, a work profile, Samsung's Secure Folder,
// Android 15's Private Space, a guest or a second user. Each one's apps and rights are read on their own.
import { parseDumpsysUser, parsePmListUsers } from '../parsers/users.js';
import { t, type ListingCollector } from './collector.js';

export const usersCollector: ListingCollector = {
  type: 'listing',
  id: 'users',
  version: '1',
  description: t('Listing the phone’s users and profiles (work profile, Secure Folder, Private Space)', 'Liste des utilisateurs et profils du téléphone (profil professionnel, Dossier sécurisé, Espace privé)'),
  command: 'pm list users',
  android: { minSdk: 17 },
  yields: ['android.user'],
  offline: {},
  read(acquisition, { text }) {
    acquisition.listedUsers = parsePmListUsers(text);
  },
};

export const userTypesCollector: ListingCollector = {
  type: 'listing',
  id: 'user-types',
  version: '1',
  description: t('Reading what kind each profile is', 'Lecture du type de chaque profil'),
  command: 'dumpsys user',
  android: { minSdk: 17 },
  yields: ['android.user'],
  offline: { androidqf: { dumpsys: 'user' }, bugreport: { dumpsys: 'user' } },
  read(acquisition, { text }) {
    acquisition.dumpedUsers = parseDumpsysUser(text);
  },
};
