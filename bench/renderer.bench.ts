// The advocate's app: its cold start — the headless host (the built CLI's `serve`) started from nothing, to
// an interactive unlock screen in Debian's Chromium — split into its steps, beside the same steps for a page
// that holds only a button (what the harness itself costs). Two browsers: one already open and idle, as an
// advocate's browser is when she opens the address `serve` prints (the target is read there), and one
// launched at the same moment as the host, where Playwright's first browser context takes most of the time.
// Then the renderer's JavaScript size, raw and gzipped, and the time to show a case with 10,000 findings
// (from clicking "Open" to the list). The moments a screen appears are noted in the page, at the first
// frame drawn after it is there: Playwright's own waiting checks only every 500 ms after its first few
// tries, which added up to half a second to these figures.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { builtRendererDir } from '../src-main/package-info.js';
import { launchChromium } from '../tests/helpers/browser.js';
import { vaultWithManyFindings } from '../tests/helpers/many-findings.js';
import { serveVault } from '../tests/helpers/serve.js';
import { formatBytes, formatSeconds as seconds, report, type BenchContext } from './report.js';

const PASSPHRASE = 'benchmark passphrase, long enough';
/** Cold starts measured per browser and page; the median is reported, with the range. */
const RUNS = 3;
/** How long a browser opened before the clock starts is left idle, so that its own start is over. */
const SETTLE_MS = 1500;

/** The steps of a cold start, in ms: the server ready, the browser's new tab, and the page until its button shows. */
interface ColdStart {
  serverReady: number;
  newTab: number;
  pageToButton: number;
  total: number;
}

/** A server started from nothing, with the address to open and the button that shows its page is ready. */
interface Started {
  url: string;
  button: string;
  stop(): Promise<void>;
}

/** A browser as the clock starts: already open and idle, or launched at the same moment as the server. */
type BrowserState = 'open' | 'launched';

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

  const steps = (runs: ColdStart[], server: string, page: string) => {
    const median = (pick: (run: ColdStart) => number) => seconds(runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!);
    const totals = runs.map((run) => run.total);
    return `${median((run) => run.total)} (${seconds(Math.min(...totals))}–${seconds(Math.max(...totals))}): ${server} ${median((run) => run.serverReady)}, new tab ${median((run) => run.newTab)}, ${page} ${median((run) => run.pageToButton)}`;
  };
  const startApp = async (): Promise<Started> => {
    const served = await serveVault(vaultDir);
    return { url: served.url, button: 'Unlock', stop: () => served.stop() };
  };
  const rows: [string, string][] = [];
  for (const state of ['open', 'launched'] as const) {
    const app = await coldStarts(state, startApp);
    const reference = await coldStarts(state, buttonPage);
    const browser = state === 'open' ? 'a browser already open' : 'a browser launched with it';
    rows.push(
      [`cold start, ${browser}`, steps(app, 'host ready', 'page to the unlock screen')],
      ['  the same for a one-button page', steps(reference, 'server ready', 'page to its button')],
    );
  }

  await withBrowser(async (browser) => {
    const served = await serveVault(vaultDir);
    try {
      const page = await browser.newPage();
      await page.goto(served.url);
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('button', { name: /^Open/ }).first().waitFor();
      await page.evaluate(noteWhenClicked, 'open');
      await page.evaluate(noteWhenShown, { key: 'list', selector: `[role="list"][aria-label="Findings (${findings})"]` });
      await page.getByRole('button', { name: /^Open/ }).first().click();
      const render = (await whenNoted(page, 'list')) - (await whenNoted(page, 'open'));
      report(`The advocate’s app (headless host and Debian Chromium; cold starts: median of ${RUNS}, and range)`, [
        ...rows,
        ['renderer JavaScript', `${formatBytes(raw)} raw, ${formatBytes(gzipped)} gzipped (${scripts.length} file(s))`],
        [`case with ${findings.toLocaleString('en-US')} findings`, `${seconds(render)} from “Open” to the list (its first page fetched, filtered and counted in the vault)`],
      ]);
    } finally {
      await served.stop();
    }
  });
}

/** `RUNS` cold starts of the server `start` makes, each in a browser of its own in the state given. */
async function coldStarts(state: BrowserState, start: () => Promise<Started>): Promise<ColdStart[]> {
  const runs: ColdStart[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    runs.push(
      await withBrowser(async (browser) => {
        // An open browser has its window (a context and a tab) and is idle; Playwright's first context is not part of the start.
        const context = state === 'open' ? await browser.newContext() : null;
        if (context) {
          await (await context.newPage()).goto('about:blank');
          await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
        }
        const started = Date.now();
        const server = await start();
        try {
          return await openUntilButton(context ?? browser, server.url, server.button, started);
        } finally {
          await server.stop();
        }
      }),
    );
  }
  return runs;
}

async function withBrowser<T>(use: (browser: Browser) => Promise<T>): Promise<T> {
  const browser = await launchChromium();
  try {
    return await use(browser);
  } finally {
    await browser.close();
  }
}

/** Opens a new tab at `url`, waits for the button named `button`, and closes the tab; times are counted from `started`. */
async function openUntilButton(opener: Browser | BrowserContext, url: string, button: string, started: number): Promise<ColdStart> {
  const serverReady = Date.now() - started;
  const page = await opener.newPage();
  const newTab = Date.now() - started - serverReady;
  await page.addInitScript(noteWhenShown, { key: 'button', selector: 'button', text: button });
  await page.goto(url, { waitUntil: 'commit' });
  const total = (await whenNoted(page, 'button')) - started;
  await page.close();
  return { serverReady, newTab, pageToButton: total - serverReady - newTab, total };
}

/** A page that is one button, served by a bare HTTP server in this process. */
async function buttonPage(): Promise<Started> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>Reference</title><button>Go</button>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    button: 'Go',
    stop: async () => {
      server.closeAllConnections();
      server.close();
    },
  };
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
