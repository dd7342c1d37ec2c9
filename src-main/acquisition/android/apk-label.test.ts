// App names read from APKs, on a real one: AOSP's framework-res.apk as Debian builds it from Android 10's
// sources (package android-framework-res, installed by `npm test`'s prerequisites), whose label is a
// resource translated in some ninety languages; the demo phones' APKs, whose compiled manifest Android's own
// aapt reads back; and APKs that cannot be read give no name, never an error.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zipOf } from '../../../tests/helpers/zip.js';
import { demoApk } from '../../demo/demo-apk.js';
import { makeTempDir, removeDir } from '../../../tests/helpers/temp.js';
import { apkLabel, phoneLanguage } from './apk-label.js';

const FRAMEWORK_RES = '/usr/share/android-framework-res/framework-res.apk';

describe('the name an app shows', () => {
  it('resolves a real APK’s label through its resources, in the phone’s language when it has one', async () => {
    const apk = fs.readFileSync(FRAMEWORK_RES);
    expect(await apkLabel(apk, null)).toBe('Android System');
    expect(await apkLabel(apk, 'fr')).toBe('Système Android');
    expect(await apkLabel(apk, 'da')).toBe('Android-system');
    // A language the APK was not translated into: its default.
    expect(await apkLabel(apk, 'tlh')).toBe('Android System');
  });

  it('reads the name a demo phone’s app carries, written as Android’s tools write a manifest', async () => {
    const apk = await demoApk('com.systemservice', Buffer.from('300a0201000c05736f6d65', 'hex'), 'Service système — « mise à jour »');
    expect(await apkLabel(apk, 'fr')).toBe('Service système — « mise à jour »');
    const dir = makeTempDir('sentinelle-demo-apk-');
    try {
      fs.writeFileSync(`${dir}/base.apk`, apk);
      const tree = execFileSync('aapt', ['dump', 'xmltree', `${dir}/base.apk`, 'AndroidManifest.xml'], { encoding: 'utf8' });
      expect(tree).toContain('A: package="com.systemservice"');
      expect(tree).toContain('A: android:label(0x01010001)="Service système — « mise à jour »"');
    } finally {
      removeDir(dir);
    }
  });

  it('gives no name for an APK that is not one, or whose manifest is missing or damaged', async () => {
    expect(await apkLabel(Buffer.from('not a zip'), 'fr')).toBeNull();
    expect(await apkLabel(await zipOf({ 'classes.dex': Buffer.from('dex\n035\0') }), null)).toBeNull();
    expect(await apkLabel(await zipOf({ 'AndroidManifest.xml': Buffer.from([3, 0, 8, 0, 0xff, 0xff, 0xff, 0x7f]) }), null)).toBeNull();
  });

  it('gives no name for an APK whose manifest inflates past any real one, without inflating it', async () => {
    // 64 MiB of zeros deflate to some 64 KiB: a small APK whose manifest would fill memory.
    const bomb = await zipOf({ 'AndroidManifest.xml': Buffer.alloc(64 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await apkLabel(bomb, null)).toBeNull();
    // Its central directory lying about the size (declared 100 bytes): inflating stops there.
    const lying = Buffer.from(bomb);
    const central = lying.lastIndexOf(Buffer.from('PK\x01\x02', 'latin1'));
    lying.writeUInt32LE(100, central + 24);
    expect(await apkLabel(lying, null)).toBeNull();
  });

  it('reads the phone’s language from its properties', () => {
    expect(phoneLanguage(new Map([['persist.sys.locale', 'fr-FR']]))).toBe('fr');
    expect(phoneLanguage(new Map([['ro.product.locale', 'en-US']]))).toBe('en');
    expect(phoneLanguage(new Map())).toBeNull();
  });
});
