// Detection end to end on observations: signature findings (product, severity, evidence, advice and
// safety notes that never say "uninstall it now"), weaker findings for website visits, dual-use apps
// the phone came with left alone, and custom rules with operators, groups and thresholds.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CustomRule } from '../../src-shared/rules.js';
import type { Observation } from '../../src-shared/model.js';
import { accessibility, androidPackage, deviceAdmin, notificationListener, observation, permissions, sideloaded } from '../../tests/helpers/observations.js';
import { verdictOf } from '../../src-shared/verdicts.js';
import { loadBuiltinDatabase } from '../signatures/builtin-database.js';
import { SignatureIndex } from '../signatures/signature-index.js';
import { detect } from './engine.js';

const signaturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'signatures');
const matcher = new SignatureIndex(loadBuiltinDatabase(signaturesDir).signatures);

function run(observations: ReturnType<typeof observation>[], rules: CustomRule[] = []) {
  return detect({ caseId: 'TEST-0001', scanId: null, observations, matcher, rules });
}

function rule(definition: Partial<CustomRule['definition']> & Pick<CustomRule['definition'], 'when'>): CustomRule {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    version: 3,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    definition: { name: 'Call recorders', threshold: 1, severity: 'medium', category: 'custom', message: { en: 'Call recorder', fr: 'Enregistreur d’appels' }, enabled: true, ...definition },
  };
}

