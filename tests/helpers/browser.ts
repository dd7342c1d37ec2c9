// Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags that keep it
// off the network, and a folder for screenshots under test-results/.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page, type Route } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { en, type MessageKey } from '../../src-renderer/i18n/en.js';
import { fr } from '../../src-renderer/i18n/fr.js';
import { requireBuiltCli } from './cli.js';
import { slow } from './slowdown.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const RESULTS_DIR = fileURLToPath(new URL('../../test-results/', import.meta.url));

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium); .ci/run does.`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A fresh, empty folder for one test's screenshots. */
export function screenshotDir(...parts: string[]): string {
  const dir = path.join(RESULTS_DIR, ...parts);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * One browser for a describe block, and numbered full-page screenshots of the page it opens, in
 * test-results/<folder>/<language>/; page errors are collected so a test can require none.
 */
export function browserJourney(folder: string, language: string) {
  const state = { browser: null as Browser | null, page: null as Page | null, shots: '', step: 0, pageErrors: [] as string[], accessibility: [] as string[] };
  beforeAll(async () => {
    requireBuiltCli();
    state.browser = await launchChromium();
    state.shots = screenshotDir(folder, language);
  });
  afterAll(async () => {
    await state.browser?.close();
  });
  return {
    pageErrors: state.pageErrors,
    /**
     * Serious or critical accessibility violations axe found on the screens shot so far (`screen: rule
     * (count)`), and content that sticks out of its panel (a layout a longer French text or name breaks).
     */
    accessibility: state.accessibility,
    async open(url: string, viewport = { width: 1100, height: 800 }): Promise<Page> {
      state.page = await state.browser!.newPage({ viewport });
      // Every wait of the page (Playwright's 30 s by default) scaled for a slow or busy machine.
      state.page.setDefaultTimeout(slow(30_000));
      state.page.on('pageerror', (error) => state.pageErrors.push(error.message));
      await state.page.goto(url);
      return state.page;
    },
    /** A screenshot of the screen, and axe's accessibility check of it. */
    async shot(name: string): Promise<void> {
      state.step += 1;
      await state.page!.screenshot({ path: path.join(state.shots, `${String(state.step).padStart(2, '0')}-${name}.png`), fullPage: true });
      for (const violation of await axeViolations(state.page!)) state.accessibility.push(`${name}: ${violation}`);
      for (const element of await overflowingElements(state.page!)) state.accessibility.push(`${name}: layout, sticks out of its panel: ${element}`);
      if (language === 'fr') for (const text of await englishTexts(state.page!)) state.accessibility.push(`${name}: English text on a French screen: "${text}"`);
    },
  };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Runs axe-core (WCAG 2.1 A and AA rules) on the page; the serious and critical violations, by rule. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol: the app's own policy forbids any injected script, and stays on.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(fs.readFileSync(AXE, 'utf8'));
  // Runs in the page, where `axe` and `document` exist (this file is typed for Node, hence globalThis).
  const violations = await page.evaluate(async () => {
    const page = globalThis as unknown as { document: unknown; axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string | null; nodes: unknown[] }[] }> } };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.length }));
  });
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${violation.id} (${violation.nodes})`);
}

/**
 * Elements wider than the panel they are in (`tag.class "text"`), outside the boxes that scroll on
 * purpose: what a long word, name or translation pushes out of the layout.
 */
export async function overflowingElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    type Box = { right: number; width: number };
    type Node = { tagName: string; className: unknown; textContent: string | null; parentElement: Node | null; getBoundingClientRect(): Box; closest(selector: string): Node | null };
    const view = globalThis as unknown as { document: { querySelectorAll(selector: string): Node[] }; getComputedStyle(node: Node): { overflowX: string } };
    const out: string[] = [];
    for (const element of view.document.querySelectorAll('main *, [role="dialog"] *')) {
      const panel = element.closest('[role="dialog"]') ?? element.closest('main');
      if (!panel) continue;
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= panel.getBoundingClientRect().right + 1) continue;
      let clipped = false;
      for (let up = element.parentElement; up && up !== panel; up = up.parentElement) if (view.getComputedStyle(up).overflowX !== 'visible') clipped = true;
      if (!clipped) out.push(`${element.tagName.toLowerCase()}.${String(element.className)} "${(element.textContent ?? '').trim().slice(0, 40)}"`);
    }
    return out.slice(0, 5);
  });
}

