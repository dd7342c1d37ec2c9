// The hand-over as an advocate does it alone, then as the lawyer receives it, in Debian's Chromium, in
// English and in French, at 1366×768: a scanned case's report previewed and printed; the case sealed with a
// passphrase Sentinelle makes, saved as a download (no path typed anywhere) with the reader page beside it;
// the hand-over sheet printed (never with the passphrase). Then the reader page opened from file://, the
// bundle chosen and the passphrase typed: Verified, the report shown and printed to PDF; a copy with one
// byte changed refused with the same problem code as `sentinelle verify`; and not one network request.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Download, Page } from 'playwright-core';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/en.js';
import { fr } from '../../src-renderer/i18n/fr.js';
import { axeViolations, browserJourney, createVaultInPage } from '../helpers/browser.js';
import { runSentinelle } from '../helpers/cli.js';
import { serveVault, type ServedApp } from '../helpers/serve.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const catalogs = { en, fr } as const;

/** The text of a PDF (poppler's pdftotext), to check what was printed. */
function pdfText(file: string): string {
  const run = spawnSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
  return run.stdout;
}

async function saved(download: Download, dir: string): Promise<string> {
  const file = path.join(dir, download.suggestedFilename());
  await download.saveAs(file);
  return file;
}

describe.each(['en', 'fr'] as const)('handing a sealed case to a lawyer, in %s', (language) => {
  const t = catalogs[language];
  const journey = browserJourney('handover', language);
  const { shot, pageErrors, accessibility } = journey;
  let dir: string;
  let served: ServedApp;

  beforeAll(async () => {
    dir = makeTempDir('sentinelle-handover-');
    served = await serveVault(path.join(dir, 'vault'));
  });
  afterAll(async () => {
    await served?.stop();
    removeDir(dir);
  });

  it('previews and prints the report, seals with spoken words into a download, and the lawyer’s page verifies it offline', async () => {
    const page = await journey.open(served.url, { width: 1366, height: 768 });
    await createVaultInPage(page, language, 'purple elephant harbour lamp');
    // A case with the stalkerware demo phone scanned (the scan itself is the journey test's).
    const { result: phone } = (await served.invoke('demo.start', { profile: 'stalkerware' })) as { result: { serial: string } };
    const { result: created } = (await served.invoke('cases.create', { label: 'Handover', pseudonym: 'Lotus-17' })) as { result: { id: string } };
    const scanned = (await served.invoke('scans.android', { caseId: created.id, serial: phone.serial })) as { ok: boolean };
    expect(scanned.ok).toBe(true);
    // The case list shows what the vault holds now.
    await page.reload();
    await page.getByRole('button', { name: `${t['cases.open']} Lotus-17` }).click();
    await page.getByRole('heading', { name: t['case.title'].replace('{pseudonym}', 'Lotus-17') }).waitFor();

    // The report, as the bundle will carry it, in her language; printed, it is the report alone.
    await page.getByRole('button', { name: t['case.preview'] }).click();
    const preview = page.getByRole('dialog');
    await preview.getByRole('heading', { name: t['preview.title'] }).waitFor();
    await preview.locator('.report-view').first().waitFor();
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { shadowRoot: { textContent: string } | null } | null } }).document.querySelector('.report-preview .report-view')?.shadowRoot?.textContent?.includes('TheTruthSpy') ?? false);
    await shot('report-preview');
    const previewPdf = path.join(dir, `preview-${language}.pdf`);
    await page.pdf({ path: previewPdf });
    const printed = pdfText(previewPdf);
    expect(printed).toContain(language === 'fr' ? 'Rapport d’examen d’appareil' : 'Device examination report');
    expect(printed).toContain('TheTruthSpy');
    expect(printed).not.toContain(t['case.export']);
    await preview.getByRole('button', { name: t['preview.close'] }).click();

    // Sealing: the dialog opens on its first choice (Enter there never reaches Quick exit).
    await page.getByRole('button', { name: t['case.export'] }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('heading', { name: t['export.title'].replace('{pseudonym}', 'Lotus-17') }).waitFor();
    await dialog.getByTestId('spoken-passphrase').filter({ hasText: /^[a-z]+( [a-z]+){6}$/ }).waitFor();
    expect(await page.evaluate(() => {
      const active = (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document.activeElement;
      return [active?.getAttribute('type'), active?.getAttribute('value')];
    })).toEqual(['radio', 'passphrase']);
    const words = ((await dialog.getByTestId('spoken-passphrase').textContent()) ?? '').trim();
    await shot('seal-dialog');
    // What it may leave out: only the kinds of evidence this Android case holds, each saying what leaving it out changes.
    await dialog.getByText(t['export.include']).click();
    const kinds = dialog.locator('details.include label.checkbox').filter({ has: page.locator('.help') });
    await kinds.first().waitFor();
    const offered = await kinds.allTextContents();
    expect(offered.some((text) => text.startsWith(t['export.class.apps']))).toBe(true);
    expect(offered.some((text) => text.startsWith(t['export.class.listings']))).toBe(true);
    expect(offered.some((text) => text.startsWith(t['export.class.backup-files']))).toBe(false);
    const resting = t['export.leaveOutFindings'].split('{count}')[1]!.trim().slice(0, 20);
    expect(offered.find((text) => text.startsWith(t['export.class.listings']))).toContain(resting);
    await shot('seal-dialog-include');
    // The seal button stays in view at 768 px with the choices open.
    const sealBox = await dialog.getByRole('button', { name: t['export.seal'] }).boundingBox();
    expect(sealBox!.y + sealBox!.height).toBeLessThanOrEqual(768);
    await dialog.getByText(t['export.include']).click();
    // No path is asked for: the bundle, then the reader page, arrive as downloads under their names.
    const downloads: Download[] = [];
    page.on('download', (download) => downloads.push(download));
    await dialog.getByRole('button', { name: t['export.seal'] }).click();
    await dialog.getByRole('heading', { name: t['sealed.title'] }).waitFor({ timeout: slow(120_000) });
    await expect.poll(() => downloads.length, { timeout: slow(30_000) }).toBe(2);
    const bundle = await saved(downloads.find((download) => download.suggestedFilename().endsWith('.sntl'))!, dir);
    const reader = await saved(downloads.find((download) => download.suggestedFilename() === 'sentinelle-reader.html')!, dir);
    expect(path.basename(bundle)).toMatch(/^Lotus-17-\d{4}-\d{2}-\d{2}\.sntl$/);
    expect(await dialog.getByTestId('sealed-passphrase').textContent()).toBe(words);
    await dialog.getByLabel(t['sealed.contact']).fill('Shelter advocate — 555 0100');
    await shot('sealed');
    // The hand-over sheet: what the bundle is, how to open it, the fingerprints — never the passphrase.
    const sheetPdf = path.join(dir, `sheet-${language}.pdf`);
    await page.pdf({ path: sheetPdf });
    const sheet = pdfText(sheetPdf);
    const { result: installation } = (await served.invoke('keys.installation', {})) as { result: { fingerprint: string } };
    expect(sheet).toContain(installation.fingerprint);
    expect(sheet).toContain('sentinelle-reader.html');
    expect(sheet).toContain('555 0100');
    // (Single words may be common ones the sheet uses — "dossier" — but no two of them in a row are there.)
    const spoken = words.split(' ');
    const flat = sheet.replace(/\s+/g, ' ');
    for (let i = 0; i + 1 < spoken.length; i++) expect(flat).not.toContain(`${spoken[i]} ${spoken[i + 1]}`);
    await dialog.getByRole('button', { name: t['export.close'] }).click();

    // The lawyer: the reader page from file://, nothing installed, no network.
    const lawyer = await page.context().browser()!.newPage({ viewport: { width: 1366, height: 768 } });
    const requests: string[] = [];
    lawyer.on('request', (request) => requests.push(request.url()));
    await lawyer.goto(pathToFileURL(reader).href);
    // The lawyer's own language: the page follows the browser's, and switches on one click.
    if (language === 'fr') await lawyer.getByRole('button', { name: 'Français' }).click();
    await openInReader(lawyer, bundle, words);
    expect(await verdictOf(lawyer)).toBe('verified');
    await lawyer.getByRole('heading', { name: language === 'fr' ? 'Vérifié' : 'Verified' }).waitFor();
    await lawyer.getByText(installation.fingerprint).first().waitFor();
    expect(await axeViolations(lawyer)).toEqual([]);
    await shot2(lawyer, dir, `reader-verified-${language}`);
    // The bundle's files: one at a time, or all in a zip with the signed manifest.
    const [single] = await Promise.all([lawyer.waitForEvent('download'), lawyer.locator('#file-list li').first().getByRole('button').click()]);
    expect(single.suggestedFilename()).toBe(`Lotus-17-${created.id}-report.html`);
    const [all] = await Promise.all([lawyer.waitForEvent('download'), lawyer.locator('#save-all').click()]);
    const zipFile = path.join(dir, `all-${language}.zip`);
    await all.saveAs(zipFile);
    const listed = await zipEntries(zipFile);
    expect(listed).toEqual(expect.arrayContaining(['manifest.signed.json', 'manifest.json', 'report.html']));
    expect(listed.filter((name) => name.startsWith('artifacts/')).length).toBeGreaterThan(10);
    const readerPdf = path.join(dir, `reader-${language}.pdf`);
    await lawyer.pdf({ path: readerPdf });
    const read = pdfText(readerPdf);
    expect(read).toContain('TheTruthSpy');
    expect(read).toContain('Lotus-17');

    // One byte changed: refused, with the code `sentinelle verify` gives.
    const altered = path.join(dir, `altered-${language}.sntl`);
    const bytes = fs.readFileSync(bundle);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = bytes[middle]! ^ 0x01;
    fs.writeFileSync(altered, bytes);
    await openInReader(lawyer, altered, words);
    const cli = await runSentinelle(['verify', altered, '--passphrase', '--json', '--signer', installation.fingerprint, '--vault', path.join(dir, 'none')], { env: { SENTINELLE_BUNDLE_PASSPHRASE: words } });
    expect(cli.code).toBe(3);
    const cliCodes = (JSON.parse(cli.stdout) as { problems: { code: string }[] }).problems.map((problem) => problem.code);
    expect(await verdictOf(lawyer)).toBe(cliCodes[0]);
    await shot2(lawyer, dir, `reader-altered-${language}`);
    // The page never asked for anything but itself.
    expect(requests.filter((url) => url !== pathToFileURL(reader).href)).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(accessibility).toEqual([]);
  }, slow(300_000));
});

/** As the reader's automation contract says: the first file input, the password field, Enter. */
async function openInReader(page: Page, bundle: string, passphrase: string): Promise<void> {
  await page.locator('input[type=file]').first().setInputFiles(bundle);
  await page.locator('input[type=password]').fill(passphrase);
  await page.locator('input[type=password]').press('Enter');
  await page.waitForFunction(() => (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body.dataset.verdict !== undefined, undefined, { timeout: slow(60_000) });
}

function verdictOf(page: Page): Promise<string | undefined> {
  return page.evaluate(() => (globalThis as unknown as { document: { body: { dataset: Record<string, string> } } }).document.body.dataset.verdict);
}

async function shot2(page: Page, dir: string, name: string): Promise<void> {
  const shots = path.join(path.dirname(new URL(import.meta.url).pathname), '../../test-results/handover');
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
  void dir;
}

/** The names of a zip's entries (read with yauzl, as Sentinelle reads acquisitions). */
function zipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) =>
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    }),
  );
}