describe('signature findings', () => {
  it('names the product, keeps its severity and gives each of its apps one verdict with all its evidence', () => {
    const app = sideloaded('com.mspy.lite', { label: 'Update Service' });
    const keyboard = sideloaded('com.android.keyboardhelper');
    const contact = observation('network.domain', { domain: 'api.thd.cc', source: 'datausage' }, 'api.thd.cc');
    const findings = run([app, keyboard, contact]);
    // Two apps of mSpy on the phone: two verdicts, each naming mSpy, each with the server it reported to.
    expect(findings.filter((finding) => finding.product?.id === 'mspy')).toHaveLength(2);
    const mspy = findings.find((finding) => finding.observationIds.includes(app.id))!;
    expect(mspy).toMatchObject({ severity: 'critical', category: 'stalkerware', product: { id: 'mspy', name: 'mSpy' }, ruleId: 'signature:mspy', ruleVersion: expect.stringContaining('2026.11.23') });
    expect(mspy.observationIds.sort()).toEqual([app.id, contact.id].sort());
    expect(mspy.title).toEqual({ en: 'Stalkerware found: mSpy — the app “Update Service”', fr: 'Logiciel espion détecté : mSpy — l’application « Update Service »' });
    // Every reason in one verdict: the list, and what the app does (a sideloaded app pretending to be an update).
    const reasons = (mspy.details.reasons as { ruleId: string }[]).map((reason) => reason.ruleId);
    expect(reasons[0]).toBe('signature:mspy');
    expect(reasons).toContain('heuristic:android.system-impersonation');
    expect(mspy.explanation.en).toMatch(/reasons point at “Update Service”/);
    expect(mspy.explanation.en).toMatch(/Found by: .*app package com\.mspy\.lite/);
    const allAdvice = [...mspy.advice, ...mspy.safety].map((text) => `${text.en} ${text.fr}`).join(' ');
    expect(allAdvice).toMatch(/alert the person who installed it/);
    expect(allAdvice).not.toMatch(/uninstall (it )?now|remove it now/i);
  });

  it('names an app whose label was not read as the list knows it, in every reason, never by its package alone', () => {
    // Read from a bug report or androidqf, where no APK and so no label comes with it.
    const app = sideloaded('com.mspy.lite', { label: null });
    const admin = observation('android.device-admin', { packageName: 'com.mspy.lite', component: 'com.mspy.lite/.Admin', role: 'admin' });
    const [verdict] = run([app, admin]);
    expect(verdict!.title.en).toBe('Stalkerware found: mSpy');
    expect(verdict!.explanation.en).toMatch(/reasons point at “mSpy”/);
    const reasons = verdict!.details.reasons as { ruleId: string; title: { en: string } }[];
    expect(reasons.find((reason) => reason.ruleId === 'heuristic:android.device-admin-rights')?.title.en).toBe('“mSpy” is a device administrator');
    // The package stays as the technical detail.
    expect(verdict!.details).toMatchObject({ app: { id: 'com.mspy.lite', label: null }, packageName: 'com.mspy.lite' });
  });

  it('says how an app came to the phone once in its verdict, not after each reason', () => {
    const app = sideloaded('com.example.helper', { label: 'Helper', hasLauncherIcon: false, grantedPermissions: ['android.permission.READ_SMS', 'android.permission.ACCESS_FINE_LOCATION'] });
    const [verdict] = run([app, deviceAdmin('com.example.helper')]);
    const reasons = verdict!.details.reasons as { explanation: { en: string } }[];
    expect(reasons.length).toBeGreaterThan(1);
    for (const reason of reasons) expect(reason.explanation.en).not.toMatch(/outside an app store/);
    expect(verdict!.explanation.en.match(/installed from outside an app store/g)).toHaveLength(1);
    expect(verdict!.details.notes).toEqual([expect.objectContaining({ en: expect.stringMatching(/outside an app store/) })]);
  });

  it('gives a question for her the short note, never the stalkerware warnings, and keeps a sign of stalkerware’s', () => {
    // A smartwatch companion from the store reading notifications: low, a question for her.
    const watch = androidPackage('com.fitbit.FitbitMobile', { label: 'Fitbit' });
    const listener = notificationListener('com.fitbit.FitbitMobile');
    const spy = sideloaded('com.mspy.lite', { label: 'Update Service' });
    const findings = run([watch, listener, spy]);
    const question = findings.find((finding) => finding.observationIds.includes(watch.id))!;
    expect(question.severity).toBe('low');
    const words = (texts: { en: string }[]) => texts.map((text) => text.en).join(' ');
    expect(words(question.safety)).not.toMatch(/can see messages|may escalate the danger/);
    expect(words(question.safety)).toMatch(/leave it in place for now/);
    expect(question.advice).toHaveLength(1);
    expect(words(question.advice)).toMatch(/whether she installed this herself/);
    const sign = findings.find((finding) => finding.observationIds.includes(spy.id))!;
    expect(words(sign.safety)).toMatch(/may escalate the danger/);
    // Keeping the evidence is said once for the case, never on a finding.
    for (const finding of findings) expect(words(finding.advice)).not.toMatch(/sealed evidence bundle/);
  });

  it('reports only a visit to the product’s website as a weaker finding', () => {
    const [visit] = run([observation('network.domain', { domain: 'www.flexispy.com', source: 'safari-history' }, 'www.flexispy.com')]);
    expect(visit).toMatchObject({ severity: 'medium', title: { en: 'The website of FlexiSPY was visited' }, details: { websiteOnly: true } });
  });

  it('leaves a dual-use app the phone came with alone, whichever observation names it, but asks about one someone installed', () => {
    const findMyDevice = androidPackage('com.google.android.apps.adm', { isSystem: true, installer: null });
    const admin = observation('android.device-admin', { packageName: 'com.google.android.apps.adm', component: 'com.google.android.apps.adm/.AdminReceiver', role: 'admin' });
    const process = observation('process', { platform: 'android', pid: 3000, name: 'com.google.android.apps.adm' });
    expect(run([findMyDevice, admin, process]).filter((f) => f.origin === 'signature')).toEqual([]);
    const [life360] = run([androidPackage('com.life360.android.safetymapd')]);
    expect(life360).toMatchObject({ severity: 'low', category: 'dual-use', title: { en: 'Check with the survivor: Life360' } });
    expect(life360!.advice[0]!.en).toMatch(/Ask the survivor whether she installed this herself/);
  });

  it('gives no verdict from presence alone to Apple’s own apps or the parent side of Family Link that a list calls dual-use, but keeps the child side', () => {
    // As ISDi's app-flags.csv flags them (`com.apple.findmy,appstore,dual-use,Find My`…).
    const base = matcher.signatures.find((signature) => signature.id === 'mspy')!;
    const none = Object.fromEntries(Object.keys(base.indicators).map((kind) => [kind, []])) as unknown as typeof base.indicators;
    const listing = (id: string, indicators: Partial<typeof base.indicators>) => ({ ...base, id, name: id, category: 'dual-use' as const, severity: 'low' as const, indicators: { ...none, ...indicators }, source: { kind: 'feed' as const, name: 'ISDi app flags', version: '1', credit: null, trusted: true } });
    const dualUse = new SignatureIndex([
      listing('find-my', { iosBundleIds: ['com.apple.findmy', 'com.apple.mobileme.fmip1'] }),
      listing('family-link', { androidPackages: ['com.google.android.apps.kids.familylink'], iosBundleIds: ['com.google.familylink'] }),
      listing('family-link-child', { androidPackages: ['com.google.android.apps.kids.familylinkhelper'] }),
    ]);
    const findings = (observations: Observation[]) => detect({ caseId: 'TEST-0001', scanId: null, observations, matcher: dualUse, rules: [] });
    expect(findings([observation('ios.app', { bundleId: 'com.apple.findmy', name: 'Find My', source: 'app-store' }), observation('ios.app', { bundleId: 'com.apple.mobileme.fmip1', source: 'app-store' })])).toEqual([]);
    expect(findings([androidPackage('com.google.android.apps.kids.familylink'), observation('ios.app', { bundleId: 'com.google.FamilyLink', source: 'app-store' })])).toEqual([]);
    // The child side is what lets a parent — or a partner — watch this phone.
    expect(findings([androidPackage('com.google.android.apps.kids.familylinkhelper')])).toMatchObject([{ severity: 'low', category: 'dual-use' }]);
  });

  it('keeps a signature of an imported pack that reuses a built-in id apart from the built-in one', () => {
    const impostor = { ...matcher.signatures.find((signature) => signature.id === 'mspy')!, category: 'dual-use' as const, severity: 'low' as const, indicators: { ...matcher.signatures[0]!.indicators, androidPackages: ['com.android.chrome'] }, source: { kind: 'pack' as const, name: 'someone', version: '1', credit: null, trusted: false } };
    const withImpostor = new SignatureIndex([impostor, ...matcher.signatures]);
    const findings = detect({ caseId: 'TEST-0001', scanId: null, observations: [androidPackage('com.android.chrome'), sideloaded('com.mspy.lite')], matcher: withImpostor, rules: [] });
    const mspy = findings.filter((finding) => finding.product?.id === 'mspy');
    expect(mspy.map((finding) => [finding.severity, finding.details.source && (finding.details.source as { name: string }).name])).toEqual(
      expect.arrayContaining([
        ['critical', 'Sentinelle curated signatures'],
        ['low', 'someone'],
      ]),
    );
    expect(mspy.find((finding) => finding.severity === 'low')!.explanation.en).toMatch(/imported as untrusted/);
  });

  it('makes one finding of an app several lists name, the most severe trusted list speaking for it, and never folds two apps into one', () => {
    const builtin = matcher.signatures.find((signature) => signature.id === 'mspy')!;
    const feed = (id: string, name: string, packages: string[], severity: 'critical' | 'high' | 'low', trusted = true) => ({
      ...builtin,
      id,
      name,
      severity,
      indicators: { ...Object.fromEntries(Object.keys(builtin.indicators).map((kind) => [kind, []])), androidPackages: packages } as typeof builtin.indicators,
      source: { kind: 'feed' as const, name: `list ${id}`, version: '1', credit: null, trusted },
    });
    const index = new SignatureIndex([
      ...matcher.signatures,
      feed('echap:mspy', 'mSpy', ['com.mspy.lite'], 'critical'),
      feed('isdi:many', 'mSpy,FlexiSPY,Spyzie', ['com.mspy.lite', 'com.spyzie.agent'], 'high'),
      feed('someone:mspy', 'mSpy (untrusted copy)', ['com.mspy.lite'], 'critical', false),
      feed('echap:spyzie', 'Spyzie', ['com.spyzie.agent'], 'critical'),
    ]);
    const mspyApp = sideloaded('com.mspy.lite');
    const spyzieApp = sideloaded('com.spyzie.agent');
    const findings = detect({ caseId: 'TEST-0001', scanId: null, observations: [mspyApp, spyzieApp], matcher: index, rules: [] }).filter((finding) => finding.origin === 'signature');

    // One verdict per app: mSpy's and Spyzie's, whatever the number of lists.
    expect(findings).toHaveLength(2);
    const mspy = findings.find((finding) => finding.observationIds.includes(mspyApp.id))!;
    const spyzie = findings.find((finding) => finding.observationIds.includes(spyzieApp.id))!;
    // mSpy: our own signature speaks (trusted, critical, ours before a feed); the feed and the untrusted copy are named in it.
    expect(mspy).toMatchObject({ severity: 'critical', product: { id: 'mspy' } });
    expect((mspy.details.alsoListed as { id: string }[]).map((listed) => listed.id).sort()).toEqual(['echap:mspy', 'someone:mspy']);
    expect(mspy.explanation.en).toMatch(/Also listed by other lists as: .*mSpy \(list echap:mspy\)/);
    // The ISDi entry naming both apps is a reason in each app's verdict; the two apps are never one finding.
    const ruleIds = (finding: typeof mspy) => (finding.details.reasons as { ruleId: string }[]).map((reason) => reason.ruleId).sort();
    expect(ruleIds(mspy)).toEqual(['signature:isdi:many', 'signature:mspy']);
    expect(ruleIds(spyzie)).toEqual(['signature:echap:spyzie', 'signature:isdi:many']);
    expect(spyzie.observationIds).toEqual([spyzieApp.id]);

    // A list that weighs less never lowers what another says: Spyzie is high from the entry naming both apps.
    const lowSpyzie = new SignatureIndex([...matcher.signatures, feed('isdi:many', 'mSpy,FlexiSPY,Spyzie', ['com.mspy.lite', 'com.spyzie.agent'], 'high'), feed('echap:spyzie', 'Spyzie', ['com.spyzie.agent'], 'low')]);
    const again = detect({ caseId: 'TEST-0001', scanId: null, observations: [mspyApp, spyzieApp], matcher: lowSpyzie, rules: [] });
    expect(again.map((finding) => [finding.details.packageName, finding.severity]).sort()).toEqual([
      ['com.mspy.lite', 'critical'],
      ['com.spyzie.agent', 'high'],
    ]);
  });

  it('holds a visit to a command-and-control domain as high, whatever else names the site', () => {
    const [visit] = run([observation('network.domain', { domain: 'api.thd.cc', source: 'chrome-history' }, 'api.thd.cc')]);
    expect(visit).toMatchObject({ severity: 'high', details: { websiteOnly: false, contacted: true }, title: { en: 'A server of mSpy was reached from this device' } });
  });

  it('finds a known keylogger on a computer from a renamed path', () => {
    const process = observation('process', { platform: 'linux', pid: 4242, name: 'logkeys', executable: '/tmp/test/logkeys', commandLine: '/tmp/test/logkeys --start' }, 'logkeys');
    const [finding] = run([process]);
    expect(finding).toMatchObject({ category: 'keylogger', severity: 'high', product: { name: 'logkeys' } });
  });

  it('finds nothing on a clean set of apps', () => {
    const clean = [androidPackage('org.thoughtcrime.securesms'), androidPackage('com.whatsapp'), androidPackage('com.google.android.apps.maps', { isSystem: true })];
    expect(run(clean)).toEqual([]);
  });
});

