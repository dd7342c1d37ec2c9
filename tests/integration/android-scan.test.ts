// Live Android triage of the simulated phone (resources/demo/ profiles rendered in the formats of MVT's real
// outputs), reached both ways a phone on TCP is: directly by Sentinelle's own ADB client (Tango, no adb
// server) and through the machine's real adb server (`adb connect`). Through each: the findings of each
// profile, raw outputs kept as artifacts whose SHA-256 is what the phone sent, only read-only commands on
// the cable, the same number of commands for 50 and 500 apps, and the clear states of an unauthorised
// (with the fingerprint its prompt shows), unplugged or stopped scan — with nothing already read ever lost.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PHONE_TRANSPORT_WORDS, type DeviceList, type ScanProgress } from '../../src-shared/acquisition.js';
import { SentinelleError } from '../../src-shared/errors.js';
import { loadDemoProfile } from '../../src-main/demo/phone-profile.js';
import { ProfilePhone } from '../../src-main/demo/profile-phone.js';
import { builtinResourcesDir } from '../../src-main/package-info.js';
import { ruleIdsOf, callWithFindings } from '../helpers/findings.js';
import { androidTestBed, shellCommands, TRANSPORTS, type AndroidTestBed } from '../helpers/android.js';
import { until } from '../helpers/slowdown.js';

/** Anything that would change a phone: installing, removing, disabling, granting, writing settings or files. */
const WRITES = /\b(pm (install|uninstall|disable|enable|clear|grant|revoke|hide|suspend)|cmd package (install|uninstall|disable|enable)|settings put|setprop|rm |mv |cp |am (start|broadcast|force-stop)|input |reboot|dpm |appops set|svc )/;

/** What an Android phone's prompt shows for a key offered in adb's text form (AdbDebuggingManager: MD5 of the decoded key). */
function promptFingerprint(offered: string): string {
  const decoded = Buffer.from(offered.split(/\s+/)[0]!, 'base64');
  return createHash('md5').update(decoded).digest('hex').toUpperCase().match(/../g)!.join(':');
}

async function expectError(promise: Promise<unknown>, code: string): Promise<SentinelleError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SentinelleError);
  expect((error as SentinelleError).code).toBe(code);
  return error as SentinelleError;
}

