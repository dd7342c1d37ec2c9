// The installed apps' APK files: their SHA-256 computed on the phone (`sha256sum`, in batches), and the APKs
// of suspicious apps pulled for their signing certificates and the names they show (their labels). What is hashed and pulled depends on what was
// listed, so these steps come after the listings.
import { t, type DerivedCollector } from './collector.js';

export const apkHashesCollector: DerivedCollector = {
  type: 'derived',
  id: 'apk-hashes',
  version: '1',
  description: t('Computing app fingerprints on the phone', 'Calcul des empreintes des applications sur le téléphone'),
  commandShown: 'sha256sum <installed APK paths>',
  android: { minSdk: 1 },
  yields: ['android.package'],
  offline: { androidqf: { file: 'packages.json', format: 'androidqf-json' } },
};

export const apkCertificatesCollector: DerivedCollector = {
  type: 'derived',
  id: 'apk-certificates',
  version: '2',
  description: t('Reading the signing certificates and names of suspicious apps', 'Lecture des certificats et des noms des applications suspectes'),
  commandShown: 'adb pull <installed APK path> (sync RECV)',
  android: { minSdk: 1 },
  yields: ['android.package'],
  offline: { androidqf: { file: 'packages.json', format: 'androidqf-json' } },
};
