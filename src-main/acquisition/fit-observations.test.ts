// Records a phone made too long are clipped to their kind's limits, one by one, and what cannot fit is set
// aside — never the whole batch (shapes from src-shared/observations.ts; values made hostile by hand).
import { describe, expect, it } from 'vitest';
import { fitNotes, fitObservations } from './fit-observations.js';

const pkg = (packageName: string, extra: Record<string, unknown> = {}) => ({ kind: 'android.package', subject: packageName, data: { packageName, isSystem: false, hasLauncherIcon: true, ...extra } });

describe('fitting what a phone sent to the observation schemas', () => {
  it('clips an over-long version name and a 5,001-permission list, keeps the others as they are, and says so', () => {
    const report = fitObservations([pkg('com.ok.app'), pkg('com.hostile.app', { versionName: 'x'.repeat(5000), requestedPermissions: Array.from({ length: 5001 }, (_, i) => `p.${i}`), grantedPermissions: ['y'.repeat(600)] })]);
    expect(report.observations).toHaveLength(2);
    expect(report.observations[0]).toEqual(pkg('com.ok.app'));
    const hostile = report.observations[1]!.data as unknown as { versionName: string; requestedPermissions: string[]; grantedPermissions: string[] };
    expect(hostile.versionName).toHaveLength(4000);
    expect(hostile.versionName.endsWith('…')).toBe(true);
    expect(hostile.requestedPermissions).toHaveLength(5000);
    expect(hostile.grantedPermissions[0]).toHaveLength(500);
    expect(report.clipped).toEqual([{ kind: 'android.package', subject: 'com.hostile.app', fields: expect.arrayContaining(['versionName', 'requestedPermissions', 'grantedPermissions']) }]);
    expect(fitNotes(report)[0]).toMatch(/1 record\(s\) from the device had fields longer than any real phone sends/);
  });

  it('clips a 300-character package name and a very long subject, and sets aside what no clipping can mend', () => {
    const long = `com.${'a'.repeat(296)}`;
    const report = fitObservations([pkg(long), { kind: 'android.package', subject: 'broken', data: { packageName: 42 } }, { kind: 'process', subject: 'x', data: { platform: 'android', pid: -1, name: 'x' } }]);
    expect(report.observations).toHaveLength(1);
    expect((report.observations[0]!.data as { packageName: string }).packageName).toHaveLength(255);
    expect(report.observations[0]!.subject).toBe(long);
    expect(report.setAside.map((item) => item.subject)).toEqual(['broken', 'x']);
    expect(fitNotes(report)[1]).toMatch(/2 record\(s\) from the device could not be read and were set aside/);
    expect(fitObservations([pkg('z'.repeat(5000))]).observations[0]!.subject).toHaveLength(1024);
  });
});
