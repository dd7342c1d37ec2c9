// The printable report of an evidence bundle, rendered in Debian's Chromium: an iPhone backup made by the
// test writer (an iPhone called "Maya’s iPhone" with a family-tracking app and a supervision profile)
// scanned and exported in English and in French, redacted and not. The page makes no request of any kind;
// a screenshot of each is saved under test-results/report/. The PDF made by headless Chromium is in the bundle.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as plist from 'plist';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src-main/app.js';
import { launchChromium, screenshotDir } from '../helpers/browser.js';
import { writeIosBackup } from '../helpers/ios-backup-writer.js';
import { builtinOnlySignatures } from '../helpers/signatures.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

describe('the bundle report', () => {
  let dir: string;
  let app: App;
  let browser: Browser;
  let caseId: string;
  let lawyer: { publicKey: string; secretKey: string };
  const shots = screenshotDir('report');

  beforeAll(async () => {
    dir = makeTempDir();
    app = new App({ vaultDir: path.join(dir, 'vault'), kdfCost: FAST_KDF, signaturesDir: builtinOnlySignatures(dir) });
    await app.call('vault.create', { passphrase: 'correct horse battery staple' });
    caseId = (await app.call('cases.create', { label: '', pseudonym: 'Bleuet' })).id;
    const backup = await writeIosBackup(path.join(dir, 'backup'), {
      device: { name: 'Maya’s iPhone', productType: 'iPhone14,5', productVersion: '17.5.1', buildVersion: '21F90', serialNumber: 'F2LXK0ABCD12', udid: '00008110-001A2B3C4D5E6F70' },
      apps: [{ bundleId: 'org.findmykids.app', name: 'Findmykids', version: '2.7' }],
      files: [{ domain: 'SysSharedContainerDomain-systemgroup.com.apple.configurationprofiles', relativePath: 'Library/ConfigurationProfiles/CloudConfigurationDetails.plist', content: plist.build({ IsSupervised: true, OrganizationName: 'Device Monitor Ltd' }) }],
    });
    await app.call('scans.iosBackup', { caseId, path: backup.dir });
    lawyer = await app.call('keys.generate', { label: 'Lawyer' });
    browser = await launchChromium();
  }, slow(60_000));
  afterAll(async () => {
    await browser?.close();
    await app.dispose();
    removeDir(dir);
  });

  async function exportAndExtract(name: string, language: 'en' | 'fr', redact: boolean) {
    const file = path.join(dir, `${name}.sntl`);
    const result = await app.call('bundles.export', { caseId, out: file, recipients: [lawyer.publicKey], language, redact });
    const out = path.join(dir, name);
    expect((await app.call('bundles.verify', { path: file, identity: lawyer.secretKey, extractTo: out })).ok).toBe(true);
    return { result, html: path.join(out, 'report.html'), pdf: path.join(out, 'report.pdf') };
  }

  async function render(html: string, screenshot: string): Promise<{ text: string; requests: string[] }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    const url = pathToFileURL(html).href;
    page.on('request', (request) => {
      if (request.url() !== url) requests.push(request.url());
    });
    await page.goto(url);
    await page.screenshot({ path: path.join(shots, screenshot), fullPage: true });
    const text = await page.innerText('body');
    await context.close();
    return { text, requests };
  }

  it('renders in English and French with the findings, devices, method, versions, hashes and custody, loading nothing', async () => {
    const english = await exportAndExtract('en', 'en', false);
    expect(english.result.pdf).toBe(true);
    expect(fs.readFileSync(english.pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const en = await render(english.html, 'report-en.png');
    expect(en.requests).toEqual([]);
    for (const heading of ['Device examination report', 'Summary', 'Findings', 'Devices examined', 'Method', 'Tool and signature versions', 'Artifacts', 'Chain of custody']) expect(en.text).toContain(heading);
    expect(en.text).toContain('Bleuet');
    expect(en.text).toContain('This iPhone is supervised');
    expect(en.text).toContain('Maya’s iPhone');

    const french = await exportAndExtract('fr', 'fr', false);
    const fr = await render(french.html, 'report-fr.png');
    expect(fr.requests).toEqual([]);
    for (const heading of ['Rapport d’examen d’appareil', 'Résumé', 'Constats', 'Appareils examinés', 'Méthode', 'Chaîne de conservation']) expect(fr.text).toContain(heading);
    expect(fr.text).toContain('Cet iPhone est supervisé');
  }, slow(120_000));

  it('leaves the device’s name out when asked to redact', async () => {
    const redacted = await exportAndExtract('redacted', 'en', true);
    const shown = await render(redacted.html, 'report-en-redacted.png');
    expect(shown.text).not.toContain('Maya');
    expect(shown.text).toContain('[redacted]');
    expect(shown.text).toContain('Names, phone numbers and e-mail addresses were removed from this report.');
  }, slow(60_000));
});
