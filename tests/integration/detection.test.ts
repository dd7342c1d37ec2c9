// Detection through the typed API, on observations stored in a vault as collectors store them:
// findings with their product, evidence and advice; running again updates instead of duplicating and
// keeps the review; a custom rule created through the API fires on a matching case and stops after it
// is disabled; reviews need a note to dismiss.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../src-main/app.js';
import { OpenVault } from '../../src-main/vault/vault.js';
import { accessibility, androidPackage, permissions, sideloaded } from '../helpers/observations.js';
import { builtinOnlySignatures } from '../helpers/signatures.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';

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
    const first = await app.call('detection.run', { caseId });
    const truthspy = first.findings.find((finding) => finding.product?.id === 'thetruthspy');
    expect(truthspy).toMatchObject({ severity: 'critical', origin: 'signature', reviewStatus: 'new' });
    expect(truthspy!.artifactSha256s).toHaveLength(1);
    expect(first.findings.map((finding) => finding.ruleId)).toEqual(
      expect.arrayContaining(['heuristic:android.accessibility-rights', 'heuristic:android.hidden-app', 'heuristic:android.system-impersonation']),
    );
    expect(first.findings[0]!.severity).toBe('critical');

    const reviewed = await app.call('findings.review', { findingId: truthspy!.id, status: 'confirmed', note: 'She did not install it' });
    expect(reviewed.reviewStatus).toBe('confirmed');
    expect(await app.invoke('findings.review', { findingId: truthspy!.id, status: 'dismissed' })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });

    const again = await app.call('detection.run', { caseId });
    expect(again).toMatchObject({ created: 0, updated: first.findings.length });
    expect(again.findings).toHaveLength(first.findings.length);
    expect(again.findings.find((finding) => finding.id === truthspy!.id)?.reviewStatus).toBe('confirmed');

    const observations = await app.call('observations.list', { caseId, kind: 'android.accessibility-service' });
    expect(observations.map((o) => o.subject)).toEqual(['com.systemservice']);
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
    const fired = (await app.call('detection.run', { caseId: first })).findings.filter((finding) => finding.origin === 'custom-rule');
    expect(fired).toEqual([expect.objectContaining({ ruleId: `rule:${rule.id}`, ruleVersion: '1', title: { en: 'A call recorder is installed', fr: 'Un enregistreur d’appels est installé' } })]);

    const disabled = await app.call('rules.setEnabled', { ruleId: rule.id, enabled: false });
    expect(disabled).toMatchObject({ version: 2, definition: { enabled: false } });
    const second = await caseWithPhone();
    expect((await app.call('detection.run', { caseId: second })).findings.filter((finding) => finding.origin === 'custom-rule')).toEqual([]);
    // On the first case the rule no longer fires either: its finding is retired (kept, with its history).
    const recorded = await app.call('findings.list', { caseId: first });
    const rerun = await app.call('detection.run', { caseId: first });
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
