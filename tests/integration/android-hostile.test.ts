// A phone is untrusted input. Scans of phones that list paths a shell would interpret or that climb out of
// /data/app, refuse an APK they listed, lack the `cmd` tool (Android 6), take only short commands
// (Android 6's 4 KiB packets), or report an empty serial number: the scan completes with what it can read,
// sends nothing outside its allow-list, and raises no false alarm. A phone that hangs mid-command is given up
// on, one that floods is cut off at the size caps, and a cancel stops at once — reached directly and
// through the adb server alike. The phones are the demo profiles with their outputs altered here, served by
// the adbd simulator.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PHONE_LIMITS } from '../../src-main/acquisition/android/adb/transfer.js';
import { OUTPUT_READING } from '../../src-main/acquisition/android/scan-outputs.js';
import type { SimulatedPhone, SimulatorBehaviour } from '../../src-main/demo/adbd-simulator.js';
import fs from 'node:fs';
import path from 'node:path';
import { loadDemoProfile, loadProfileFile } from '../../src-main/demo/phone-profile.js';
import { ProfilePhone } from '../../src-main/demo/profile-phone.js';
import { builtinResourcesDir } from '../../src-main/package-info.js';
import { androidTestBed, shellCommands, TRANSPORTS, type AndroidTestBed } from '../helpers/android.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { zipOf } from '../helpers/zip.js';
import { alteredPhone, stuckApk } from '../helpers/hostile-phones.js';
import { runSentinelle } from '../helpers/cli.js';
import { TEST_PASSPHRASE } from '../helpers/app.js';
import type { SentinelleError } from '../../src-shared/errors.js';
import { callWithFindings } from '../helpers/findings.js';

const replaceProperty = (output: Buffer, key: string, value: string) => Buffer.from(output.toString('utf8').replace(new RegExp(`^\\[${key.replace(/\./g, '\\.')}\\]: \\[[^\\]]*\\]$`, 'm'), `[${key}]: [${value}]`));

let bed: AndroidTestBed;
afterEach(async () => {
  await bed.close();
});

