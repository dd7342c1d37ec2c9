// The consultation record of a case: saved whole and read back, checked against its schema (a check answered
// twice, a change without her consent, an unknown concern are refused), each save in the custody log with
// counts and outcomes but never her words. A worrying answer becomes a finding of the case ("found with
// her", class account or sharing), retired when she no longer gives it, and never forwarded.
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app.js';
import type { BundleManifest } from '../../src-shared/bundle.js';
import { CONSULTATION_RULE, type Consultation } from '../../src-shared/consultation.js';
import { appWithVault } from '../helpers/app.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

let dir: string;
let app: App;
beforeEach(async () => {
  dir = makeTempDir('sentinelle-consultation-');
  ({ app } = await appWithVault(`${dir}/vault`));
});
afterEach(async () => {
  await app.dispose();
  removeDir(dir);
});

const record: Consultation = {
  concerns: ['hacked-accounts', 'location'],
  concernsNote: '',
  devicesBrought: ['Her Pixel 8a', 'Her laptop'],
  checks: [
    { check: 'google-account', outcome: 'worrying', answer: 'Unknown device “Galaxy S21” signed in to her Google account since March.' },
    { check: 'whatsapp', outcome: 'fine', answer: '' },
  ],
  vulnerabilities: ['Shared phone plan in his name'],
  safetyPlanning: 'Talked through what to change from the shelter’s laptop.',
  changes: [],
  followUps: ['Call the carrier with her next week'],
};

