// Android heuristics: each one fires on what it looks for (positive) and stays silent otherwise
// (negative), and never flags the phone's own system apps, store-installed apps doing their job, or the
// keyboard and launcher in use.
import { describe, expect, it } from 'vitest';
import {
  accessibility,
  androidPackage,
  deviceAdmin,
  notificationListener,
  observation,
  permissions,
  setting,
  sideloaded,
} from '../../../tests/helpers/observations.js';
import type { Observation } from '../../../src-shared/model.js';
import type { Heuristic } from '../heuristic.js';
import { ObservationSet } from '../observation-set.js';
import {
  accessibilityRights,
  deviceAdminRights,
  deviceOwner,
  hiddenAppWithSensitivePermissions,
  locationWithCommunications,
  notificationListenerRights,
  playProtectOff,
  rootedPhone,
  sideloadedKeyboard,
  systemImpersonation,
  installerFiles,
  trustedComputer,
} from './android.js';

function hits(heuristic: Heuristic, ...observations: Observation[]) {
  return heuristic.evaluate(new ObservationSet(observations));
}

describe('accessibility rights', () => {
  it('flags a sideloaded app with accessibility turned on as high, with its evidence', () => {
    const app = sideloaded('com.system.update.service', { label: 'Update' });
    const service = accessibility('com.system.update.service');
    const [hit] = hits(accessibilityRights, app, service);
    expect(hit).toMatchObject({ subject: 'com.system.update.service', severity: 'high', observationIds: [app.id, service.id] });
    expect(hit!.title.en).toContain('“Update” can read everything on the screen');
    expect(hit!.title.fr).toContain('« Update »');
  });
  it('rates a store app low (review with her), medium when installed days before the check, and an app the phone does not list high', () => {
    expect(hits(accessibilityRights, androidPackage('com.lastpass.lpandroid', { firstInstallTime: '2025-03-01T10:00:00.000Z' }), accessibility('com.lastpass.lpandroid'))[0]?.severity).toBe('low');
    const recent = hits(accessibilityRights, androidPackage('com.lastpass.lpandroid', { firstInstallTime: '2026-11-20T10:00:00.000Z' }), accessibility('com.lastpass.lpandroid'))[0];
    expect(recent).toMatchObject({ severity: 'medium', details: { source: 'recent' } });
    expect(recent!.note?.en).toMatch(/installed less than 7 days before/);
    expect(hits(accessibilityRights, accessibility('com.ghost.app'))[0]?.severity).toBe('high');
  });
  it('does not call an app whose installer names itself sideloaded', () => {
    const [hit] = hits(accessibilityRights, androidPackage('com.google.android.apps.tachyon', { installer: 'com.google.android.apps.tachyon' }), accessibility('com.google.android.apps.tachyon'));
    expect(hit).toMatchObject({ severity: 'medium', details: { source: 'self' } });
    expect(hit!.explanation.en).not.toMatch(/outside an app store/);
  });
  it('ignores a disabled service, system apps, and the store-installed keyboard', () => {
    expect(hits(accessibilityRights, sideloaded('com.spy'), accessibility('com.spy', false))).toEqual([]);
    expect(hits(accessibilityRights, androidPackage('com.google.android.marvin.talkback', { isSystem: true, installer: null }), accessibility('com.google.android.marvin.talkback'))).toEqual([]);
    expect(hits(accessibilityRights, androidPackage('com.touchtype.swiftkey', { roles: ['keyboard'] }), accessibility('com.touchtype.swiftkey'))).toEqual([]);
  });
});

describe('device administrator and notification access', () => {
  it('flags a sideloaded device administrator, not a system one or a device owner', () => {
    expect(hits(deviceAdminRights, sideloaded('com.spy.admin'), deviceAdmin('com.spy.admin'))[0]?.severity).toBe('high');
    expect(hits(deviceAdminRights, androidPackage('com.google.android.gms', { isSystem: true }), deviceAdmin('com.google.android.gms'))).toEqual([]);
    expect(hits(deviceAdminRights, sideloaded('com.corp.mdm'), deviceAdmin('com.corp.mdm', 'device-owner'))).toEqual([]);
  });
  it('rates a smartwatch companion from the store low, a sideloaded listener high', () => {
    expect(hits(notificationListenerRights, androidPackage('com.fitbit.FitbitMobile'), notificationListener('com.fitbit.FitbitMobile'))[0]?.severity).toBe('low');
    expect(hits(notificationListenerRights, sideloaded('com.notif.spy'), notificationListener('com.notif.spy'))[0]?.severity).toBe('high');
    expect(hits(notificationListenerRights, androidPackage('com.android.systemui', { isSystem: true }), notificationListener('com.android.systemui'))).toEqual([]);
  });
});