describe('a hostile or unusual phone', () => {
  beforeEach(async () => {
    bed = await androidTestBed();
  });

  it('skips listed paths that are not plain installed APKs, and an APK the phone refuses to give, and completes the scan', async () => {
    const extra = [
      'package:/data/app/../../sdcard/Download/evil.apk=com.evil.dots  installer=null uid:10500',
      'package:/data/app/x;reboot/base.apk=com.evil.semicolon  installer=null uid:10501',
      `package:/data/app/~~${'a'.repeat(700)}==/com.evil.long-x==/base.apk=com.evil.long  installer=null uid:10502`,
      'package:/data/app/~~gone==/com.gone.app-x==/base.apk=com.gone.app  installer=null uid:10503',
    ].join('\n');
    const { serial, simulator } = await bed.plugSimulator(await alteredPhone('stalkerware', (command, output) => (command === 'pm list packages -f -i -U' ? Buffer.concat([output!, Buffer.from(`${extra}\n`)]) : output)));
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
    expect(outcome.scan.status).toBe('completed');
    expect(outcome.findings.some((finding) => finding.product?.id === 'thetruthspy')).toBe(true);

    const services = simulator.log.map((entry) => entry.service);
    expect(services.filter((service) => /evil/.test(service))).toEqual([]);
    expect(services).toContain('sync:STAT /data/app/~~gone==/com.gone.app-x==/base.apk');
    const skipped = (await bed.app.call('custody.list', { caseId: bed.caseId })).filter((entry) => entry.action === 'scan.file-skipped');
    expect(skipped.map((entry) => entry.details)).toEqual([expect.objectContaining({ path: '/data/app/~~gone==/com.gone.app-x==/base.apk', reason: 'acquisition.file-refused' })]);
    // The apps are still listed as evidence, whatever their paths.
    const apps = (await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.package', limit: 10_000 })).map((app) => app.subject);
    expect(apps).toEqual(expect.arrayContaining(['com.evil.dots', 'com.evil.semicolon', 'com.evil.long', 'com.gone.app']));
  });

  it('keeps analysing every other app when one app’s fields are longer than any phone sends, and says what it clipped', async () => {
    // The stalkerware demo phone plus apps whose manifest the abuser wrote: a 5,000-character version name,
    // 5,001 permissions, a 300-character package name.
    const dir = makeTempDir('sentinelle-hostile-');
    try {
      const profile = JSON.parse(fs.readFileSync(path.join(builtinResourcesDir, 'demo', 'stalkerware.json'), 'utf8')) as { id: string; packages: Record<string, unknown>[] };
      profile.id = 'hostile-fields';
      profile.packages.push(
        { name: 'com.hostile.version', label: 'Version', versionName: 'x'.repeat(5000) },
        { name: 'com.hostile.permissions', label: 'Permissions', requested: Array.from({ length: 5001 }, (_, i) => `com.hostile.permission.P${i}`) },
        { name: `com.${'a'.repeat(296)}`, label: 'Long' },
      );
      const file = path.join(dir, 'hostile-fields.json');
      fs.writeFileSync(file, JSON.stringify(profile));
      const { serial } = await bed.plugSimulator(await ProfilePhone.create(loadProfileFile(builtinResourcesDir, file)));
      const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
      expect(outcome.scan.status).toBe('completed');
      expect(outcome.notes.join(' ')).toMatch(/fields longer than any real phone sends — clipped/);
      // The other apps' verdicts are all there: the listed stalkerware, and what its rights say.
      const spy = outcome.findings.find((finding) => finding.product?.id === 'thetruthspy');
      expect(spy?.severity).toBe('critical');
      expect(JSON.stringify(spy?.details)).toMatch(/android\.accessibility-rights/);
      const apps = (await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.package', limit: 10_000 })).map((app) => app.subject);
      expect(apps).toEqual(expect.arrayContaining(['com.hostile.version', 'com.hostile.permissions', `com.${'a'.repeat(296)}`]));
      const custody = await bed.app.call('custody.list', { caseId: bed.caseId });
      expect(custody.find((entry) => entry.action === 'scan.records-fitted')?.details).toMatchObject({ clippedCount: 3, setAsideCount: 0 });
      const check = await bed.app.call('vault.check', {});
      expect(check.databaseIntegrity).toEqual(['ok']);
      expect(check.custody.intact).toBe(true);
    } finally {
      removeDir(dir);
    }
  });

  it('shows what a phone named an app as text — no terminal sequence, no reversed line — on the screen, in the report and in the command line', async () => {
    const dir = makeTempDir('sentinelle-names-');
    try {
      // The stalkerware demo phone, with its spy labelled to clear a terminal and to reverse the line after it.
      const profile = JSON.parse(fs.readFileSync(path.join(builtinResourcesDir, 'demo', 'stalkerware.json'), 'utf8')) as { id: string; packages: { name: string; label: string }[] };
      profile.id = 'hostile-label';
      profile.packages.find((spec) => spec.name === 'com.systemservice')!.label = '\u001b[2J\u001b[HSystem \u202Eerawreklats';
      const file = path.join(dir, 'hostile-label.json');
      fs.writeFileSync(file, JSON.stringify(profile));
      const { serial } = await bed.plugSimulator(await ProfilePhone.create(loadProfileFile(builtinResourcesDir, file)));
      const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
      const spy = outcome.findings.find((finding) => finding.details.packageName === 'com.systemservice')!;
      const hostile = /[\u001b\u202e]/;
      expect(spy.title.en).toContain('\\u{001B}[2J');
      expect(spy.title.en).toContain('\\u{202E}erawreklats');
      expect(`${spy.title.en} ${spy.explanation.en} ${spy.title.fr} ${spy.explanation.fr}`).not.toMatch(hostile);
      const { html } = await bed.app.call('reports.preview', { caseId: bed.caseId, language: 'en', redact: false });
      expect(html).not.toMatch(hostile);
      expect(html).toContain('\\u{202E}');
      // Each name and title set apart from the text around it, whichever way its own script runs.
      expect(html).toMatch(/<h3><span class="badge sev-critical">[^<]+<\/span> <bdi>[^<]*\\u\{001B\}\[2J/);
      // The command line prints the findings with the same names, as text.
      await bed.app.call('vault.lock', { reason: 'user' });
      const printed = await runSentinelle(['findings', '--case', bed.caseId, '--vault', bed.dir], { env: { SENTINELLE_PASSPHRASE: TEST_PASSPHRASE } });
      expect(printed.code, printed.stderr).toBe(0);
      expect(printed.stdout).toContain('\\u{001B}[2J');
      expect(printed.stdout).not.toMatch(hostile);
    } finally {
      removeDir(dir);
    }
  });

  it('locks at once when Quick exit is pressed during a scan of a slow phone, and the scan ends without writing to the closed vault', async () => {
    const serial = await bed.plug('stalkerware', { latencyMs: 150 });
    let locking: Promise<unknown> | null = null;
    bed.app.subscribe((event, payload) => {
      // Once the scan has read its first listings, the advocate presses Quick exit.
      if (event === 'scan.progress' && !locking && (payload as { index?: number }).index !== undefined && (payload as { index: number }).index >= 2) locking = bed.app.call('vault.lock', { reason: 'quick-exit' });
    });
    const error = (await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial }).then(() => null, (caught: unknown) => caught)) as SentinelleError | null;
    // The scan stopped rather than ran to its end (how fast: `npm run bench -- hostile`).
    expect(locking).not.toBeNull();
    expect(error?.code).toMatch(/^(scan\.cancelled|vault\.locked)$/);
    await locking;
    expect((await bed.app.call('vault.status', {})).state).toBe('locked');
    await bed.app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    const check = await bed.app.call('vault.check', {});
    expect(check.databaseIntegrity).toEqual(['ok']);
    expect(check.custody.intact).toBe(true);
  });

  it('stops at a packet that declares 1.5 GiB — before buffering it — and says the phone broke the protocol, keeping what was read', async () => {
    const phone = await ProfilePhone.create(loadDemoProfile(builtinResourcesDir, 'stalkerware'));
    const { serial } = await bed.plugSimulator(phone, { lieAbout: { command: 'pm list packages -f -i -U', declaredBytes: 1536 * 1024 * 1024 } });
    const before = process.memoryUsage().rss;
    const error = (await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial }).then(() => null, (caught: unknown) => caught)) as SentinelleError | null;
    expect(error?.code, `${error?.message} ${error?.technical}`).toBe("device.protocol");
    expect(error?.message).toMatch(/did not follow the protocol.*may have been tampered with/);
    expect(error?.technical).toMatch(/declaring 1610612736 bytes, more than adbd ever sends/);
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
    const [scan] = await bed.app.call('scans.list', { caseId: bed.caseId });
    expect(scan?.status).toBe('interrupted');
    expect((await bed.app.call('artifacts.list', { caseId: bed.caseId, scanId: scan!.id })).some((artifact) => artifact.command === 'getprop')).toBe(true);
    const custody = await bed.app.call('custody.list', { caseId: bed.caseId });
    expect(custody.find((entry) => entry.action === 'device.protocol-broken')?.details).toMatchObject({ detail: expect.stringMatching(/1610612736 bytes/) });
  });

  it('stops at a sync data block that declares 1 GiB for an app file of a few kilobytes, says the phone broke the protocol, and keeps every output read', async () => {
    const phone = await ProfilePhone.create(loadDemoProfile(builtinResourcesDir, 'stalkerware'));
    const spyPath = phone.shell('pm list packages -f -i -U')!.toString('utf8').match(/package:(\S+)=com\.systemservice\b/)![1]!;
    const { serial } = await bed.plugSimulator(phone, { lieInSync: { path: spyPath, declaredBytes: 1024 * 1024 * 1024 } });
    const before = process.memoryUsage().rss;
    const error = (await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial }).then(() => null, (caught: unknown) => caught)) as SentinelleError | null;
    expect(error?.code, `${error?.message} ${error?.technical}`).toBe('device.protocol');
    expect(error?.message).toMatch(/may have been tampered with/);
    expect(error?.technical).toBe('sync: a data block of 1073741824 bytes (adbd sends at most 65536)');
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
    const [scan] = await bed.app.call('scans.list', { caseId: bed.caseId });
    expect(scan?.status).toBe('interrupted');
    expect(scan?.completedSteps).toContain('apk-hashes');
    expect((await bed.app.call('custody.list', { caseId: bed.caseId })).some((entry) => entry.action === 'device.protocol-broken')).toBe(true);
    // What was read before is analysed: the spyware is named from its package.
    expect((await bed.app.call('findings.list', { caseId: bed.caseId })).some((finding) => finding.product?.id === 'thetruthspy')).toBe(true);
  });

  it('reads at most 16 other profiles of a phone that lists 5,000, and says so', async () => {
    const extra = Array.from({ length: 5000 }, (_, i) => `\tUserInfo{${i + 10}:Profile ${i}:1030} running`).join('\n');
    const { serial, simulator } = await bed.plugSimulator(await alteredPhone('stalkerware', (command, output) => (command === 'pm list users' ? Buffer.concat([output!, Buffer.from(`${extra}\n`)]) : output)));
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
    expect(outcome.scan.status).toBe('completed');
    expect(outcome.notes.join(' ')).toMatch(/lists 5000 other users and profiles; no phone has that many\. The first 16 were read/);
    // The work is bounded: commands naming another user go to 16 of them at most.
    const named = new Set(shellCommands(simulator.log).flatMap((command) => /--user (\d+)/.exec(command)?.[1] ?? []));
    expect(named.size).toBeLessThanOrEqual(16);
    expect(outcome.findings.find((finding) => finding.product?.id === 'thetruthspy')?.severity).toBe('critical');
  });

  it('stops waiting for a phone that drips its output a byte at a time, once the grace period is past, and keeps what was read', async () => {
    const saved = { ...PHONE_LIMITS };
    // The limits scaled down for the test: after 300 ms, at least 1,000 bytes a second (the phone drips 20).
    PHONE_LIMITS.rateGraceMs = 300;
    PHONE_LIMITS.minBytesPerSecond = 1000;
    try {
      const phone = await ProfilePhone.create(loadDemoProfile(builtinResourcesDir, 'stalkerware'));
      const { serial } = await bed.plugSimulator(phone, { trickle: { command: 'dumpsys package', intervalMs: 50 } });
      const error = (await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial }).then(() => null, (caught: unknown) => caught)) as SentinelleError | null;
      expect(error?.message).toMatch(/sends so slowly that the scan would never end/);
      expect(error?.technical).toMatch(/^dumpsys package: \d+ bytes in \d+ s, under 1000 bytes a second$/);
      const [scan] = await bed.app.call('scans.list', { caseId: bed.caseId });
      expect(scan?.status).toBe('interrupted');
      expect((await bed.app.call('artifacts.list', { caseId: bed.caseId, scanId: scan!.id })).some((artifact) => artifact.command === 'getprop')).toBe(true);
    } finally {
      Object.assign(PHONE_LIMITS, saved);
    }
  });

  it('stops a command that never ends however steadily it prints, and a scan past its own deadline, keeping and analysing what was read', async () => {
    const saved = { ...PHONE_LIMITS };
    try {
      const phone = await ProfilePhone.create(loadDemoProfile(builtinResourcesDir, 'stalkerware'));
      // A command dripping fast enough for the minimum rate, for longer than a command may take.
      PHONE_LIMITS.commandDeadlineMs = 800;
      const dripping = await bed.plugSimulator(phone, { trickle: { command: 'dumpsys appops', intervalMs: 20 } });
      const error = (await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: dripping.serial }).then(() => null, (caught: unknown) => caught)) as SentinelleError | null;
      expect(error?.message).toMatch(/took far longer than any phone takes to answer/);
      expect(error?.technical).toBe('dumpsys appops: not finished after 1 s');

      // Each command within its own deadline, the scan past its own (long enough for the app list to be read
      // first, even on a busy computer).
      Object.assign(PHONE_LIMITS, saved);
      PHONE_LIMITS.scanDeadlineMs = 3000;
      const other = await bed.app.call('cases.create', { label: 'deadline' });
      const slow = await bed.plugSimulator(phone, { trickle: { command: 'dumpsys appops', intervalMs: 20 } });
      const late = (await callWithFindings(bed.app, 'scans.android', { caseId: other.id, serial: slow.serial }).then(() => null, (caught: unknown) => caught)) as SentinelleError | null;
      expect(late?.code).toBe('scan.too-long');
      expect(late?.message).toMatch(/took far longer than any phone needs/);
      const [scan] = await bed.app.call('scans.list', { caseId: other.id });
      expect(scan?.status).toBe('interrupted');
      expect((await bed.app.call('custody.list', { caseId: other.id })).some((entry) => entry.action === 'scan.deadline')).toBe(true);
      // What was read before the deadline is analysed: the spyware's app is listed.
      const apps = (await bed.app.call('observations.list', { caseId: other.id, kind: 'android.package', limit: 10_000 })).map((app) => app.subject);
      expect(apps).toContain('com.systemservice');
    } finally {
      Object.assign(PHONE_LIMITS, saved);
    }
  });

  it('copies app files up to the scan’s budget, and lists the rest as not copied', async () => {
    const saved = PHONE_LIMITS.maxPulledBytesPerScan;
    PHONE_LIMITS.maxPulledBytesPerScan = 1; // scaled down: once anything is copied, the budget is spent
    try {
      // The stalkerware demo phone with eight more apps from outside a store (each worth copying).
      const profile = JSON.parse(fs.readFileSync(path.join(builtinResourcesDir, 'demo', 'stalkerware.json'), 'utf8')) as { id: string; packages: Record<string, unknown>[] };
      profile.id = 'many-sideloaded';
      for (let i = 0; i < 8; i += 1) profile.packages.push({ name: `org.example.sideloaded${i}`, label: `Tool ${i}`, installer: 'com.google.android.packageinstaller' });
      const file = path.join(bed.dir, 'many-sideloaded.json');
      fs.writeFileSync(file, JSON.stringify(profile));
      const { serial } = await bed.plugSimulator(await ProfilePhone.create(loadProfileFile(builtinResourcesDir, file)));
      const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
      expect(outcome.scan.status).toBe('completed');
      const skipped = (await bed.app.call('custody.list', { caseId: bed.caseId })).filter((entry) => entry.action === 'scan.file-skipped' && entry.details.reason === 'scan.pull-budget');
      const copied = (await bed.app.call('artifacts.list', { caseId: bed.caseId, scanId: outcome.scan.id })).filter((artifact) => artifact.path !== null && artifact.command === null);
      expect(skipped.length).toBeGreaterThan(0);
      // Pulls already under way when the budget ran out finish; no other starts (four run side by side).
      expect(copied.length).toBeLessThanOrEqual(4);
      expect(outcome.notes.join(' ')).toMatch(/was not copied: this scan already copied/);
    } finally {
      PHONE_LIMITS.maxPulledBytesPerScan = saved;
    }
  });

  it('reads outputs built to make a parser backtrack — a megabyte of letters as accessibility services, `UserInfo{1:` repeated as users — and completes', async () => {
    const letters = Buffer.from(`Enabled services:{{${'a'.repeat(1024 * 1024)}}}\n`);
    const users = Buffer.from(`Users:\n\tUserInfo{0:Owner:c13} running\n\t${'UserInfo{1:'.repeat(100_000)}\n`);
    const { serial } = await bed.plugSimulator(
      await alteredPhone('stalkerware', (command, output) => (command === 'dumpsys accessibility' ? letters : command === 'pm list users' || command === 'dumpsys user' ? users : output)),
    );
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
    expect(outcome.scan.status).toBe('completed');
    // The other apps' verdicts are there (the accessibility listing said nothing usable).
    expect(outcome.findings.find((finding) => finding.product?.id === 'thetruthspy')?.severity).toBe('critical');
    // The megabyte line was not read at all, and the scan says so.
    expect(outcome.notes).toContain('dumpsys accessibility: one line longer than any phone prints was not read (it is kept in the evidence).');
  });

  it('reads each output up to its reading cap, at a line’s end, keeps all of it in the vault, and says so', async () => {
    const saved = { ...OUTPUT_READING };
    try {
      OUTPUT_READING.maxBytes = 256 * 1024;
      const padding = Buffer.from('W/ActivityManager( 1234): Slow operation: 52ms so far\n'.repeat(20_000));
      const { serial } = await bed.plugSimulator(await alteredPhone('stalkerware', (command, output) => (command === 'dumpsys accessibility' ? Buffer.concat([output!, padding]) : output)));
      const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
      expect(outcome.scan.status).toBe('completed');
      expect(outcome.notes.join(' ')).toMatch(/dumpsys accessibility: it printed 1\.\d MiB, more than any phone prints; the first 2\d\d KiB were read, and all of it is kept/);
      // What came before the padding was read: the accessibility service the spyware holds is a sign of its own.
      const spy = outcome.findings.find((finding) => finding.product?.id === 'thetruthspy');
      expect(spy?.severity).toBe('critical');
      const kept = (await bed.app.call('artifacts.list', { caseId: bed.caseId })).find((artifact) => artifact.command === 'dumpsys accessibility');
      expect(kept?.size).toBeGreaterThan(padding.length);
    } finally {
      Object.assign(OUTPUT_READING, saved);
    }
  });

  it('sets aside an output that exhausts its reader, reads the others in a new one, and says which', async () => {
    const saved = { ...OUTPUT_READING };
    try {
      // A reader with a small heap, and a million processes in the process list.
      OUTPUT_READING.memoryMb = 64;
      const processes = Buffer.from(`USER PID PPID VSZ RSS WCHAN ADDR S NAME\n${'u0_a1 42 1 0 0 0 0 S x\n'.repeat(1024 * 1024)}`);
      const { serial } = await bed.plugSimulator(await alteredPhone('stalkerware', (command, output) => (command === 'ps -A' ? processes : output)));
      const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
      expect(outcome.scan.status).toBe('completed');
      expect(outcome.notes.join(' ')).toContain('ps -A: what the phone printed could not be read — reading it needs more memory than any real phone output; it is kept as evidence');
      expect(outcome.findings.find((finding) => finding.product?.id === 'thetruthspy')?.severity).toBe('critical');
      const apps = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.package', limit: 10_000 });
      expect(apps.length).toBeGreaterThan(5);
    } finally {
      Object.assign(OUTPUT_READING, saved);
    }
  });

  it('reads a stuck APK (a manifest chunk that sends its reader back to its start) in the worker: the scan ends, says so, and keeps every verdict', async () => {
    const stuck = await stuckApk();
    const phone = await ProfilePhone.create(loadDemoProfile(builtinResourcesDir, 'stalkerware'));
    const spyPath = phone.shell('pm list packages -f -i -U')!.toString('utf8').match(/package:(\S+)=com\.systemservice\b/)![1]!;
    const hostile: SimulatedPhone = { banner: phone.banner, shell: (command) => phone.shell(command), file: (path) => (path === spyPath ? stuck : phone.file(path)) };
    const { serial } = await bed.plugSimulator(hostile);
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
    expect(outcome.scan.status).toBe('completed');
    expect(outcome.notes.join(' ')).toContain(`The app file ${spyPath} could not be read`);
    expect(outcome.findings.find((finding) => finding.product?.id === 'thetruthspy')?.severity).toBe('critical');
    // The app answers meanwhile and after: the main thread was never held.
    expect((await bed.app.call('vault.status', {})).state).toBe('unlocked');
  });

  it('reads an APK whose manifest inflates a thousandfold without inflating it: the scan ends with every verdict', async () => {
    // 64 MiB of zeros deflate to some 64 KiB (a 3 MiB APK would hold a 3 GiB manifest the same way).
    const bomb = await zipOf({ 'AndroidManifest.xml': Buffer.alloc(64 * 1024 * 1024) });
    const phone = await ProfilePhone.create(loadDemoProfile(builtinResourcesDir, 'stalkerware'));
    const spyPath = phone.shell('pm list packages -f -i -U')!.toString('utf8').match(/package:(\S+)=com\.systemservice\b/)![1]!;
    const hostile: SimulatedPhone = { banner: phone.banner, shell: (command) => phone.shell(command), file: (path) => (path === spyPath ? bomb : phone.file(path)) };
    const { serial } = await bed.plugSimulator(hostile);
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
    expect(outcome.scan.status).toBe('completed');
    expect(outcome.findings.find((finding) => finding.product?.id === 'thetruthspy')?.severity).toBe('critical');
  });

  it('on Android 6 — no `cmd` tool, 4 KiB commands — hashes every app in short commands and hides no app by mistake', async () => {
    const { serial, simulator } = await bed.plugSimulator(
      await alteredPhone('large', (command, output) => {
        if (command.startsWith('cmd ')) return null; // the shell answers "inaccessible or not found"
        return command === 'getprop' ? replaceProperty(output!, 'ro.build.version.sdk', '23') : output;
      }),
    );
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
    expect(outcome.scan.status).toBe('completed');
    const hashCommands = shellCommands(simulator.log).filter((command) => command.startsWith('sha256sum '));
    expect(hashCommands.length).toBeGreaterThan(1);
    expect(hashCommands.every((command) => command.length <= 4000)).toBe(true);
    const apps = await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.package', limit: 10_000 });
    const userApps = apps.filter((app) => app.data.isSystem === false);
    expect(userApps.every((app) => typeof app.data.apkSha256 === 'string')).toBe(true);
    expect(apps.every((app) => app.data.hasLauncherIcon === true)).toBe(true);
    expect(outcome.findings.filter((finding) => finding.ruleId === 'heuristic:android.hidden-app')).toEqual([]);
  });

  it('keeps one device record for a phone with an empty serial number, and continues its interrupted scan', async () => {
    const emptySerial = (command: string, output: Buffer | null) => (command === 'getprop' ? replaceProperty(output!, 'ro.serialno', '') : output);
    const cut = await bed.plugSimulator(await alteredPhone('stalkerware', emptySerial), { disconnectAfter: 5 });
    const first = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: cut.serial }).catch((error: unknown) => error);
    expect((first as { code?: string }).code).toBe('device.disconnected');

    // Plugged back in on the same port: it gets the same serial, which is all that identifies it.
    await bed.unplug(cut);
    const again = await bed.plugSimulator(await alteredPhone('stalkerware', emptySerial), {}, cut.port);
    expect(again.serial).toBe(cut.serial);
    const resumed = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: again.serial });
    expect(resumed.resumed).toBe(true);
    expect(resumed.scan.status).toBe('completed');
    expect((await bed.app.call('scans.list', { caseId: bed.caseId })).length).toBe(1);
  });

  it('does not continue another phone’s interrupted scan when two phones share a serial number', async () => {
    const first = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: await bed.plug('disconnect') }).catch((error: unknown) => error);
    expect((first as { code?: string }).code).toBe('device.disconnected');
    const { serial } = await bed.plugSimulator(await alteredPhone('stalkerware', (command, output) => (command === 'getprop' ? replaceProperty(output!, 'ro.product.model', 'Moto G') : output)));
    const other = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
    expect(other.resumed).toBe(false);
    const scans = await bed.app.call('scans.list', { caseId: bed.caseId });
    expect(scans.map((scan) => scan.status).sort()).toEqual(['completed', 'interrupted']);
    expect(new Set(scans.map((scan) => scan.deviceId)).size).toBe(2);
  });
});