describe.each(TRANSPORTS)('through %s', (via) => {
  let bed: AndroidTestBed;
  beforeEach(async () => {
    bed = await androidTestBed({ via });
  });
  afterEach(async () => {
    await bed.close();
  });

  describe('a full scan of the simulated phones', () => {
    it('names the stalkerware, keeps every raw output with the SHA-256 the phone sent, and sends only read-only commands', async () => {
      const serial = await bed.plug('stalkerware');
      const progress: ScanProgress[] = [];
      bed.app.subscribe((event, payload) => event === 'scan.progress' && progress.push(payload as ScanProgress));
      const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });

      expect(outcome.scan.status).toBe('completed');
      const truthSpy = outcome.findings.find((finding) => finding.product?.id === 'thetruthspy' && finding.origin === 'signature');
      expect(truthSpy?.severity).toBe('critical');
      expect(truthSpy?.details.indicators).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'androidPackages', value: 'com.systemservice' })]));
      // One verdict on the app, with every reason: the list, and the rights and the hidden icon.
      expect(ruleIdsOf([truthSpy!])).toEqual(expect.arrayContaining(['signature:thetruthspy', 'heuristic:android.accessibility-rights', 'heuristic:android.device-admin-rights', 'heuristic:android.hidden-app']));
      expect(outcome.findings.filter((finding) => finding.details.packageName === 'com.systemservice')).toEqual([truthSpy]);
      // Its evidence: the observation of the app, and where each of its artifacts was read on the phone.
      const evidence = await bed.app.call('findings.evidence', { findingId: truthSpy!.id });
      expect(evidence.observations.map((observation) => observation.id).sort()).toEqual([...truthSpy!.observationIds].sort());
      expect(evidence.observations.some((observation) => observation.subject === 'com.systemservice')).toBe(true);
      expect(new Set(evidence.captures.map((capture) => capture.sha256))).toEqual(new Set(truthSpy!.artifactSha256s));
      for (const capture of evidence.captures) expect(capture.command ?? capture.path).toBeTruthy();

      // Progress named every step, in order.
      expect(progress.map((p) => p.index)).toEqual(progress.map((_, i) => i + 1));
      expect(progress.at(-1)).toMatchObject({ index: progress[0]!.total, scanId: outcome.scan.id, caseId: bed.caseId });

      // Every artifact is what the phone sent: each command's output, each pulled APK.
      const log = bed.log();
      const captures = await bed.app.call('artifacts.list', { caseId: bed.caseId, scanId: outcome.scan.id });
      const sentByCommand = new Map(log.filter((entry) => entry.service.startsWith('shell:')).map((entry) => [entry.service.slice('shell:'.length), entry.sentSha256]));
      const sentByFile = new Map(log.filter((entry) => entry.service.startsWith('sync:RECV ')).map((entry) => [entry.service.slice('sync:RECV '.length), entry.sentSha256]));
      expect(captures.length).toBe(sentByCommand.size + sentByFile.size);
      for (const capture of captures) {
        const sent = capture.command !== null ? sentByCommand.get(capture.command) : sentByFile.get(capture.path!);
        expect(sent, capture.command ?? capture.path ?? '').toBe(capture.sha256);
      }
      expect(sentByFile.size).toBeGreaterThan(0);
      expect([...sentByFile.keys()]).toContain(log.find((entry) => entry.service.includes('com.systemservice') && entry.service.startsWith('sync:RECV'))?.service.slice('sync:RECV '.length));

      // Only read-only services reached the phone: checked against this list, written out independently of
      // the allow-list under test.
      const expected = new Set([
        'shell:getprop',
        'shell:pm list users',
        'shell:dumpsys user',
        'shell:pm list packages -f -i -U',
        'shell:pm list packages -s',
        'shell:dumpsys package',
        'shell:cmd package query-activities --brief -a android.intent.action.MAIN -c android.intent.category.LAUNCHER',
        'shell:cmd package resolve-activity --brief -a android.intent.action.MAIN -c android.intent.category.HOME',
        'shell:dumpsys accessibility',
        'shell:dumpsys device_policy',
        'shell:dumpsys appops',
        'shell:ps -A',
        'shell:settings list secure',
        'shell:settings list global',
        'shell:getenforce',
        'shell:dumpsys adb',
        'shell:dumpsys account',
        'shell:dumpsys backup',
        'shell:dumpsys bluetooth_manager',
        'shell:dumpsys trust',
        'shell:dumpsys lock_settings',
        "shell:find /sdcard/Download /sdcard/Bluetooth /sdcard/Documents -maxdepth 3 -type f -iname '*.apk' -exec stat -c '%s|%Y|%n' {} + 2>/dev/null",
        'sync:',
      ]);
      const unexpected = log
        .map((entry) => entry.service)
        .filter(
          (service) =>
            !expected.has(service) &&
            !/^shell:ls -d( \/[\w./]+)+ 2>\/dev\/null$/.test(service) &&
            !/^shell:sha256sum( \/(data\/app|sdcard\/Download)\/[\w.~=+\-/]+\.apk)+$/.test(service) &&
            !/^sync:(STAT|RECV) \/data\/app\/[\w.~=+\-/]+\.apk$/.test(service),
        );
      expect(unexpected).toEqual([]);
      expect(shellCommands(log).filter((command) => WRITES.test(command))).toEqual([]);
    });

    it('shows findings while the scan goes on: the stalkerware is recorded as soon as the app list is read, and nothing found early is retired', async () => {
      const serial = await bed.plug('stalkerware', { latencyMs: 20 });
      let lastStep: ScanProgress | null = null;
      let finished = false;
      const early: { step: ScanProgress | null; findings: Promise<{ id: string; ruleId: string }[]> }[] = [];
      bed.app.subscribe((event, payload) => {
        if (event === 'scan.progress') lastStep = payload as ScanProgress;
        if (event === 'scan.finished') finished = true;
        if (event === 'findings.changed' && !finished && (payload as { created: number }).created > 0) {
          early.push({ step: lastStep, findings: bed.app.call('findings.list', { caseId: bed.caseId }) });
        }
      });
      const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
      expect(outcome.scan.status).toBe('completed');

      // The first new findings came while the scan was still on its listings, not at its end.
      expect(early.length).toBeGreaterThan(0);
      const first = early[0]!;
      expect(first.step!.index).toBeLessThan(first.step!.total);
      const seenEarly = await first.findings;
      const truthSpyEarly = seenEarly.find((finding) => finding.ruleId === 'signature:thetruthspy');
      expect(truthSpyEarly).toBeDefined();

      // The same findings at the end (same ids), none retired, and each recorded once in the custody log.
      const truthSpy = outcome.findings.find((finding) => finding.ruleId === 'signature:thetruthspy');
      expect(truthSpy?.id).toBe(truthSpyEarly!.id);
      for (const finding of seenEarly) expect(outcome.findings.find((f) => f.id === finding.id)?.retiredAt).toBeNull();
      const custody = await bed.app.call('custody.list', { caseId: bed.caseId, limit: 10_000 });
      expect(custody.filter((entry) => entry.action === 'finding.retired')).toEqual([]);
      const recorded = custody.filter((entry) => entry.action === 'finding.recorded').map((entry) => (entry.details as { findingId: string }).findingId);
      expect(recorded.sort()).toEqual(outcome.findings.map((finding) => finding.id).sort());
      // The scan's summary counts what it found along the way as new.
      expect(outcome.detection).toMatchObject({ created: outcome.findings.length, updated: 0, retired: 0 });
    });

    it('finds the unknown app that hides its icon and holds accessibility and administrator rights through heuristics alone', async () => {
      const serial = await bed.plug('unknown-app');
      const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
      const hidden = outcome.findings.filter((finding) => finding.origin === 'heuristic' && finding.severity === 'high' && finding.details.app);
      expect(hidden).toHaveLength(1);
      expect(ruleIdsOf(hidden)).toEqual(expect.arrayContaining(['heuristic:android.accessibility-rights', 'heuristic:android.device-admin-rights', 'heuristic:android.hidden-app']));
      expect(outcome.findings.filter((finding) => finding.origin === 'signature')).toEqual([]);
      // The computer it was set up from, trusted for debugging 12 days before: named, with when.
      const computer = outcome.findings.find((finding) => finding.ruleId === 'heuristic:android.trusted-computer');
      expect(computer).toMatchObject({ severity: 'high', details: expect.objectContaining({ comment: 'dev@DESKTOP-7Q2M4RT', daysBeforeScan: 12 }) });
    });

    it('reports nothing above low on the clean phone, and scans 50 and 500 apps with the same number of commands', async () => {
      const clean = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: await bed.plug('clean') });
      const cleanCount = bed.log().filter((entry) => !entry.service.startsWith('sync:') || entry.service === 'sync:').length;
      expect(clean.scan.status).toBe('completed');
      expect(clean.findings.filter((finding) => finding.severity !== 'low')).toEqual([]);

      const large = await bed.app.call('cases.create', { label: 'large' });
      const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: large.id, serial: await bed.plug('large') });
      const largeCount = bed.log().filter((entry) => !entry.service.startsWith('sync:') || entry.service === 'sync:').length;
      expect(outcome.scan.status).toBe('completed');
      expect((await bed.app.call('observations.list', { caseId: large.id, kind: 'android.package', limit: 10_000 })).length).toBeGreaterThanOrEqual(500);
      expect(Math.abs(largeCount - cleanCount)).toBeLessThanOrEqual(2);
    });
  });

  describe('a phone asking to allow this computer', () => {
    it('shows it waiting with the fingerprint to compare, then ready once its owner taps Allow, and scans it', async () => {
      const lists: DeviceList[] = [];
      bed.app.subscribe((event, payload) => event === 'devices.changed' && lists.push(payload as DeviceList));
      await bed.app.call('devices.list', {});
      const phone = await ProfilePhone.create(loadDemoProfile(builtinResourcesDir, 'clean'));
      const { serial, simulator } = await bed.plugSimulator(phone, { unauthorized: true });
      const stateIn = (list: DeviceList) => list.devices.find((device) => device.serial === serial);
      // Its owner taps Allow once the app shows the phone waiting for her.
      await until(() => lists.some((list) => stateIn(list)?.state === 'unauthorized'), 'the phone shown waiting', 15_000);
      simulator.allowPrompt();
      await until(() => lists.some((list) => stateIn(list)?.state === 'device'), 'the phone shown ready', 15_000);

      const waiting = lists.map(stateIn).find((device) => device?.state === 'unauthorized');
      expect(waiting?.keyFingerprint).toBe(promptFingerprint(simulator.offeredKeys[0]!));
      expect(lists.map(stateIn).at(-1)?.state).toBe('device');
      const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial });
      expect(outcome.scan.status).toBe('completed');
    });
  });

  describe('phones that cannot be scanned (yet)', () => {
    it('shows an unauthorised phone with what to do, and scans nothing', async () => {
      const serial = await bed.plug('unauthorized');
      const list = await bed.app.call('devices.list', {});
      const device = list.devices.find((candidate) => candidate.serial === serial);
      expect(device?.state).toBe('unauthorized');
      expect(device?.transport).toBe(via);
      // The fingerprint shown is the one the phone's prompt shows for the key it was offered, and the advocate
      // is told not to let the phone remember this computer.
      const offered = bed.demo.current()!.simulator.offeredKeys;
      expect(offered.length).toBeGreaterThan(0);
      expect(device?.keyFingerprint).toBe(promptFingerprint(offered.at(-1)!));
      expect(device?.guidance.en).toContain(`Check that the fingerprint it shows is ${device?.keyFingerprint}`);
      expect(device?.guidance.en).toMatch(/Allow USB debugging.*without ticking “Always allow from this computer”/s);
      expect(device?.guidance.fr).toMatch(/Autoriser le débogage USB.*sans cocher « Toujours autoriser/s);
      const error = await expectError(callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial }), 'device.unauthorized');
      expect(error.message).toMatch(/Unlock the phone/);
      expect(await bed.app.call('scans.list', { caseId: bed.caseId })).toEqual([]);
    });

    it('marks a scan interrupted when the cable is pulled, keeps what was read, and continues it when the phone is back', async () => {
      const first = await expectError(callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: await bed.plug('disconnect') }), 'device.disconnected');
      expect(first.message).toMatch(/Everything read so far is kept/);
      const [interrupted] = await bed.app.call('scans.list', { caseId: bed.caseId });
      expect(interrupted?.status).toBe('interrupted');
      const kept = await bed.app.call('artifacts.list', { caseId: bed.caseId });
      expect(kept.length).toBeGreaterThanOrEqual(interrupted!.completedSteps.length);
      expect(interrupted!.completedSteps.length).toBeGreaterThan(1);
      // What was read is analysed already: the device's properties, and the apps if their listing came through.
      expect((await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.property' })).length).toBeGreaterThan(0);
      if (interrupted!.completedSteps.includes('packages')) expect((await bed.app.call('observations.list', { caseId: bed.caseId, kind: 'android.package' })).length).toBeGreaterThan(0);

      // The same phone, plugged back in: the scan continues without asking again for what it has.
      const back = await bed.plug('stalkerware');
      const resumed = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: back });
      expect(resumed.resumed).toBe(true);
      expect(resumed.scan.id).toBe(interrupted!.id);
      expect(resumed.scan.status).toBe('completed');
      const askedAgain = shellCommands(bed.log()).filter((command) => kept.some((capture) => capture.command === command) && command !== 'getprop');
      expect(askedAgain).toEqual([]);
      expect(resumed.findings.some((finding) => finding.product?.id === 'thetruthspy')).toBe(true);
      const after = await bed.app.call('artifacts.list', { caseId: bed.caseId });
      for (const capture of kept) expect(after.map((a) => a.sha256)).toContain(capture.sha256);

      // The report's method says how the phone was reached, each time, with the fingerprint its prompt showed.
      const lawyer = await bed.app.call('keys.generate', { label: 'Lawyer' });
      const bundle = path.join(bed.dir, 'case.sntl');
      await bed.app.call('bundles.export', { caseId: bed.caseId, out: bundle, recipients: [lawyer.publicKey] });
      const extracted = path.join(bed.dir, 'extracted');
      expect((await bed.app.call('bundles.verify', { path: bundle, identity: lawyer.secretKey, extractTo: extracted })).ok).toBe(true);
      const report = fs.readFileSync(path.join(extracted, 'report.html'), 'utf8');
      expect(report).toContain('without ticking “Always allow from this computer”');
      // The report opens with the summary: the app named as stalkerware, and how sure that is.
      const summary = report.slice(report.indexOf('<h2>Summary</h2>'), report.indexOf('<h2>Findings</h2>'));
      expect(summary).toMatch(/Signs of stalkerware: .*TheTruthSpy/);
      expect(summary).toContain('We are sure of what it is: a list of known stalkerware names it.');
      expect(report).toContain('Why: the reasons that point at this app');
      const connections = report.slice(report.indexOf('Connections to the phone'));
      const via = PHONE_TRANSPORT_WORDS[bed.via].en;
      expect(connections.split(via).length - 1).toBe(2);
      const listed = (await bed.app.call('devices.list', {})).devices.find((device) => device.serial === back);
      expect(listed?.keyFingerprint).toMatch(/^[0-9A-F]{2}(:[0-9A-F]{2}){15}$/);
      expect(connections).toContain(listed!.keyFingerprint!);
    });

    it('never takes an output or a file cut short by a pulled cable for a whole one', async () => {
      const phone = await ProfilePhone.create(loadDemoProfile(builtinResourcesDir, 'stalkerware'));
      const cutOutput = await bed.plugSimulator(phone, { cutDuring: 'dumpsys package' });
      await expectError(callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: cutOutput.serial }), 'device.disconnected');
      const [scan] = await bed.app.call('scans.list', { caseId: bed.caseId });
      expect(scan?.status).toBe('interrupted');
      expect(scan?.completedSteps).toContain('properties');
      expect(scan?.completedSteps).not.toContain('package-details');
      const stored = await bed.app.call('artifacts.list', { caseId: bed.caseId });
      expect(stored.map((capture) => capture.command)).not.toContain('dumpsys package');
      // What was kept of the listings that went on at the same time is each whole: what the phone prints.
      for (const capture of stored) expect(capture.sha256, capture.command ?? '').toBe(createHash('sha256').update(phone.shell(capture.command!)!).digest('hex'));

      // Plugged back in, it is cut again while the stalkerware's APK is pulled: that APK is not kept either.
      const apk = /^package:(\S+)=com\.systemservice /m.exec(phone.shell('pm list packages -f -i -U')!.toString())![1]!;
      const cutFile = await bed.plugSimulator(phone, { cutDuring: apk });
      await expectError(callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: cutFile.serial }), 'device.disconnected');
      expect(cutFile.simulator.commands()).toContain(`sync:RECV ${apk}`);
      const after = await bed.app.call('artifacts.list', { caseId: bed.caseId });
      expect(after.map((capture) => capture.path)).not.toContain(apk);
      expect((await bed.app.call('scans.list', { caseId: bed.caseId }))[0]?.status).toBe('interrupted');
    });

    it('stops a scan on request, keeping what was read', async () => {
      const serial = await bed.plug('large', { latencyMs: 150 });
      let cancelled = false;
      bed.app.subscribe((event, payload) => {
        // Stopped once the first listings (sent together, on up to 12 streams) are coming back.
        if (event === 'scan.progress' && !cancelled && (payload as ScanProgress).index === 15) {
          cancelled = true;
          void bed.app.call('scans.cancel', { scanId: (payload as ScanProgress).scanId });
        }
      });
      await expectError(callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial }), 'scan.cancelled');
      const [scan] = await bed.app.call('scans.list', { caseId: bed.caseId });
      expect(scan?.status).toBe('cancelled');
      expect(scan!.completedSteps.length).toBeGreaterThanOrEqual(2);
      expect(scan!.completedSteps.length).toBeLessThan(18);
    });
  });
});
