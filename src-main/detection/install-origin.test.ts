// Where an app came from, from every field the phone keeps: a computer (the shell) whatever the installer
// field says, open stores and restore tools as what they are, an app that updated itself as of unknown
// origin — and what each means for the rights the app holds. Install fields as Android 11+ prints them
// (`installerPackageName=`, `initiatingPackageName=`, `originatingPackageName=`; see the Android 14 block in
// acquisition/android/parsers/users-and-debugging.test.ts); package names from src-shared/install-origins.ts.
import { describe, expect, it } from 'vitest';
import { INSTALLERS, installOrigin, installSourceWords } from '../../src-shared/install-origins.js';
import { accessibility, androidPackage, notificationListener, permissions } from '../../tests/helpers/observations.js';
import { ObservationSet } from './observation-set.js';
import { accessibilityRights, hiddenAppWithSensitivePermissions, notificationListenerRights } from './heuristics/android.js';
import type { Heuristic } from './heuristic.js';
import type { Observation } from '../../src-shared/model.js';

const hits = (heuristic: Heuristic, ...observations: Observation[]) => heuristic.evaluate(new ObservationSet(observations));

describe('where an app came from', () => {
  it('takes the shell in any field for a computer, even when the installer field names Play (`adb install -i com.android.vending`)', () => {
    expect(installOrigin({ packageName: 'com.x', installer: 'com.android.vending', initiatingInstaller: 'com.android.shell', originatingInstaller: null })).toBe('computer');
    expect(installOrigin({ packageName: 'com.x', installer: 'com.android.shell' })).toBe('computer');
    // Play updated an app once installed from a computer: the last install session is Play's.
    expect(installOrigin({ packageName: 'com.x', installer: 'com.android.vending', initiatingInstaller: 'com.android.vending' })).toBe('store');
  });

  it('tells stores, open stores, restore tools, device management, the app itself and the package installer apart', () => {
    expect(installOrigin({ packageName: 'com.bitwarden', installer: 'com.aurora.store' })).toBe('open-store');
    expect(installOrigin({ packageName: 'org.x', installer: 'org.fdroid.fdroid' })).toBe('open-store');
    expect(installOrigin({ packageName: 'com.x', installer: 'com.miui.huanji' })).toBe('restore');
    expect(installOrigin({ packageName: 'com.x', installer: 'com.google.android.apps.work.clouddpc' })).toBe('managed');
    expect(installOrigin({ packageName: 'com.x', installer: 'com.x', initiatingInstaller: 'com.x' })).toBe('self');
    expect(installOrigin({ packageName: 'com.x', installer: 'com.google.android.packageinstaller', initiatingInstaller: 'com.google.android.documentsui', originatingInstaller: 'com.android.chrome' })).toBe('sideloaded');
    expect(installOrigin({ packageName: 'com.x', installer: null })).toBe('sideloaded');
    // No installer field recorded, but the app that asked for the install was a store.
    expect(installOrigin({ packageName: 'com.x', installer: null, initiatingInstaller: 'com.sec.android.app.samsungapps' })).toBe('store');
    // Not stores: a Xiaomi content app, Transsion's launcher.
    expect(installOrigin({ packageName: 'com.x', installer: 'com.xiaomi.discover' })).toBe('sideloaded');
  });

  it('names every installer of the table in plain words, in both languages', () => {
    for (const [name, installer] of INSTALLERS) {
      expect(installSourceWords(name)).toEqual(installer.name);
      expect(installer.name.en.length, name).toBeGreaterThan(3);
      expect(installer.name.fr.length, name).toBeGreaterThan(3);
    }
  });
});

