// iPhone and computer heuristics: positive and negative cases for each.
import { describe, expect, it } from 'vitest';
import { observation } from '../../../tests/helpers/observations.js';
import type { Observation } from '../../../src-shared/model.js';
import type { Heuristic } from '../heuristic.js';
import { ObservationSet } from '../observation-set.js';
import { persistenceFromTemporaryFolder } from './computer.js';
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
