// The states an advocate meets before and during a scan, in English and French, in Debian's Chromium
// against the headless host: a phone that has not authorised this computer (with what to do), no iPhone
// connected (the machine's real idevice_id), an encrypted iPhone backup opened with a wrong then the right
// password, a scan stopped half-way, and a closed case reopened. Screenshots in test-results/device-states/.
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/en.js';
import { fr } from '../../src-renderer/i18n/fr.js';
import { browserJourney, createVaultInPage } from '../helpers/browser.js';
import { writeIosBackup } from '../helpers/ios-backup-writer.js';
import { serveVault, type ServedApp } from '../helpers/serve.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const PASSPHRASE = 'correct horse battery staple';
const BACKUP_PASSWORD = 'blue-horse-42';

for (const [language, t] of [['en', en], ['fr', fr]] as const) {
  describe(`device and case states in ${language}`, () => {
    const journey = browserJourney('device-states', language);
    let dir: string;
    let served: ServedApp;
    let page: Page | undefined;

    beforeAll(async () => {
      dir = makeTempDir();
      served = await serveVault(path.join(dir, 'vault'));
      // A generated encrypted backup (low key-derivation counts, so the test stays quick).
      await writeIosBackup(path.join(dir, 'backups', '00008110-0011223344556677'), {
        device: { name: 'iPhone de test', productType: 'iPhone14,2', productVersion: '17.5', buildVersion: '21F79', serialNumber: 'F2LTEST0001', udid: '00008110-0011223344556677' },
        apps: [{ bundleId: 'com.apple.mobilenotes', name: 'Notes' }],
        files: [],
        encryption: { password: BACKUP_PASSWORD, dpic: 1000, iter: 100 },
      });
    }, slow(120_000));
    afterAll(async () => {
      await page?.close();
      await served?.invoke('demo.stop', {}).catch(() => undefined);
      await served?.stop();
      removeDir(dir);
    });

    it('says what to do for each state, and never loses the way back', async () => {
      const { shot, pageErrors } = journey;
      page = await journey.open(served.url);
      await createVaultInPage(page, language, PASSPHRASE);
      await page.getByRole('button', { name: t['cases.new'] }).click();
      await page.getByLabel(t['newCase.pseudonym']).fill('Lark-17');
      for (const item of ['consent.informed', 'consent.own-device', 'consent.data'] as const) await page.getByLabel(t[`checklist.${item}`]).check();
      await page.getByRole('button', { name: t['newCase.submit'] }).click();
      await page.getByRole('heading', { name: t['case.title'].replace('{pseudonym}', 'Lark-17') }).waitFor();

      // A phone that has not said yes to "Allow USB debugging?": its state and the exact step, in the language chosen.
      const { result: demo } = (await served.invoke('demo.start', { profile: 'unauthorized' })) as { result: { serial: string } };
      await page.getByRole('button', { name: t['connect.refresh'] }).click();
      const phone = page.locator('li.device', { hasText: demo.serial });
      await phone.getByText(t['connect.state.unauthorized']).waitFor();
      const { result: listed } = (await served.invoke('devices.list', {})) as { result: { devices: { serial: string; keyFingerprint: string | null; guidance: Record<'en' | 'fr', string> }[] } };
      const listedPhone = listed.devices.find((device) => device.serial === demo.serial)!;
      const guidance = listedPhone.guidance[language];
      expect(guidance.length).toBeGreaterThan(20);
      // Its sentence, then its steps, numbered.
      const [sentence, ...steps] = guidance.split('\n');
      expect(await phone.locator('p').filter({ hasText: sentence! }).count()).toBe(1);
      expect(await phone.locator('ol.guidance-steps li').allTextContents()).toEqual(steps);
      // The fingerprint to compare with the phone's prompt, set apart so that it can be read out.
      expect(listedPhone.keyFingerprint).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){15}$/);
      expect(await phone.locator('.key-fingerprint').textContent()).toBe(`${t['connect.fingerprint']}: ${listedPhone.keyFingerprint}`);
      expect(await phone.getByRole('button', { name: t['connect.scan'] }).count()).toBe(0);
      await shot('android-unauthorized');

      // No iPhone plugged in: what the real idevice_id says, as guidance.
      await page.getByRole('tab', { name: t['sources.iphone'] }).click();
      const { result: iphones } = (await served.invoke('ios.devices', {})) as { result: { devices: unknown[]; guidance: Record<'en' | 'fr', string> | null } };
      expect(iphones.devices).toEqual([]);
      await page.getByText(iphones.guidance?.[language] ?? t['iphone.noDevice']).waitFor();

      // An encrypted backup: a wrong password is said plainly and nothing is lost; the right one opens it.
      // No folder to type: the backup's folder is chosen in the browser's picker and sent to Sentinelle.
      expect(await page.getByRole('tabpanel').locator('input:not([type]), input[type=text]').count()).toBe(0);
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: t['iphone.chooseFolder'] }).click()]);
      await chooser.setFiles(path.join(dir, 'backups', '00008110-0011223344556677'));
      // Encrypted: its password is asked for, and what was sent is kept for it.
      await page.getByText(t['error.backup.password-needed']).waitFor({ timeout: slow(60_000) });
      const backup = page.getByTestId('sent-backup');
      await backup.getByLabel(t['iphone.password']).fill('blue-horse-43');
      await backup.getByRole('button', { name: t['iphone.scanBackup'] }).click();
      await page.getByText(t['error.backup.wrong-password']).waitFor();
      await shot('iphone-backup-wrong-password');
      await backup.getByLabel(t['iphone.password']).fill(BACKUP_PASSWORD);
      await backup.getByRole('button', { name: t['iphone.scanBackup'] }).click();
      await page.getByRole('status').filter({ hasText: t['scan.done'].split('{')[0]!.trim() }).waitFor({ timeout: slow(60_000) });
      await shot('iphone-backup-scanned');
      // Read into the vault: nothing of it stays in the upload spool.
      expect(fs.readdirSync(path.join(dir, 'vault', 'work', 'uploads'))).toEqual([]);

      // The results come first; where to scan from is folded below them, opened to scan again.
      await page.getByText(t['sources.again']).click();
      // A scan stopped half-way: said, and what was read is kept.
      await page.getByRole('tab', { name: t['sources.android'] }).click();
      const { result: slowPhone } = (await served.invoke('demo.start', { profile: 'large', latencyMs: 150 })) as { result: { serial: string } };
      await page.getByRole('button', { name: t['connect.refresh'] }).click();
      await page.locator('li.device', { hasText: slowPhone.serial }).getByRole('button', { name: t['connect.scan'] }).click();
      await page.getByRole('button', { name: t['scan.cancel'] }).click();
      await page.getByText(t['error.scan.cancelled']).waitFor({ timeout: slow(30_000) });
      await shot('scan-stopped');
      const { result: scans } = (await served.invoke('scans.list', { caseId: await caseIdOf(served, 'Lark-17') })) as { result: { kind: string; status: string }[] };
      expect(scans.find((scan) => scan.kind === 'android-adb')?.status).toBe('cancelled');

      // A closed case takes no new evidence until it is reopened.
      await page.getByRole('button', { name: t['case.back'] }).click();
      await page.locator('tr', { hasText: 'Lark-17' }).getByRole('button', { name: t['cases.close'] }).click();
      await page.getByRole('dialog').getByRole('button', { name: t['closeCase.confirm'] }).click();
      await page.getByRole('tab', { name: t['cases.filter.closed'] }).click();
      await page.locator('tr', { hasText: 'Lark-17' }).getByRole('button', { name: new RegExp(`^${t['cases.open']}`) }).click();
      await page.getByText(t['case.closedNotice']).waitFor();
      expect(await page.getByRole('tab', { name: t['sources.android'] }).count()).toBe(0);
      await shot('case-closed');
      await page.getByRole('button', { name: t['case.reopen'] }).click();
      // Reopened, it takes evidence again: where to scan from is back (folded below the results it has).
      await page.getByText(t['sources.again']).click();
      await page.getByRole('tab', { name: t['sources.android'] }).waitFor();

      expect(pageErrors).toEqual([]);
      expect(journey.accessibility).toEqual([]);
    });
  });
}

async function caseIdOf(served: ServedApp, pseudonym: string): Promise<string> {
  const { result } = (await served.invoke('cases.list', {})) as { result: { id: string; pseudonym: string }[] };
  return result.find((item) => item.pseudonym === pseudonym)!.id;
}
