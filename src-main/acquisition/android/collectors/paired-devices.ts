// `dumpsys bluetooth_manager`: the devices paired with the phone (a watch, a car, earbuds, a tracker). A
// device she does not know can read notifications (a watch), follow her (a tracker) or keep the phone
// unlocked (Smart Lock's trusted devices). Listed only while Bluetooth is on.
import { dumpsysServiceText } from '../parsers/dumpsys-package.js';
import { parseBondedDevices } from '../parsers/bluetooth.js';
import { t, type ListingCollector } from './collector.js';

export const pairedDevicesCollector: ListingCollector = {
  type: 'listing',
  id: 'paired-devices',
  version: '1',
  description: t('Listing the devices paired over Bluetooth', 'Liste des appareils associés en Bluetooth'),
  command: 'dumpsys bluetooth_manager',
  android: { minSdk: 23 },
  yields: ['android.paired-device'],
  offline: { androidqf: { dumpsys: 'bluetooth_manager' }, bugreport: { dumpsys: 'bluetooth_manager' } },
  read(acquisition, { text }) {
    acquisition.pairedDevices = parseBondedDevices(dumpsysServiceText(text, 'bluetooth_manager') ?? text);
  },
};
