// The timeline of where and when apps came from: only the weeks before the device was first examined,
// installs of apps that are not the system's, updates only of apps that did not come from a store, the
// profile each app is in, newest first — and each installer in plain words.
import { describe, expect, it } from 'vitest';
import type { Device, Observation, Scan } from '../../src-shared/model.js';
import { androidPackage } from '../../tests/helpers/observations.js';
import { installSourceWords } from '../../src-shared/install-origins.js';
import { installTimeline } from './install-timeline.js';

const device = { id: '11111111-1111-4111-8111-111111111111', caseId: 'TEST-0001', platform: 'android', label: 'Google Pixel 7', model: 'Pixel 7', osVersion: '14', serial: 'X', facts: {}, addedAt: '2026-11-23T10:00:00.000Z' } as unknown as Device;
const scan = { id: '22222222-2222-4222-8222-222222222222', caseId: 'TEST-0001', deviceId: device.id, kind: 'android-adb', status: 'completed', startedAt: '2026-11-23T10:00:00.000Z', endedAt: null, completedSteps: [], error: null } satisfies Scan;

function app(name: string, data: Record<string, unknown>): Observation {
  return { ...androidPackage(name, data), scanId: scan.id };
}

describe('the install timeline', () => {
  it('lists the installs of the eight weeks before the first examination, newest first, with where each came from', () => {
    const observations = [
      app('com.systemservice', { installer: null, initiatingInstaller: 'com.android.shell', firstInstallTime: '2026-11-02 22:15:41', lastUpdateTime: '2026-11-02 22:15:41' }),
      app('com.whatsapp', { installer: 'com.android.vending', firstInstallTime: '2026-10-01 08:00:00', lastUpdateTime: '2026-11-20 03:00:00' }),
      app('com.old.app', { installer: 'com.android.vending', firstInstallTime: '2026-09-27 23:59:59' }),
      app('com.android.settings', { isSystem: true, installer: null, firstInstallTime: '2026-11-10 10:00:00' }),
      app('core.framework', { installer: null, firstInstallTime: '2026-11-14 21:44:51', lastUpdateTime: '2026-11-20 21:00:00', profile: { id: 10, name: 'Work profile', type: 'profile.managed' } }),
      app('com.after.scan', { installer: 'com.android.vending', firstInstallTime: '2026-11-24 09:00:00' }),
    ];
    const [timeline] = installTimeline([device], [scan], observations);
    expect(timeline).toMatchObject({ from: '2026-09-28', to: '2026-11-23' });
    expect(timeline!.entries.map((entry) => `${entry.at} ${entry.event} ${entry.packageName}${entry.profile ? ` @${entry.profile.name}` : ''}`)).toEqual([
      '2026-11-20 21:00:00 updated core.framework @Work profile',
      '2026-11-14 21:44:51 installed core.framework @Work profile',
      '2026-11-02 22:15:41 installed com.systemservice',
      '2026-10-01 08:00:00 installed com.whatsapp',
    ]);
    expect(timeline!.entries.find((entry) => entry.packageName === 'com.systemservice')).toMatchObject({ installer: null, initiatingInstaller: 'com.android.shell' });
  });

  it('has nothing for a device never scanned, nor for an iPhone', () => {
    expect(installTimeline([device], [], [])).toEqual([]);
    expect(installTimeline([{ ...device, platform: 'ios' }], [scan], [])).toEqual([]);
  });

  it('names installers in plain words', () => {
    expect(installSourceWords('com.android.shell').en).toBe('a computer, over USB debugging (adb)');
    expect(installSourceWords(null).fr).toBe('non enregistré (adb, ou préinstallé)');
    expect(installSourceWords('org.example.files').en).toBe('org.example.files');
  });
});
