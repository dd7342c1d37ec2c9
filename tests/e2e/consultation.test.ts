// The consultation on a shelter laptop (1366×768), in English and in French: the phone shared with someone
// else (resources/demo/shared-account.json: no stalkerware, a second Google account, his watch, Smart Lock)
// is scanned; the summary does not say "nothing found" and the Google check comes first among the checks to go
// through with her. Two answers that worry her (an unknown device on her Google account, a phone plan in his
// name) and one that does not are recorded; they become findings "found with her", said apart in the summary.
// The bundle is sealed with a passphrase, and its report (verified like a lawyer would) shows her answers
// apart from what the phone showed; the events forwarded to the shelter network carry none of it.
import fs from 'node:fs';
import path from 'node:path';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/en.js';
import { fr } from '../../src-renderer/i18n/fr.js';
import { CONSULTATION_RULE } from '../../src-shared/consultation.js';
import { guidedCheck } from '../../src-shared/guided-checks.js';
import { browserJourney, createVaultInPage, holdBack } from '../helpers/browser.js';
import { serveVault, type ServedApp } from '../helpers/serve.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const catalogs = { en, fr } as const;
const VIEWPORT = { width: 1366, height: 768 };

/** Her answers, in her language (a French screen shows French words only). */
const ANSWERS = {
  en: { google: 'Unknown device “Galaxy S21” signed in to her Google account since March', plan: 'The plan is in his name and he sees the bill online', whatsapp: 'Only her own laptop' },
  fr: { google: 'Appareil inconnu « Galaxy S21 » connecté à son compte Google depuis mars', plan: 'Le forfait est à son nom à lui et il voit la facture en ligne', whatsapp: 'Seulement son propre ordinateur' },
} as const;

