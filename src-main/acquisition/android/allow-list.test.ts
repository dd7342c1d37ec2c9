// The read-only guarantee and the containment allow-list: what a scan may send, what it never may, and
// that the two containment commands cannot be bent into anything else (shell metacharacters, other users,
// other pm verbs).
import { describe, expect, it } from 'vitest';
import { SentinelleError } from '../../../src-shared/errors.js';
import { commandFor, LISTING_COLLECTORS } from './collectors/index.js';
import { assertApkPath, assertReadOnly, hashCommands, isReadOnlyListing, isApkPath, MAX_HASH_COMMAND_BYTES, MAX_HASH_COMMAND_BYTES_BEFORE_ANDROID_7 } from './allow-list.js';
import { assertContainmentCommand, containmentCommand } from './containment-commands.js';

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof SentinelleError ? error.code : `unexpected ${String(error)}`;
  }
  return 'accepted';
};

describe('the read-only allow-list', () => {
  it('accepts the listing commands, for every user where a listing is per user, and APK hashing', () => {
    for (const collector of LISTING_COLLECTORS) {
      expect(refusal(() => assertReadOnly(collector.command))).toBe('accepted');
      if (collector.perUser) for (const user of [10, 150, 999999]) expect(refusal(() => assertReadOnly(commandFor(collector, user)))).toBe('accepted');
    }
    const [command] = hashCommands(['/data/app/~~a1==/com.example-b2==/base.apk', '/system/app/Chrome/Chrome.apk']);
    expect(refusal(() => assertReadOnly(command!))).toBe('accepted');
  });

  it.each([
    'pm uninstall com.systemservice',
    'pm disable-user --user 0 com.systemservice',
    'settings put global package_verifier_enable 1',
    'rm -rf /sdcard',
    'getprop; reboot',
    'getprop && rm /data/local/tmp/x',
    'dumpsys package; am start -a android.intent.action.VIEW',
    'sha256sum /data/app/x/base.apk; rm /data/app/x/base.apk',
    'sha256sum /data/app/../../sdcard/secret.apk',
    'sha256sum /sdcard/Download/photo.jpg',
    'sha256sum $(reboot).apk',
    'sha256sum',
    'getprop ',
    'pm list packages -f -i -U --user 0;reboot',
    'pm list packages -f -i -U --user -1',
    'pm list packages -f -i -U --user all',
    'pm list packages -f -i -U --user 1234567',
    'settings --user 10 put secure enabled_accessibility_services x',
    'pm list users; pm create-user spy',
  ])('refuses %j before it reaches adb', (command) => {
    expect(refusal(() => assertReadOnly(command))).toBe('acquisition.command-refused');
  });

  it('takes for a listing only programs that read, whatever a collector declares', () => {
    for (const command of ['pm uninstall com.x', 'settings put global adb_enabled 0', 'dumpsys package; reboot', 'cmd package install-existing com.x', 'am start -n com.x/.Main', 'ls -d /sdcard/* 2>/dev/null; rm -rf /sdcard', 'pm clear com.x']) {
      expect(isReadOnlyListing(command), command).toBe(false);
    }
  });

  it('splits hashing into commands short enough for the phone, and refuses a longer one', () => {
    const paths = Array.from({ length: 800 }, (_, i) => `/data/app/~~${'x'.repeat(22)}==/com.vendor${i}.app-${'y'.repeat(22)}==/base.apk`);
    for (const [limit, sdk] of [[MAX_HASH_COMMAND_BYTES, 'Android 7+'], [MAX_HASH_COMMAND_BYTES_BEFORE_ANDROID_7, 'Android 6']] as const) {
      const commands = hashCommands(paths, limit);
      expect(commands.every((command) => command.length <= limit), sdk).toBe(true);
      expect(commands.flatMap((command) => command.split(' ').slice(1))).toEqual(paths);
    }
    expect(hashCommands(paths, MAX_HASH_COMMAND_BYTES_BEFORE_ANDROID_7).length).toBeGreaterThan(hashCommands(paths).length);
    expect(refusal(() => assertReadOnly(`sha256sum ${paths.join(' ')}`))).toBe('acquisition.command-refused');
  });

  it('leaves out of hashing the paths a hostile phone could list', () => {
    const hostile = ['/data/app/../../sdcard/x.apk', '/data/app/x y/base.apk', `/data/app/${'a'.repeat(600)}/base.apk`, '/data/app/ok/base.apk'];
    expect(hashCommands(hostile)).toEqual(['sha256sum /data/app/ok/base.apk']);
    expect(hostile.filter(isApkPath)).toEqual(['/data/app/ok/base.apk']);
  });

  it('pulls only installed APKs', () => {
    expect(isApkPath('/data/app/~~abc==/com.example-def==/base.apk')).toBe(true);
    for (const path of ['/sdcard/DCIM/photo.apk', '/data/data/com.whatsapp/databases/msgstore.db', '/data/app/../data/x.apk', '/data/app/x/base.apk\n']) {
      expect(refusal(() => assertApkPath(path))).toBe('acquisition.command-refused');
    }
  });
});

describe('the containment commands', () => {
  it('are exactly disable-user and enable for user 0, and a scan can never send them', () => {
    expect(containmentCommand('disable', 'com.systemservice').text).toBe('pm disable-user --user 0 com.systemservice');
    expect(containmentCommand('enable', 'com.systemservice').text).toBe('pm enable --user 0 com.systemservice');
    expect(refusal(() => assertContainmentCommand('pm disable-user --user 0 com.systemservice'))).toBe('accepted');
    expect(refusal(() => assertReadOnly('pm enable --user 0 com.systemservice'))).toBe('acquisition.command-refused');
  });

  it.each(['com.x;reboot', 'com.x && rm -rf /', '$(reboot)', 'com', '.com.x', 'com..x', 'com.x --user 10', 'com.x\nreboot'])('refuses the package name %j', (name) => {
    expect(refusal(() => containmentCommand('disable', name))).toBe('acquisition.command-refused');
  });

  it.each(['pm uninstall com.x', 'pm disable-user --user 10 com.x', 'pm disable com.x', 'pm enable --user 0 com.x;reboot', 'pm clear --user 0 com.x'])('refuses %j', (command) => {
    expect(refusal(() => assertContainmentCommand(command))).toBe('acquisition.command-refused');
  });
});