/** The English catalogue's texts that French words differently, without placeholders (they are matched whole). */
const ENGLISH_ONLY: string[] = [...new Set<string>((Object.keys(en) as MessageKey[]).filter((key) => en[key] !== fr[key] && !en[key].includes('{') && en[key].length > 3).map((key) => en[key]))];

/** Texts of the page (outside technical details, code and commands) that are English catalogue texts: a string left untranslated. */
export async function englishTexts(page: Page): Promise<string[]> {
  return page.evaluate((english) => {
    type Node = { nodeValue: string | null; parentElement: { closest(selector: string): unknown } | null };
    const view = globalThis as unknown as { document: { body: unknown; createTreeWalker(root: unknown, what: number): { nextNode(): Node | null } } };
    const known = new Set<string>(english);
    const found: string[] = [];
    const walker = view.document.createTreeWalker(view.document.body, 4);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.nodeValue ?? '').trim();
      if (text && known.has(text) && !node.parentElement?.closest('pre, code, .mono, details:not([open]) > :not(summary), [lang="en"]')) found.push(text);
    }
    return [...new Set(found)].slice(0, 10);
  }, ENGLISH_ONLY);
}

/** The first run as an advocate goes through it: the language chosen, a vault created, the recovery key acknowledged. */
export async function createVaultInPage(page: Page, language: 'en' | 'fr', passphrase: string): Promise<void> {
  const t = language === 'fr' ? fr : en;
  if (language === 'fr') await page.getByRole('button', { name: 'Français' }).click();
  await page.getByRole('heading', { name: t['create.title'] }).waitFor();
  await page.getByLabel(t['create.passphrase'], { exact: true }).fill(passphrase);
  await page.getByLabel(t['create.confirm']).fill(passphrase);
  await page.getByRole('button', { name: t['create.submit'] }).click();
  await confirmRecoveryKey(page);
  await page.getByRole('button', { name: t['recovery.continue'] }).click();
}

/**
 * Holds the page's calls of one API operation (those whose input `which` picks) on their way, so that a test
 * can look at the screen while they are; `release` lets them go on, waits until they have, and stops holding.
 */
export async function holdBack(page: Page, operation: string, which: (input: Record<string, unknown>) => boolean = () => true): Promise<{ release(): Promise<void> }> {
  let letGo!: () => void;
  const released = new Promise<void>((resolve) => (letGo = resolve));
  const handled: Promise<void>[] = [];
  const pattern = `**/api/invoke/${operation}`;
  const handler = (route: Route): Promise<void> => {
    const passing = (async () => {
      if (which((route.request().postDataJSON() ?? {}) as Record<string, unknown>)) await released;
      await route.continue();
    })();
    handled.push(passing);
    return passing;
  };
  await page.route(pattern, handler);
  return {
    async release() {
      letGo();
      await Promise.all(handled);
      await page.unroute(pattern, handler);
    },
  };
}

/** Waits until the new screen has put the keyboard's focus on its heading, where an advocate's Tab starts. */
export async function screenAnnounced(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const focused = (globalThis as unknown as { document: { activeElement: { matches(selector: string): boolean } | null } }).document.activeElement;
    return focused?.matches('main h1') ?? false;
  });
}

/** Presses Tab until `target` has the keyboard focus: how many presses it took (fails past `limit`). */
export async function tabTo(page: Page, target: Locator, limit = 60): Promise<number> {
  await target.waitFor();
  for (let presses = 0; presses <= limit; presses += 1) {
    if (await target.evaluate((element) => element === (element.ownerDocument as { activeElement: unknown }).activeElement)) return presses;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${limit} Tab presses did not reach ${target.toString()}`);
}

/** Types back the groups of the recovery key the screen asks for, as an advocate copying it from paper would. */
export async function confirmRecoveryKey(page: Page): Promise<void> {
  const key = page.getByTestId('recovery-key');
  await key.waitFor();
  const groups = ((await key.textContent()) ?? '').split('-');
  const inputs = page.locator('input[data-group]');
  for (let nth = 0; nth < (await inputs.count()); nth += 1) {
    const input = inputs.nth(nth);
    await input.fill(groups[Number(await input.getAttribute('data-group'))] ?? '');
  }
}
