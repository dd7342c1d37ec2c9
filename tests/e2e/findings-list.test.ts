// Ten thousand findings in one case: the list renders only the rows in view (fetched a page at a time),
// scrolls to the last one, shows the chosen finding in full beside it (chosen while it was still loading,
// too), and filters by severity — in Debian's Chromium against the headless host, in English and French. The time from opening the case to the list is printed (the
// benchmark measures it too).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/en.js';
import { fr } from '../../src-renderer/i18n/fr.js';
import { browserJourney, holdBack } from '../helpers/browser.js';
import { vaultWithManyFindings } from '../helpers/many-findings.js';
import { serveVault, type ServedApp } from '../helpers/serve.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const PASSPHRASE = 'correct horse battery staple';
let dir: string;
let served: ServedApp;
let total: number;

beforeAll(async () => {
  dir = makeTempDir();
  const made = await vaultWithManyFindings(dir, PASSPHRASE, 10_000);
  total = made.findings;
  served = await serveVault(made.vaultDir);
}, slow(240_000));
afterAll(async () => {
  await served?.stop();
  removeDir(dir);
});

for (const [language, t] of [['en', en], ['fr', fr]] as const) {
  describe(`a case with 10,000 findings, in ${language}`, () => {
    const journey = browserJourney('findings-list', language);
    let page: Page;

    it('renders only what is in view, scrolls to the last, and filters', async () => {
      expect(total).toBe(10_000);
      await served.invoke('vault.lock', { reason: 'user' });
      page = await journey.open(served.url);
      if (language === 'fr') await page.getByRole('button', { name: 'Français' }).click();
      await page.getByLabel(t['unlock.passphrase']).fill(PASSPHRASE);
      await page.getByRole('button', { name: t['unlock.submit'] }).click();
      const started = Date.now();
      await page.locator('tr', { hasText: 'Many-Apps' }).getByRole('button', { name: new RegExp(`^${t['cases.open']}`) }).click();
      const list = page.getByRole('list', { name: t['findings.title'].replace('{count}', String(total)) });
      await list.waitFor({ timeout: slow(60_000) });
      console.log(`10,000 findings: list shown ${Date.now() - started} ms after opening the case`);
      const rendered = await list.getByRole('listitem').count();
      expect(rendered).toBeGreaterThan(5);
      expect(rendered).toBeLessThan(60);
      await journey.shot('list-top');

      // The last page is held back on its way, so that the last row is chosen while it is still loading: it
      // is shown once its finding comes.
      const lastPage = await holdBack(page, 'findings.page', (input) => Number(input.offset) >= total - 100);
      await list.evaluate((element) => element.scrollTo(0, element.scrollHeight));
      // The last row by its place, not the last one rendered: until the list has re-rendered for the scroll,
      // the last rendered row is still one of the first page's.
      const lastRow = list.locator(`[data-row="${total - 1}"]`).getByRole('button');
      await expect.poll(() => lastRow.getAttribute('aria-busy')).toBe('true');
      await lastRow.click();
      // Nothing is shown beside the list until the finding chosen is there (not another one).
      await expect.poll(() => page.locator('.finding-detail article').count()).toBe(0);
      await lastPage.release();
      const title = (await lastRow.locator('.finding-row-title').textContent()) ?? '';
      expect(title).toContain('Helper');
      await expect.poll(() => lastRow.getAttribute('aria-pressed')).toBe('true');
      await page.locator('.finding-detail article').getByRole('heading', { name: title }).waitFor();
      expect(await list.getByRole('listitem').count()).toBeLessThan(60);
      await journey.shot('list-bottom-detail');

      // The keyboard: Home, End and the arrows move through all 10,000 rows, rendering what they reach.
      const focusedRow = () => page.evaluate(() => (globalThis as unknown as { document: { activeElement: { closest(s: string): { getAttribute(n: string): string } | null } | null } }).document.activeElement?.closest('[data-row]')?.getAttribute('data-row'));
      await lastRow.focus();
      await page.keyboard.press('Home');
      await expect.poll(focusedRow).toBe('0');
      await page.keyboard.press('End');
      await expect.poll(focusedRow).toBe(String(total - 1));
      await page.keyboard.press('ArrowUp');
      await expect.poll(focusedRow).toBe(String(total - 2));

      await page.getByLabel(t['findings.filterSeverity']).selectOption('critical');
      await page.getByText(t['findings.shown'].replace('{shown}', '0').replace('{total}', String(total))).waitFor();
      await page.getByLabel(t['findings.filterSeverity']).selectOption('all');
      await page.getByText(t['findings.shown'].replace('{shown}', String(total)).replace('{total}', String(total))).waitFor();
      expect(journey.pageErrors).toEqual([]);
      expect(journey.accessibility).toEqual([]);
    }, slow(120_000));
  });
}
