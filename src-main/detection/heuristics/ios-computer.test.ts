// iPhone and computer heuristics: positive and negative cases for each.
import { describe, expect, it } from 'vitest';
import { observation } from '../../../tests/helpers/observations.js';
import type { Observation } from '../../../src-shared/model.js';
import type { Heuristic } from '../heuristic.js';
import { ObservationSet } from '../observation-set.js';
import {
  libraryForcedIntoEveryProgram,
  macConfigurationProfiles,
  persistenceFromHiddenFolder,
  persistenceFromTemporaryFolder,
  programRunningFromTemporaryFolder,
  unsignedProgramInUserFolder,
} from './computer.js';
import { appsOutsideAppStore, configurationProfiles, jailbrokenIphone, supervisedIphone } from './ios.js';

function hits(heuristic: Heuristic, ...observations: Observation[]) {
  return heuristic.evaluate(new ObservationSet(observations));
}

function profile(identifier: string, payloadTypes: string[], extra: Record<string, unknown> = {}): Observation {
  return observation('ios.profile', { identifier, displayName: identifier, payloads: payloadTypes.map((type) => ({ type, identifier: `${identifier}.${type}`, displayName: null })), ...extra }, identifier);
}

describe('iPhone configuration profiles', () => {
  it('rates a root certificate, a global proxy or MDM high, a VPN medium, anything else low', () => {
    expect(hits(configurationProfiles, profile('com.evil.cert', ['com.apple.security.root']))[0]?.severity).toBe('high');
    expect(hits(configurationProfiles, profile('com.evil.proxy', ['com.apple.proxy.http.global']))[0]?.severity).toBe('high');
    expect(hits(configurationProfiles, profile('com.corp.mdm', [], { isMdm: true }))[0]?.severity).toBe('high');
    expect(hits(configurationProfiles, profile('com.vpn.provider', ['com.apple.vpn.managed']))[0]?.severity).toBe('medium');
    const wifi = hits(configurationProfiles, profile('com.cafe.wifi', ['com.apple.wifi.managed']))[0];
    expect(wifi?.severity).toBe('low');
    expect(wifi?.explanation.en).toContain('settings chosen by whoever installed it');
  });
  it('says nothing when no profile is installed', () => {
    expect(hits(configurationProfiles)).toEqual([]);
  });
});

describe('supervision, jailbreak and apps outside the App Store', () => {
  it('flags a supervised iPhone, not an unsupervised one', () => {
    expect(hits(supervisedIphone, observation('ios.device-state', { supervised: true, organization: 'ACME' }))[0]?.severity).toBe('high');
    expect(hits(supervisedIphone, observation('ios.device-state', { supervised: false, organization: null }))).toEqual([]);
  });
  it('flags jailbreak apps and files, not Android root indicators', () => {
    expect(hits(jailbrokenIphone, observation('root-indicator', { indicator: 'jailbreak-app', detail: 'com.saurik.Cydia' }))).toHaveLength(1);
    expect(hits(jailbrokenIphone, observation('root-indicator', { indicator: 'su-binary', detail: '/system/bin/su' }))).toEqual([]);
  });
  it('flags enterprise and developer installs, not App Store apps', () => {
    expect(hits(appsOutsideAppStore, observation('ios.app', { bundleId: 'com.enterprise.tool', source: 'enterprise' }))[0]?.severity).toBe('medium');
    expect(hits(appsOutsideAppStore, observation('ios.app', { bundleId: 'net.whatsapp.WhatsApp', source: 'app-store' }), observation('ios.app', { bundleId: 'com.x.y' }))).toEqual([]);
  });
});

