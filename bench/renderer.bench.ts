// The advocate's app: cold start of the headless host (the built CLI's `serve`) to an interactive unlock
// screen in a freshly launched Debian Chromium, split into its steps, beside the same steps for a page that
// holds only a button (what the harness itself costs); the renderer's JavaScript size, raw and gzipped; and
// the time to show a case with 10,000 findings (from clicking "Open" to the list). The moments a screen
// appears are noted in the page, at the first frame drawn after it is there: Playwright's own waiting checks
// only every 500 ms after its first few tries, which added up to half a second to these figures.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { builtRendererDir } from '../src-main/package-info.js';
import { launchChromium } from '../tests/helpers/browser.js';
import { vaultWithManyFindings } from '../tests/helpers/many-findings.js';
import { serveVault } from '../tests/helpers/serve.js';
import { formatBytes, report, type BenchContext } from './report.js';

const PASSPHRASE = 'benchmark passphrase, long enough';

/** The steps of a cold start, in ms: the server ready, the browser's new tab, and the page until its button shows. */
interface ColdStart {
  serverReady: number;
  newTab: number;
  pageToButton: number;
  total: number;
}

export async function benchRenderer({ tempRoot }: BenchContext): Promise<void> {
  const assets = path.join(builtRendererDir, 'assets');
  if (!fs.existsSync(assets)) {
    console.log('\nRenderer: not built (run `npm run build` first); skipped.');
    return;
  }
  const scripts = fs.readdirSync(assets).filter((name) => name.endsWith('.js'));
  const raw = scripts.reduce((sum, name) => sum + fs.statSync(path.join(assets, name)).size, 0);
  const gzipped = scripts.reduce((sum, name) => sum + gzipSync(fs.readFileSync(path.join(assets, name)), { level: 9 }).length, 0);
  const { vaultDir, findings } = await vaultWithManyFindings(path.join(tempRoot, 'renderer'), PASSPHRASE, 10_000);

  const reference = await withBrowser((browser) => buttonPageColdStart(browser));
  await withBrowser(async (browser) => {
    const started = Date.now();
    const served = await serveVault(vaultDir);
    try {
      const { page, ...app } = await openUntilButton(browser, served.url, 'Unlock', started);
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('button', { name: /^Open/ }).first().waitFor();
      await page.evaluate(noteWhenClicked, 'open');
      await page.evaluate(noteWhenShown, { key: 'list', selector: `[role="list"][aria-label="Findings (${findings})"]` });
      await page.getByRole('button', { name: /^Open/ }).first().click();
      const render = (await whenNoted(page, 'list')) - (await whenNoted(page, 'open'));
      const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
      report('The advocate’s app (headless host and a freshly launched Debian Chromium)', [
        ['cold start to the unlock screen', `${seconds(app.total)}: host ready ${seconds(app.serverReady)}, new tab ${seconds(app.newTab)}, page to the unlock screen ${seconds(app.pageToButton)}`],
        ['the same for a one-button page', `${seconds(reference.total)}: server ready ${seconds(reference.serverReady)}, new tab ${seconds(reference.newTab)}, page to its button ${seconds(reference.pageToButton)} (the harness's own cost)`],
        ['Sentinelle’s share of its start', `${seconds(app.serverReady + app.pageToButton - reference.pageToButton)} (host ready, and its page beyond a one-button page's)`],
        ['renderer JavaScript', `${formatBytes(raw)} raw, ${formatBytes(gzipped)} gzipped (${scripts.length} file(s))`],
        [`case with ${findings.toLocaleString('en-US')} findings`, `${seconds(render)} from “Open” to the list (its first page fetched, filtered and counted in the vault)`],
      ]);
    } finally {
      await served.stop();
    }
  });
}

async function withBrowser<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchChromium();
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

/** Opens a new tab at `url` and waits for the button named `button`; times are counted from `started`. */
async function openUntilButton(browser: Browser, url: string, button: string, started: number): Promise<ColdStart & { page: Page }> {
  const serverReady = Date.now() - started;
  const page = await browser.newPage();
  const newTab = Date.now() - started - serverReady;
  await page.addInitScript(noteWhenShown, { key: 'button', selector: 'button', text: button });
  await page.goto(url, { waitUntil: 'commit' });
  const total = (await whenNoted(page, 'button')) - started;
  return { page, serverReady, newTab, pageToButton: total - serverReady - newTab, total };
}

/** The same steps for a page that is one button, served by a bare HTTP server in this process. */
async function buttonPageColdStart(browser: Browser): Promise<ColdStart> {
  const started = Date.now();
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Reference</title><button>Go</button>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { page, ...steps } = await openUntilButton(browser, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, 'Go', started);
    await page.close();
    return steps;
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

/** The page's globals, for the functions that run there (this file is typed for Node). */
type PageGlobals = {
  document: {
    querySelectorAll(selector: string): Iterable<{ textContent: string | null }>;
    addEventListener(type: string, listener: () => void, options: { capture: boolean; once: boolean }): void;
  };
  MutationObserver: new (callback: () => void) => { observe(target: object, options: { childList: boolean; subtree: boolean }): void; disconnect(): void };
  requestAnimationFrame(callback: () => void): void;
  benchMoments?: Record<string, number>;
};

interface ShownTarget {
  key: string;
  selector: string;
  /** The element's text, when the selector alone does not single it out. */
  text?: string;
}

/**
 * Runs in the page, installed before what it waits for can appear: notes under `key` the moment (ms since
 * the epoch) of the first frame drawn after an element matching `target` is in the document.
 */
function noteWhenShown(target: ShownTarget): void {
  const page = globalThis as unknown as PageGlobals;
  const moments = (page.benchMoments ??= {});
  // (no named inner functions: tsx would wrap them in a helper the page does not have)
  const observer = new page.MutationObserver(() => {
    if (![...page.document.querySelectorAll(target.selector)].some((element) => target.text === undefined || element.textContent?.trim() === target.text)) return;
    observer.disconnect();
    page.requestAnimationFrame(() => (moments[target.key] = performance.timeOrigin + performance.now()));
  });
  observer.observe(page.document, { childList: true, subtree: true });
}

/** Runs in the page: notes under `key` the moment (ms since the epoch) of the next click, as it happens. */
function noteWhenClicked(key: string): void {
  const page = globalThis as unknown as PageGlobals;
  const moments = (page.benchMoments ??= {});
  page.document.addEventListener('click', () => (moments[key] = performance.timeOrigin + performance.now()), { capture: true, once: true });
}

/** The moment noted under `key` (by noteWhenShown or noteWhenClicked), once it is there. */
async function whenNoted(page: Page, key: string): Promise<number> {
  const moment = await page.waitForFunction((name) => (globalThis as unknown as PageGlobals).benchMoments?.[name], key, { timeout: 120_000 });
  return (await moment.jsonValue()) as number;
}
