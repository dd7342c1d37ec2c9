// The advocate's journey in Debian's Chromium against the headless host, with the demo phone attached to
// the real adb server: create the vault → new case → plug in the demo phone → scan with visible progress →
// the stalkerware finding with its explanation → mark it reviewed → seal a bundle for a lawyer's key → the
// bundle verifies with the CLI. In English and in French, with a screenshot of each screen under
// test-results/journey/<language>/.
import path from 'node:path';
import type { Download, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/i18n/en.js';
import { fr } from '../../src-renderer/i18n/fr.js';
import { browserJourney, createVaultInPage, holdBack } from '../helpers/browser.js';
import { runSentinelle } from '../helpers/cli.js';
import { EXAMPLE_ENTRY, packJson } from '../helpers/signatures.js';
import { serveVault } from '../helpers/serve.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const PASSPHRASE = 'purple elephant harbour lamp';
const catalogs = { en, fr } as const;

describe.each(['en', 'fr'] as const)('the advocate’s journey in %s', (language) => {
  const t = catalogs[language];
  const journey = browserJourney('journey', language);
  const { shot, pageErrors } = journey;
  let page: Page;

  it('goes from a phone in hand to a sealed bundle the lawyer can verify', async () => {
    const dir = makeTempDir();
    const served = await serveVault(path.join(dir, 'vault'));
    try {
      page = await journey.open(served.url);
      await createVaultInPage(page, language, PASSPHRASE);

      await page.getByRole('button', { name: t['cases.new'] }).click();
      await page.getByLabel(t['newCase.pseudonym']).fill('Heron-482');
      for (const item of ['consent.informed', 'consent.own-device', 'consent.data', 'safety.no-removal', 'safety.plan'] as const) await page.getByLabel(t[`checklist.${item}`]).check();
      await shot('new-case-checklists');
      // Creating the case opens it.
      await page.getByRole('button', { name: t['newCase.submit'] }).click();
      await page.getByRole('heading', { name: t['case.title'].replace('{pseudonym}', 'Heron-482') }).waitFor();
      // Nothing examined yet: what to examine comes first.
      await page.getByRole('heading', { name: t['sources.title'] }).waitFor();
      await shot('case-empty');
      // Every other source, as the advocate would look through them.
      for (const source of ['iphone', 'computer', 'offline'] as const) {
        await page.getByRole('tab', { name: t[`sources.${source}`] }).click();
        await page.getByRole('tabpanel').waitFor();
        await shot(`source-${source}`);
      }
      await page.getByRole('tab', { name: t['sources.android'] }).click();

      // The demo phone, from the training panel; then again with a little latency so the progress shows.
      await page.getByRole('button', { name: t['connect.demo.start'] }).click();
      // The demo phone's line (phones of other programs using this computer's adb may be listed too).
      await page.locator('li.device', { hasText: t['connect.connection.demo'] }).getByRole('button', { name: t['connect.scan'] }).first().waitFor();
      await shot('demo-phone-plugged');
      const { result: demo } = (await served.invoke('demo.start', { profile: 'stalkerware', latencyMs: 120 })) as { result: { serial: string } };
      await page.getByRole('button', { name: t['connect.refresh'] }).click();
      await page.locator('li.device', { hasText: demo.serial }).getByRole('button', { name: t['connect.scan'] }).click();
      // The scan's header names the phone being read, as the list showed it before the scan.
      await page.getByRole('heading', { name: `${t['scan.titleOf']} Pixel 7` }).waitFor();
      await page.getByRole('progressbar').waitFor();
      expect(await page.getByText(new RegExp(t['scan.step'].replace('{index}', '\\d+').replace('{total}', '\\d+').replace('{label}', '.+'))).count()).toBeGreaterThan(0);
      // Findings show as they are found: the stalkerware card is there while the scan is still going, the
      // steps done are ticked off, and the elapsed time counts on.
      await page.waitForFunction(
        () => {
          // Runs in the page (this file is typed for Node, hence globalThis).
          type Element = { textContent: string | null };
          const { document } = globalThis as unknown as { document: { querySelector(selector: string): Element | null; querySelectorAll(selector: string): Element[] } };
          return (
            document.querySelector('.scan progress') !== null &&
            document.querySelectorAll('.scan-steps .scan-step-done').length > 0 &&
            document.querySelectorAll('.scan-steps [aria-current="step"]').length === 1 &&
            /^[1-9]/.test(document.querySelector('.scan .help')?.textContent ?? '') &&
            [...document.querySelectorAll('article.finding')].some((card) => card.textContent?.includes('TheTruthSpy'))
          );
        },
        undefined,
        { timeout: slow(30_000) },
      );
      // The count of new findings follows the cards (it is waited for, not read at once: the overview may come a moment later).
      await page.locator('.scan p:not(.visually-hidden)', { hasText: new RegExp(`${t['scan.foundSoFar'].split('{')[0]!.trim()}.*[1-9]`) }).waitFor();
      await shot('scan-in-progress');

      await page.getByRole('status').filter({ hasText: t['scan.done'].split('{')[0]!.trim() }).waitFor({ timeout: slow(60_000) });
      const card = page.locator('article.finding', { hasText: 'TheTruthSpy' }).first();
      await card.waitFor();
      expect(await card.locator('h3 .severity').textContent()).toBe(t['severity.critical']);
      // One verdict on the app, every reason listed; the summary at the top names it.
      expect(await card.textContent()).toContain(t['finding.reasons'].split('{')[0]!);
      expect(await card.locator('.reasons li').count()).toBeGreaterThan(1);
      expect(await page.locator('.case-summary .summary-headline').textContent()).toMatch(language === 'en' ? /^Signs of stalkerware: .*TheTruthSpy/ : /^Signes de logiciel espion : .*TheTruthSpy/);
      // The warnings for the whole case are in the summary, once; the card has what to do.
      expect(await page.locator('.case-summary').textContent()).toContain(t['summary.safety']);
      expect(await card.textContent()).not.toContain(t['finding.safety']);
      expect(await card.textContent()).toContain(t['finding.advice']);
      await shot('findings');
      // Where the stalkerware came from: installed 25 days before, not from a store, in the install timeline.
      const timeline = page.locator('table.timeline');
      await timeline.locator('tr', { hasText: 'com.systemservice' }).first().waitFor();
      expect(await timeline.locator('tr', { hasText: 'com.systemservice' }).first().textContent()).toContain(t['timeline.installed']);
      await timeline.scrollIntoViewIfNeeded();
      await shot('install-timeline');
      await card.getByText(t['finding.technical']).click();
      // The evidence: each observation the finding rests on, and each artifact with its SHA-256 and where it was read.
      await card.locator('.hash').first().waitFor();
      await card.locator('.observations li', { hasText: 'com.systemservice' }).first().waitFor();
      expect(await card.locator('.hash').first().locator('..').textContent()).toMatch(/[0-9a-f]{64} — \S+/);
      await card.getByRole('button', { name: t['review.confirm'] }).click();
      await card.getByText(t['review.confirmed']).waitFor();
      await shot('finding-confirmed');
      // Another finding dismissed, saying why.
      const other = page.locator('article.finding').nth(1);
      await other.getByRole('button', { name: t['review.dismiss'] }).click();
      await other.getByLabel(t['review.note']).fill('Her own parental-control app, installed by her');
      await other.getByRole('button', { name: t['review.dismissWithNote'] }).click();
      await other.locator('.review > .help', { hasText: 'Her own parental-control app, installed by her' }).waitFor();
      expect(await other.textContent()).toContain(t['review.dismissed']);
      await shot('finding-dismissed');

      // The lawyer's key, made with the CLI as a lawyer would, chosen as a file (nothing pasted, no path typed).
      const lawyer = path.join(dir, 'lawyer');
      const generated = await runSentinelle(['keys', 'generate', '--out', lawyer, '--vault', path.join(dir, 'none')]);
      expect(generated.code).toBe(0);
      await page.getByRole('button', { name: t['case.export'] }).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      // Quick exit stays at hand inside the dialog.
      expect(await dialog.getByRole('button', { name: t['quickExit.button'] }).count()).toBe(1);
      await dialog.getByLabel(t['export.byKey']).check();
      await choose(page, dialog.getByRole('button', { name: t['file.chooseMany'] }), `${lawyer}.pub`);
      // The key's fingerprint, to read aloud with the lawyer: the one `keys generate` printed.
      const lawyerFingerprint = /Fingerprint: ([0-9A-Z-]+)/.exec(generated.stdout)?.[1] ?? 'none';
      await dialog.getByText(lawyerFingerprint).waitFor();
      await shot('export-dialog');
      const downloads: Download[] = [];
      page.on('download', (download) => downloads.push(download));
      await dialog.getByRole('button', { name: t['export.seal'] }).click();
      await dialog.getByRole('heading', { name: t['sealed.title'] }).waitFor({ timeout: slow(60_000) });
      await dialog.getByText(t['sealed.keyOnly']).waitFor();
      await shot('export-done');
      await expect.poll(() => downloads.length, { timeout: slow(30_000) }).toBe(2);
      const bundle = path.join(dir, downloads[0]!.suggestedFilename());
      await downloads[0]!.saveAs(bundle);
      expect(path.basename(bundle)).toMatch(/^Heron-482-\d{4}-\d{2}-\d{2}\.sntl$/);

      // The lawyer checks it on the command line with their own key file.
      const { result: installation } = (await served.invoke('keys.installation', {})) as { result: { fingerprint: string } };
      const verified = await runSentinelle(['verify', bundle, '--identity', `${lawyer}.key`, '--signer', installation.fingerprint, '--vault', path.join(dir, 'none')]);
      expect(verified.code, verified.stdout).toBe(0);
      expect(verified.stdout).toContain('Heron-482');
      // The checklists gone through are in the case's custody log, which the bundle carries.
      const custody = (await served.invoke('custody.list', { limit: 200 })) as { result: { action: string; details: { items?: string[] } }[] };
      expect(custody.result.find((entry) => entry.action === 'case.checklist')?.details.items).toEqual(['consent.informed', 'consent.own-device', 'consent.data', 'safety.no-removal', 'safety.plan']);

      // The same bundle, checked in the app as a bundle received would be: chosen as a file, opened with a key file.
      await dialog.getByRole('button', { name: t['export.close'] }).click();
      await page.getByRole('button', { name: t['case.back'] }).click();
      await page.getByRole('button', { name: t['cases.verify'] }).click();
      await choose(page, page.getByRole('button', { name: t['verify.chooseBundle'] }), bundle);
      await page.getByTestId('chosen-bundle').filter({ hasText: path.basename(bundle) }).waitFor();
      // Someone else's key does not open it: not verified, said in plain words.
      const stranger = path.join(dir, 'stranger');
      expect((await runSentinelle(['keys', 'generate', '--out', stranger, '--vault', path.join(dir, 'none')])).code).toBe(0);
      await choose(page, page.getByRole('button', { name: t['file.choose'] }), `${stranger}.key`);
      await page.getByRole('button', { name: t['verify.submit'] }).click();
      await page.getByText(t['verify.problem.wrong-key']).waitFor();
      expect(await page.getByRole('heading', { name: t['verify.notOk'] }).count()).toBe(1);
      // The secret key is never shown.
      expect(await page.content()).not.toContain('sentinelle-recipient-secret');
      await shot('verify-wrong-key');
      await choose(page, page.getByRole('button', { name: t['file.choose'] }), `${lawyer}.key`);
      // The stranger's key stays chosen until the lawyer's has been read.
      await page.getByText(t['verify.keyChosen'].replace('{label}', 'lawyer').replace('{fingerprint}', lawyerFingerprint)).waitFor();
      await page.getByRole('button', { name: t['verify.submit'] }).click();
      await page.getByText(t['verify.ok']).waitFor();
      // The recipient named by the label of the key that opened it.
      await page.getByText(t['verify.yourKey'].replace('{label}', 'lawyer').replace('{fingerprint}', lawyerFingerprint), { exact: false }).waitFor();
      await page.getByRole('button', { name: t['verify.openReport'] }).click();
      await page.locator('main .report-view').waitFor();
      await shot('verify-bundle');

      // The overview: the case's findings counted by severity, kind and week, the latest first.
      await page.getByRole('button', { name: t['case.back'] }).click();
      const overview = page.getByRole('region', { name: t['dashboard.title'] });
      await overview.waitFor();
      await overview.getByText(t['dashboard.recent']).waitFor();
      expect(await overview.locator('.recent li').count()).toBeGreaterThan(0);
      // The chart says, in words, this week's critical findings (the stalkerware).
      const thisWeek = t['dashboard.week'].replace('{week}', '\\d+').replace('{year}', '\\d{4}');
      expect(await overview.getByRole('img').getAttribute('aria-label')).toMatch(new RegExp(`${thisWeek}: [1-9]\\d* ${t['severity.critical']}[^;]*$`));
      await shot('dashboard');

      // Settings: every tab; a custom rule refused until it is complete, then saved; forwarding to a file.
      await page.getByRole('button', { name: t['cases.settings'] }).click();
      await page.getByRole('heading', { name: t['settings.title'] }).waitFor();
      await page.getByLabel(t['settings.retention']).waitFor();
      await shot('settings-general');
      await page.getByRole('tab', { name: t['settings.tab.signatures'] }).click();
      await page.getByText(t['signatures.keys']).waitFor();
      // Each list's age in words, the oldest first: the community lists are months older than ours.
      const ages = page.locator('table.signature-ages tbody tr');
      await ages.first().waitFor();
      expect(await ages.locator('th').allTextContents()).toEqual(expect.arrayContaining(['Echap stalkerware-indicators', 'ISDi app flags']));
      const days = (await ages.locator('td').allTextContents()).map((age) => Number(/^(\d+) /.exec(age)?.[1]));
      expect(days.every((age) => Number.isInteger(age))).toBe(true);
      expect(days).toEqual([...days].sort((a, b) => b - a));
      await shot('settings-signatures');
      // The network's signing key, trusted after a confirmation; then a pack it signed, previewed and imported.
      const fs = await import('node:fs');
      const { result: network } = (await served.invoke('signatures.generateKeyPair', { label: 'Shelter network' })) as { result: { publicKeyFile: string; secretKeyFile: string; fingerprint: string } };
      fs.writeFileSync(path.join(dir, 'network.json'), network.publicKeyFile);
      await page.getByLabel(t['signatures.keyFile']).setInputFiles(path.join(dir, 'network.json'));
      await page.getByText(t['signatures.trustConfirm'].replace('{file}', 'network.json')).waitFor();
      await page.getByRole('button', { name: t['signatures.trustYes'] }).click();
      await page.getByText(network.fingerprint).first().waitFor();
      const pack = packJson([EXAMPLE_ENTRY]);
      fs.writeFileSync(path.join(dir, 'pack.json'), pack);
      const { result: signed } = (await served.invoke('signatures.sign', { content: Buffer.from(pack).toString('base64'), secretKeyFile: network.secretKeyFile })) as { result: { signatureFile: string } };
      fs.writeFileSync(path.join(dir, 'pack.json.sig'), signed.signatureFile);
      await page.getByLabel(t['signatures.import']).setInputFiles([path.join(dir, 'pack.json'), path.join(dir, 'pack.json.sig')]);
      await page.getByText(t['signatures.previewTrusted'].split('{')[0]!.trim()).waitFor();
      await shot('settings-signatures-preview');
      await page.getByRole('button', { name: t['signatures.importChosen'] }).click();
      await page.getByText(t['signatures.imported'].replace('{name}', 'Shelter network pack').replace('{version}', '2026.11').replace('{count}', '1')).waitFor();
      // An unsigned file is said so, and cannot be imported without ticking the box that records it.
      await page.getByLabel(t['signatures.import']).setInputFiles(path.join(dir, 'pack.json'));
      await page.getByText(t['signatures.problem.unsigned']).waitFor();
      expect(await page.getByRole('button', { name: t['signatures.importChosen'] }).isDisabled()).toBe(true);
      await page.getByRole('button', { name: t['rules.cancelEdit'] }).click();
      await page.getByRole('tab', { name: t['settings.tab.rules'] }).click();
      await page.getByRole('button', { name: t['rules.save'] }).click();
      await page.getByText(t['rules.problem.name']).waitFor();
      expect(await page.getByText(t['rules.conditionProblem'].replace('{number}', '1').replace('{problem}', t['rules.problem.field'])).count()).toBe(1);
      await shot('settings-rule-invalid');
      await page.getByLabel(t['rules.name'], { exact: true }).fill('Hidden helper app');
      await page.getByLabel(t['rules.field'], { exact: true }).fill('data.packageName');
      await page.getByLabel(t['rules.value'], { exact: true }).fill('com.systemservice');
      await page.getByLabel(t['rules.messageEn']).fill('The hidden helper app is present');
      await page.getByLabel(t['rules.messageFr']).fill('L’application cachée est présente');
      await page.getByRole('button', { name: t['rules.save'] }).click();
      await page.getByText('Hidden helper app').waitFor();
      await shot('settings-rules');

      // Edit it: high severity, and a nested "any" group — the app hides its icon, or has no installer.
      const condition = (n: number) => page.getByRole('group', { name: t['rules.condition'].replace('{number}', String(n)), exact: true });
      await page.getByRole('button', { name: `${t['rules.editRule']} — Hidden helper app` }).click();
      await page.getByText(t['rules.edit'].replace('{name}', 'Hidden helper app')).waitFor();
      await page.getByLabel(t['findings.filterSeverity']).selectOption('high');
      await page.getByRole('button', { name: t['rules.addGroup'] }).click();
      await condition(2).getByLabel(t['rules.field'], { exact: true }).fill('data.hasLauncherIcon');
      await condition(2).getByLabel(t['rules.value'], { exact: true }).fill('false');
      await page.getByRole('group', { name: t['rules.group'] }).getByRole('button', { name: t['rules.addCondition'] }).click();
      await condition(3).getByLabel(t['rules.field'], { exact: true }).fill('data.installer');
      await condition(3).getByLabel(t['rules.operator'], { exact: true }).selectOption({ label: t['rules.op.not-exists'] });
      await shot('settings-rule-edit');
      await page.getByRole('button', { name: t['rules.saveChanges'] }).click();
      await page.getByText(t['rules.version'].replace('{version}', '2')).waitFor();
      const [rule] = ((await served.invoke('rules.list', {})) as { result: { id: string; version: number; definition: { severity: string; when: unknown } }[] }).result;
      expect(rule).toMatchObject({
        version: 2,
        definition: {
          severity: 'high',
          when: { all: [{ field: 'data.packageName', op: 'equals', value: 'com.systemservice' }, { any: [{ field: 'data.hasLauncherIcon', op: 'equals', value: 'false' }, { field: 'data.installer', op: 'not-exists' }] }] },
        },
      });
      // The edited rule fires on the demo phone's hidden stalkerware.
      const [theCase] = ((await served.invoke('cases.list', {})) as { result: { id: string }[] }).result;
      // Detection answers with counts and the summary; the findings are asked for.
      await served.invoke('detection.run', { caseId: theCase!.id });
      const listed = (await served.invoke('findings.list', { caseId: theCase!.id })) as { result: { ruleId: string; severity: string }[] };
      expect(listed.result.find((finding) => finding.ruleId === `rule:${rule!.id}`)?.severity).toBe('high');

      // Turned off, then deleted after a confirmation.
      await page.getByLabel(t['rules.enabled']).uncheck();
      await expect.poll(async () => ((await served.invoke('rules.list', {})) as { result: { definition: { enabled: boolean } }[] }).result[0]?.definition.enabled).toBe(false);
      await page.getByRole('button', { name: `${t['rules.delete']} — Hidden helper app` }).click();
      await page.getByText(t['rules.deleteConfirm'].replace('{name}', 'Hidden helper app')).waitFor();
      await shot('settings-rule-delete');
      await page.getByRole('button', { name: t['rules.deleteYes'] }).click();
      await page.getByText(t['rules.none']).waitFor();
      // The form waits for the settings as stored (held back here): nothing she ticks before is overwritten.
      const settings = await holdBack(page, 'forward.status');
      await page.getByRole('tab', { name: t['settings.tab.forwarding'] }).click();
      await page.getByRole('status').filter({ hasText: t['loading.part'] }).waitFor();
      expect(await page.getByLabel(t['forwarding.enabled']).count()).toBe(0);
      await settings.release();
      await page.getByLabel(t['forwarding.enabled']).check();
      await page.getByLabel(t['forwarding.file']).fill(path.join(dir, 'events.jsonl'));
      await page.getByRole('button', { name: t['settings.save'] }).click();
      await page.getByText(t['settings.saved']).waitFor();
      await page.getByRole('button', { name: t['forwarding.test'] }).click();
      await page.getByText(t['forwarding.testOk']).waitFor();
      await shot('settings-forwarding');
      await page.getByRole('tab', { name: t['settings.tab.logs'] }).click();
      await page.getByText(t['logs.intact'].split('{')[0]!.trim()).waitFor();
      await shot('settings-logs');
      // About: the version, the licence, and each shipped list credited with its authors and licence.
      await page.getByRole('tab', { name: t['settings.tab.about'] }).click();
      const aboutPanel = page.getByRole('tabpanel');
      await aboutPanel.getByText('GPL-3.0-or-later').waitFor();
      await aboutPanel.getByText('Echap stalkerware-indicators').waitFor();
      expect(await aboutPanel.textContent()).toMatch(/CC BY 4\.0[\s\S]*MIT|MIT[\s\S]*CC BY 4\.0/);
      await shot('settings-about');
      expect(pageErrors).toEqual([]);
      expect(journey.accessibility).toEqual([]);
    } finally {
      await page?.close();
      await served.invoke('demo.stop', {}).catch(() => undefined);
      await served.stop();
      removeDir(dir);
    }
  }, slow(180_000));
});

/** Clicks a button that opens the system's file picker, and chooses `file` in it. */
async function choose(page: Page, button: Locator, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button.click()]);
  await chooser.setFiles(file);
}
