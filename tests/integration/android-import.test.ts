// Offline Android acquisitions imported into a case: MVT's real androidqf acquisition (as a folder and as a
// zip), a bugreport zip assembled from MVT's real dumpsys/getprop/ps outputs in dumpstate's layout, and
// hostile or broken inputs, which give a clear error and add nothing misleading to the case.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SentinelleError } from '../../src-shared/errors.js';
import { androidTestBed, type AndroidTestBed } from '../helpers/android.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { zipOf } from '../helpers/zip.js';
import { ANDROIDQF, dumpstateText } from '../helpers/mvt-recordings.js';
import { MVT } from '../helpers/shared.js';
import { callWithFindings } from '../helpers/findings.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let bed: AndroidTestBed;
let scratch: string;
beforeEach(async () => {
  bed = await androidTestBed();
  scratch = makeTempDir('sentinelle-import-');
});
afterEach(async () => {
  await bed.close();
  removeDir(scratch);
});

async function failure(promise: Promise<unknown>): Promise<SentinelleError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(SentinelleError);
  return error as SentinelleError;
}

describe('importing an androidqf acquisition', () => {
  it('reads MVT’s androidqf folder with the same parsers and detection as a live scan', async () => {
    const outcome = await callWithFindings(bed.app, 'scans.import', { caseId: bed.caseId, path: ANDROIDQF });
    expect(outcome.format).toBe('androidqf');
    expect(outcome.scan).toMatchObject({ status: 'completed', kind: 'android-androidqf' });

    // Every file read is kept as it was on disk.
    const captures = await bed.app.call('artifacts.list', { caseId: bed.caseId, scanId: outcome.scan.id });
    expect(captures.map((capture) => path.basename(capture.path!)).sort()).toEqual([...outcome.files].sort());
    for (const capture of captures) expect(capture.sha256).toBe(sha256(fs.readFileSync(path.join(ANDROIDQF, path.basename(capture.path!)))));
    expect(outcome.files).toEqual(expect.arrayContaining(['packages.json', 'getprop.txt', 'dumpsys.txt', 'ps.txt', 'root_binaries.json']));

    // The apps, as packages.json lists them.
    const listed = JSON.parse(fs.readFileSync(path.join(ANDROIDQF, 'packages.json'), 'utf8')) as { name: string; installer: string; system: boolean; files: { sha256: string; certificate: { Sha1: string } }[] }[];
    const apps = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.package' });
    expect(apps.map((app) => app.subject).sort()).toEqual(listed.map((entry) => entry.name).sort());
    for (const entry of listed) {
      const app = apps.find((candidate) => candidate.subject === entry.name)!;
      expect(app.data.installer, entry.name).toBe(entry.installer === 'null' ? null : entry.installer);
      expect(app.data.isSystem, entry.name).toBe(entry.system);
      expect(app.data.apkSha256, entry.name).toBe(entry.files[0]!.sha256);
      expect((app.data.certSha1 as string[]).map((value) => value.toLowerCase()), entry.name).toEqual([entry.files[0]!.certificate.Sha1.toLowerCase()]);
    }

    // root_binaries.json: su and Magisk traces, which detection reports.
    const root = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'root-indicator' });
    expect(root.map((observation) => observation.data.detail)).toEqual(expect.arrayContaining(['/system/bin/su', '/data/local/tmp/magisk']));
    expect(outcome.findings.map((finding) => finding.ruleId)).toContain('heuristic:android.rooted');
  });

  it('reads the same acquisition from a zip with a top folder', async () => {
    const files = Object.fromEntries(fs.readdirSync(ANDROIDQF).map((name) => [`androidqf_2022-01-28/${name}`, fs.readFileSync(path.join(ANDROIDQF, name))]));
    const zipFile = path.join(scratch, 'androidqf.zip');
    fs.writeFileSync(zipFile, await zipOf(files));
    const fromZip = await callWithFindings(bed.app, 'scans.import', { caseId: bed.caseId, path: zipFile });
    const other = await bed.app.call('cases.create', { label: 'folder' });
    const fromFolder = await callWithFindings(bed.app, 'scans.import', { caseId: other.id, path: ANDROIDQF });
    expect(fromZip.format).toBe('androidqf');
    expect(fromZip.observations).toBe(fromFolder.observations);
    const hashes = async (caseId: string, scanId: string) => (await bed.app.call('artifacts.list', { caseId, scanId })).map((capture) => capture.sha256).sort();
    expect(await hashes(bed.caseId, fromZip.scan.id)).toEqual(await hashes(other.id, fromFolder.scan.id));
  });
});

