// Recorded phones replayed through the live path: every recording of real phones in MVT's corpus (its
// androidqf acquisition as a folder and as a zip, a bugreport assembled from its real outputs) is answered by
// the simulated phone through Debian's real adb server, scanned live, and must yield the same observations as
// the import of the same recording. A recording exported from a vault replays a scan exactly; one altered
// afterwards is refused; commands a recording lacks are answered as an absent service and noted.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Observation } from '../../src-shared/model.js';
import { SentinelleError } from '../../src-shared/errors.js';
import { androidTestBed, shellCommands, type AndroidTestBed } from '../helpers/android.js';
import { ANDROIDQF, androidqfZip, bugreportZip } from '../helpers/mvt-recordings.js';
import { callWithFindings } from '../helpers/findings.js';

/**
 * What the live path reads differently from an androidqf acquisition, by design: androidqf reports each APK's
 * signing certificate and hashes every APK (system ones too), while a live scan takes certificates only from
 * APKs it pulls (a recording of androidqf has none) and hashes only the apps that are not part of the system.
 */
function comparable(observation: Pick<Observation, 'kind' | 'subject' | 'data'>): string {
  const data: Record<string, unknown> = { ...observation.data };
  if (observation.kind === 'android.package') {
    delete data.certSha1;
    delete data.certSha256;
    if (data.isSystem === true) delete data.apkSha256;
  }
  return `${observation.kind} ${observation.subject} ${JSON.stringify(data)}`;
}

async function observationsOf(bed: AndroidTestBed, caseId: string): Promise<string[]> {
  return (await bed.app.call('observations.list', { caseId })).map(comparable).sort();
}

let bed: AndroidTestBed;
beforeEach(async () => {
  bed = await androidTestBed({ via: 'adb-server' });
});
afterEach(async () => {
  await bed.close();
});

describe('replaying the recordings of real phones through the live scan', () => {
  const recordings: [string, () => Promise<string>][] = [
    ['MVT’s androidqf folder', async () => ANDROIDQF],
    ['MVT’s androidqf acquisition as a zip', async () => writeFile('androidqf.zip', await androidqfZip())],
    ['a bugreport of MVT’s real outputs', async () => writeFile('bugreport.zip', await bugreportZip())],
  ];
  const writeFile = (name: string, bytes: Buffer) => {
    const file = path.join(bed.dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it.each(recordings)('%s: the live scan yields the same observations as the import', async (_name, make) => {
    const recording = await make();
    const imported = await callWithFindings(bed.app, 'scans.import', { caseId: bed.caseId, path: recording });
    expect(imported.observations).toBeGreaterThan(0);

    const live = await bed.app.call('cases.create', { label: 'replayed' });
    const phone = await bed.demo.replay(recording, { via: 'adb-server' });
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: live.id, serial: phone.serial });
    expect(outcome.scan.status).toBe('completed');

    const fromImport = await observationsOf(bed, bed.caseId);
    const fromLive = await observationsOf(bed, live.id);
    expect(fromLive.filter((line) => !fromImport.includes(line))).toEqual([]);
    expect(fromImport.filter((line) => !fromLive.includes(line))).toEqual([]);
    // The same findings, too.
    const titles = (findings: { title: { en: string } }[]) => findings.map((finding) => finding.title.en).sort();
    expect(titles(outcome.findings)).toEqual(titles(imported.findings));

    // What the recording does not hold was answered as an absent service, and the scan says so.
    expect(outcome.notes.length).toBeGreaterThan(0);
    expect(outcome.notes.some((note) => note.startsWith('Finding apps without an icon: the phone did not give it'))).toBe(true);
  });
});

