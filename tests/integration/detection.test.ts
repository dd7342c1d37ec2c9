// Detection through the typed API, on observations stored in a vault as collectors store them:
// findings with their product, evidence and advice; running again updates instead of duplicating and
// keeps the review; one verdict per app gathers every reason; a vault from before verdicts is detected
// again at unlock with its reviews carried over; a custom rule created through the API fires on a
// matching case and stops after it is disabled; reviews need a note to dismiss.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src-main/app.js';
import { OpenVault } from '../../src-main/vault/vault.js';
import { accessibility, androidPackage, permissions, sideloaded } from '../helpers/observations.js';
import { builtinOnlySignatures } from '../helpers/signatures.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';
import { callWithFindings } from '../helpers/findings.js';

const PASSPHRASE = 'correct horse battery staple';

describe('detection through the API', () => {
  let dir: string;
  let app: App;
  beforeEach(() => {
    dir = makeTempDir();
    app = new App({ vaultDir: `${dir}/vault`, kdfCost: FAST_KDF, signaturesDir: builtinOnlySignatures(dir) });
  });
  afterEach(() => {
    app.dispose();
    removeDir(dir);
  });

  /** A case whose phone carries TheTruthSpy and a call recorder, stored as a collector would. */
  async function caseWithPhone(observations = [sideloaded('com.systemservice', { label: 'System Service', hasLauncherIcon: false, grantedPermissions: permissions('READ_SMS', 'ACCESS_FINE_LOCATION') }), accessibility('com.systemservice'), androidPackage('com.callrecord.autopro', { grantedPermissions: permissions('RECORD_AUDIO', 'READ_CALL_LOG') }), androidPackage('org.thoughtcrime.securesms')]) {
    const created = await app.call('cases.create', { label: '' });
    await app.call('vault.lock', { reason: 'user' });
    const vault = await OpenVault.unlock(`${dir}/vault`, PASSPHRASE);
    const capture = vault.artifacts.putBuffer('recorded dumpsys output', { caseId: created.id, source: 'adb', command: 'dumpsys package' });
    vault.observations.insertMany(observations.map((o) => ({ caseId: created.id, scanId: null, kind: o.kind, subject: o.subject, data: o.data, artifactSha256s: [capture.sha256] })));
    vault.lock('user');
    await app.call('vault.unlock', { passphrase: PASSPHRASE });
    return created.id;
  }

  it('records findings with product, evidence and advice, and updates them when run again', async () => {
    await app.call('vault.create', { passphrase: PASSPHRASE });
    const caseId = await caseWithPhone();
    const first = await callWithFindings(app, 'detection.run', { caseId });
    const truthspy = first.findings.find((finding) => finding.product?.id === 'thetruthspy');
    expect(truthspy).toMatchObject({ severity: 'critical', origin: 'signature', reviewStatus: 'new' });
    expect(truthspy!.artifactSha256s).toHaveLength(1);
    // One verdict on the app: the list that names it and every heuristic that fired on it, strongest first.
    expect(first.findings).toHaveLength(1);
    expect((truthspy!.details.reasons as { ruleId: string }[]).map((reason) => reason.ruleId)).toEqual([
      'signature:thetruthspy',
      ...['heuristic:android.accessibility-rights', 'heuristic:android.hidden-app', 'heuristic:android.system-impersonation'].sort(),
    ]);
    expect(truthspy!.title.en).toBe('Stalkerware found: TheTruthSpy — the app “System Service”');

    const reviewed = await app.call('findings.review', { findingId: truthspy!.id, status: 'confirmed', note: 'She did not install it' });
    expect(reviewed.reviewStatus).toBe('confirmed');
    expect(await app.invoke('findings.review', { findingId: truthspy!.id, status: 'dismissed' })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });

    const again = await callWithFindings(app, 'detection.run', { caseId });
    expect(again).toMatchObject({ created: 0, updated: first.findings.length });
    expect(again.findings).toHaveLength(first.findings.length);
    expect(again.findings.find((finding) => finding.id === truthspy!.id)?.reviewStatus).toBe('confirmed');

    const observations = await app.call('observations.list', { caseId, kind: 'android.accessibility-service' });
    expect(observations.map((o) => o.subject)).toEqual(['com.systemservice']);
  });

  it('turns the findings of a vault from before verdicts into verdicts at unlock, reviews and notes carried over', async () => {
    await app.call('vault.create', { passphrase: PASSPHRASE });
    const caseId = await caseWithPhone([
      sideloaded('com.systemservice', { label: 'System Service', hasLauncherIcon: false, grantedPermissions: permissions('READ_SMS', 'ACCESS_FINE_LOCATION') }),
      accessibility('com.systemservice'),
      androidPackage('com.lastpass.lpandroid', { label: 'LastPass', firstInstallTime: '2024-05-01T09:00:00.000Z' }),
      accessibility('com.lastpass.lpandroid'),
    ]);
    await app.call('vault.lock', { reason: 'user' });
    // What Sentinelle before verdicts recorded: one finding per rule, fingerprinted by rule and subject.
    const vault = await OpenVault.unlock(`${dir}/vault`, PASSPHRASE);
    const [systemService, lastpass] = ['com.systemservice', 'com.lastpass.lpandroid'].map((name) => vault.observations.listByCase(caseId).find((o) => o.data.packageName === name && o.kind === 'android.package')!);
    const old = (fingerprint: string, severity: 'critical' | 'medium', observationIds: number[]) => ({
      caseId, scanId: null, severity, category: 'stalkerware', product: null, origin: 'heuristic' as const, ruleId: fingerprint.split(':').slice(0, 2).join(':'), ruleVersion: '1',
      title: { en: fingerprint, fr: fingerprint }, explanation: { en: '', fr: '' }, advice: [], safety: [], observationIds, artifactSha256s: [], details: {}, fingerprint,
    });
    const recorded = vault.findings.record(caseId, [
      old('signature:builtin/Sentinelle curated signatures/thetruthspy', 'critical', [systemService!.id]),
      old('heuristic:android.accessibility-rights:com.systemservice', 'critical', [systemService!.id]),
      old('heuristic:android.accessibility-rights:com.lastpass.lpandroid', 'medium', [lastpass!.id]),
    ]).created;
    vault.findings.review(recorded[0]!.id, 'confirmed', 'She did not install it');
    vault.findings.review(recorded[1]!.id, 'dismissed', 'Seen with her');
    vault.findings.review(recorded[2]!.id, 'dismissed', 'Her password manager');
    // As a vault of schema 6 was: without what migrations 7 to 11 add (and with the list of steps 10 moves).
    vault.db.exec(
      "DROP TABLE detection_pending; DROP INDEX findings_current_in_order; ALTER TABLE findings DROP COLUMN platform; ALTER TABLE observations DROP COLUMN match_keys; DROP TABLE scan_steps; ALTER TABLE scans ADD COLUMN completed_steps TEXT NOT NULL DEFAULT '[]'; DROP TABLE consultations;",
    );
    vault.db.pragma('user_version = 6');
    vault.lock('user');

    await app.call('vault.unlock', { passphrase: PASSPHRASE });
    const findings = await app.call('findings.list', { caseId });
    const active = findings.filter((finding) => finding.retiredAt === null);
    expect(active.map((finding) => [finding.details.packageName, finding.severity, finding.reviewStatus, finding.reviewNote]).sort()).toEqual([
      ['com.lastpass.lpandroid', 'low', 'dismissed', 'Her password manager'],
      ['com.systemservice', 'critical', 'confirmed', 'She did not install it\nSeen with her'],
    ]);
    // The old findings stay as history, each saying which verdict took it over.
    expect(findings.filter((finding) => finding.retiredAt !== null).map((finding) => finding.id).sort()).toEqual(recorded.map((finding) => finding.id).sort());
    const merged = (await app.call('custody.list', { caseId, limit: 1000 })).filter((entry) => entry.action === 'finding.merged');
    expect(merged.map((entry) => entry.details.findingId).sort()).toEqual(recorded.map((finding) => finding.id).sort());
    expect(new Set(merged.map((entry) => entry.details.into))).toEqual(new Set(active.map((finding) => finding.id)));

    // Once only: the next unlock changes nothing.
    await app.call('vault.lock', { reason: 'user' });
    await app.call('vault.unlock', { passphrase: PASSPHRASE });
    expect(await app.call('findings.list', { caseId })).toEqual(findings);
  });

  it('reopens a dismissed verdict when a stronger reason names the app later', async () => {
    await app.call('vault.create', { passphrase: PASSPHRASE });
    const caseId = await caseWithPhone([androidPackage('com.lastpass.lpandroid', { label: 'LastPass', firstInstallTime: '2024-05-01T09:00:00.000Z' }), accessibility('com.lastpass.lpandroid')]);
    const [verdict] = (await callWithFindings(app, 'detection.run', { caseId })).findings;
    expect(verdict).toMatchObject({ severity: 'low' });
    await app.call('findings.review', { findingId: verdict!.id, status: 'dismissed', note: 'Her password manager' });
    // The app turns out to hide its icon and read messages: a second sign, the verdict weighs more.
    await app.call('vault.lock', { reason: 'user' });
    const vault = await OpenVault.unlock(`${dir}/vault`, PASSPHRASE);
    vault.observations.insertMany([{ caseId, scanId: null, kind: 'android.package', subject: 'com.lastpass.lpandroid', data: { ...androidPackage('com.lastpass.lpandroid', { label: 'LastPass', hasLauncherIcon: false, grantedPermissions: permissions('READ_SMS') }).data }, artifactSha256s: [] }]);
    vault.lock('user');
    await app.call('vault.unlock', { passphrase: PASSPHRASE });
    const [again] = (await callWithFindings(app, 'detection.run', { caseId })).findings;
    expect(again).toMatchObject({ id: verdict!.id, severity: 'medium', reviewStatus: 'new', reviewNote: 'Her password manager' });
    expect((await app.call('custody.list', { caseId })).some((entry) => entry.action === 'finding.reopened')).toBe(true);
  });

  it('fires a custom rule created through the API on a matching case, and not after it is disabled', async () => {
    await app.call('vault.create', { passphrase: PASSPHRASE });
    const rule = await app.call('rules.create', {
      definition: {
        name: 'Call recorders',
        observationKind: 'android.package',
        when: { all: [{ field: 'data.grantedPermissions', op: 'contains', value: 'android.permission.RECORD_AUDIO' }, { field: 'data.grantedPermissions', op: 'contains', value: 'android.permission.READ_CALL_LOG' }] },
        threshold: 1,
        severity: 'medium',
        message: { en: 'A call recorder is installed', fr: 'Un enregistreur d’appels est installé' },
      },
    });
    const first = await caseWithPhone();
    const fired = (await callWithFindings(app, 'detection.run', { caseId: first })).findings.filter((finding) => finding.origin === 'custom-rule');
    expect(fired).toEqual([expect.objectContaining({ ruleId: `rule:${rule.id}`, ruleVersion: '1', title: { en: 'A call recorder is installed', fr: 'Un enregistreur d’appels est installé' } })]);

    const disabled = await app.call('rules.setEnabled', { ruleId: rule.id, enabled: false });
    expect(disabled).toMatchObject({ version: 2, definition: { enabled: false } });
    const second = await caseWithPhone();
    expect((await callWithFindings(app, 'detection.run', { caseId: second })).findings.filter((finding) => finding.origin === 'custom-rule')).toEqual([]);
    // On the first case the rule no longer fires either: its finding is retired (kept, with its history).
    const recorded = await app.call('findings.list', { caseId: first });
    const rerun = await callWithFindings(app, 'detection.run', { caseId: first });
    expect(rerun).toMatchObject({ created: 0, updated: recorded.length - 1, retired: 1 });
    expect(rerun.findings.find((finding) => finding.origin === 'custom-rule')?.retiredAt).toEqual(expect.any(String));
  });

  it('validates rules: operators need the right values, groups are bounded', async () => {
    await app.call('vault.create', { passphrase: PASSPHRASE });
    const base = { name: 'x', severity: 'low', message: { en: 'x', fr: 'x' } };
    expect(await app.invoke('rules.create', { definition: { ...base, when: { all: [{ field: 'data.pid', op: 'gt', value: 'ten' }] } } })).toMatchObject({ ok: false, error: { code: 'input.invalid', technical: expect.stringMatching(/compares with a number/) } });
    expect(await app.invoke('rules.create', { definition: { ...base, when: { all: [{ field: 'data.x', op: 'exists', value: 1 }] } } })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await app.invoke('rules.create', { definition: { ...base, when: { all: [{ field: 'constructor.prototype', op: 'exists' }] } } })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    const deep = { all: [{ all: [{ all: [{ all: [{ all: [{ field: 'kind', op: 'exists' }] }] }] }] }] };
    expect(await app.invoke('rules.create', { definition: { ...base, when: deep } })).toMatchObject({ ok: false, error: { technical: expect.stringMatching(/nest at most/) } });
    expect(await app.call('rules.list', {})).toEqual([]);
  });
});