describe('computer persistence', () => {
  it('flags something started automatically from a temporary folder', () => {
    const entry = observation('persistence', { platform: 'windows', mechanism: 'run-key', name: 'Updater', executable: 'C:\\Users\\ana\\AppData\\Local\\Temp\\upd.exe', commandLine: null, label: null });
    expect(hits(persistenceFromTemporaryFolder, entry)[0]).toMatchObject({ severity: 'medium', subject: 'run-key:Updater' });
    const linux = observation('persistence', { platform: 'linux', mechanism: 'xdg-autostart', name: 'helper', executable: '/tmp/.x/helper', commandLine: null, label: null });
    expect(hits(persistenceFromTemporaryFolder, linux)).toHaveLength(1);
    const script = observation('persistence', { platform: 'windows', mechanism: 'scheduled-task', name: 'Sync', executable: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe', commandLine: 'powershell.exe -File %TEMP%\\sync.ps1', label: null });
    expect(hits(persistenceFromTemporaryFolder, script)).toHaveLength(1);
  });
  it('ignores programs started from their install folder', () => {
    const entry = observation('persistence', { platform: 'windows', mechanism: 'run-key', name: 'OneDrive', executable: 'C:\\Program Files\\Microsoft OneDrive\\OneDrive.exe', commandLine: null, label: null });
    const mac = observation('persistence', { platform: 'macos', mechanism: 'launch-agent', name: 'com.google.keystone.agent', executable: '/Library/Google/GoogleSoftwareUpdate/agent', commandLine: null, label: 'com.google.keystone.agent' });
    expect(hits(persistenceFromTemporaryFolder, entry, mac)).toEqual([]);
  });
});

const process = (platform: string, executable: string | null, extra: Record<string, unknown> = {}) => observation('process', { platform, pid: 10, name: executable?.split(/[\\/]/).at(-1) ?? 'x', executable, ...extra });
const startup = (executable: string, extra: Record<string, unknown> = {}) => observation('persistence', { platform: 'linux', mechanism: 'xdg-autostart', name: 'x', executable, commandLine: null, label: null, ...extra });

describe('computer programs and startup entries', () => {
  it('rates startup entries in hidden folders low, switched-off and temporary ones excepted (those have their own finding)', () => {
    expect(hits(persistenceFromHiddenFolder, startup('/home/zoe/.local/share/.sync/agent'))[0]?.severity).toBe('low');
    expect(hits(persistenceFromHiddenFolder, startup('/Library/.Refog/agent'))).toHaveLength(1);
    expect(hits(persistenceFromHiddenFolder, startup('/home/zoe/.sync/agent', { enabled: false }))).toEqual([]);
    expect(hits(persistenceFromHiddenFolder, startup('/tmp/.x/agent'))).toEqual([]);
    expect(hits(persistenceFromHiddenFolder, startup('/usr/bin/agent'), startup('../bin/agent'), startup('./agent'))).toEqual([]);
  });

  it('flags computer programs running from a temporary folder, not phone processes or installed programs', () => {
    expect(hits(programRunningFromTemporaryFolder, process('linux', '/dev/shm/x'))[0]?.severity).toBe('medium');
    expect(hits(programRunningFromTemporaryFolder, process('windows', 'C:\\Users\\Zoé\\AppData\\Local\\Temp\\a.exe'))).toHaveLength(1);
    expect(hits(programRunningFromTemporaryFolder, process('macos', '/private/var/folders/ab/cd/T/x'))).toHaveLength(1);
    expect(hits(programRunningFromTemporaryFolder, process('android', '/data/local/tmp/frida'), process('linux', '/usr/bin/tmpreaper'), process('windows', null))).toEqual([]);
  });

  it('flags unsigned programs in user folders where the platform tells, not signed ones or unknown ones', () => {
    expect(hits(unsignedProgramInUserFolder, process('windows', 'C:\\Users\\Zoé\\AppData\\Roaming\\x.exe', { signed: false }))[0]?.severity).toBe('medium');
    expect(hits(unsignedProgramInUserFolder, process('macos', '/Users/zoé/bin/agent', { signed: false }))).toHaveLength(1);
    expect(
      hits(
        unsignedProgramInUserFolder,
        process('windows', 'C:\\Users\\Zoé\\AppData\\Local\\Programs\\app.exe', { signed: true }),
        process('linux', '/home/zoe/bin/agent', { signed: null }),
        process('windows', 'C:\\Program Files\\Tool\\tool.exe', { signed: false }),
      ),
    ).toEqual([]);
  });

  it('rates any library in /etc/ld.so.preload high', () => {
    const preload = observation('persistence', { platform: 'linux', mechanism: 'ld-preload', name: 'libx.so', executable: '/usr/lib/libx.so', commandLine: null, label: null });
    expect(hits(libraryForcedIntoEveryProgram, preload)[0]).toMatchObject({ severity: 'high', subject: '/usr/lib/libx.so' });
    expect(hits(libraryForcedIntoEveryProgram, startup('/usr/bin/agent'))).toEqual([]);
  });

  it('rates Mac profiles as iPhone ones, speaking of a Mac', () => {
    const mac = observation('macos.profile', { identifier: 'com.corp.mdm', displayName: 'Corp', payloads: [{ type: 'com.apple.mdm', identifier: null, displayName: null }] });
    const [hit] = hits(macConfigurationProfiles, mac);
    expect(hit).toMatchObject({ severity: 'high' });
    expect(hit!.explanation.en).toContain('on a personal Mac');
    expect(hit!.explanation.fr).toContain('sur un Mac personnel');
    expect(hits(macConfigurationProfiles, profile('com.evil.cert', ['com.apple.security.root']))).toEqual([]);
  });
});

describe('what the computer heuristics leave alone', () => {
  it('does not flag Sentinelle itself, an AppImage or a translocated Mac app, nor a pidfile in /tmp', () => {
    expect(hits(programRunningFromTemporaryFolder, process('linux', '/tmp/.mount_SentinXYZ/sentinelle'), process('macos', '/private/var/folders/ab/cd/T/AppTranslocation/1234/d/Tool.app/Contents/MacOS/Tool'), process('windows', 'C:\\Users\\x\\AppData\\Local\\Temp\\2b7f\\Sentinelle.exe', { self: true }))).toEqual([]);
    const cron = observation('persistence', { platform: 'linux', mechanism: 'crontab', name: 'x', executable: '/usr/bin/backup', commandLine: '/usr/bin/backup --pidfile /tmp/backup.pid', label: null });
    expect(hits(persistenceFromTemporaryFolder, cron)).toEqual([]);
    expect(hits(programRunningFromTemporaryFolder, process('linux', '/srv/tmp/tool'))).toEqual([]);
  });

  it('still flags scripts run from temporary folders, Temp written as a variable, and not switched-off entries', () => {
    const script = observation('persistence', { platform: 'linux', mechanism: 'crontab', name: 'x', executable: 'sh', commandLine: 'sh /tmp/.x/run.sh', label: null });
    expect(hits(persistenceFromTemporaryFolder, script)).toHaveLength(1);
    const variable = observation('persistence', { platform: 'windows', mechanism: 'run-key', name: 'x', executable: '%LOCALAPPDATA%\\Temp\\upd.exe', commandLine: null, label: null });
    expect(hits(persistenceFromTemporaryFolder, variable)).toHaveLength(1);
    expect(hits(persistenceFromTemporaryFolder, { ...variable, data: { ...variable.data, enabled: false } })).toEqual([]);
  });
});