describe('signs that add up (docs/detection.md)', () => {
  const hidden = { hasLauncherIcon: false, grantedPermissions: permissions('ACCESS_FINE_LOCATION', 'ACCESS_BACKGROUND_LOCATION', 'READ_SMS') };
  const verdictOn = (findings: ReturnType<typeof run>, packageName: string) => findings.find((finding) => finding.details.packageName === packageName);

  it('an unlisted app that updated itself, with several strong rights and no icon, is high; each reason keeps its own severity', () => {
    const app = androidPackage('com.sys.sync', { installer: 'com.sys.sync', ...hidden });
    const verdict = verdictOn(run([app, accessibility('com.sys.sync'), deviceAdmin('com.sys.sync'), notificationListener('com.sys.sync')]), 'com.sys.sync')!;
    expect(verdict.severity).toBe('high');
    const reasons = verdictOf(verdict)!.reasons;
    expect(reasons.length).toBeGreaterThanOrEqual(4);
    expect(new Set(reasons.map((reason) => reason.severity))).toEqual(new Set(['medium']));
    expect(verdict.explanation.en).toMatch(/Together, these \d signs on an app that did not come from a store/);
    expect(verdict.explanation.fr).toMatch(/Ensemble, ces \d signes/);
  });

  it('one right of an app that updated itself stays a question (medium); the same rights on a store app stay low or medium', () => {
    expect(verdictOn(run([androidPackage('com.sys.sync', { installer: 'com.sys.sync' }), accessibility('com.sys.sync')]), 'com.sys.sync')?.severity).toBe('medium');
    const store = { firstInstallTime: '2025-02-01 10:00:00' };
    const watch = androidPackage('com.watch.app', { ...store, grantedPermissions: permissions('ACCESS_BACKGROUND_LOCATION', 'READ_CALL_LOG') });
    expect(verdictOn(run([watch, accessibility('com.watch.app'), notificationListener('com.watch.app')]), 'com.watch.app')?.severity).toBe('low');
    const quiet = androidPackage('com.watch.app', { ...store, ...hidden });
    expect(verdictOn(run([quiet, notificationListener('com.watch.app')]), 'com.watch.app')?.severity).toBe('medium');
  });
});

