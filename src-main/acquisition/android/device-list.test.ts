// The phones list, each phone checked on its own: one that sends a serial or a description no phone sends
// cannot make the list fail for the others; its model is shown as text (values written by hand).
import { describe, expect, it } from 'vitest';
import { deviceList } from './android-service.js';
import type { DeviceSummary } from './adb/android-devices.js';

const phone = (serial: string, model: string | null): DeviceSummary => ({ serial, state: 'device', transport: 'usb', model, connection: 'usb', keyFingerprint: null, guidance: { en: 'Ready', fr: 'Prêt' } });

describe('the list of phones', () => {
  it('lists a phone with a 300-character serial whole (to connect to it), shows models as text, and leaves out only what no phone sends', () => {
    const long = `R5${'X'.repeat(298)}`;
    const list = deviceList([phone('R58N12ABCDE', 'samsung SM-S911B'), phone(long, '\u001b[2JPixel\u202E7'), phone('Z'.repeat(5000), 'Flood')]);
    expect(list.devices.map((device) => device.serial)).toEqual(['R58N12ABCDE', long]);
    expect(list.devices[1]!.model).toBe('\\u{001B}[2JPixel\\u{202E}7');
    expect(list.technical).toMatch(/1 device\(s\) sent a serial number or description no phone sends/);
  });
});
