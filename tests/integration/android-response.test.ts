// The response to a finding, never automatic: guidance first (document, plan safety, get help), then the
// one containment step — disabling the app for the phone's user — only after every checklist item is
// confirmed, only on the phone the finding came from, undoable, and recorded in the custody log. Runs
// against the simulated phone reached both ways: directly over TCP, and through the real adb server.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Finding } from '../../src-shared/model.js';
import { SentinelleError } from '../../src-shared/errors.js';
import { androidTestBed, shellCommands, TRANSPORTS, type AndroidTestBed } from '../helpers/android.js';
import { callWithFindings } from '../helpers/findings.js';

let bed: AndroidTestBed;
let finding: Finding;
let serial: string;

const ALL_CONFIRMED = { 'evidence-exported': true, 'survivor-agrees': true, 'safety-plan': true, 'safe-device': true };


async function codeOf(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'no error',
    (error: unknown) => (error instanceof SentinelleError ? error.code : String(error)),
  );
}

const packageStateOnPhone = async (caseLabel: string) => {
  const rescan = await bed.app.call('cases.create', { label: caseLabel });
  await callWithFindings(bed.app, 'scans.android', { caseId: rescan.id, serial });
  const [app] = await bed.app.call('observations.list', { caseId: rescan.id, kind: 'android.package', limit: 10_000 }).then((list) => list.filter((o) => o.subject === 'com.systemservice'));
  return app?.data.enabled;
};

describe.each(TRANSPORTS)('responding to a finding, through %s', (via) => {
  beforeEach(async () => {
    bed = await androidTestBed({ via });
    serial = await bed.plug('stalkerware');
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
    finding = outcome.findings.find((candidate) => candidate.product?.id === 'thetruthspy' && candidate.origin === 'signature')!;
  });
  afterEach(async () => {
    await bed.close();
  });

  it('gives guidance in order, with the checklist and the step it would take', async () => {
    const guidance = await bed.app.call('response.guidance', { findingId: finding.id });
    expect(guidance.steps.map((step) => step.title.en)).toEqual(['1. Document first', '2. Plan safety with her', '3. Get help', '4. Then decide']);
    expect(guidance.contacts.length).toBeGreaterThan(0);
    expect(guidance.checklist.map((item) => item.id)).toEqual(Object.keys(ALL_CONFIRMED));
    expect(guidance.containment).toMatchObject({ kind: 'disable-app', packageName: 'com.systemservice' });
    expect(guidance.containment.explanation.fr).toContain('com.systemservice');

    const settingFinding = (await bed.app.call('findings.list', { caseId: bed.caseId })).find((candidate) => candidate.ruleId === 'heuristic:android.play-protect-off')!;
    expect((await bed.app.call('response.guidance', { findingId: settingFinding.id })).containment.kind).toBeNull();
  });

  it('changes nothing on the phone until every checklist item is confirmed', async () => {
    const before = bed.log().length;
    for (const missing of Object.keys(ALL_CONFIRMED)) {
      const confirmations = { ...ALL_CONFIRMED, [missing]: false };
      expect(await codeOf(bed.app.call('response.contain', { findingId: finding.id, serial, confirmations }))).toBe('containment.not-confirmed');
    }
    expect(bed.log().length).toBe(before);
    expect(await bed.app.call('response.list', { caseId: bed.caseId })).toEqual([]);
  });

  it('disables the app after confirmation, records it in the custody log, and undoes it', async () => {
    const record = await bed.app.call('response.contain', { findingId: finding.id, serial, confirmations: ALL_CONFIRMED });
    expect(record).toMatchObject({ state: 'applied', packageName: 'com.systemservice', deviceSerial: 'SIMSPY00051', phoneOutput: 'Package com.systemservice new state: disabled-user' });
    const [scanned] = await bed.app.call('scans.list', { caseId: bed.caseId });
    expect(record.deviceId).toBe(scanned?.deviceId);
    expect(shellCommands(bed.log()).filter((command) => /^pm (disable|enable)/.test(command))).toEqual(['pm disable-user --user 0 com.systemservice']);
    const custody = await bed.app.call('custody.list', { caseId: bed.caseId });
    const applied = custody.find((entry) => entry.action === 'containment.applied');
    expect(applied?.details).toMatchObject({ packageName: 'com.systemservice', confirmations: ALL_CONFIRMED });
    const seqOf = (action: string) => custody.find((entry) => entry.action === action)?.seq ?? Number.NaN;
    expect(seqOf('containment.attempted')).toBeLessThan(seqOf('containment.applied'));
    expect(await packageStateOnPhone('after disabling')).toBe(false);
    // Not twice: the step in effect is the one to undo.
    expect(await codeOf(bed.app.call('response.contain', { findingId: finding.id, serial, confirmations: ALL_CONFIRMED }))).toBe('containment.unavailable');

    const undone = await bed.app.call('response.undo', { containmentId: record.id, serial });
    expect(undone.state).toBe('undone');
    expect(shellCommands(bed.log()).filter((command) => /^pm (disable|enable)/.test(command))).toEqual(['pm disable-user --user 0 com.systemservice', 'pm enable --user 0 com.systemservice']);
    expect((await bed.app.call('custody.list', { caseId: bed.caseId })).map((entry) => entry.action)).toContain('containment.undone');
    expect(await packageStateOnPhone('after undoing')).toBe(true);
    expect((await bed.app.call('custody.verify', {})).intact).toBe(true);
  });

  it('refuses to act on another phone than the one the finding came from', async () => {
    const other = await bed.plug('clean');
    expect(await codeOf(bed.app.call('response.contain', { findingId: finding.id, serial: other, confirmations: ALL_CONFIRMED }))).toBe('containment.wrong-device');
    expect(shellCommands(bed.log()).filter((command) => /^pm (disable|enable)/.test(command))).toEqual([]);
  });
});
