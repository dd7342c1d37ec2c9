// What an iPhone backup tells of what the phone shares (issue 32): the accounts on the phone and the devices
// paired with it, read from backups written in the real format (tests/helpers/ios-sharing-files.ts says where
// each format comes from). A phone with a second Gmail account and someone else's Apple Watch raises the two
// sharing questions, and the Apple ID check names the iCloud account; a phone with one account of each kind,
// the services under its iCloud account and AirPods raises none. A damaged accounts database or devices list
// is set aside with a note, the rest of the backup read.
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app.js';
import { appWithVault } from '../helpers/app.js';
import { writeIosBackup, type BackupFileSpec, type BackupSpec } from '../helpers/ios-backup-writer.js';
import { sharingFiles, type IosAccountSpec } from '../helpers/ios-sharing-files.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

let dir: string;
let app: App;
let caseId: string;
beforeEach(async () => {
  dir = makeTempDir('sentinelle-ios-sharing-');
  ({ app } = await appWithVault(path.join(dir, 'vault')));
  caseId = (await app.call('cases.create', { label: 'iPhone' })).id;
});
afterEach(async () => {
  await app.dispose();
  removeDir(dir);
});

const HERS: IosAccountSpec[] = [
  { type: 'com.apple.account.AppleAccount', username: 'leila.m@icloud.com', owner: 'com.apple.purplebuddy', added: '2024-03-21T21:47:57Z' },
  { type: 'com.apple.account.IdentityServices', username: 'leila.m@icloud.com', owner: 'com.apple.purplebuddy', added: '2024-03-21T21:48:10Z', under: 'leila.m@icloud.com' },
  { type: 'com.apple.account.iTunesStore', username: 'leila.m@icloud.com', owner: 'com.apple.AppStore', added: '2024-03-21T21:49:02Z' },
  { type: 'com.apple.account.Google', username: 'leila.martin@gmail.com', owner: 'com.apple.Preferences', added: '2024-04-02T09:12:00Z' },
];
const AIRPODS = { name: 'AirPods Pro de Leila', address: '4C:2E:B4:10:22:9A', lastSeen: 1_764_000_000 };

function phone(files: BackupFileSpec[]): BackupSpec {
  return {
    device: { name: 'iPhone', productType: 'iPhone15,4', productVersion: '18.1', buildVersion: '22B83', serialNumber: 'G7NQW1XYZ9AB', udid: '00008120-000A1B2C3D4E5F60' },
    apps: [{ bundleId: 'net.whatsapp.WhatsApp', name: 'WhatsApp', version: '25.1.74' }],
    files,
  };
}

async function scanned(name: string, files: BackupFileSpec[]) {
  const written = await writeIosBackup(path.join(dir, name), phone(files));
  return app.call('scans.iosBackup', { caseId, path: written.dir });
}

