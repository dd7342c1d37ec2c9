// The headline of a case never contradicts its verdicts, shown in the browser at 1366×768, English and
// French: a bug report whose only sign is a stalkerware process running (no app of it listed) and an
// iPhone backup whose only sign is Safari's visit to a server mSpy reports to both read "signs of
// stalkerware", naming the product. The bug report is MVT's real dumpstate outputs with one process added
// (tests/helpers/mvt-recordings.ts); the backup is written in the real on-disk format
// (tests/helpers/ios-backup-writer.ts) with Safari's History.db schema.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/en.js';
import { fr } from '../../src-renderer/i18n/fr.js';
import { browserJourney, createVaultInPage } from '../helpers/browser.js';
import { sqliteFile, writeIosBackup } from '../helpers/ios-backup-writer.js';
import { bugreportZip } from '../helpers/mvt-recordings.js';
import { serveVault, type ServedApp } from '../helpers/serve.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const catalogs = { en, fr } as const;
const STALKERWARE = { en: /^Signs of stalkerware: /, fr: /^Signes de logiciel espion : / };

describe.each(['en', 'fr'] as const)('headlines from signs that are not an installed app, in %s', (language) => {
  const t = catalogs[language];
  const journey = browserJourney('headlines', language);
  const { shot, pageErrors, accessibility } = journey;
  let dir: string;
  let served: ServedApp;

  beforeAll(async () => {
    dir = makeTempDir('sentinelle-headlines-');
    served = await serveVault(path.join(dir, 'vault'));
  });
  afterAll(async () => {
    await served?.stop();
    removeDir(dir);
  });

  async function call<T>(name: string, input: unknown): Promise<T> {
    const answer = (await served.invoke(name, input)) as { ok: boolean; result: T; error?: unknown };
    if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
    return answer.result;
  }

  it('says "signs of stalkerware" for a stalkerware process alone, and for a visit to a stalkerware server alone', async () => {
    const page = await journey.open(served.url, { width: 1366, height: 768 });
    await createVaultInPage(page, language, 'purple elephant harbour lamp');

    // A bug report: TheTruthSpy's service process runs (named after its package), no app of it listed.
    const processCase = await call<{ id: string }>('cases.create', { label: 'Process only', pseudonym: 'Cedre-40' });
    const bugreport = path.join(dir, 'bugreport.zip');
    fs.writeFileSync(bugreport, await bugreportZip(['u0_a231      12345   801 1234567  45678 0                   0 S com.systemservice:remote']));
    await call('scans.import', { caseId: processCase.id, path: bugreport });

    // An iPhone backup: Safari visited a server mSpy's app reports to; no app of it installed.
    const serverCase = await call<{ id: string }>('cases.create', { label: 'Server only', pseudonym: 'Saule-41' });
    const safari = sqliteFile([
      'CREATE TABLE history_items (id INTEGER PRIMARY KEY, url TEXT NOT NULL UNIQUE, domain_expansion TEXT NULL, visit_count INTEGER NOT NULL)',
      "INSERT INTO history_items VALUES (1, 'https://mliteapp.com/login', 'mliteapp', 2)",
      "INSERT INTO history_items VALUES (2, 'https://www.service-public.fr/', 'service-public', 1)",
    ]);
    const backup = await writeIosBackup(path.join(dir, 'backup'), {
      device: { name: 'iPhone', productType: 'iPhone14,5', productVersion: '17.5.1', buildVersion: '21F90', serialNumber: 'F2LXK0ABCD12', udid: '00008110-001A2B3C4D5E6F70' },
      apps: [{ bundleId: 'net.whatsapp.WhatsApp', name: 'WhatsApp', version: '24.12.81' }],
      files: [{ domain: 'HomeDomain', relativePath: 'Library/Safari/History.db', content: safari }],
    });
    await call('scans.iosBackup', { caseId: serverCase.id, path: backup.dir });

    await page.reload();
    for (const [pseudonym, product, name] of [
      ['Cedre-40', 'TheTruthSpy', 'process-only'],
      ['Saule-41', 'mSpy', 'server-only'],
    ] as const) {
      await page.getByRole('button', { name: `${t['cases.open']} ${pseudonym}` }).click();
      const headline = page.locator('.case-summary .summary-headline');
      await headline.waitFor();
      expect(await headline.textContent()).toMatch(STALKERWARE[language]);
      expect(await headline.textContent()).toContain(product);
      // The verdict below says the same: a strong sign naming the product.
      await page.locator('article.finding', { hasText: product }).first().waitFor();
      await shot(name);
      await page.getByRole('button', { name: t['case.back'] }).click();
      await page.locator('tr', { hasText: pseudonym }).locator('.outcome-stalkerware').waitFor();
    }
    expect(pageErrors).toEqual([]);
    expect(accessibility).toEqual([]);
  }, slow(240_000));
});