describe('hidden apps with sensitive permissions', () => {
  it('flags an app without an icon that reads SMS', () => {
    const [hit] = hits(hiddenAppWithSensitivePermissions, sideloaded('com.hidden.sms', { hasLauncherIcon: false, grantedPermissions: permissions('READ_SMS', 'INTERNET') }));
    expect(hit).toMatchObject({ severity: 'high', details: { permissions: ['android.permission.READ_SMS'] } });
  });
  it('ignores apps with an icon, icon-less apps without sensitive rights, and the launcher in use', () => {
    expect(hits(hiddenAppWithSensitivePermissions, sideloaded('com.visible', { grantedPermissions: permissions('READ_SMS') }))).toEqual([]);
    expect(hits(hiddenAppWithSensitivePermissions, sideloaded('com.plugin', { hasLauncherIcon: false, grantedPermissions: permissions('INTERNET') }))).toEqual([]);
    expect(hits(hiddenAppWithSensitivePermissions, androidPackage('com.teslacoilsw.launcher', { hasLauncherIcon: false, roles: ['launcher'], grantedPermissions: permissions('ACCESS_FINE_LOCATION') }))).toEqual([]);
    expect(hits(hiddenAppWithSensitivePermissions, androidPackage('com.google.android.apps.nexuslauncher', { isSystem: true, hasLauncherIcon: false, grantedPermissions: permissions('READ_CONTACTS') }))).toEqual([]);
  });
});

describe('background location with communications', () => {
  it('flags background location together with call logs or the microphone', () => {
    const [hit] = hits(locationWithCommunications, androidPackage('com.tracker', { grantedPermissions: permissions('ACCESS_BACKGROUND_LOCATION', 'RECORD_AUDIO') }));
    expect(hit).toMatchObject({ severity: 'low', details: { permissions: ['android.permission.ACCESS_BACKGROUND_LOCATION', 'android.permission.RECORD_AUDIO'] } });
    expect(hits(locationWithCommunications, sideloaded('com.tracker', { grantedPermissions: permissions('ACCESS_BACKGROUND_LOCATION', 'RECORD_AUDIO') }))[0]?.severity).toBe('high');
  });
  it('ignores location alone, communications alone, and system apps', () => {
    expect(hits(locationWithCommunications, androidPackage('com.weather', { grantedPermissions: permissions('ACCESS_BACKGROUND_LOCATION') }))).toEqual([]);
    expect(hits(locationWithCommunications, androidPackage('org.thoughtcrime.securesms', { grantedPermissions: permissions('READ_SMS', 'RECORD_AUDIO', 'CAMERA') }))).toEqual([]);
    expect(hits(locationWithCommunications, androidPackage('com.google.android.gms', { isSystem: true, grantedPermissions: permissions('ACCESS_BACKGROUND_LOCATION', 'READ_SMS') }))).toEqual([]);
  });
});

