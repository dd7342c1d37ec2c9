// End to end in Debian's Chromium against the headless host (`sentinelle serve`, built): create a vault,
// note the recovery key, create a case, close it, quick exit, unlock, recover with the recovery key — in English and in French,
// with a screenshot of every step under test-results/e2e/<language>/.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { en } from '../../src-renderer/i18n/en.js';
import { fr } from '../../src-renderer/i18n/fr.js';
import { browserJourney, confirmRecoveryKey } from '../helpers/browser.js';
import { serveVault } from '../helpers/serve.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

const PASSPHRASE = 'purple elephant harbour lamp';
const NEW_PASSPHRASE = 'seven quiet otters at dawn';
const catalogs = { en, fr } as const;

describe.each(['en', 'fr'] as const)('the first screens in %s', (language) => {
  const t = catalogs[language];
  const journey = browserJourney('e2e', language);
  const { shot, pageErrors } = journey;
  let page: Page;

  it('creates a vault and a case, closes it, quick-exits, recovers with the recovery key and unlocks again', async () => {
    const vaultDir = makeTempDir();
    const served = await serveVault(vaultDir);
    try {
      page = await journey.open(served.url, { width: 1100, height: 760 });
      // The token leaves the address bar at once.
      await expect.poll(() => page.url()).not.toContain('token=');

      if (language === 'fr') await page.getByRole('button', { name: 'Français' }).click();
      await page.getByRole('heading', { name: t['create.title'] }).waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe(language);
      await shot('create-vault');

      // A too-short passphrase is explained before anything is created.
      await page.getByLabel(t['create.passphrase'], { exact: true }).fill('short');
      await page.getByRole('button', { name: t['create.submit'] }).click();
      await page.getByText(t['create.tooShort']).waitFor();
      await shot('create-vault-too-short');

      await page.getByLabel(t['create.passphrase'], { exact: true }).fill(PASSPHRASE);
      await page.getByLabel(t['create.confirm']).fill(PASSPHRASE);
      await page.getByRole('button', { name: t['create.submit'] }).click();

      const recoveryKey = page.getByTestId('recovery-key');
      await recoveryKey.waitFor();
      const writtenDownKey = (await recoveryKey.textContent()) ?? '';
      expect(writtenDownKey).toMatch(/^([0-9A-Z]{4}-){11}[0-9A-Z]{4}$/);
      const continueButton = page.getByRole('button', { name: t['recovery.continue'] });
      expect(await continueButton.isDisabled()).toBe(true);
      await shot('recovery-key');
      // A group typed wrong keeps the way on closed; both typed back right open it.
      await page.locator('input[data-group]').first().fill('ZZZ!');
      expect(await continueButton.isDisabled()).toBe(true);
      await confirmRecoveryKey(page);
      await page.getByRole('status').filter({ hasText: t['recovery.checked'] }).waitFor();
      await continueButton.click();

      await page.getByRole('heading', { name: t['cases.title'] }).waitFor();
      await page.getByText(t['cases.empty']).waitFor();
      await shot('case-list-empty');

      await page.getByRole('button', { name: t['cases.new'] }).click();
      await page.getByLabel(t['newCase.pseudonym']).fill('Heron-482');
      await page.getByLabel(t['newCase.label']).fill('Drop-in visit');
      // The case opens only once every consent item is ticked.
      expect(await page.getByRole('button', { name: t['newCase.submit'] }).isDisabled()).toBe(true);
      for (const item of ['consent.informed', 'consent.own-device', 'consent.data'] as const) await page.getByLabel(t[`checklist.${item}`]).check();
      await shot('new-case');
      await page.getByRole('button', { name: t['newCase.submit'] }).click();
      // The new case opens; back to the list, where it is announced.
      await page.getByRole('heading', { name: t['case.title'].replace('{pseudonym}', 'Heron-482') }).waitFor();
      await page.getByRole('button', { name: t['case.back'] }).click();
      await page.getByRole('status').waitFor();
      const row = page.locator('tr', { hasText: 'Heron-482' });
      await row.waitFor();
      expect(await row.textContent()).toContain('Drop-in visit');
      await shot('case-created');

      await row.getByRole('button', { name: t['cases.close'] }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await dialog.textContent()).toContain('90');
      await shot('close-case-confirm');
      await dialog.getByRole('button', { name: t['closeCase.confirm'] }).click();
      await page.getByRole('tab', { name: t['cases.filter.closed'] }).click();
      await page.locator('tr', { hasText: 'Heron-482' }).getByText(t['cases.status.closed']).waitFor();
      await shot('case-closed');

      // Quick exit: the window is blank at once and the vault is locked behind it.
      await page.getByRole('button', { name: t['quickExit.button'] }).click();
      await page.getByTestId('blank').waitFor();
      expect(await page.locator('body').innerText()).not.toContain('Heron-482');
      await shot('quick-exit-blank');
      await expect.poll(async () => (await served.invoke('vault.status', {})) as { result: { state: string } }).toMatchObject({ result: { state: 'locked' } });

      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: t['unlock.title'] }).waitFor();
      await page.getByText(t['unlock.lockedBecause.quick-exit']).waitFor();
      await shot('unlock');

      await page.getByLabel(t['unlock.passphrase']).fill('wrong passphrase');
      await page.getByRole('button', { name: t['unlock.submit'] }).click();
      await page.getByText(t['error.vault.wrong-passphrase']).waitFor();
      await shot('unlock-wrong-passphrase');

      // A forgotten passphrase: the recovery key written down earlier opens the vault and sets a new one.
      await page.getByRole('button', { name: t['unlock.forgot'] }).click();
      await page.getByLabel(t['recover.key']).fill(writtenDownKey.toLowerCase().replace(/-/g, ' '));
      await page.getByLabel(t['recover.newPassphrase'], { exact: true }).fill(NEW_PASSPHRASE);
      await page.getByLabel(t['recover.confirm']).fill(NEW_PASSPHRASE);
      await shot('recover-with-recovery-key');
      await page.getByRole('button', { name: t['recover.submit'] }).click();
      await page.getByRole('heading', { name: t['cases.title'] }).waitFor();
      await page.getByRole('tab', { name: t['cases.filter.all'] }).click();
      await page.locator('tr', { hasText: 'Heron-482' }).waitFor();
      // The wrong passphrase tried before is reported: someone guessing is a safety signal.
      const failed = page.getByTestId('failed-unlocks');
      await failed.waitFor();
      expect(await failed.textContent()).toContain(t['failedUnlocks.title'].replace('{count}', '1'));
      await shot('recovered');

      // Esc pressed twice is quick exit too; then the new passphrase unlocks.
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await page.getByTestId('blank').waitFor();
      await expect.poll(async () => (await served.invoke('vault.status', {})) as { result: { state: string } }).toMatchObject({ result: { state: 'locked' } });
      await page.keyboard.press('Enter');
      await page.getByLabel(t['unlock.passphrase']).fill(NEW_PASSPHRASE);
      await page.getByRole('button', { name: t['unlock.submit'] }).click();
      await page.getByRole('heading', { name: t['cases.title'] }).waitFor();
      await page.getByRole('tab', { name: t['cases.filter.all'] }).click();
      await page.locator('tr', { hasText: 'Heron-482' }).waitFor();
      expect(await page.getByTestId('failed-unlocks').count()).toBe(0);
      await shot('unlocked-with-new-passphrase');

      // "The passphrase may be known": a new key for the whole vault, and a new recovery key shown once.
      await page.getByRole('button', { name: t['cases.settings'] }).click();
      await page.getByRole('heading', { name: t['rekey.title'] }).waitFor();
      await page.getByLabel(t['rekey.current']).fill(NEW_PASSPHRASE);
      await page.getByLabel(t['rekey.newPassphrase'], { exact: true }).fill(PASSPHRASE);
      await page.getByLabel(t['rekey.confirm']).fill(PASSPHRASE);
      await shot('rekey');
      await page.getByRole('button', { name: t['rekey.submit'] }).click();
      const newKey = page.getByTestId('recovery-key');
      await newKey.waitFor();
      expect(await newKey.textContent()).toMatch(/^([0-9A-Z]{4}-){11}[0-9A-Z]{4}$/);
      expect(await newKey.textContent()).not.toBe(writtenDownKey);
      await shot('rekey-new-recovery-key');
      await confirmRecoveryKey(page);
      await page.getByRole('button', { name: t['recovery.continue'] }).click();
      await page.getByRole('heading', { name: t['cases.title'] }).waitFor();
      expect(await served.invoke('vault.unlock', { passphrase: NEW_PASSPHRASE })).toMatchObject({ ok: false });

      expect(pageErrors).toEqual([]);
      expect(journey.accessibility).toEqual([]);
    } finally {
      await page?.close();
      await served.stop();
      removeDir(vaultDir);
    }
  });
});