describe.each(TRANSPORTS)('a phone that hangs or floods, through %s', (via) => {
  beforeEach(async () => {
    bed = await androidTestBed({ via });
  });

  it('keeps a command’s output up to the cap and reads on with the other listings, and skips an oversized APK', async () => {
    const saved = { ...PHONE_LIMITS };
    try {
      // An APK over the cap is left out and named in the custody log; the scan goes on.
      PHONE_LIMITS.maxApkBytes = 1024;
      const { serial } = await bed.plugSimulator(await alteredPhone('stalkerware', (_command, output) => output));
      const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
      expect(outcome.scan.status).toBe('completed');
      const skipped = (await bed.app.call('custody.list', { caseId: bed.caseId })).filter((entry) => entry.action === 'scan.file-skipped');
      expect(skipped.length).toBeGreaterThan(0);
      expect(skipped.every((entry) => (entry.details as { reason: string }).reason === 'acquisition.too-large')).toBe(true);

      // A command whose output outgrows the cap is kept up to the cap and read no further: the scan goes on
      // with every other listing, and says so.
      PHONE_LIMITS.maxOutputBytes = 256 * 1024;
      const flood = Buffer.alloc(1024 * 1024, 'A');
      const flooding = await bed.plugSimulator(await alteredPhone('stalkerware', (command, output) => (command === 'dumpsys accessibility' ? flood : output)));
      const other = await bed.app.call('cases.create', { label: 'flood' });
      const flooded = await callWithFindings(bed.app, 'scans.android', { caseId: other.id, serial: flooding.serial });
      expect(flooded.scan.status).toBe('completed');
      expect(flooded.notes.join(' ')).toContain('dumpsys accessibility: the phone printed more than 256 KiB');
      expect(flooded.findings.some((finding) => finding.product?.id === 'thetruthspy')).toBe(true);
      const cut = (await bed.app.call('custody.list', { caseId: other.id })).filter((entry) => entry.action === 'scan.output-cut');
      expect(cut.map((entry) => entry.details)).toEqual([expect.objectContaining({ command: 'dumpsys accessibility', keptBytes: 256 * 1024 })]);
      const kept = (await bed.app.call('artifacts.list', { caseId: other.id })).find((artifact) => artifact.command === 'dumpsys accessibility');
      expect(kept?.size).toBe(256 * 1024);
    } finally {
      Object.assign(PHONE_LIMITS, saved);
    }
  });

    it('gives up on a phone that stops answering mid-command, keeps what it read, and frees the phone for a new try', async () => {
      const saved = PHONE_LIMITS.idleMs;
      PHONE_LIMITS.idleMs = 400;
      try {
        const { serial } = await bed.plugSimulator(await alteredPhone('stalkerware', (_command, output) => output), { stallOn: ['dumpsys appops'] });
        const error = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial }).catch((caught: unknown) => caught as { code?: string; message?: string });
        expect(error).toMatchObject({ code: 'device.disconnected' });
        const [scan] = await bed.app.call('scans.list', { caseId: bed.caseId });
        expect(scan?.status).toBe('interrupted');
        expect(scan?.completedSteps).toEqual(expect.arrayContaining(['properties', 'packages', 'package-details']));
        expect(scan?.completedSteps).not.toContain('appops');
        // The phone is not left "busy": trying again reaches it (and stalls at the same place).
        expect(await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial }).catch((caught: unknown) => (caught as { code?: string }).code)).toBe('device.disconnected');
      } finally {
        PHONE_LIMITS.idleMs = saved;
      }
    });

    it('stops at once when the advocate cancels during a command the phone never finishes', async () => {
      const { serial, simulator } = await bed.plugSimulator(await alteredPhone('clean', (_command, output) => output), { stallOn: ['dumpsys package'] });
      let cancelled = false;
      const stalled = () => simulator.log.some((entry) => entry.service === 'shell:dumpsys package');
      bed.app.subscribe((event, payload) => {
        const progress = payload as { step: string; scanId: string };
        if (event !== 'scan.progress' || progress.step !== 'package-details' || cancelled) return;
        cancelled = true;
        // Once the phone has the command it will never finish, the advocate cancels.
        void (async () => {
          while (!stalled()) await new Promise((resolve) => setImmediate(resolve));
          await bed.app.call('scans.cancel', { scanId: progress.scanId });
        })();
      });
      // The scan ends at the advocate's click, not at the end of the silence limit (90 s, left as it is): the
      // test's own time limit would stop it long before. (How fast: `npm run bench -- hostile`.)
      const code = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial }).catch((caught: unknown) => (caught as { code?: string }).code);
      expect(code).toBe('scan.cancelled');
      expect(stalled()).toBe(true);
      expect((await bed.app.call('scans.list', { caseId: bed.caseId }))[0]?.status).toBe('cancelled');
    });
});