describe('importing an Android bugreport', () => {
  it('reads the main dumpstate text named by main_entry.txt: properties, processes, apps, accessibility and app operations', async () => {
    const text = dumpstateText();
    const zipFile = path.join(scratch, 'bugreport.zip');
    fs.writeFileSync(zipFile, await zipOf({ 'main_entry.txt': Buffer.from('bugreport-panther-2026-11-20.txt'), 'bugreport-panther-2026-11-20.txt': Buffer.from(text), 'version.txt': Buffer.from('2.0') }));
    const outcome = await callWithFindings(bed.app, 'scans.import', { caseId: bed.caseId, path: zipFile });
    expect(outcome).toMatchObject({ format: 'android-bugreport', files: ['bugreport-panther-2026-11-20.txt'] });
    expect((await bed.app.call('artifacts.list', { caseId: bed.caseId }))[0]!.sha256).toBe(sha256(Buffer.from(text)));

    const blocks = [...fs.readFileSync(path.join(MVT, 'android_data', 'dumpsys_packages.txt'), 'utf8').matchAll(/^ {2}Package \[([^\]]+)\]/gm)].map((match) => match[1]);
    const apps = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.package' });
    expect(apps.map((app) => app.subject).sort()).toEqual([...new Set(blocks)].sort());

    const processes = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'process' });
    // Kernel threads and worker threads are not processes; `init` (PID 1) is.
    expect(processes.find((observation) => observation.subject === 'init')?.data).toMatchObject({ pid: 1, ppid: 0, user: 'root' });
    expect(processes.some((observation) => observation.subject === 'worker-thread')).toBe(false);

    const appops = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.appop' });
    expect(appops.length).toBeGreaterThan(0);
  });

  it('reads which apps read her notifications from the notification section, with the profile of each', async () => {
    // A notification section in ManagedServices.dump's layout, appended as dumpstate appends a service.
    const notification = [
      '-------------------------------------------------------------------------------',
      'DUMP OF SERVICE notification:',
      '  Notification listeners:',
      '    Allowed notification listeners:',
      '      com.systemservice/com.systemservice.NotificationReader (user: 0 isPrimary: true isUserChanged: false)',
      '      core.framework/core.framework.NotifyService (user: 10 isPrimary: true isUserChanged: false)',
      '    All notification listeners (2) enabled for current profiles:',
      '      ComponentInfo{com.systemservice/com.systemservice.NotificationReader}',
      '',
    ].join('\n');
    const zipFile = path.join(scratch, 'bugreport.zip');
    fs.writeFileSync(zipFile, await zipOf({ 'bugreport-panther-2026-11-20.txt': Buffer.from(`${dumpstateText()}${notification}`) }));
    await callWithFindings(bed.app, 'scans.import', { caseId: bed.caseId, path: zipFile });
    const listeners = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.notification-listener' });
    expect(listeners.map((listener) => [listener.subject, (listener.data.profile as { id: number } | null)?.id ?? 0]).sort()).toEqual([['com.systemservice', 0], ['core.framework', 10]]);
  });
});

