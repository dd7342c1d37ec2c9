// When a screen's code cannot be loaded (the screens behind the unlock screen are separate files, fetched
// once it shows — an app updated while it ran, a file gone), the window says so, that nothing was changed,
// and offers to reload — rather than staying on "loading" for ever; reloading then works.
import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/en.js';
import { browserJourney, confirmRecoveryKey } from '../helpers/browser.js';
import { serveVault } from '../helpers/serve.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const PASSPHRASE = 'purple elephant harbour lamp';

describe('a screen whose code cannot be loaded', () => {
  const journey = browserJourney('screen-failure', 'en');

  it('says so and offers to reload, and the reload shows the screen', async () => {
    const vaultDir = makeTempDir();
    const served = await serveVault(vaultDir);
    try {
      const page = await journey.open('about:blank');
      // The case list's code never arrives (the page's own files all come from the host).
      let blocking = true;
      await page.route(/\/assets\/CaseList-[^/]+\.js$/, (route) => (blocking ? route.abort('failed') : route.continue()));
      await page.goto(served.url);
      await page.getByLabel(en['create.passphrase'], { exact: true }).fill(PASSPHRASE);
      await page.getByLabel(en['create.confirm']).fill(PASSPHRASE);
      await page.getByRole('button', { name: en['create.submit'] }).click();
      await confirmRecoveryKey(page);
      await page.getByRole('button', { name: en['recovery.continue'] }).click();

      const alert = page.getByRole('alert').filter({ hasText: en['screenFailed.title'] });
      await alert.waitFor({ timeout: slow(20_000) });
      expect(await alert.textContent()).toContain(en['screenFailed.body']);

      blocking = false;
      await page.getByRole('button', { name: en['screenFailed.reload'] }).click();
      // The tab keeps its session: the reloaded window shows the case list the vault was opened to.
      await page.getByRole('heading', { name: en['cases.title'] }).waitFor({ timeout: slow(20_000) });
      expect(await page.getByRole('alert').filter({ hasText: en['screenFailed.title'] }).count()).toBe(0);
    } finally {
      await served.stop();
      removeDir(vaultDir);
    }
  }, slow(60_000));
});