describe('a recording exported from a vault', () => {
  it('replays the scan exactly: the same outputs, byte for byte, and the same observations and findings', async () => {
    const original = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: await bed.plug('stalkerware') });
    await bed.app.call('demo.stop', {});
    const out = path.join(bed.dir, 'recording');
    const exported = await bed.app.call('scans.exportRecording', { caseId: bed.caseId, scanId: original.scan.id, out });
    const captured = await bed.app.call('artifacts.list', { caseId: bed.caseId, scanId: original.scan.id });
    expect(exported.commands).toBe(captured.filter((capture) => capture.command !== null).length);
    expect(exported.files).toBeGreaterThan(0);
    // The export is in the custody log, with the fingerprint of the recording's index.
    const custody = await bed.app.call('custody.list', { caseId: bed.caseId });
    expect(custody.find((entry) => entry.action === 'scan.recording-exported')?.details).toMatchObject({ scanId: original.scan.id, indexSha256: exported.indexSha256 });

    const again = await bed.app.call('cases.create', { label: 'replayed' });
    const phone = await bed.demo.replay(out, { via: 'adb-server' });
    const outcome = await callWithFindings(bed.app, 'scans.android', { caseId: again.id, serial: phone.serial });
    expect(outcome.notes).toEqual([]);
    const replayed = await bed.app.call('artifacts.list', { caseId: again.id, scanId: outcome.scan.id });
    const bytes = (captures: typeof captured) => captures.map((capture) => `${capture.command ?? capture.path} ${capture.sha256}`).sort();
    expect(bytes(replayed)).toEqual(bytes(captured));
    const exact = async (caseId: string) => (await bed.app.call('observations.list', { caseId })).map((item) => `${item.kind} ${item.subject} ${JSON.stringify(item.data)}`).sort();
    expect(await exact(again.id)).toEqual(await exact(bed.caseId));
    expect(outcome.findings.map((finding) => finding.title.en).sort()).toEqual(original.findings.map((finding) => finding.title.en).sort());
    expect(shellCommands(bed.log()).every((command) => !/^(pm (uninstall|disable)|settings put)/.test(command))).toBe(true);
  });

  it('refuses a recording altered after it was exported, and a folder that is not empty', async () => {
    const original = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: await bed.plug('clean') });
    const out = path.join(bed.dir, 'recording');
    await bed.app.call('scans.exportRecording', { caseId: bed.caseId, scanId: original.scan.id, out });
    await expect(bed.app.call('scans.exportRecording', { caseId: bed.caseId, scanId: original.scan.id, out })).rejects.toThrow(/not empty/);
    const index = JSON.parse(fs.readFileSync(path.join(out, 'recording.json'), 'utf8')) as { commands: { command: string; file: string }[] };
    const packages = index.commands.find((entry) => entry.command === 'pm list packages -f -i -U')!;
    fs.appendFileSync(path.join(out, packages.file), 'package:/data/app/x/base.apk=com.planted  installer=null uid:10999\n');
    const error = await bed.demo.replay(out).then(() => null, (caught: unknown) => caught);
    expect(error).toBeInstanceOf(SentinelleError);
    expect((error as SentinelleError).message).toMatch(/is not what was recorded/);
  });

  it('refuses, by name, a recording whose files are links out of it, a pipe, a device, or whose index is huge', async () => {
    const original = await callWithFindings(bed.app, 'scans.android', { caseId: bed.caseId, serial: await bed.plug('clean') });
    const out = path.join(bed.dir, 'recording');
    await bed.app.call('scans.exportRecording', { caseId: bed.caseId, scanId: original.scan.id, out });
    const index = JSON.parse(fs.readFileSync(path.join(out, 'recording.json'), 'utf8')) as { commands: { command: string; file: string }[] };
    const target = index.commands[0]!.file;
    const refusal = async (alter: (dir: string) => void) => {
      const copy = fs.mkdtempSync(path.join(bed.dir, 'hostile-'));
      fs.cpSync(out, copy, { recursive: true });
      alter(copy);
      const error = await bed.demo.replay(copy).then(() => null, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(SentinelleError);
      return (error as SentinelleError).message;
    };
    const secret = path.join(bed.dir, 'outside.txt');
    fs.writeFileSync(secret, 'not part of the recording');
    const replaceWith = (dir: string, make: (file: string) => void) => {
      fs.rmSync(path.join(dir, target));
      make(path.join(dir, target));
    };
    expect(await refusal((dir) => replaceWith(dir, (file) => fs.symlinkSync(secret, file)))).toMatch(new RegExp(`${target} cannot be replayed: it is a link to another place`));
    expect(await refusal((dir) => replaceWith(dir, (file) => fs.symlinkSync('/dev/zero', file)))).toMatch(/it is a link to another place/);
    expect(await refusal((dir) => replaceWith(dir, (file) => execFileSync('mkfifo', [file])))).toMatch(new RegExp(`${target} cannot be replayed: it is not an ordinary file`));
    expect(
      await refusal((dir) => {
        fs.rmSync(path.join(dir, 'commands'), { recursive: true });
        fs.symlinkSync(path.join(out, 'commands'), path.join(dir, 'commands'));
      }),
    ).toMatch(/its commands folder is missing or is a link to another place/);
    expect(await refusal((dir) => fs.writeFileSync(path.join(dir, 'recording.json'), Buffer.alloc(17 * 1024 * 1024, 0x20)))).toMatch(/recording\.json cannot be read: it is larger than 16 MiB/);
  });
});
