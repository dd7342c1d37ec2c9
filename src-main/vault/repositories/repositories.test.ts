// Devices, scans and findings: what later collectors and detection will write, each change with its
// custody entry; a scan left running by a crash is marked interrupted at the next unlock, steps kept.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MATCH_KEY_KINDS } from '../../../src-shared/match-keys.js';
import { FAST_KDF, makeTempDir, removeDir } from '../../../tests/helpers/temp.js';
import { OpenVault } from '../vault.js';

const PASSPHRASE = 'correct horse battery staple';

describe('devices, scans and findings', () => {
  let dir: string;
  let vault: OpenVault;
  let caseId: string;
  beforeEach(async () => {
    dir = makeTempDir();
    vault = (await OpenVault.create(dir, PASSPHRASE, { kdfCost: FAST_KDF })).vault;
    caseId = vault.cases.create({ label: '' }).id;
  });
  afterEach(() => {
    if (vault.isOpen) vault.lock('user');
    removeDir(dir);
  });

  it('marks a scan left running as interrupted at the next unlock, keeping its completed steps', async () => {
    const device = vault.devices.add({ caseId, platform: 'android', label: 'Pixel 7', model: 'Pixel 7', facts: { 'ro.build.version.release': '14' } });
    const scan = vault.scans.start({ caseId, deviceId: device.id, kind: 'android-adb' });
    vault.scans.markStepDone(scan.id, 'getprop');
    vault.scans.markStepDone(scan.id, 'packages');
    vault.scans.markStepDone(scan.id, 'packages');
    vault.lock('user');

    vault = await OpenVault.unlock(dir, PASSPHRASE);
    expect(vault.scans.get(scan.id)).toMatchObject({ status: 'interrupted', completedSteps: ['getprop', 'packages'], error: expect.stringMatching(/stopped/) });
    expect(vault.devices.listByCase(caseId)).toEqual([expect.objectContaining({ label: 'Pixel 7', facts: { 'ro.build.version.release': '14' } })]);
    const actions = vault.custody.list({ caseId, limit: 20 }).map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['scan.interrupted', 'scan.started', 'device.registered']);
    expect(vault.lastCustodyReport.intact).toBe(true);
  });

  it('records findings sorted by severity, updates a known one instead of duplicating it, and records reviews', () => {
    const [observation] = vault.observations.insertMany([{ caseId, scanId: null, kind: 'custom.note', subject: 'com.example.spy', data: {}, artifactSha256s: [] }]);
    const base = {
      caseId,
      scanId: null,
      category: 'stalkerware',
      product: null,
      origin: 'signature' as const,
      ruleId: 'signature:example',
      ruleVersion: '1',
      title: { en: 'Spy app', fr: 'Application espionne' },
      explanation: { en: 'e', fr: 'e' },
      advice: [],
      safety: [],
      details: {},
      observationIds: [observation!],
      artifactSha256s: [],
    };
    const { created } = vault.findings.record(caseId, [
      { ...base, severity: 'low', fingerprint: 'a' },
      { ...base, severity: 'critical', fingerprint: 'b' },
    ]);
    const [low, critical] = created;
    expect(vault.findings.listByCase(caseId).map((f) => f.severity)).toEqual(['critical', 'low']);
    const reviewed = vault.findings.review(critical!.id, 'confirmed', 'Survivor did not install it');
    expect(reviewed).toMatchObject({ reviewStatus: 'confirmed', reviewNote: 'Survivor did not install it', reviewedAt: expect.any(String) });
    expect(vault.findings.get(low!.id).reviewStatus).toBe('new');

    const actionsBefore = vault.custody.list({ caseId, limit: 5 }).map((e) => e.action);
    expect(actionsBefore.slice(0, 3)).toEqual(['finding.reviewed', 'finding.recorded', 'finding.recorded']);

    // The next run finds only the critical one again: it is updated, the other is retired, not deleted.
    const again = vault.findings.record(caseId, [{ ...base, severity: 'critical', fingerprint: 'b', ruleVersion: '2' }]);
    expect(again).toMatchObject({
      created: [],
      updated: [expect.objectContaining({ id: critical!.id, ruleVersion: '2', reviewStatus: 'confirmed', retiredAt: null })],
      retired: [expect.objectContaining({ id: low!.id, retiredAt: expect.any(String) })],
    });
    expect(vault.custody.list({ caseId, limit: 1 })[0]!.action).toBe('finding.retired');
    // Found again later: active again, with its history.
    const third = vault.findings.record(caseId, [{ ...base, severity: 'low', fingerprint: 'a' }, { ...base, severity: 'critical', fingerprint: 'b' }]);
    expect(third.updated.map((finding) => finding.retiredAt)).toEqual([null, null]);
    expect(vault.custody.list({ caseId, limit: 5 }).map((e) => e.action)).toContain('finding.detected-again');
  });

  it('refuses an observation whose data does not fit its kind, and stores hashes and match keys in normal form', () => {
    expect(() => vault.observations.insertMany([{ caseId, scanId: null, kind: 'android.package', subject: 'x', data: { packageName: 'x' }, artifactSha256s: [] }])).toThrow(/does not fit its kind/);
    const [id] = vault.observations.insertMany([
      { caseId, scanId: null, kind: 'android.package', subject: 'x', data: { packageName: 'x', isSystem: false, hasLauncherIcon: true, certSha1: ['aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd'], apkSha256: 'AB'.repeat(32) }, artifactSha256s: [] },
    ]);
    const stored = vault.observations.listByCase(caseId, { kind: 'android.package' }).find((o) => o.id === id)!;
    expect(stored.data).toMatchObject({ certSha1: ['AABBCCDDEEFF00112233445566778899AABBCCDD'], apkSha256: 'ab'.repeat(32) });
    // What detection reads: the keys made when the observation was stored, in the form signatures are compiled to.
    const keyed = vault.observations.listForDetection(caseId).find((o) => o.id === id)!;
    expect(keyed.matchKeys).toEqual([MATCH_KEY_KINDS.indexOf('androidPackages'), 'x', MATCH_KEY_KINDS.indexOf('certificateSha1'), 'AABBCCDDEEFF00112233445566778899AABBCCDD', MATCH_KEY_KINDS.indexOf('fileSha256'), 'ab'.repeat(32)]);
  });
  it('makes a scan’s observations again from its artifacts keeping the ids of those unchanged, and a partial detection run retires nothing', () => {
    const scan = vault.scans.start({ caseId, deviceId: null, kind: 'android-adb' });
    const app = (name: string, sha: string) => ({ kind: 'custom.note', subject: name, data: { name }, artifactSha256s: [sha] });
    vault.observations.replaceByScan(caseId, scan.id, [app('a', '01'), app('b', '01'), app('b', '01')]);
    const first = vault.observations.listByCase(caseId);
    expect(first.map((o) => o.subject)).toEqual(['a', 'b', 'b']);

    // 'a' unchanged, one 'b' gone, 'c' new, and one 'b' now backed by a second artifact: a different observation.
    const counts = vault.observations.replaceByScan(caseId, scan.id, [app('a', '01'), app('b', '02'), app('c', '02')]);
    expect(counts).toEqual({ kept: 1, added: 2, removed: 2 });
    const second = vault.observations.listByCase(caseId);
    expect(second.find((o) => o.subject === 'a')?.id).toBe(first[0]!.id);
    expect(second.map((o) => `${o.subject}:${o.artifactSha256s.join()}`).sort()).toEqual(['a:01', 'b:02', 'c:02']);

    const finding = (subject: string) => ({
      caseId, scanId: null, severity: 'high' as const, category: 'test', product: null, origin: 'heuristic' as const, ruleId: `heuristic:${subject}`, ruleVersion: '1',
      title: { en: subject, fr: subject }, explanation: { en: '', fr: '' }, advice: [], safety: [], details: {}, observationIds: [], artifactSha256s: [], fingerprint: subject,
    });
    vault.findings.record(caseId, [finding('one'), finding('two')]);
    expect(vault.findings.record(caseId, [finding('one')], { partial: true }).retired).toEqual([]);
    expect(vault.findings.record(caseId, [finding('one')]).retired.map((f) => f.ruleId)).toEqual(['heuristic:two']);
  });
});
