// The case screen on a shelter laptop (1366×768), in English and in French, with the keyboard alone: two
// demo phones told apart by their makers' model names before any scan; the scan's header names the phone;
// when it ends, the summary and the first verdict are in front of her without scrolling, the keyboard is on
// the summary and sealing is next. From the case list to a sealed bundle takes at most 23 Tab presses (half
// of the 47 the first design needed); the case list then says what was found.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/en.js';
import { fr } from '../../src-renderer/i18n/fr.js';
import { browserJourney, createVaultInPage, screenAnnounced, tabTo } from '../helpers/browser.js';
import { serveVault, type ServedApp } from '../helpers/serve.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { AdbdSimulator } from '../../src-main/demo/adbd-simulator.js';
import { loadDemoProfile } from '../../src-main/demo/phone-profile.js';
import { ProfilePhone } from '../../src-main/demo/profile-phone.js';
import { builtinResourcesDir } from '../../src-main/package-info.js';
import { slow } from '../helpers/slowdown.js';

const catalogs = { en, fr } as const;
const VIEWPORT = { width: 1366, height: 768 };
const MAX_TABS = 23;

/** Where an element is in the window, as the advocate sees it now (no scrolling). */
async function inView(page: Page, selector: string): Promise<{ top: number; bottom: number; scrolled: number }> {
  return page.evaluate((css) => {
    const view = globalThis as unknown as { scrollY: number; document: { querySelector(s: string): { getBoundingClientRect(): { top: number; bottom: number } } | null } };
    const box = view.document.querySelector(css)!.getBoundingClientRect();
    return { top: box.top, bottom: box.bottom, scrolled: view.scrollY };
  }, selector);
}

