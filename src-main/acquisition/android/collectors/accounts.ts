// `dumpsys account`: the accounts signed in on the phone, by user and type (Google, Samsung, WhatsApp…). A
// second Google account, or an account of a kind she does not use, is a question to ask her: someone else's
// account on her phone syncs her data to them. Names are personal data: kept in the vault, never forwarded.
import { dumpsysServiceText } from '../parsers/dumpsys-package.js';
import { parseDumpsysAccount } from '../parsers/accounts.js';
import { t, type ListingCollector } from './collector.js';

export const accountsCollector: ListingCollector = {
  type: 'listing',
  id: 'accounts',
  version: '1',
  description: t('Listing the accounts signed in on the phone', 'Liste des comptes connectés sur le téléphone'),
  command: 'dumpsys account',
  android: { minSdk: 17 },
  yields: ['android.account'],
  offline: { androidqf: { dumpsys: 'account' }, bugreport: { dumpsys: 'account' } },
  read(acquisition, { text }) {
    acquisition.accounts = parseDumpsysAccount(dumpsysServiceText(text, 'account') ?? text);
  },
};