describe.each(['en', 'fr'] as const)('the consultation with her, in %s', (language) => {
  const t = catalogs[language];
  const said = ANSWERS[language];
  const journey = browserJourney('consultation', language);
  const { shot, pageErrors, accessibility } = journey;
  let dir: string;
  let served: ServedApp;

  beforeAll(async () => {
    dir = makeTempDir('sentinelle-consultation-e2e-');
    served = await serveVault(path.join(dir, 'vault'));
  });
  afterAll(async () => {
    await served?.invoke('demo.stop', {}).catch(() => undefined);
    await served?.stop();
    removeDir(dir);
  });

  it('records two worrying answers that become findings, seals them, and forwards none of them', async () => {
    const page = await journey.open(served.url, VIEWPORT);
    await createVaultInPage(page, language, 'purple elephant harbour lamp');
    const events = path.join(dir, 'events.jsonl');
    await served.invoke('forward.configure', { enabled: true, transport: 'json-file', file: events });
    const { result: phone } = (await served.invoke('demo.start', { profile: 'shared-account' })) as { result: { serial: string } };
    await served.invoke('cases.create', { label: 'Shared phone', pseudonym: 'Lark-17' });
    await page.reload();
    // The consultation's record is held back on its way: its checks and fields wait for it (what she typed
    // before it came would be overwritten by it).
    const record = await holdBack(page, 'consultation.get');
    await page.getByRole('button', { name: `${t['cases.open']} Lark-17` }).click();
    const consultation = page.locator('section.consultation');
    await consultation.getByRole('status').filter({ hasText: t['loading.part'] }).waitFor();
    expect(await consultation.locator('details, textarea, input').count()).toBe(0);
    await record.release();
    await page.locator('li.device', { hasText: phone.serial }).getByRole('button', { name: `${t['connect.scan']} — Pixel 8a` }).click();
    await page.getByRole('status').filter({ hasText: t['scan.done'].split('{')[0]!.trim() }).waitFor({ timeout: slow(120_000) });

    // No stalkerware, but not "nothing found"; the Google check comes first, said why.
    const headline = page.locator('.case-summary .summary-headline');
    expect(await headline.textContent()).toMatch(language === 'en' ? /^No sign of stalkerware\. To look at with her: / : /^Aucun signe de logiciel espion\. À voir avec elle : /);
    const panel = page.locator('section.consultation');
    await panel.getByRole('heading', { name: t['consultation.title'] }).waitFor();
    const suggested = panel.locator('.guided-checks').first().locator('details.guided-check');
    await expect.poll(() => suggested.first().getAttribute('data-check')).toBe('google-account');
    expect(await suggested.first().locator('.check-because').textContent()).toBe(
      language === 'en' ? '2 Google accounts are signed in on her phone. It backs up to “j.dupont.1985@gmail.com”.' : '2 comptes Google sont connectés sur son téléphone. Il se sauvegarde vers « j.dupont.1985@gmail.com ».',
    );
    // Which apps used her location or camera, and when (resources/demo/shared-account.json: WhatsApp; a live scan reads no app names, so its package name).
    await panel.locator('details.sensor-use summary').click();
    const sensors = panel.locator('details.sensor-use tbody tr');
    expect(await sensors.allTextContents()).toEqual([`com.whatsapp${t['consultation.sensor.location']}2026-12-06 22:14:09`, `com.whatsapp${t['consultation.sensor.camera']}2026-12-06 19:02:45`]);
    await panel.scrollIntoViewIfNeeded();
    await shot('checks-suggested');

    // She goes through three checks with the advocate, step by step.
    const check = (id: string) => panel.locator(`details.guided-check[data-check="${id}"]`);
    const answer = async (id: 'google-account' | 'phone-plan' | 'whatsapp', outcome: 'fine' | 'worrying', words: string) => {
      const card = check(id);
      await card.locator('summary').click();
      // The steps are in front of her, in her language.
      await card.locator('.check-steps li').first().waitFor();
      expect(await card.locator('.check-steps li').first().textContent()).toBe(guidedCheck(id).steps[0]![language]);
      await card.getByRole('radio', { name: outcome === 'fine' ? (language === 'en' ? 'Nothing of concern' : 'Rien d’inquiétant') : language === 'en' ? 'Something worrying' : 'Quelque chose d’inquiétant' }).check();
      await card.getByLabel(t['consultation.answer']).fill(words);
    };
    await answer('google-account', 'worrying', said.google);
    await shot('google-check-open');
    await answer('phone-plan', 'worrying', said.plan);
    await answer('whatsapp', 'fine', said.whatsapp);
    await panel.getByRole('button', { name: t['consultation.save'] }).click();
    await panel.getByRole('status').filter({ hasText: t['consultation.savedWithFindings'].replace('{count}', '2') }).waitFor();
    await shot('consultation-saved');

    // Found with her, said apart from what the phone showed.
    const googleTitle = guidedCheck('google-account').title[language];
    const planTitle = guidedCheck('phone-plan').title[language];
    await expect.poll(() => headline.textContent()).toContain(language === 'en' ? `Found with her: ${googleTitle}, ${planTitle}.` : `Trouvé avec elle : ${googleTitle}, ${planTitle}.`);
    const herCard = page.locator('article.finding', { hasText: language === 'en' ? `Found with her — ${googleTitle}` : `Trouvé avec elle — ${googleTitle}` });
    await herCard.waitFor();
    expect(await herCard.textContent()).toContain(said.google);

    // Sealed with the words of a passphrase, sharing what is ticked by default (not her safety planning).
    await page.getByRole('button', { name: t['case.export'] }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('group', { name: t['export.consultation'] }).waitFor();
    await expect.poll(() => dialog.getByTestId('spoken-passphrase').textContent()).not.toBe(t.loading);
    await shot('seal-with-consultation');
    const downloads: Download[] = [];
    page.on('download', (download) => downloads.push(download));
    await dialog.getByRole('button', { name: t['export.seal'] }).click();
    await dialog.getByRole('heading', { name: t['sealed.title'] }).waitFor({ timeout: slow(60_000) });
    const spoken = (await dialog.getByTestId('sealed-passphrase').textContent())!;
    await expect.poll(() => downloads.length, { timeout: slow(30_000) }).toBe(2);
    const bundle = path.join(dir, downloads[0]!.suggestedFilename());
    await downloads[0]!.saveAs(bundle);

    // The lawyer's verification: the report shows her answers apart, and the checks done in the method.
    const { result: verdict } = (await served.invoke('bundles.verify', { path: bundle, passphrase: spoken, withReport: true })) as { result: { problems: unknown[]; reportHtml: string } };
    expect(verdict.problems).toEqual([]);
    const report = verdict.reportHtml;
    expect(report).toContain(language === 'en' ? '<h3>Found with her (her answers to the guided checks)</h3>' : '<h3>Trouvé avec elle (ses réponses aux vérifications guidées)</h3>');
    expect(report).toContain(language === 'en' ? '<h3>Found on the devices</h3>' : '<h3>Trouvé sur les appareils</h3>');
    for (const words of [said.google, said.plan, said.whatsapp]) expect(report).toContain(words.replace(/</g, '&lt;'));
    expect(report).toContain(`<li>${googleTitle} — ${language === 'en' ? 'done' : 'faite'}</li>`);

    // Forwarding carries none of it: no finding from her answers, none of her words.
    await served.invoke('forward.flush', {});
    const forwarded = fs.readFileSync(events, 'utf8');
    expect(forwarded).toContain('"type":"finding"');
    expect(forwarded).not.toContain(CONSULTATION_RULE);
    for (const words of [said.google, said.plan, said.whatsapp, 'Galaxy S21']) expect(forwarded).not.toContain(words);

    expect(pageErrors).toEqual([]);
    expect(accessibility).toEqual([]);
  });
});
