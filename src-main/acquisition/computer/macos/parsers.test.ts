// The macOS parsers on recorded outputs (tests/fixtures/host/README.md): ps with spaces in COMM, a non-ASCII
// user, a long user name and byte-counted padding; codesign; launchd jobs in XML and binary form (and a
// damaged one); login items; configuration profiles; system and kernel extensions.
import * as plist from 'plist';
import { describe, expect, it } from 'vitest';
import { hostFixture } from '../../../../tests/helpers/host-fixtures.js';
import { parseCodesign, parseKernelExtensions, parseLaunchdJob, parseLoginItems, parsePs, parseProfiles, parseSystemExtensions } from './parsers.js';

describe('macOS processes', () => {
  it('cuts COMM and ARGS where the header puts them, spaces in paths included', () => {
    const { rows, rejected } = parsePs(hostFixture('macos/ps.txt'));
    expect(rejected).toBe(0);
    expect(rows).toHaveLength(10);
    const chrome = rows.find((row) => row.pid === 733)!;
    expect(chrome).toMatchObject({ ppid: 1, user: 'zoé', name: 'Google Chrome', executable: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome' });
    expect(chrome.commandLine).toBe('/Applications/Google Chrome.app/Contents/MacOS/Google Chrome --flag-switches-begin --lang=fr,en --flag-switches-end');
    expect(rows.find((row) => row.pid === 1100)!.name).toBe('Google Chrome Helper (Renderer)');
    expect(rows.find((row) => row.pid === 312)!.user).toBe('_windowserver');
    expect(rows.find((row) => row.pid === 1250)).toMatchObject({ executable: '/usr/bin/login', commandLine: 'login -pf zoé' });
  });

  it('copes with padding counted in bytes and with a user name wider than its column', () => {
    const text = [
      '  PID  PPID USER   COMM                     ARGS',
      '  10     1 zoé   /Apps/Café.app/Café      /Apps/Café.app/Café -x', // "zoé" padded as 4 bytes: one space short
      '  11     1 averyveryverylongname /bin/zsh  -zsh',
      'garbage line',
    ].join('\n');
    const { rows, rejected } = parsePs(text);
    expect(rejected).toBe(1);
    expect(rows[0]).toMatchObject({ executable: '/Apps/Café.app/Café', commandLine: '/Apps/Café.app/Café -x' });
    expect(rows[1]).toMatchObject({ user: 'averyveryverylongname', executable: '/bin/zsh', commandLine: '-zsh' });
  });
});

describe('macOS code signatures', () => {
  it('names the Developer ID signer, and tells ad hoc and unsigned apart', () => {
    expect(parseCodesign(hostFixture('macos/codesign-teamviewer-helper.txt'))).toEqual({ signed: true, signer: 'Developer ID Application: TeamViewer Germany GmbH (H7UGFBUGV6)' });
    expect(parseCodesign(hostFixture('macos/codesign-syncd-agent.txt'))).toEqual({ signed: false, signer: null });
    expect(parseCodesign(hostFixture('macos/codesign-upd.txt'))).toEqual({ signed: false, signer: 'ad hoc (no identity)' });
    expect(parseCodesign('/x: No such file or directory')).toEqual({ signed: null, signer: null });
  });
});

describe('launchd jobs', () => {
  it('reads an XML job and the same job in binary form', () => {
    const xml = Buffer.from(hostFixture('macos/com.apple.syncd.agent.plist'), 'utf8');
    const fromXml = parseLaunchdJob(xml, '/Users/zoé/Library/LaunchAgents/com.apple.syncd.agent.plist', 'launch-agent');
    expect(fromXml).toMatchObject({ name: 'com.apple.syncd.agent', label: 'com.apple.syncd.agent', executable: '/Users/zoé/Library/Application Support/.syncd/agent', commandLine: '"/Users/zoé/Library/Application Support/.syncd/agent" --quiet', enabled: true });
    const binary = Buffer.from(plist.buildBinary(plist.parse(xml.toString('utf8')) as Parameters<typeof plist.buildBinary>[0]));
    expect(binary.subarray(0, 8).toString('latin1')).toBe('bplist00');
    expect(parseLaunchdJob(binary, fromXml.location!, 'launch-agent')).toEqual(fromXml);
  });

  it('takes the label from the file name when the job has none, and notes Disabled', () => {
    const job = plist.build({ Program: '/usr/local/bin/helper', Disabled: true });
    expect(parseLaunchdJob(Buffer.from(job), '/Library/LaunchDaemons/org.example.helper.plist', 'launch-daemon')).toMatchObject({ name: 'org.example.helper', label: null, executable: '/usr/local/bin/helper', enabled: false });
  });

  it('refuses a damaged job with an error', () => {
    expect(() => parseLaunchdJob(Buffer.from('bplist00garbage'), '/x.plist', 'launch-agent')).toThrow();
    expect(() => parseLaunchdJob(Buffer.from('<plist><array/></plist>'), '/x.plist', 'launch-agent')).toThrow(/not a dictionary/);
  });
});

describe('login items, profiles and extensions', () => {
  it('reads login items, hidden ones marked', () => {
    const items = parseLoginItems(hostFixture('macos/login-items.json'), 'System Events');
    expect(items.map((item) => [item.name, item.executable, item.label])).toEqual([
      ['Dropbox', '/Applications/Dropbox.app', null],
      ['syncd', '/Users/zoé/Library/Application Support/.syncd/agent', 'hidden'],
    ]);
    expect(() => parseLoginItems('[{"name": 3}]', 'x')).toThrow();
  });

  it('reads configuration profiles with their payloads', () => {
    const [profile] = parseProfiles(Buffer.from(hostFixture('macos/profiles.xml'), 'utf8'));
    expect(profile).toEqual({
      identifier: 'com.netguard.profile.f3a1',
      displayName: 'Sécurité du réseau',
      organization: 'NetGuard',
      isMdm: false,
      payloads: [
        { type: 'com.apple.security.root', identifier: 'com.netguard.profile.f3a1.root', displayName: null },
        { type: 'com.apple.proxy.http.global', identifier: 'com.netguard.profile.f3a1.proxy', displayName: null },
      ],
    });
    expect(parseProfiles(Buffer.from(''))).toEqual([]);
  });

  it('reads system extensions and the kernel extensions not made by Apple', () => {
    expect(parseSystemExtensions(hostFixture('macos/systemextensionsctl.txt')).map((row) => [row.label, row.name, row.enabled])).toEqual([
      ['com.teamviewer.networkextension', 'TeamViewer Network Extension', true],
      ['com.example.es.agent', 'Example ES Agent', false],
    ]);
    expect(parseKernelExtensions(hostFixture('macos/kmutil-showloaded.txt')).map((row) => row.label)).toEqual(['com.refog.kext.keyboard']);
  });
});