describe('importing a bugreport with no notification section', () => {
  it('reads the listeners, accessibility services and Play Protect from its settings section, per user', async () => {
    // `dumpsys settings` in SettingsProvider.dumpSettingsLocked's layout (`_id:… name:… pkg:… value:… default:…`),
    // a heading per namespace and user, `Historical operations` after each; the notification section absent.
    const settings = [
      '-------------------------------------------------------------------------------',
      'DUMP OF SERVICE settings:',
      'GLOBAL SETTINGS (user 0)',
      'version: 231',
      '_id:72 name:package_verifier_user_consent pkg:com.android.vending value:-1 default:null defaultSystemSet:false',
      '_id:73 name:adb_enabled pkg:android value:1 default:0 defaultSystemSet:true',
      '',
      'Historical operations',
      '2026-11-19 21:02:30 update adb_enabled',
      'SECURE SETTINGS (user 0)',
      '_id:240 name:enabled_notification_listeners pkg:android value:com.systemservice/com.systemservice.NotificationReader default:null defaultSystemSet:false',
      '_id:241 name:enabled_accessibility_services pkg:com.android.settings value:com.systemservice/com.systemservice.Access',
      '_id:242 name:accessibility_enabled value:1',
      '',
      'SECURE SETTINGS (user 10)',
      '_id:311 name:enabled_notification_listeners pkg:android value:core.framework/core.framework.NotifyService tag:null',
      '',
      'SYSTEM SETTINGS (user 0)',
      '_id:5 name:screen_brightness pkg:android value:102',
      '',
    ].join('\n');
    const zipFile = path.join(scratch, 'bugreport.zip');
    fs.writeFileSync(zipFile, await zipOf({ 'bugreport-panther-2026-11-20.txt': Buffer.from(`${dumpstateText()}${settings}`) }));
    await callWithFindings(bed.app, 'scans.import', { caseId: bed.caseId, path: zipFile });
    const listeners = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.notification-listener' });
    expect(listeners.map((listener) => [listener.subject, (listener.data.profile as { id: number } | null)?.id ?? 0]).sort()).toEqual([['com.systemservice', 0], ['core.framework', 10]]);
    const accessibility = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.accessibility-service' });
    expect(accessibility.map((service) => service.data.component)).toContain('com.systemservice/com.systemservice.Access');
    const consent = (await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.setting' })).find((setting) => setting.subject === 'global:package_verifier_user_consent');
    expect(consent?.data.value).toBe('-1');
    // The listener reading her notifications has a verdict, as in a live scan.
    const findings = await bed.app.call('findings.list', { caseId: bed.caseId });
    expect(findings.some((finding) => finding.details.packageName === 'core.framework' && JSON.stringify(finding.details).includes('android.notification-access'))).toBe(true);
  });
});

describe('broken and hostile acquisitions', () => {
  it('refuses a truncated zip with a clear message, and adds nothing', async () => {
    const whole = await zipOf({ 'main_entry.txt': Buffer.from('bugreport.txt'), 'bugreport.txt': Buffer.from(dumpstateText()) });
    const truncated = path.join(scratch, 'truncated.zip');
    fs.writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length / 2)));
    const error = await failure(callWithFindings(bed.app, 'scans.import', { caseId: bed.caseId, path: truncated }));
    expect(error.code).toBe('import.unreadable');
    expect(error.message).toMatch(/truncated\.zip/);
    expect(await bed.app.call('scans.list', { caseId: bed.caseId })).toEqual([]);
  });

  it('adds nothing to a closed case', async () => {
    await bed.app.call('cases.close', { caseId: bed.caseId });
    expect((await failure(callWithFindings(bed.app, 'scans.import', { caseId: bed.caseId, path: ANDROIDQF }))).code).toBe('case.already-closed');
    expect(await bed.app.call('scans.list', { caseId: bed.caseId })).toEqual([]);
  });

  it('refuses a folder that is no acquisition, an encrypted androidqf, and a path that does not exist', async () => {
    fs.writeFileSync(path.join(scratch, 'notes.txt'), 'not an acquisition');
    expect((await failure(callWithFindings(bed.app, 'scans.import', { caseId: bed.caseId, path: scratch }))).message).toMatch(/neither an androidqf acquisition/);
    const encrypted = path.join(scratch, 'encrypted.zip');
    fs.writeFileSync(encrypted, await zipOf({ 'acquisition.zip.age': Buffer.from('age-encryption.org/v1\n') }));
    expect((await failure(callWithFindings(bed.app, 'scans.import', { caseId: bed.caseId, path: encrypted }))).message).toMatch(/encrypted/);
    expect((await failure(callWithFindings(bed.app, 'scans.import', { caseId: bed.caseId, path: path.join(scratch, 'missing') }))).code).toBe('import.unreadable');
  });

  it('refuses a file far larger than its kind can be, without reading it', async () => {
    const folder = path.join(scratch, 'inflated');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'packages.json'), '[]');
    fs.writeFileSync(path.join(folder, 'getprop.txt'), '');
    fs.truncateSync(path.join(folder, 'getprop.txt'), 100 * 1024 * 1024); // sparse: 100 MiB on paper
    const error = await failure(callWithFindings(bed.app, 'scans.import', { caseId: bed.caseId, path: folder }));
    expect(error.code).toBe('import.unreadable');
    expect(error.message).toMatch(/getprop\.txt is larger than Sentinelle reads/);
  });

  it('marks the import failed when packages.json is not androidqf’s, keeping the files it read as evidence of the attempt', async () => {
    const folder = path.join(scratch, 'forged');
    fs.mkdirSync(folder);
    fs.copyFileSync(path.join(ANDROIDQF, 'getprop.txt'), path.join(folder, 'getprop.txt'));
    fs.writeFileSync(path.join(folder, 'packages.json'), JSON.stringify([{ name: 42, files: 'all of them' }]));
    const error = await failure(callWithFindings(bed.app, 'scans.import', { caseId: bed.caseId, path: folder }));
    expect(error.code).toBe('import.unreadable');
    expect(error.technical).toMatch(/packages\.json/);
    const [scan] = await bed.app.call('scans.list', { caseId: bed.caseId });
    expect(scan?.status).toBe('failed');
    expect((await bed.app.call('artifacts.list', { caseId: bed.caseId })).length).toBe(2);
    expect(await bed.app.call('observations.list', { caseId: bed.caseId })).toEqual([]);
  });
});
