// A phone with no stalkerware that is shared all the same (issue 32): the demo profile `shared-account` — a
// second Google account signed in, a watch that is not hers paired, Smart Lock keeping the phone unlocked
// near it, backups going to the second account. The live scan reads what the phone shares (dumpsys account,
// backup, bluetooth_manager, trust, lock_settings, printed as Android 14 prints them) and the summary asks about each instead of saying
// "nothing found", and the guided Google check is suggested; the clean phone (one account of each kind,
// earbuds, a PIN) gets none of these questions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { androidTestBed, type AndroidTestBed } from '../helpers/android.js';
import { callWithFindings } from '../helpers/findings.js';

let bed: AndroidTestBed;
beforeEach(async () => {
  bed = await androidTestBed();
});
afterEach(async () => {
  await bed.close();
});

describe('what a phone shares', () => {
  it('asks about the second Google account, Smart Lock and the paired watch of a phone without stalkerware', async () => {
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: await bed.plug('shared-account') });
    expect(outcome.scan.status).toBe('completed');
    expect(outcome.scan.completedSteps).toEqual(expect.arrayContaining(['accounts', 'backup-account', 'paired-devices', 'trust-agents', 'screen-lock']));
    const { summary } = await bed.app.call('findings.overview', { caseId: bed.caseId });
    expect(summary.verdict).toBe('ask-her');
    expect(summary.stalkerware).toEqual([]);
    const rules = outcome.findings.map((finding) => finding.ruleId);
    expect(rules).toEqual(expect.arrayContaining(['heuristic:android.second-account', 'heuristic:android.smart-lock', 'heuristic:android.paired-devices']));
    const accounts = outcome.findings.find((finding) => finding.ruleId === 'heuristic:android.second-account')!;
    expect(accounts).toMatchObject({ severity: 'medium', category: 'account-sharing' });
    expect(accounts.safety.map((note) => note.en).join(' ')).toMatch(/changing its password or unpairing a device can alert whoever uses it/);
    // The accounts and devices are kept as observations of their own, with the artifact they were read from.
    const kept = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.account' });
    expect(kept.map((observation) => observation.data.type)).toEqual(['com.google', 'com.google', 'com.whatsapp']);
    expect(kept.every((observation) => observation.artifactSha256s.length === 1)).toBe(true);
    // The guided Google check is suggested, with what the phone said.
    const [google] = await bed.app.call('consultation.suggested', { caseId: bed.caseId });
    expect(google).toMatchObject({ id: 'google-account', because: { en: '2 Google accounts are signed in on her phone. It backs up to “j.dupont.1985@gmail.com”.' } });
    // Where the phone backs up to (dumpsys backup): the second account, said in its finding.
    const backup = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.backup-transport' });
    expect(backup.find((transport) => transport.data.current)?.data).toMatchObject({ user: 0, destination: 'j.dupont.1985@gmail.com', enabled: true });
    expect(accounts.explanation.en).toContain('The phone’s backups — messages, photos, settings — go to “j.dupont.1985@gmail.com”');
  });

  it('asks nothing of the clean phone: one account of each kind, earbuds, a PIN', async () => {
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: await bed.plug('clean') });
    expect(outcome.findings.filter((finding) => finding.category === 'account-sharing')).toEqual([]);
    expect((await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.account' })).map((observation) => observation.data.type)).toEqual(['com.google', 'com.whatsapp']);
    expect((await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.paired-device' })).map((observation) => observation.data.name)).toEqual(['Pixel Buds Pro']);
    const locks = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.screen-lock' });
    expect(locks.map((observation) => observation.data)).toEqual([{ user: 0, credential: 'pin' }]);
  });

  it('lists which apps used her location and microphone, and when, from what the live scan read', async () => {
    await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: await bed.plug('stalkerware') });
    const used = await bed.app.call('consultation.sensorUse', { caseId: bed.caseId });
    // resources/demo/stalkerware.json: the spy's location read at 23:58:12, its microphone at 21:04:40; the SMS it read is not a sensor.
    expect(used.filter((line) => line.packageName === 'com.systemservice').map((line) => `${line.sensor} ${line.lastAccess}`)).toEqual(['location 2026-11-22 23:58:12', 'microphone 2026-11-22 21:04:40']);
  });
});
