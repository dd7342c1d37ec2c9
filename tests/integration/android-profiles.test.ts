// Every user and profile of a phone, through the live scan: an app hidden in a work profile is found and
// placed in it (its apps, launcher icons and rights read with `--user 10`), the owner's apps are not blamed
// for it; a Samsung phone whose Secure Folder the shell may not see is still scanned (the owner's listing
// asked for with `--user 0`) and the scan says what it could not read. Phones come from demo profiles and a
// profile file of the test's own (run with `sentinelle demo --profile-file` too); the Samsung behaviour and
// its SecurityException text are those reported by Maestro (#418), androidqf (#12) and web-ext (#2903) users.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIVE_COLLECTORS } from '../../src-main/acquisition/android/collectors/index.js';
import { loadDemoProfile, loadProfileFile } from '../../src-main/demo/phone-profile.js';
import { ProfilePhone } from '../../src-main/demo/profile-phone.js';
import { builtinResourcesDir } from '../../src-main/package-info.js';
import { ruleIdsOf, callWithFindings } from '../helpers/findings.js';
import { androidTestBed, shellCommands, type AndroidTestBed } from '../helpers/android.js';

/** A Galaxy with a Secure Folder (user 150, closed to the shell) holding one app of its own. */
function samsungProfile(): Record<string, unknown> {
  const clean = JSON.parse(fs.readFileSync(path.join(builtinResourcesDir, 'demo', 'clean.json'), 'utf8')) as Record<string, unknown>;
  return {
    ...clean,
    id: 'samsung-secure-folder',
    device: { manufacturer: 'samsung', model: 'SM-S911B', device: 'dm1q', serial: 'R5CW10SECF', android: '14', sdk: 34, securityPatch: '2025-09-01' },
    users: [{ id: 150, name: 'Secure Folder', type: 'profile.managed', shellAccess: false, packages: [{ name: 'com.sec.android.app.myfiles', label: 'My Files', system: true }] }],
  };
}

