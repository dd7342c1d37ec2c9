// Which apps used her location, camera or microphone: read from MVT's real `dumpsys appops` (the last access of
// each operation, in the phone's clock), one line per app and sensor, the latest first, with the app's name
// when the packages say it; operations never used and those that are not a sensor are left out.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAppops } from '../acquisition/android/parsers/appops.js';
import { MVT } from '../../tests/helpers/shared.js';
import { androidPackage, observation } from '../../tests/helpers/observations.js';
import { sensorUse } from './sensor-use.js';

const opsOf = (text: string) => parseAppops(text).map((op) => observation('android.appop', { packageName: op.packageName, op: op.op, mode: op.mode, lastAccess: op.lastAccess, profile: null }, `${op.packageName}:${op.op}`));

describe('the recent use of her location, camera and microphone', () => {
  it('is read from a real phone’s app operations: uses of other operations are not sensors', () => {
    const real = fs.readFileSync(path.join(MVT, 'android_data', 'dumpsys_appops.txt'), 'utf8');
    // The real dump records Facebook reading contacts and the phone state, and no sensor use.
    expect(opsOf(real).some((op) => op.data.lastAccess !== null)).toBe(true);
    expect(sensorUse(opsOf(real), [])).toEqual([]);
    // The same dump where Facebook also used the fine location, in the dump's own layout (an operation line,
    // then its Access lines, one per state).
    const located = real.replace(
      '    Package com.facebook.katana:\n',
      '    Package com.facebook.katana:\n      FINE_LOCATION (allow):\n          Access: [fg-s] 2022-03-28 08:15:02.114 (-1d15h12m51s973ms)\n          Access: [bg-s] 2022-03-29 22:41:40.002 (-46m13s85ms)\n',
    );
    expect(sensorUse(opsOf(located), [androidPackage('com.facebook.katana', { label: 'Facebook' })])).toEqual([{ sensor: 'location', packageName: 'com.facebook.katana', label: 'Facebook', lastAccess: '2022-03-29 22:41:40', profile: null }]);
  });

  it('keeps the latest use per app and sensor, names the app, and leaves out what was never used', () => {
    const ops = [
      observation('android.appop', { packageName: 'com.systemservice', op: 'FINE_LOCATION', mode: 'allow', lastAccess: '2026-11-22 23:58:12', profile: null }, 'a'),
      observation('android.appop', { packageName: 'com.systemservice', op: 'COARSE_LOCATION', mode: 'allow', lastAccess: '2026-11-22 23:40:00', profile: null }, 'b'),
      observation('android.appop', { packageName: 'com.systemservice', op: 'RECORD_AUDIO', mode: 'allow', lastAccess: '2026-11-22 21:04:40', profile: null }, 'c'),
      observation('android.appop', { packageName: 'com.whatsapp', op: 'CAMERA', mode: 'allow', lastAccess: null, profile: null }, 'd'),
      observation('android.appop', { packageName: 'com.whatsapp', op: 'READ_SMS', mode: 'allow', lastAccess: '2026-11-22 22:00:00', profile: null }, 'e'),
    ];
    expect(sensorUse(ops, [androidPackage('com.systemservice', { label: 'System Service' })])).toEqual([
      { sensor: 'location', packageName: 'com.systemservice', label: 'System Service', lastAccess: '2026-11-22 23:58:12', profile: null },
      { sensor: 'microphone', packageName: 'com.systemservice', label: 'System Service', lastAccess: '2026-11-22 21:04:40', profile: null },
    ]);
  });
});
