// The advocate's app: cold start of the headless host (the built CLI's `serve`) to an interactive unlock
// screen in Debian's Chromium; the renderer's JavaScript size, raw and gzipped; and the time to show a
// case with 10,000 findings (from clicking "Open" to the list).
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtRendererDir } from '../src-main/package-info.js';
import { launchChromium } from '../tests/helpers/browser.js';
import { vaultWithManyFindings } from '../tests/helpers/many-findings.js';
import { serveVault } from '../tests/helpers/serve.js';
import { formatBytes, report, type BenchContext } from './report.js';

const PASSPHRASE = 'benchmark passphrase, long enough';

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
  const browser = await launchChromium();
  try {
    const started = performance.now();
    const served = await serveVault(vaultDir);
    try {
      const page = await browser.newPage();
      await page.goto(served.url);
      await page.getByRole('button', { name: 'Unlock' }).waitFor();
      const coldStart = performance.now() - started;
      await page.getByLabel('Passphrase').fill(PASSPHRASE);
      await page.getByRole('button', { name: 'Unlock' }).click();
      await page.getByRole('button', { name: /^Open/ }).first().waitFor();
      const opening = performance.now();
      await page.getByRole('button', { name: /^Open/ }).first().click();
      await page.getByRole('list', { name: `Findings (${findings})` }).waitFor({ timeout: 120_000 });
      const render = performance.now() - opening;
      report('The advocate’s app (headless host and Debian’s Chromium)', [
        ['cold start to the unlock screen', `${(coldStart / 1000).toFixed(2)} s (host process started, page loaded, screen interactive)`],
        ['renderer JavaScript', `${formatBytes(raw)} raw, ${formatBytes(gzipped)} gzipped (${scripts.length} file(s))`],
        [`case with ${findings.toLocaleString('en-US')} findings`, `${(render / 1000).toFixed(2)} s from “Open” to the list (its first page fetched, filtered and counted in the vault)`],
      ]);
    } finally {
      await served.stop();
    }
  } finally {
    await browser.close();
  }
}
