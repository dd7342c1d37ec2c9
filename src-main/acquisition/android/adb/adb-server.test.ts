// The adb server's device list, read in adb's own words. The lines are in the format `adb devices -l`
// prints (adb 1.0.41, Debian's 29.0.6: the serial padded to 22 columns, the state, then `key:value`
// details), including its `no permissions (…); see […]` form for a phone the user may not open on Linux.
import { describe, expect, it } from 'vitest';
import { adbServerPort, parseServerDevices } from './adb-server.js';

describe('the adb server’s device list', () => {
  it('keeps every phone with the state the advocate must act on', () => {
    const text = [
      '0A271FDD4002XN         device usb:1-2 product:oriole model:Pixel_6 device:oriole transport_id:3',
      '127.0.0.1:5555         unauthorized transport_id:4',
      'R58M12ABCDE            authorizing usb:1-3 transport_id:5',
      'emulator-5554          offline transport_id:6',
      '192.168.1.20:5555      connecting transport_id:7',
      '0123456789ABCDEF       no permissions (missing udev rules? user is in the plugdev group); see [http://developer.android.com/tools/device.html] usb:1-4 transport_id:8',
      'HT4CJJT00123           recovery usb:1-5 product:marlin model:Pixel_XL device:marlin transport_id:9',
      '',
    ].join('\n');
    expect(parseServerDevices(text)).toEqual([
      { serial: '0A271FDD4002XN', state: 'device', transportId: '3', model: 'Pixel_6' },
      { serial: '127.0.0.1:5555', state: 'unauthorized', transportId: '4', model: null },
      // Waiting for the phone's owner to answer its prompt: the same thing for the advocate.
      { serial: 'R58M12ABCDE', state: 'unauthorized', transportId: '5', model: null },
      { serial: 'emulator-5554', state: 'offline', transportId: '6', model: null },
      { serial: '192.168.1.20:5555', state: 'connecting', transportId: '7', model: null },
      { serial: '0123456789ABCDEF', state: 'no-permission', transportId: '8', model: null },
      { serial: 'HT4CJJT00123', state: 'other', transportId: '9', model: 'Pixel_XL' },
    ]);
  });

  it('reads an empty list as no phone', () => {
    expect(parseServerDevices('')).toEqual([]);
    expect(parseServerDevices('\n')).toEqual([]);
  });

  it('looks for the server where adb does: ANDROID_ADB_SERVER_PORT, else 5037', () => {
    expect(adbServerPort({})).toBe(5037);
    expect(adbServerPort({ ANDROID_ADB_SERVER_PORT: '5039' })).toBe(5039);
    expect(adbServerPort({ ANDROID_ADB_SERVER_PORT: 'not a port' })).toBe(5037);
  });
});
