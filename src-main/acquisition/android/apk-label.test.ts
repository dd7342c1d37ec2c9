// App names read from APKs, on a real one: AOSP's framework-res.apk as Debian builds it from Android 10's
// sources (package android-framework-res, installed by `npm test`'s prerequisites), whose label is a
// resource translated in some ninety languages; and APKs that cannot be read give no name, never an error.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { zipOf } from '../../../tests/helpers/zip.js';
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

  it('gives no name for an APK that is not one, or whose manifest is missing or damaged', async () => {
    expect(await apkLabel(Buffer.from('not a zip'), 'fr')).toBeNull();
    expect(await apkLabel(await zipOf({ 'classes.dex': Buffer.from('dex\n035\0') }), null)).toBeNull();
    expect(await apkLabel(await zipOf({ 'AndroidManifest.xml': Buffer.from([3, 0, 8, 0, 0xff, 0xff, 0xff, 0x7f]) }), null)).toBeNull();
  });

  it('reads the phone’s language from its properties', () => {
    expect(phoneLanguage(new Map([['persist.sys.locale', 'fr-FR']]))).toBe('fr');
    expect(phoneLanguage(new Map([['ro.product.locale', 'en-US']]))).toBe('en');
    expect(phoneLanguage(new Map())).toBeNull();
  });
});