describe('system impersonation', () => {
  const unknownSigner = { certSha1: ['93adc8e2bd1687644f1143e184bcbfd57912ff2c'] };
  it('flags a non-system app named “Wi-Fi”, and a sideloaded com.android.* package, signed by someone else', () => {
    expect(hits(systemImpersonation, sideloaded('com.wifi.helper.x', { label: 'Wi-Fi', ...unknownSigner }))[0]?.severity).toBe('high');
    expect(hits(systemImpersonation, sideloaded('com.android.core.monitor', { label: 'Sync Service', ...unknownSigner })).map((hit) => hit.subject)).toEqual(['com.android.core.monitor']);
  });
  it('says “could not confirm” and stays medium when the signing certificate is unknown', () => {
    const [hit] = hits(systemImpersonation, sideloaded('com.android.core.monitor', { label: 'Sync Service' }));
    expect(hit).toMatchObject({ severity: 'medium', details: { certificateChecked: false } });
    expect(hit!.title.en).toContain('may be pretending');
    expect(hit!.explanation.en).toMatch(/could not read who signed it/);
  });
  it('leaves alone a Google or maker app whose installer names itself, by its certificate (SHA-1 as androidqf prints it)', () => {
    // Google's certificate (the one YouTube is signed with on MVT's real test phone), written with colons.
    const google = { certSha1: ['24:BB:24:C0:5E:47:E0:AE:FA:68:A5:8A:76:61:79:D9:B6:13:A6:00'] };
    expect(hits(systemImpersonation, androidPackage('com.google.android.apps.photos', { installer: 'com.google.android.apps.photos', ...google }))).toEqual([]);
    expect(hits(systemImpersonation, sideloaded('com.sec.android.app.sbrowser', { label: 'Settings', certSha1: ['9741a0f330dc2e8619b76a2597f308c37dbe30a2'] }))).toEqual([]);
  });
  it('ignores the real system, Google apps from the Play Store, and ordinary names', () => {
    expect(hits(systemImpersonation, androidPackage('com.android.settings', { label: 'Settings', isSystem: true, installer: null }))).toEqual([]);
    expect(hits(systemImpersonation, androidPackage('com.google.android.apps.authenticator2', { label: 'Google Authenticator' }))).toEqual([]);
    expect(hits(systemImpersonation, sideloaded('org.fdroid.fdroid', { label: 'F-Droid' }))).toEqual([]);
  });
});

describe('sideloaded keyboard', () => {
  it('flags the keyboard in use when it came from outside a store', () => {
    expect(hits(sideloadedKeyboard, sideloaded('com.keylog.board', { roles: ['keyboard'] }))[0]?.severity).toBe('high');
  });
  it('ignores Gboard (system) and a store keyboard, and sideloaded apps that are not the keyboard', () => {
    expect(hits(sideloadedKeyboard, androidPackage('com.google.android.inputmethod.latin', { isSystem: true, roles: ['keyboard'] }))).toEqual([]);
    expect(hits(sideloadedKeyboard, androidPackage('com.touchtype.swiftkey', { roles: ['keyboard'] }))).toEqual([]);
    expect(hits(sideloadedKeyboard, sideloaded('com.some.tool'))).toEqual([]);
  });
});

describe('root, Play Protect and device owner', () => {
  it('reports root indicators as one finding about the device', () => {
    const su = observation('root-indicator', { indicator: 'su-binary', detail: '/system/xbin/su' });
    const magisk = observation('root-indicator', { indicator: 'root-manager-app', detail: 'com.topjohnwu.magisk' });
    expect(hits(rootedPhone, su, magisk)).toEqual([expect.objectContaining({ subject: 'device', severity: 'high', observationIds: [su.id, magisk.id] })]);
    expect(hits(rootedPhone, observation('root-indicator', { indicator: 'jailbreak-app', detail: 'Cydia' }))).toEqual([]);
    expect(hits(rootedPhone)).toEqual([]);
  });
  it('reports Play Protect turned off, not when it is on', () => {
    expect(hits(playProtectOff, setting('global', 'package_verifier_enable', '0'))[0]?.severity).toBe('medium');
    expect(hits(playProtectOff, setting('global', 'package_verifier_user_consent', '-1'))).toHaveLength(1);
    expect(hits(playProtectOff, setting('global', 'package_verifier_enable', '1'), setting('global', 'package_verifier_user_consent', '1'))).toEqual([]);
  });
  it('reports a device owner or profile owner, never a plain administrator', () => {
    expect(hits(deviceOwner, deviceAdmin('com.example.tracker.mdm', 'device-owner'))[0]).toMatchObject({ severity: 'high', details: { role: 'device-owner' } });
    // A company's management app (Android Device Policy, Intune) from the store: most likely her work phone, a question.
    expect(hits(deviceOwner, deviceAdmin('com.google.android.apps.work.clouddpc', 'device-owner'))[0]).toMatchObject({ severity: 'medium', details: { role: 'device-owner' } });
    expect(hits(deviceOwner, androidPackage('com.microsoft.windowsintune.companyportal'), deviceAdmin('com.microsoft.windowsintune.companyportal', 'device-owner'))[0]?.severity).toBe('medium');
    // The same package name sideloaded is no company's app.
    expect(hits(deviceOwner, sideloaded('com.microsoft.windowsintune.companyportal'), deviceAdmin('com.microsoft.windowsintune.companyportal', 'device-owner'))[0]?.severity).toBe('high');
    expect(hits(deviceOwner, deviceAdmin('com.spy', 'admin'))).toEqual([]);
  });
});