describe('what an iPhone backup tells of sharing', () => {
  it('asks about a second Gmail account and his Apple Watch, and names the iCloud account in the Apple ID check', async () => {
    const accounts = [...HERS, { type: 'com.apple.account.Google' as const, username: 'k.benali.cars@gmail.com', owner: 'com.apple.Preferences', added: '2026-10-30T22:05:00Z' }];
    const watch = { name: 'Apple Watch de Karim', address: '7A:91:0C:55:E3:12', lastSeen: 1_764_100_000 };
    const outcome = await scanned('shared', sharingFiles(accounts, [watch, AIRPODS], [AIRPODS]));
    expect(outcome.notes).toEqual([]);

    const read = await app.call('observations.list', { caseId, kind: 'ios.account' });
    expect(read).toHaveLength(5);
    expect(read.find((account) => account.data.username === 'leila.m@icloud.com' && account.data.typeId === 'com.apple.account.AppleAccount')?.data).toMatchObject({ type: 'iCloud', owner: 'com.apple.purplebuddy', created: '2024-03-21T21:47:57.000Z', topLevel: true });
    expect(read.find((account) => account.data.typeId === 'com.apple.account.IdentityServices')?.data.topLevel).toBe(false);
    const paired = await app.call('observations.list', { caseId, kind: 'ios.paired-device' });
    expect(paired.map((device) => `${device.data.source}:${device.data.name}`).sort()).toEqual(['classic:AirPods Pro de Leila', 'le-paired:AirPods Pro de Leila', 'le-paired:Apple Watch de Karim']);

    const findings = (await app.call('findings.list', { caseId })).filter((finding) => finding.category === 'account-sharing');
    expect(findings.map((finding) => `${finding.ruleId} ${finding.severity}`).sort()).toEqual(['heuristic:ios.paired-devices low', 'heuristic:ios.second-account medium']);
    const second = findings.find((finding) => finding.ruleId === 'heuristic:ios.second-account')!;
    expect(second.title.en).toBe('2 Google accounts are signed in on this phone');
    expect(second.explanation.en).toContain('“leila.martin@gmail.com”, “k.benali.cars@gmail.com”');
    expect(second.details.personal).toEqual(['leila.martin@gmail.com', 'k.benali.cars@gmail.com']);
    const devices = findings.find((finding) => finding.ruleId === 'heuristic:ios.paired-devices')!;
    expect(devices.title.fr).toBe('Associés à ce téléphone : “Apple Watch de Karim”');

    // Not "nothing found"; the Apple ID check names the account the iPhone is signed in with.
    expect((await app.call('findings.overview', { caseId })).summary.verdict).toBe('ask-her');
    const [appleId] = await app.call('consultation.suggested', { caseId });
    expect(appleId).toMatchObject({ id: 'apple-id', because: { en: 'Her iPhone is signed in to iCloud as “leila.m@icloud.com”: is this Apple ID hers, and who else knows its password?' } });

    // Forwarding is not configured here; the report redacts the names on request.
    const { html } = await app.call('reports.preview', { caseId, language: 'en', redact: true });
    for (const name of ['Apple Watch de Karim', 'k.benali.cars@gmail.com']) expect(html).not.toContain(name);
  });

  it('asks nothing of a phone with one account of each kind, the services under its iCloud account, and AirPods', async () => {
    const outcome = await scanned('clean', sharingFiles(HERS, [AIRPODS], [AIRPODS]));
    expect(outcome.notes).toEqual([]);
    expect(await app.call('observations.list', { caseId, kind: 'ios.account' })).toHaveLength(4);
    expect((await app.call('findings.list', { caseId })).filter((finding) => finding.category === 'account-sharing')).toEqual([]);
  });

  it('sets aside a damaged accounts database and devices list, and reads the rest', async () => {
    const [, le] = sharingFiles(HERS, [{ name: 'Galaxy Watch6 (A1B2)', address: '11:22:33:44:55:66', lastSeen: 1_764_000_000 }], []);
    const outcome = await scanned('damaged', [
      { domain: 'HomeDomain', relativePath: 'Library/Accounts/Accounts3.sqlite', content: Buffer.from('SQLite format 3\0 but not really') },
      le!,
      { domain: 'SysSharedContainerDomain-systemgroup.com.apple.bluetooth', relativePath: 'Library/Preferences/com.apple.MobileBluetooth.devices.plist', content: '<plist><array><string>not a dictionary</string></array></plist>' },
    ]);
    expect(outcome.notes.join('\n')).toMatch(/Accounts3\.sqlite[\s\S]*com\.apple\.MobileBluetooth\.devices\.plist/);
    expect(await app.call('observations.list', { caseId, kind: 'ios.account' })).toEqual([]);
    const paired = await app.call('observations.list', { caseId, kind: 'ios.paired-device' });
    expect(paired.map((device) => device.data.name)).toEqual(['Galaxy Watch6 (A1B2)']);
    expect((await app.call('findings.list', { caseId })).map((finding) => finding.ruleId)).toContain('heuristic:ios.paired-devices');
  });
});