describe('custom rules', () => {
  const recorder = androidPackage('com.callrecord.autopro', { grantedPermissions: ['android.permission.RECORD_AUDIO', 'android.permission.READ_CALL_LOG'] });
  const messenger = androidPackage('org.thoughtcrime.securesms', { grantedPermissions: ['android.permission.RECORD_AUDIO'] });

  it('fires on observations matching all conditions, with their evidence and the rule version', () => {
    const [finding] = run(
      [recorder, messenger],
      [rule({ observationKind: 'android.package', when: { all: [{ field: 'data.grantedPermissions', op: 'contains', value: 'android.permission.RECORD_AUDIO' }, { field: 'data.grantedPermissions', op: 'contains', value: 'android.permission.READ_CALL_LOG' }] } })],
    );
    expect(finding).toMatchObject({ origin: 'custom-rule', ruleVersion: '3', severity: 'medium', observationIds: [recorder.id], title: { en: 'Call recorder' } });
  });

  it('respects the threshold, any-groups, in-lists, numbers and exists', () => {
    const audio = { field: 'data.grantedPermissions', op: 'contains', value: 'android.permission.RECORD_AUDIO' } as const;
    expect(run([recorder, messenger], [rule({ threshold: 3, when: { all: [audio] } })])).toEqual([]);
    expect(run([recorder, messenger], [rule({ threshold: 2, when: { all: [audio] } })])[0]?.observationIds).toHaveLength(2);
    expect(run([recorder, messenger], [rule({ when: { any: [{ field: 'subject', op: 'in', value: ['com.none', 'COM.CALLRECORD.AUTOPRO'] }] } })])[0]?.observationIds).toEqual([recorder.id]);
    const proc = observation('process', { platform: 'windows', pid: 1200, name: 'x.exe' }, 'x.exe');
    expect(run([proc], [rule({ when: { all: [{ field: 'data.pid', op: 'gte', value: 1000 }, { field: 'data.executable', op: 'not-exists' }] } })])).toHaveLength(1);
    expect(run([proc], [rule({ when: { all: [{ field: 'data.pid', op: 'lt', value: 1000 }] } })])).toEqual([]);
  });

  it('compares numbers written as text as numbers, and says nothing about absent fields', () => {
    const pkg = androidPackage('com.x', { versionCode: '120' });
    expect(run([pkg], [rule({ when: { all: [{ field: 'data.versionCode', op: 'equals', value: 120 }] } })])).toHaveLength(1);
    expect(run([pkg], [rule({ when: { all: [{ field: 'data.versionCode', op: 'in', value: [119, 120] }] } })])).toHaveLength(1);
    const domain = observation('network.domain', { domain: 'example.org', source: 'dns' }, 'example.org');
    expect(run([domain], [rule({ when: { all: [{ field: 'data.installer', op: 'not-equals', value: 'com.android.vending' }] } })])).toEqual([]);
    expect(run([recorder], [rule({ when: { all: [{ field: 'data.grantedPermissions', op: 'not-equals', value: 'android.permission.RECORD_AUDIO' }] } })])).toEqual([]);
    expect(run([messenger], [rule({ when: { all: [{ field: 'data.grantedPermissions', op: 'not-equals', value: 'android.permission.READ_CALL_LOG' }] } })])).toHaveLength(1);
  });

  it('compares yes/no fields with the words typed in the rule editor', () => {
    const system = androidPackage('com.android.phone', { isSystem: true });
    expect(run([recorder, system], [rule({ when: { all: [{ field: 'data.isSystem', op: 'equals', value: 'false' }] } })])[0]?.observationIds).toEqual([recorder.id]);
    expect(run([recorder, system], [rule({ when: { all: [{ field: 'data.isSystem', op: 'equals', value: 'TRUE' }] } })])[0]?.observationIds).toEqual([system.id]);
    expect(run([recorder, system], [rule({ when: { all: [{ field: 'data.isSystem', op: 'not-equals', value: true }] } })])[0]?.observationIds).toEqual([recorder.id]);
  });

  it('does not fire when disabled', () => {
    expect(run([recorder], [rule({ enabled: false, when: { all: [{ field: 'kind', op: 'equals', value: 'android.package' }] } })])).toEqual([]);
  });
});