describe('a computer trusted for debugging', () => {
  // Observations read on 2026-11-23 (the helper's observedAt).
  const key = (fingerprint: string, lastConnection: string | null, connectedNow = false) =>
    observation('android.adb-key', { fingerprint, comment: 'dev@DESKTOP-7Q2M4RT', source: 'adb_keys', lastConnection, connectedNow }, fingerprint);
  const A = 'AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99';
  const B = '01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF';

  it('is high when another computer connected in the 30 days before the phone was read, naming it and when', () => {
    const recent = key(A, '2026-11-11T21:14:09.000Z');
    const [hit] = hits(trustedComputer, recent);
    expect(hit).toMatchObject({ subject: A, severity: 'high', observationIds: [recent.id], details: { daysBeforeScan: 11, comment: 'dev@DESKTOP-7Q2M4RT' } });
    expect(hit?.title.en).toBe('Another computer (“dev@DESKTOP-7Q2M4RT”) is allowed to control this phone over debugging');
    expect(hit?.explanation.en).toContain('it last connected on 2026-11-11');
  });

  it('is a question (medium) when it connected long ago or when the phone does not say when', () => {
    expect(hits(trustedComputer, key(A, '2021-08-09T09:37:09.898Z'), key(B, null)).map((hit) => hit.severity)).toEqual(['medium', 'medium']);
  });

  it('says nothing of the computer connected now (the phone’s last received key), nor when no computer is kept', () => {
    expect(hits(trustedComputer, key(A, '2026-11-22T10:00:00.000Z', true))).toEqual([]);
    expect(hits(trustedComputer)).toEqual([]);
  });
});

describe('installer files in shared storage', () => {
  const file = (path: string, sha256: string | null) => observation('file', { path, sha256, source: 'android-shared-storage', size: 4096, modifiedAt: '2026-10-24T21:10:00.000Z' }, path);

  it('lists them in one low card, saying which installed app one of them is', () => {
    const app = sideloaded('com.systemservice', { label: 'System Service', apkSha256: 'cd'.repeat(32) });
    const saved = file('/sdcard/Download/SystemService.apk', 'cd'.repeat(32));
    const other = file('/sdcard/Bluetooth/game.apk', null);
    const [hit, ...more] = hits(installerFiles, app, saved, other);
    expect(more).toEqual([]);
    expect(hit).toMatchObject({ subject: 'device', severity: 'low', observationIds: [saved.id, other.id, app.id] });
    expect(hit?.explanation.en).toContain('Installed from one of them: “System Service” (/sdcard/Download/SystemService.apk)');
  });

  it('says nothing when there is no installer file, nor for files of other sources', () => {
    expect(hits(installerFiles, androidPackage('com.whatsapp'))).toEqual([]);
    expect(hits(installerFiles, observation('file', { path: '/tmp/x.apk', sha256: null, source: 'windows-downloads' }, '/tmp/x.apk'))).toEqual([]);
  });
});

describe('apps restored onto a new phone', () => {
  it('counts an app Smart Switch or Google’s restore tool put back as one from a store, not as sideloaded', () => {
    for (const installer of ['com.sec.android.easyMover', 'com.google.android.apps.restore']) {
      const app = androidPackage('com.agilebits.onepassword', { installer, label: '1Password' });
      const [hit] = hits(accessibilityRights, app, accessibility('com.agilebits.onepassword'));
      expect(hit?.severity, installer).toBe(hits(accessibilityRights, androidPackage('com.agilebits.onepassword', { label: '1Password' }), accessibility('com.agilebits.onepassword'))[0]?.severity);
      expect(hit?.details.source, installer).toBe('restore');
      expect(hit?.note?.en, installer).toMatch(/put back from her earlier phone/);
    }
    // A file manager is no restore tool: still sideloaded.
    const [sideloadedHit] = hits(accessibilityRights, androidPackage('com.system.update', { installer: 'com.google.android.documentsui' }), accessibility('com.system.update'));
    expect(sideloadedHit).toMatchObject({ severity: 'high', details: expect.objectContaining({ source: 'sideloaded' }) });
  });
});
