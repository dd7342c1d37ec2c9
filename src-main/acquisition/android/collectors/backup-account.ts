// `dumpsys backup`: where the phone backs up to — the account Settings shows as the backup account (for
// Google's transport, the Google account's address) — and whether backup is on, per user. Her messages,
// photos and settings go to that account: whoever holds it can restore them onto another phone. The address is
// personal data: kept in the vault, never forwarded.
import { dumpsysServiceText } from '../parsers/dumpsys-package.js';
import { parseDumpsysBackup } from '../parsers/backup.js';
import { t, type ListingCollector } from './collector.js';

export const backupAccountCollector: ListingCollector = {
  type: 'listing',
  id: 'backup-account',
  version: '1',
  description: t('Reading where the phone backs up to', 'Lecture de l’endroit où le téléphone se sauvegarde'),
  command: 'dumpsys backup',
  android: { minSdk: 23 },
  yields: ['android.backup-transport'],
  offline: { androidqf: { dumpsys: 'backup' }, bugreport: { dumpsys: 'backup' } },
  read(acquisition, { text }) {
    acquisition.backupTransports = parseDumpsysBackup(dumpsysServiceText(text, 'backup') ?? text);
  },
};
