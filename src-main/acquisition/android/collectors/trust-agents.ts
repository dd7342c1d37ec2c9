// `dumpsys trust`: the trust agents of each user — Smart Lock, which keeps the phone unlocked near a trusted
// device, in a trusted place or while carried. Whoever added his own device as trusted can open her phone
// whenever he is near it.
import { dumpsysServiceText } from '../parsers/dumpsys-package.js';
import { parseDumpsysTrust } from '../parsers/trust.js';
import { t, type ListingCollector } from './collector.js';

export const trustAgentsCollector: ListingCollector = {
  type: 'listing',
  id: 'trust-agents',
  version: '1',
  description: t('Reading what keeps the phone unlocked (Smart Lock)', 'Lecture de ce qui garde le téléphone déverrouillé (Smart Lock)'),
  command: 'dumpsys trust',
  android: { minSdk: 21 },
  yields: ['android.trust-agent'],
  offline: { androidqf: { dumpsys: 'trust' }, bugreport: { dumpsys: 'trust' } },
  read(acquisition, { text }) {
    acquisition.trustAgents = parseDumpsysTrust(dumpsysServiceText(text, 'trust') ?? text);
  },
};