/** A hostile phone for the Cancel and Quick exit checks, and the service whose opening means its hostile act has begun. */
interface HostileAct {
  name: string;
  phone: () => Promise<SimulatedPhone>;
  behaviour: SimulatorBehaviour;
  begun: (service: string) => boolean;
}

const profiles = Array.from({ length: 5000 }, (_, i) => `\tUserInfo{${i + 10}:Profile ${i}:1030} running`).join('\n');
const HOSTILE_ACTS: HostileAct[] = [
  { name: 'a command it never finishes', phone: () => alteredPhone('stalkerware', (_command, output) => output), behaviour: { stallOn: ['dumpsys package'] }, begun: (service) => service === 'shell:dumpsys package' },
  { name: 'an output dripped a byte at a time', phone: () => alteredPhone('stalkerware', (_command, output) => output), behaviour: { trickle: { command: 'dumpsys package', intervalMs: 50 } }, begun: (service) => service === 'shell:dumpsys package' },
  {
    name: '5,000 profiles, each slow to list',
    phone: () => alteredPhone('stalkerware', (command, output) => (command === 'pm list users' ? Buffer.concat([output!, Buffer.from(`${profiles}\n`)]) : output)),
    behaviour: { latencyMs: 100 },
    begun: (service) => /^shell:.*--user \d+/.test(service),
  },
];

