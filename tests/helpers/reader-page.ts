// The lawyer's reader page (dist/reader/sentinelle-reader.html) driven as its automation contract says — the
// bundle in the page's first file input, the passphrase in its password field and Enter (or the key file in
// the second file input and the Open button), then document.body.dataset.verdict — from file://, with every
// request the page makes recorded.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { slow } from './slowdown.js';

export const READER_PAGE = fileURLToPath(new URL('../../dist/reader/sentinelle-reader.html', import.meta.url));

export interface ReaderVerdict {
  ok: boolean;
  codes: string[];
}

export interface ReaderSession {
  page: Page;
  /** Every URL the page requested apart from itself. */
  requests: string[];
  verify(bundle: string, opening: { keyFile?: string; passphrase?: string; signer?: string }): Promise<ReaderVerdict>;
  close(): Promise<void>;
}

export async function openReader(browser: Browser, file = READER_PAGE): Promise<ReaderSession> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const self = pathToFileURL(path.resolve(file)).href;
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url() !== self) requests.push(request.url());
  });
  await page.goto(self);
  let last: { keyFile: string | null; signer: string } = { keyFile: null, signer: '' };
  return {
    page,
    requests,
    async verify(bundle, opening) {
      // The key file and the fingerprint are chosen again only when they change (a matrix keeps them).
      const wanted = { keyFile: opening.keyFile ?? null, signer: opening.signer ?? '' };
      if (wanted.keyFile !== last.keyFile) await page.locator('#keyfile').setInputFiles(wanted.keyFile ? [wanted.keyFile] : []);
      if (wanted.signer !== last.signer) await page.locator('#signer').fill(wanted.signer);
      last = wanted;
      if (opening.passphrase === undefined) await page.locator('#passphrase').fill('');
      await page.locator('input[type=file]').first().setInputFiles(bundle);
      if (opening.passphrase !== undefined) {
        await page.locator('input[type=password]').fill(opening.passphrase);
        await page.locator('input[type=password]').press('Enter');
      } else {
        // The Open button's form, submitted in one step (a matrix of hundreds of bundles goes through here).
        await page.locator('#open-form').evaluate((form) => (form as unknown as { requestSubmit(): void }).requestSubmit());
      }
      await page.waitForFunction(() => (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body.dataset.verdict !== undefined, undefined, { timeout: slow(60_000) });
      const { verdict, problems } = await page.evaluate(() => {
        const { dataset } = (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body;
        return { verdict: dataset.verdict!, problems: dataset.problems ?? '' };
      });
      return { ok: verdict === 'verified', codes: problems === '' ? [] : problems.split(' ') };
    },
    close: () => page.close(),
  };
}
