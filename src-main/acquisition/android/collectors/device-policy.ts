// `dumpsys device_policy`: device administrators, the device owner and the profile owners (who manages a
// work profile) — rights that let an app lock, wipe or manage the phone.
import { parseDevicePolicy } from '../parsers/device-policy.js';
import { dumpsysSection } from '../parsers/dumpsys-package.js';
import { t, type ListingCollector } from './collector.js';

export const devicePolicyCollector: ListingCollector = {
  type: 'listing',
  id: 'device-policy',
  version: '1',
  description: t('Reading device administrators', 'Lecture des administrateurs de l’appareil'),
  command: 'dumpsys device_policy',
  android: { minSdk: 1 },
  yields: ['android.device-admin'],
  offline: { androidqf: { dumpsys: 'device_policy' }, bugreport: { dumpsys: 'device_policy' } },
  read(acquisition, { text }) {
    acquisition.policy = parseDevicePolicy(dumpsysSection(text, 'device_policy'));
  },
};