describe('what the origin means for an app’s rights', () => {
  it('an app installed from a computer under Play’s name is as strong a sign as a sideloaded one, and says why', () => {
    const app = androidPackage('com.sys.health', { installer: 'com.android.vending', initiatingInstaller: 'com.android.shell' });
    const [hit] = hits(accessibilityRights, app, accessibility('com.sys.health'));
    expect(hit).toMatchObject({ severity: 'high', details: expect.objectContaining({ source: 'computer' }) });
    expect(hit!.note!.en).toMatch(/installed from a computer over USB debugging/);
    expect(hit!.note!.en).toMatch(/names Google Play Store as its installer/);
    expect(hit!.note!.fr).toMatch(/depuis un ordinateur/);
  });

  it('says an app came from a file downloaded on the phone when the installing app said so (Android 13+)', () => {
    const app = androidPackage('com.sys.health', { installer: 'com.google.android.packageinstaller', initiatingInstaller: 'com.android.chrome', packageSource: 'downloaded-file' });
    expect(hits(accessibilityRights, app, accessibility('com.sys.health'))[0]!.note!.en).toMatch(/from a file downloaded on the phone/);
    // A store's claim vouches for nothing: the same app from the package installer is still sideloaded.
    const claimed = androidPackage('com.sys.health', { installer: 'com.google.android.packageinstaller', packageSource: 'store' });
    expect(hits(accessibilityRights, claimed, accessibility('com.sys.health'))[0]).toMatchObject({ severity: 'high', details: expect.objectContaining({ source: 'sideloaded' }) });
  });

  it('Bitwarden from Aurora Store on a phone without Google is an app to review with her, not sideloaded', () => {
    const bitwarden = androidPackage('com.x8bit.bitwarden', { installer: 'com.aurora.store', label: 'Bitwarden', firstInstallTime: '2025-06-01 10:00:00' });
    const [hit] = hits(accessibilityRights, bitwarden, accessibility('com.x8bit.bitwarden'));
    expect(hit).toMatchObject({ severity: 'low', details: expect.objectContaining({ source: 'open-store' }) });
    expect(hit!.note!.en).toMatch(/app store she may use/);
    expect(hit!.note!.en).not.toMatch(/outside an app store/);
  });
});

describe('watch companions', () => {
  const wearable = androidPackage('com.samsung.android.app.watchmanager', { label: 'Galaxy Wearable', firstInstallTime: '2025-01-10 09:00:00' });
  const plugin = (overrides: Record<string, unknown> = {}) =>
    androidPackage('com.samsung.android.waterplugin', { hasLauncherIcon: false, firstInstallTime: '2025-01-10 09:05:00', grantedPermissions: permissions('READ_CALL_LOG', 'READ_CONTACTS', 'RECEIVE_SMS'), ...overrides });

  it('a Galaxy Watch plug-in from the store, with no icon of its own, is not hiding when Galaxy Wearable is installed', () => {
    expect(hits(hiddenAppWithSensitivePermissions, wearable, plugin())).toEqual([]);
    // Without its companion, the same app is an app without an icon.
    expect(hits(hiddenAppWithSensitivePermissions, plugin())).toHaveLength(1);
    // Sideloaded under a plug-in's name, it is judged as any sideloaded app.
    expect(hits(hiddenAppWithSensitivePermissions, wearable, plugin({ installer: 'com.google.android.packageinstaller' }))[0]?.severity).toBe('high');
    // Its notification access stays a low "review with her".
    expect(hits(notificationListenerRights, wearable, plugin(), notificationListener('com.samsung.android.waterplugin'))[0]?.severity).toBe('low');
  });

  it('an app signed with the companion’s own certificate is part of it', () => {
    const garmin = androidPackage('com.garmin.android.apps.connectmobile', { certSha256: ['a'.repeat(64)] });
    const helper = androidPackage('com.garmin.android.apps.helper', { hasLauncherIcon: false, grantedPermissions: permissions('ACCESS_FINE_LOCATION'), certSha256: ['a'.repeat(64)] });
    expect(hits(hiddenAppWithSensitivePermissions, garmin, helper)).toEqual([]);
    const stranger = androidPackage('com.garmin.android.apps.helper', { hasLauncherIcon: false, grantedPermissions: permissions('ACCESS_FINE_LOCATION'), certSha256: ['b'.repeat(64)] });
    expect(hits(hiddenAppWithSensitivePermissions, garmin, stranger)).toHaveLength(1);
  });
});

