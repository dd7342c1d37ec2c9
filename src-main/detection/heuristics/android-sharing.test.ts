// What a phone shares without spyware, as questions for her: a second account of a kind that syncs her
// data, Smart Lock keeping the phone unlocked, no screen lock, a paired watch, tracker or car — and nothing
// for one account of each kind, an agent enabled but not in charge, a PIN, or paired earbuds.
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../src-shared/model.js';
import type { Heuristic } from '../heuristic.js';
import { ObservationSet } from '../observation-set.js';
import { observation } from '../../../tests/helpers/observations.js';
import { noScreenLock, pairedDevices, secondAccount, smartLock } from './android-sharing.js';

const hits = (heuristic: Heuristic, ...observations: Observation[]) => heuristic.evaluate(new ObservationSet(observations));
const account = (type: string, name: string, user = 0) => observation('android.account', { user, type, name }, `${type}:${name}`);
const agent = (managingTrust: boolean, user = 0) => observation('android.trust-agent', { user, component: 'com.google.android.gms/.auth.trustagent.GoogleTrustAgent', managingTrust, trusted: managingTrust, message: managingTrust ? 'Kept unlocked by Galaxy Watch4' : null });
const lock = (credential: string | null, user = 0) => observation('android.screen-lock', { user, credential }, `user ${user}`);
const paired = (name: string | null) => observation('android.paired-device', { address: '00:1B:66:AA:BB:CC', type: 'BR/EDR', name });

describe('what a phone shares', () => {
  it('asks about a second Google account of the owner, naming both, and not about one of each kind or a work profile’s', () => {
    const [hit] = hits(secondAccount, account('com.google', 'alice@gmail.com'), account('com.google', 'jm.dupont@gmail.com'), account('com.whatsapp', '+33612345678'));
    expect(hit).toMatchObject({ severity: 'medium', subject: 'accounts:com.google', details: { accountType: 'com.google', accounts: 2 } });
    expect(hit!.explanation.en).toContain('“alice@gmail.com”, “jm.dupont@gmail.com”');
    expect(hits(secondAccount, account('com.google', 'alice@gmail.com'), account('com.osp.app.signin', 'alice@gmail.com'), account('com.google', 'a.martin@example.org', 10))).toEqual([]);
  });

  it('asks about Smart Lock in charge of keeping the phone unlocked, not about an agent merely enabled', () => {
    const [hit] = hits(smartLock, agent(true));
    expect(hit).toMatchObject({ severity: 'medium', details: { keepsUnlockedNow: true, message: 'Kept unlocked by Galaxy Watch4' } });
    expect(hit!.explanation.en).toContain('“Kept unlocked by Galaxy Watch4”');
    expect(hits(smartLock, agent(false))).toEqual([]);
  });

  it('says when no screen lock protects the owner, not when a PIN does or the phone did not say', () => {
    expect(hits(noScreenLock, lock('none')).map((hit) => hit.severity)).toEqual(['medium']);
    expect(hits(noScreenLock, lock('pin'), lock('none', 10), lock(null))).toEqual([]);
  });

  it('lists the paired devices that receive notifications or locate the phone, not earbuds or unnamed devices', () => {
    const [hit] = hits(pairedDevices, paired('Galaxy Watch4 (8C1F)'), paired('Galaxy SmartTag'), paired('Sennheiser MOMENTUM 3'), paired(null));
    expect(hit).toMatchObject({ severity: 'low', details: { devices: 2 } });
    expect(hit!.title.en).toBe('Paired with this phone: “Galaxy Watch4 (8C1F)”, “Galaxy SmartTag”');
    expect(hits(pairedDevices, paired('Jabra Move'), paired('Pixel Buds'))).toEqual([]);
  });
});
