// The installer files (APKs) in her Downloads, Bluetooth and Documents folders: names, sizes and dates only
// (`stat`), never their content; those small enough and safely named are hashed on the phone with the apps.
// A stalkerware installer left in Downloads names the product, and often says how it arrived.
import { INSTALLER_FOLDERS, parseStatListing } from '../parsers/storage-files.js';
import { t, type ListingCollector } from './collector.js';

export const storageApksCollector: ListingCollector = {
  type: 'listing',
  id: 'storage-apks',
  version: '1',
  description: t('Looking for installer files (APK) in Downloads, Bluetooth and Documents', 'Recherche de fichiers d’installation (APK) dans Téléchargements, Bluetooth et Documents'),
  command: `find ${INSTALLER_FOLDERS.join(' ')} -maxdepth 3 -type f -iname '*.apk' -exec stat -c '%s|%Y|%n' {} + 2>/dev/null`,
  android: { minSdk: 23 },
  yields: ['file'],
  offline: { androidqf: { file: 'files.json', format: 'androidqf-json' } },
  read(acquisition, { text }) {
    acquisition.storageFiles = parseStatListing(text);
  },
};