describe('the consultation record', () => {
  it('is empty until saved, then read back whole, and each save is in the custody log without her words', async () => {
    const { id: caseId } = await app.call('cases.create', { label: 'consultation' });
    expect(await app.call('consultation.get', { caseId })).toMatchObject({ concerns: [], checks: [], changes: [] });
    const saved = await app.call('consultation.save', { caseId, record });
    expect(saved.checks[0]).toEqual(record.checks[0]);
    expect(await app.call('consultation.get', { caseId })).toEqual(saved);

    const entry = (await app.call('custody.list', { caseId })).find((candidate) => candidate.action === 'consultation.saved');
    expect(entry?.details).toEqual({ concerns: ['hacked-accounts', 'location'], checks: [{ check: 'google-account', outcome: 'worrying' }, { check: 'whatsapp', outcome: 'fine' }], devicesBrought: 2, vulnerabilities: 1, changes: 0, followUps: 1 });
    expect(JSON.stringify(entry)).not.toContain('Galaxy S21');
    // A save replaces the record whole.
    await app.call('consultation.save', { caseId, record: { ...record, checks: [] } });
    expect((await app.call('consultation.get', { caseId })).checks).toEqual([]);
  });

  it('refuses a check answered twice, a change without her consent, and an unknown concern, keeping what was saved', async () => {
    const { id: caseId } = await app.call('cases.create', { label: 'consultation' });
    await app.call('consultation.save', { caseId, record });
    const refused = (changed: Record<string, unknown>) => app.call('consultation.save', { caseId, record: { ...record, ...changed } } as never).then(() => null, (error: { code?: string }) => error.code);
    expect(await refused({ checks: [record.checks[0], record.checks[0]] })).toBe('input.invalid');
    expect(await refused({ changes: [{ what: 'Signed out the unknown device', withHerConsent: false }] })).toBe('input.invalid');
    expect(await refused({ concerns: ['curiosity'] })).toBe('input.invalid');
    expect((await app.call('consultation.get', { caseId })).checks).toHaveLength(2);
  });

  it('makes a finding of each worrying answer, retires it when the answer changes, and never forwards it', async () => {
    const file = `${dir}/events.jsonl`;
    await app.call('forward.configure', { enabled: true, transport: 'json-file', file });
    const { id: caseId } = await app.call('cases.create', { label: 'consultation' });
    await app.call('consultation.save', { caseId, record });
    const [found] = (await app.call('findings.list', { caseId })).filter((finding) => finding.retiredAt === null);
    expect(found).toMatchObject({ ruleId: 'heuristic:consultation.worrying-answer', severity: 'medium', category: 'account-sharing', details: { check: 'google-account', source: 'consultation' } });
    expect(found!.title.en).toBe('Found with her — Her Google account');
    expect(found!.explanation.fr).toContain('Sa réponse : « Unknown device “Galaxy S21” signed in to her Google account since March. »');
    expect(found!.safety.map((note) => note.en).join(' ')).toMatch(/can alert whoever uses it/);
    const { summary } = await app.call('findings.overview', { caseId });
    expect(summary.verdict).toBe('ask-her');

    // She looked again: nothing worrying any more.
    await app.call('consultation.save', { caseId, record: { ...record, checks: [{ check: 'google-account', outcome: 'fine', answer: 'The Galaxy S21 was her old phone.' }] } });
    expect((await app.call('findings.list', { caseId })).find((finding) => finding.id === found!.id)?.retiredAt).not.toBeNull();

    await app.call('forward.flush', {});
    const events = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string });
    expect(events.map((event) => event.type)).toEqual(['status']);
  });

  it('goes into the sealed bundle with the parts she chose: the report shows them apart from what the devices showed, redacted on request', async () => {
    const { id: caseId } = await app.call('cases.create', { label: 'consultation' });
    const withContact = { ...record, vulnerabilities: ['His number 06 12 34 56 78 is her recovery phone'] };
    await app.call('consultation.save', { caseId, record: withContact });
    const lawyer = await app.call('keys.generate', { label: 'Lawyer' });
    const sealed = async (name: string, choices: Record<string, unknown>) => {
      const bundle = `${dir}/${name}.sntl`;
      await app.call('bundles.export', { caseId, out: bundle, recipients: [lawyer.publicKey], ...choices });
      const extracted = `${dir}/${name}`;
      const verdict = await app.call('bundles.verify', { path: bundle, identity: lawyer.secretKey, extractTo: extracted });
      expect(verdict.problems).toEqual([]);
      return { manifest: JSON.parse(fs.readFileSync(`${extracted}/manifest.json`, 'utf8')) as BundleManifest, report: fs.readFileSync(`${extracted}/report.html`, 'utf8') };
    };

    // Nobody chose: everything but her safety planning.
    const plain = await sealed('plain', { language: 'en' });
    expect(plain.manifest.consultation?.parts).toEqual(['concerns', 'devices', 'checks', 'vulnerabilities', 'changes', 'follow-ups']);
    expect(plain.manifest.consultation?.record.safetyPlanning).toBeUndefined();
    expect(plain.report).not.toContain('shelter’s laptop');
    expect(plain.report).toContain('<h3>Found with her (her answers to the guided checks)</h3>');
    expect(plain.report).toContain('Unknown device “Galaxy S21” signed in to her Google account since March.');
    expect(plain.report).toContain('06 12 34 56 78');
    expect(plain.report).toMatch(/Not shared: Safety planning\./);
    // The method lists the checks done (not her answers).
    expect(plain.report).toContain('<li>Her Google account — done</li><li>WhatsApp linked devices — done</li>');

    // She keeps her answers to herself: the findings quoting them stay out too; the report in French, redacted.
    const chosen = await sealed('chosen', { language: 'fr', redact: true, consultation: ['concerns', 'vulnerabilities', 'safety-planning'] });
    expect(chosen.manifest.consultation).toMatchObject({ parts: ['concerns', 'vulnerabilities', 'safety-planning'], findingsLeftOut: 1 });
    expect(chosen.manifest.consultation?.record.checks).toBeUndefined();
    expect(chosen.manifest.findings.some((finding) => finding.ruleId === CONSULTATION_RULE)).toBe(false);
    expect(chosen.report).not.toContain('Galaxy S21');
    expect(chosen.report).toContain('Talked through what to change from the shelter’s laptop.');
    expect(chosen.report).toContain('His number [redacted] is her recovery phone');
    expect(chosen.report).toContain('<h2>Consultation avec elle</h2>');
    expect(chosen.report).toContain('1 constat(s) tirés de ses réponses sont omis avec elles.');
  });

  it('leaves a case without a consultation without one in its bundle', async () => {
    const { id: caseId } = await app.call('cases.create', { label: 'no consultation' });
    const { html } = await app.call('reports.preview', { caseId, language: 'en' });
    expect(html).not.toContain('Consultation with her');
    expect(html).not.toContain('Guided checks done with her');
  });
});