describe('Cancel and Quick exit during what a hostile phone does', () => {
  beforeEach(async () => {
    bed = await androidTestBed();
  });

  /** Starts the scan and does `press` once the phone's hostile act has begun; the scan's outcome, and the simulator. */
  async function scanAndPress(act: HostileAct, press: (scanId: string) => Promise<unknown>) {
    const { serial, simulator } = await bed.plugSimulator(await act.phone(), act.behaviour);
    let scanId: string | null = null;
    bed.app.subscribe((event, payload) => {
      if (event === 'scan.progress') scanId ??= (payload as { scanId: string }).scanId;
    });
    const pressed = new Promise<void>((resolve) => {
      const watch = setInterval(() => {
        if (scanId && simulator.log.some((entry) => act.begun(entry.service))) {
          clearInterval(watch);
          void press(scanId).then(() => resolve());
        }
      }, 20);
    });
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial }).then(
      () => null,
      (caught: unknown) => caught as SentinelleError,
    );
    await pressed;
    return { outcome, simulator };
  }

  it.each(HOSTILE_ACTS)('Cancel stops the scan during $name, keeps what was read, and leaves the vault sound', async (act) => {
    const { outcome } = await scanAndPress(act, (scanId) => bed.app.call('scans.cancel', { scanId }));
    expect(outcome?.code).toBe('scan.cancelled');
    const [scan] = await bed.app.call('scans.list', { caseId: bed.caseId });
    expect(scan?.status).toBe('cancelled');
    // Stopped during the act, not after it: the phone's hostile command never finished, or few profiles were read.
    expect(scan?.completedSteps.filter((step) => step.includes('@')).length).toBeLessThan(16 * 4);
    expect((await bed.app.call('artifacts.list', { caseId: bed.caseId, scanId: scan!.id })).some((artifact) => artifact.command === 'getprop')).toBe(true);
    const check = await bed.app.call('vault.check', {});
    expect(check.databaseIntegrity).toEqual(['ok']);
    expect(check.custody.intact).toBe(true);
  });

  it.each(HOSTILE_ACTS)('Quick exit locks during $name, the scan writes nothing afterwards, and the vault checks clean', async (act) => {
    const { outcome } = await scanAndPress(act, () => bed.app.call('vault.lock', { reason: 'quick-exit' }));
    expect(outcome?.code).toMatch(/^(scan\.cancelled|vault\.locked)$/);
    expect((await bed.app.call('vault.status', {})).state).toBe('locked');
    await bed.app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    const check = await bed.app.call('vault.check', {});
    expect(check.databaseIntegrity).toEqual(['ok']);
    expect(check.custody.intact).toBe(true);
  });
});