describe.each(['en', 'fr'] as const)('the case screen at 1366×768, in %s', (language) => {
  const t = catalogs[language];
  const journey = browserJourney('case-screen', language);
  const { shot, pageErrors, accessibility } = journey;
  let dir: string;
  let served: ServedApp;

  beforeAll(async () => {
    dir = makeTempDir('sentinelle-case-screen-');
    served = await serveVault(path.join(dir, 'vault'));
  });
  afterAll(async () => {
    await served?.invoke('demo.stop', {}).catch(() => undefined);
    await served?.stop();
    removeDir(dir);
  });

  it('tells two phones apart by name, shows what a scan found first, and seals it in a few key presses', async () => {
    const page = await journey.open(served.url, VIEWPORT);
    await createVaultInPage(page, language, 'purple elephant harbour lamp');
    // Two demo phones plugged in side by side, as two phones on a desk.
    const { result: spied } = (await served.invoke('demo.start', { profile: 'stalkerware' })) as { result: { serial: string } };
    const { result: other } = (await served.invoke('demo.start', { profile: 'clean', alongside: true })) as { result: { serial: string } };
    await served.invoke('cases.create', { label: 'Two phones', pseudonym: 'Iris-30' });
    await page.reload();
    // Tab presses to each step, from the case list to the sealed bundle.
    const tabs: Record<string, number> = {};
    await screenAnnounced(page);
    tabs.open = await tabTo(page, page.getByRole('button', { name: `${t['cases.open']} Iris-30` }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: t['sources.title'] }).waitFor();
    const first = page.locator('li.device', { hasText: spied.serial });
    const second = page.locator('li.device', { hasText: other.serial });
    await first.locator('.device-name', { hasText: 'Pixel 7' }).waitFor();
    await second.locator('.device-name', { hasText: 'Pixel 8a' }).waitFor();
    for (const phone of [first, second]) expect(await phone.textContent()).toContain(t['connect.connection.demo']);
    await shot('two-phones');

    // The scan names the phone it reads, and asks to keep it unlocked and plugged in.
    await screenAnnounced(page);
    tabs.scan = await tabTo(page, first.getByRole('button', { name: `${t['connect.scan']} — Pixel 7` }));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: `${t['scan.titleOf']} Pixel 7` }).waitFor();
    await page.getByText(t['scan.keep']).waitFor();
    await shot('scanning');
    await page.getByRole('status').filter({ hasText: t['scan.done'].split('{')[0]!.trim() }).waitFor({ timeout: slow(120_000) });
    // The summary and the first verdict, without scrolling; the keyboard is on the summary.
    const summary = page.locator('.case-summary');
    await summary.waitFor();
    expect(await summary.locator('.summary-headline').textContent()).toMatch(language === 'en' ? /^Signs of stalkerware: / : /^Signes de logiciel espion : /);
    await page.locator('article.finding h3').first().waitFor();
    // The app by the name the phone shows her, not its package.
    expect(await page.locator('article.finding h3').first().textContent()).toContain('System Service');
    // The warning that concerns the whole case is said once, in the summary, not again on each finding.
    const warning = language === 'en' ? 'may escalate the danger' : 'aggraver le danger';
    expect(await summary.textContent()).toContain(warning);
    expect(await page.locator('article.finding', { hasText: warning }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('summary-title');
    await shot('results-first');
    const summaryBox = await inView(page, '.case-summary');
    const verdictBox = await inView(page, 'article.finding h3');
    expect(summaryBox.top).toBeGreaterThanOrEqual(0);
    expect(verdictBox.bottom).toBeLessThanOrEqual(VIEWPORT.height);
    expect(verdictBox.scrolled).toBe(0);

    // Sealing is the next stop after the summary; the dialog opens on its first choice, "Seal and save" a few presses on.
    tabs.seal = await tabTo(page, summary.getByRole('button', { name: t['summary.seal'], exact: true }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('spoken-passphrase').filter({ hasText: /\S/ }).waitFor();
    tabs.sealAndSave = await tabTo(page, dialog.getByRole('button', { name: t['export.seal'] }));
    const downloaded = page.waitForEvent('download');
    await page.keyboard.press('Enter');
    await dialog.getByRole('heading', { name: t['sealed.title'] }).waitFor({ timeout: slow(120_000) });
    expect((await downloaded).suggestedFilename()).toMatch(/^Iris-30-.*\.sntl$/);
    const total = Object.values(tabs).reduce((sum, presses) => sum + presses, 0);
    console.log(`from the case list to a sealed bundle (${language}): ${total} Tab presses`, tabs);
    expect(total).toBeLessThanOrEqual(MAX_TABS);
    await dialog.getByRole('button', { name: t['export.close'] }).click();
    // Where to scan from is folded below the results, to scan again.
    await page.getByText(t['sources.again']).waitFor();
    expect(await page.getByRole('tab', { name: t['sources.android'] }).count()).toBe(0);
    await page.getByText(t['sources.again']).click();
    await page.getByRole('tab', { name: t['sources.android'] }).waitFor();
    // A phone in wireless debugging, reached at the address its screen shows; a wrong address is refused
    // before anything is sent.
    const wireless = new AdbdSimulator(await ProfilePhone.create(loadDemoProfile(builtinResourcesDir, 'clean')));
    const port = await wireless.start();
    try {
      await page.getByText(t['connect.wireless.title']).click();
      const address = page.getByLabel(t['connect.wireless.address']);
      await address.fill('my phone');
      await page.getByText(t['connect.wireless.invalid']).waitFor();
      expect(await page.getByRole('button', { name: t['connect.wireless.connect'] }).isDisabled()).toBe(true);
      await address.fill(`127.0.0.1:${port}`);
      await page.getByRole('button', { name: t['connect.wireless.connect'] }).click();
      await page.locator('li.device', { hasText: `127.0.0.1:${port}` }).getByText(t['connect.connection.wireless']).waitFor();
      await shot('wireless');
    } finally {
      await wireless.stop();
    }

    // Back on the list, her case says what was found and when; a case with no scan says it was not examined.
    await served.invoke('cases.create', { label: 'Not yet', pseudonym: 'Lune-31' });
    await page.getByRole('button', { name: t['case.back'] }).click();
    const scanned = page.locator('tr', { hasText: 'Iris-30' });
    const waiting = page.locator('tr', { hasText: 'Lune-31' });
    await scanned.locator('.outcome-stalkerware', { hasText: t['cases.outcome.stalkerware'] }).waitFor();
    await waiting.locator('.outcome-not-examined', { hasText: t['cases.outcome.not-examined'] }).waitFor();
    expect(await scanned.locator('td').nth(1).textContent()).not.toBe('—');
    expect(await waiting.locator('td').nth(1).textContent()).toBe('—');
    // The list comes before the network-wide figures, in view at once.
    expect((await inView(page, 'table.cases')).top).toBeLessThan(VIEWPORT.height / 2);
    await shot('case-list-outcomes');
    expect(pageErrors).toEqual([]);
    expect(accessibility).toEqual([]);
  }, slow(240_000));
});
