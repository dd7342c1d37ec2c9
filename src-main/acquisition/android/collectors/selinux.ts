// `getenforce`: whether SELinux, the system's own protection, is enforcing (permissive is a sign of rooting).
import { t, type ListingCollector } from './collector.js';

export const selinuxCollector: ListingCollector = {
  type: 'listing',
  id: 'selinux',
  version: '1',
  description: t('Checking the system’s protections', 'Vérification des protections du système'),
  command: 'getenforce',
  android: { minSdk: 18 },
  yields: ['root-indicator'],
  offline: {},
  read(acquisition, { text }) {
    const value = text.trim();
    acquisition.selinux = /^(Enforcing|Permissive|Disabled)$/i.test(value) ? value : null;
  },
};