describe('every user and profile of a phone', () => {
  let bed: AndroidTestBed;
  let dir: string;
  beforeEach(async () => {
    bed = await androidTestBed({ via: 'adb-server' });
    dir = fs.mkdtempSync(path.join(bed.dir, 'profiles-'));
  });
  afterEach(async () => {
    await bed.close();
  });

  it('finds an app installed only in a work profile, places it there, and reads the profile’s own rights', async () => {
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: await bed.plug('work-profile') });
    expect(outcome.scan.status).toBe('completed');
    expect(outcome.notes).toEqual([]);

    // The profile was read with its own listings.
    const sent = shellCommands(bed.log());
    expect(sent).toEqual(expect.arrayContaining(['pm list users', 'pm list packages -f -i -U --user 10', 'settings --user 10 list secure', expect.stringMatching(/^cmd package query-activities --brief --user 10 /)]));
    const [user] = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.user' }).then((users) => users.filter((item) => item.subject === '10'));
    expect(user?.data).toMatchObject({ id: 10, name: 'Work profile', type: 'profile.managed' });

    // The app is the work profile's, not the owner's.
    const apps = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.package' });
    const hidden = apps.filter((app) => app.subject === 'core.framework');
    expect(hidden.map((app) => app.data.profile)).toEqual([{ id: 10, name: 'Work profile', type: 'profile.managed' }]);
    expect(hidden[0]?.data.hasLauncherIcon).toBe(false);
    expect(apps.find((app) => app.subject === 'com.whatsapp')?.data.profile).toBeNull();
    const grants = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.accessibility-service' });
    expect(grants.filter((grant) => grant.subject === 'core.framework').map((grant) => grant.data.profile)).toEqual([expect.objectContaining({ id: 10 })]);

    // Every finding about it says where it lives: named as mSpy, in the work profile.
    const about = outcome.findings.filter((finding) => finding.details.packageName === 'core.framework' || finding.product?.id === 'mspy');
    expect(about).toHaveLength(1);
    expect(ruleIdsOf(about)).toEqual(expect.arrayContaining(['signature:mspy', 'heuristic:android.accessibility-rights']));
    expect(about.some((finding) => finding.product?.id === 'mspy' && finding.severity === 'critical')).toBe(true);
    for (const finding of about) {
      expect(finding.details.profiles, finding.ruleId).toEqual([expect.objectContaining({ id: 10, name: 'Work profile' })]);
      expect(finding.title.en).toContain('in the work profile “Work profile”');
      expect(finding.title.fr).toContain('dans le profil professionnel « Work profile »');
    }
    // No containment step is offered for an app inside a profile: Sentinelle turns off apps of the owner only.
    const mspy = about.find((finding) => finding.product?.id === 'mspy')!;
    const guidance = await bed.app.call('response.guidance', { findingId: mspy.id });
    expect(guidance.containment).toMatchObject({ kind: null, packageName: null });
    expect(guidance.containment.explanation.en).toContain('an app inside a work profile or of another user is not turned off from here');
    // The profile's manager is a question for her, placed in the profile; nothing of the owner's own apps is blamed above low.
    const manager = outcome.findings.find((finding) => finding.ruleId === 'heuristic:android.device-owner');
    expect(manager).toMatchObject({ severity: 'medium', details: expect.objectContaining({ profiles: [expect.objectContaining({ id: 10 })] }) });
    expect(manager?.title.en).toMatch(/^A separate profile on the phone is managed by .* — in the work profile “Work profile”$/);
    const others = outcome.findings.filter((finding) => !about.includes(finding) && finding !== manager && finding.severity !== 'low' && finding.retiredAt === null);
    expect(others.map((finding) => finding.title.en)).toEqual([]);
  });

  it('judges an app that lives only in a work profile by the runtime permissions it holds there', async () => {
    // No list names it and it holds no special right: only location at any time, messages and the
    // microphone, granted in the profile (the owner never had it), and no icon.
    const work = JSON.parse(fs.readFileSync(path.join(builtinResourcesDir, 'demo', 'work-profile.json'), 'utf8')) as { users: { packages: Record<string, unknown>[]; accessibility: string[]; notificationListeners: string[] }[] } & Record<string, unknown>;
    const [profile] = work.users;
    profile!.packages = profile!.packages.map((spec) => (spec.name === 'core.framework' ? { ...spec, name: 'com.example.tracker', label: 'Tracker', certificate: 'demo-publisher' } : spec));
    profile!.accessibility = [];
    profile!.notificationListeners = [];
    const file = path.join(dir, 'profile-only.json');
    fs.writeFileSync(file, JSON.stringify({ ...work, id: 'profile-only-tracker' }));
    const plugged = await bed.plugSimulator(await ProfilePhone.create(loadProfileFile(builtinResourcesDir, file)));
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: plugged.serial });

    const [app] = (await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.package' })).filter((item) => item.subject === 'com.example.tracker');
    expect(app?.data.grantedPermissions).toEqual(expect.arrayContaining(['android.permission.ACCESS_BACKGROUND_LOCATION', 'android.permission.READ_SMS', 'android.permission.RECORD_AUDIO']));
    const verdict = outcome.findings.find((finding) => finding.details.packageName === 'com.example.tracker');
    expect(verdict).toMatchObject({ severity: 'high', product: null, details: expect.objectContaining({ profiles: [expect.objectContaining({ id: 10 })] }) });
    expect(ruleIdsOf([verdict!])).toEqual(expect.arrayContaining(['heuristic:android.hidden-app', 'heuristic:android.location-and-communications']));
  });

  it('records the collectors that ran, with their versions, and the report’s method lists them in French and English', async () => {
    await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: await bed.plug('work-profile') });
    const lawyer = await bed.app.call('keys.generate', { label: 'Lawyer' });
    for (const language of ['fr', 'en'] as const) {
      const bundle = path.join(dir, `case-${language}.sntl`);
      await bed.app.call('bundles.export', { caseId: bed.caseId, out: bundle, recipients: [lawyer.publicKey], language });
      const extracted = path.join(dir, `extracted-${language}`);
      const verdict = await bed.app.call('bundles.verify', { path: bundle, identity: lawyer.secretKey, extractTo: extracted });
      expect(verdict.problems).toEqual([]);
      const manifest = JSON.parse(fs.readFileSync(path.join(extracted, 'manifest.json'), 'utf8')) as { method: { collectors: { id: string; version: string; commands: string[]; description: { en: string; fr: string } }[]; heuristics: { id: string; version: string }[] } };
      const ran = manifest.method.collectors;
      // Every collector of the list that reads a live phone ran on this one (Android 14), each with its version as registered.
      expect(ran.map((collector) => `${collector.id} v${collector.version}`).sort()).toEqual(LIVE_COLLECTORS.map((collector) => `${collector.id} v${collector.version}`).sort());
      expect(ran.find((collector) => collector.id === 'packages')?.commands).toEqual(['pm list packages -f -i -U', 'pm list packages -f -i -U --user {user}']);
      expect(manifest.method.heuristics.map((heuristic) => heuristic.id)).toContain('android.device-owner');
      expect(manifest.method.heuristics.every((heuristic) => heuristic.id.startsWith('android.'))).toBe(true);
      const report = fs.readFileSync(path.join(extracted, 'report.html'), 'utf8');
      const method = report.slice(report.indexOf(language === 'fr' ? 'Ce qui a été lu, et comment' : 'What was read, and how'));
      for (const collector of ran) {
        expect(method).toContain(collector.description[language].replace(/’/g, '’'));
        expect(method).toContain(`${collector.id} v${collector.version}`);
      }
      expect(method).toContain('<code>dumpsys device_policy</code>');
      // Where and when the hidden app came from: installed nine days before, in the work profile, from outside a store.
      const timeline = report.slice(report.indexOf(language === 'fr' ? 'Applications installées dans les 8 semaines' : 'Apps installed in the 8 weeks'), report.indexOf(language === 'fr' ? '<h2>Méthode' : '<h2>Method'));
      const row = timeline.split('<tr>').find((line) => line.includes('<code>core.framework</code>'));
      expect(row).toContain(language === 'fr' ? 'installée' : 'installed');
      expect(row).toContain('Work profile');
      expect(row).toContain(language === 'fr' ? 'non enregistré (adb, ou préinstallé)' : 'not recorded (adb, or preinstalled)');
      expect(timeline).not.toContain('<code>com.whatsapp</code>');
    }
  });

  it('scans a Samsung phone whose Secure Folder refuses the shell, and says the folder could not be read', async () => {
    const file = path.join(dir, 'samsung.json');
    fs.writeFileSync(file, JSON.stringify(samsungProfile()));
    const phone = await ProfilePhone.create(loadProfileFile(builtinResourcesDir, file));
    // What such a phone prints: the plain listing is refused, the owner's by name is not.
    expect(phone.shell('pm list packages -f -i -U')!.toString()).toContain('SecurityException: Shell does not have permission to access user 150');
    const plugged = await bed.plugSimulator(phone);

    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: plugged.serial });
    expect(outcome.scan.status).toBe('completed');
    expect(shellCommands(plugged.simulator.log)).toContain('pm list packages -f -i -U --user 0');
    const apps = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.package' });
    expect(apps.map((app) => app.subject)).toEqual(expect.arrayContaining(['com.whatsapp', 'org.mozilla.firefox']));
    expect(outcome.notes).toEqual([expect.stringMatching(/^“Secure Folder” \(user 150\): the phone does not let a computer read its apps and settings \(java\.lang\.SecurityException: Shell does not have permission to access user 150\)\.$/)]);
    // The clean owner's phone stays clean: no alarm for a refusal.
    expect(outcome.findings.filter((finding) => finding.severity !== 'low')).toEqual([]);
  });

  it('finds the installer left in Downloads, hashes it on the phone, and never sends a file name that could be read as a command', async () => {
    const file = path.join(dir, 'hostile.json');
    const stalkerware = JSON.parse(fs.readFileSync(path.join(builtinResourcesDir, 'demo', 'stalkerware.json'), 'utf8')) as Record<string, unknown> & { storageFiles: unknown[] };
    const hostile = '/sdcard/Download/x;reboot $(rm -rf sdcard).apk';
    fs.writeFileSync(file, JSON.stringify({ ...stalkerware, storageFiles: [...stalkerware.storageFiles, { path: hostile, package: 'com.systemservice' }] }));
    const phone = await ProfilePhone.create(loadProfileFile(builtinResourcesDir, file));
    const plugged = await bed.plugSimulator(phone);
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: plugged.serial });

    const sent = shellCommands(plugged.simulator.log);
    const hashing = sent.filter((command) => command.startsWith('sha256sum '));
    expect(hashing.some((command) => command.includes('/sdcard/Download/SystemService.apk'))).toBe(true);
    expect(sent.some((command) => command.includes('reboot'))).toBe(false);
    const files = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'file' });
    expect(files.map((item) => [item.subject, item.data.sha256 === null])).toEqual(expect.arrayContaining([['/sdcard/Download/SystemService.apk', false], [hostile, true]]));
    const installers = outcome.findings.find((finding) => finding.ruleId === 'heuristic:android.installer-files');
    expect(installers?.severity).toBe('low');
    // The installed app by the name the phone shows (read from its APK), the file by its path.
    expect(installers?.explanation.en).toContain('Installed from one of them: “System Service” (/sdcard/Download/SystemService.apk)');
  });

  it('refuses a profile file that is not a valid phone profile, saying what is wrong', () => {
    const file = path.join(dir, 'broken.json');
    fs.writeFileSync(file, JSON.stringify({ ...samsungProfile(), users: [{ id: 0, name: 'x', type: 'profile.managed' }] }));
    expect(() => loadProfileFile(builtinResourcesDir, file)).toThrow(/users\.0\.id/);
    fs.writeFileSync(file, JSON.stringify({ ...samsungProfile(), packages: [{ name: 'com.x', label: 'X', certificate: '../../etc/passwd' }] }));
    expect(() => loadProfileFile(builtinResourcesDir, file)).toThrow(/certificate Sentinelle does not have/);
    expect(loadDemoProfile(builtinResourcesDir, 'work-profile').profile.users[0]?.id).toBe(10);
  });
});
