// The compiled index: each indicator type meets its observations in one normal form — domains by suffix
// (never by substring), IPs and CIDR blocks (IPv4 and IPv6), certificate fingerprints whatever their
// colons and case, executable names across platforms, paths inside a listed folder.
import { describe, expect, it } from 'vitest';
import type { Signature } from '../../src-shared/signature-format.js';
import { SignatureEntry } from '../../src-shared/signature-format.js';
import { observation } from '../../tests/helpers/observations.js';
import { SignatureIndex } from './signature-index.js';

function signature(id: string, indicators: Record<string, string[]>, extra: Record<string, unknown> = {}): Signature {
  const entry = SignatureEntry.parse({ id, name: id, category: 'stalkerware', platforms: ['android'], severity: 'high', description: { en: 'x', fr: 'x' }, indicators, ...extra });
  return { ...entry, source: { kind: 'builtin', name: 'test', version: '1', credit: null, trusted: true } };
}

const index = new SignatureIndex([
  signature('evil', { domains: ['evil.com'], ips: ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'], certificateSha1: ['AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD'] }),
  signature('rat', { processNames: ['RAT.exe', 'rat-helper'], filePaths: ['C:\\ProgramData\\RAT'], windowsServices: ['RatSvc'], launchdLabels: ['com.rat.agent'] }),
  signature('app', { androidPackages: ['com.Example.Spy'], iosBundleIds: ['com.example.spy.ios'], fileSha256: ['AB'.repeat(32)], profileIdentifiers: ['com.example.spy.profile'] }),
  signature('keylog', { programNames: ['KL Recorder'] }, { name: 'Best Keylogger', aliases: ['BKL Free'], platforms: ['windows', 'macos'], category: 'keylogger' }),
  signature('phone-only', {}, { name: 'Phone Spy', platforms: ['android'] }),
]);
const ids = (values: number[]) => values.map((i) => index.signatures[i]!.id);

describe('the signature index', () => {
  it('matches a domain and its subdomains, never a look-alike', () => {
    expect(ids(index.matchValue('domains', 'evil.com'))).toEqual(['evil']);
    expect(ids(index.matchValue('domains', 'a.b.EVIL.com.'))).toEqual(['evil']);
    expect(index.matchValue('domains', 'notevil.com')).toEqual([]);
    expect(index.matchValue('domains', 'evil.com.example.org')).toEqual([]);
    expect(index.matchValue('domains', 'com')).toEqual([]);
  });

  it('matches IPv4 and IPv6 addresses inside listed blocks, and exact addresses', () => {
    expect(ids(index.matchValue('ips', '203.0.113.254'))).toEqual(['evil']);
    expect(index.matchValue('ips', '203.0.114.1')).toEqual([]);
    expect(ids(index.matchValue('ips', '198.51.100.7'))).toEqual(['evil']);
    expect(index.matchValue('ips', '198.51.100.8')).toEqual([]);
    expect(ids(index.matchValue('ips', '2001:DB8:0:1::5'))).toEqual(['evil']);
    expect(index.matchValue('ips', '2001:db9::1')).toEqual([]);
    expect(index.matchValue('ips', 'not an ip')).toEqual([]);
  });

  it('keeps IPv4 and IPv6 networks apart, and reads IPv4 addresses written as IPv6', () => {
    const mixed = new SignatureIndex([signature('v4', { ips: ['45.114.224.0/24'] }), signature('v6', { ips: ['2d72:e000::/24'.replace('/24', '/32')] })]);
    expect(mixed.matchValue('ips', '2d72:e0ff::1').map((i) => mixed.signatures[i]!.id)).toEqual([]);
    expect(mixed.matchValue('ips', '::ffff:45.114.224.9').map((i) => mixed.signatures[i]!.id)).toEqual(['v4']);
    expect(ids(index.matchValue('ips', '::ffff:198.51.100.7'))).toEqual(['evil']);
  });

  it('counts a C2 domain as one wherever it was seen, browsing history included', () => {
    const out: Parameters<SignatureIndex['matchObservation']>[1] = [];
    index.matchObservation(observation('network.domain', { domain: 'x.evil.com', source: 'safari-history' }), out);
    expect(out.map((match) => match.indicator)).toEqual(['domains']);
    out.length = 0;
    index.matchObservation(observation('network.domain', { domain: 'x.evil.com', source: 'datausage' }), out);
    expect(out.map((match) => match.indicator)).toEqual(['domains']);
  });

  it('matches certificate fingerprints whatever their separators and case', () => {
    expect(ids(index.matchValue('certificateSha1', 'aabbccddeeff00112233445566778899aabbccdd'))).toEqual(['evil']);
  });

  it('matches executable names across platforms and paths inside a listed folder', () => {
    expect(ids(index.matchValue('processNames', 'C:\\Users\\x\\AppData\\rat.EXE'))).toEqual(['rat']);
    expect(ids(index.matchValue('processNames', '/usr/local/bin/rat-helper'))).toEqual(['rat']);
    expect(index.matchValue('processNames', 'pirate')).toEqual([]);
    expect(ids(index.matchValue('filePaths', 'c:/programdata/rat/logs/keys.txt'))).toEqual(['rat']);
    expect(index.matchValue('filePaths', 'C:\\ProgramData\\RATS\\x')).toEqual([]);
  });

  it('matches installed programs by the product’s names, whatever the version or architecture they register', () => {
    expect(ids(index.matchValue('programNames', 'Best Keylogger 7.2.1'))).toEqual(['keylog']);
    expect(ids(index.matchValue('programNames', 'BKL Free (x64)'))).toEqual(['keylog']);
    expect(ids(index.matchValue('programNames', 'kl recorder version 3.0'))).toEqual(['keylog']);
    expect(index.matchValue('programNames', 'Best Keylogger Remover')).toEqual([]);
    // A phone-only product's name is not a computer program's.
    expect(index.matchValue('programNames', 'Phone Spy')).toEqual([]);
    const out: Parameters<SignatureIndex['matchObservation']>[1] = [];
    index.matchObservation(observation('program', { platform: 'windows', name: 'Best Keylogger - 7.2', version: '7.2', publisher: null, location: 'C:\\ProgramData\\RAT\\bk', installDate: null }), out);
    expect(out.map((match) => `${index.signatures[match.signature]!.id}:${match.indicator}`).sort()).toEqual(['keylog:programNames', 'rat:filePaths']);
  });

  it('reads the right fields of each kind of observation', () => {
    const out: Parameters<SignatureIndex['matchObservation']>[1] = [];
    index.matchObservation(observation('android.package', { packageName: 'com.example.spy', isSystem: false, hasLauncherIcon: false, certSha1: ['AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD'], apkSha256: 'ab'.repeat(32) }), out);
    index.matchObservation(observation('ios.app', { bundleId: 'COM.EXAMPLE.SPY.IOS' }), out);
    index.matchObservation(observation('persistence', { platform: 'windows', mechanism: 'service', name: 'RatSvc', executable: 'C:\\ProgramData\\RAT\\rat.exe', commandLine: null, label: 'RatSvc' }), out);
    index.matchObservation(observation('persistence', { platform: 'macos', mechanism: 'launch-agent', name: 'x', executable: null, commandLine: null, label: 'com.rat.agent' }), out);
    index.matchObservation(observation('network.address', { ip: '203.0.113.9', source: 'datausage' }), out);
    index.matchObservation(observation('macos.profile', { identifier: 'com.example.spy.profile', payloads: [] }), out);
    expect(out.map((match) => `${index.signatures[match.signature]!.id}:${match.indicator}`).sort()).toEqual(
      ['app:androidPackages', 'app:fileSha256', 'app:iosBundleIds', 'app:profileIdentifiers', 'evil:certificateSha1', 'evil:ips', 'rat:filePaths', 'rat:launchdLabels', 'rat:processNames', 'rat:windowsServices'].sort(),
    );
    expect(out.find((match) => match.indicator === 'ips')?.value).toBe('203.0.113.0/24');
  });

  it('walks domains and folders to exactly the indicators a lookup of every suffix and folder finds', () => {
    // Many indicators sharing labels and folders, and names built from the same parts: the walk's running
    // hash must neither miss a listed suffix nor accept an unlisted one that shares a hash bucket.
    let seed = 7;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) % n);
    const labels = ['ab', 'bc', 'cd', 'spy', 'panel', 'evil', 'x1', 'com', 'net', 'org'];
    const name = (parts: number, separator: string) => Array.from({ length: parts }, () => labels[random(labels.length)]).join(separator);
    const domains = Array.from({ length: 300 }, () => name(2 + random(3), '.'));
    const folders = Array.from({ length: 300 }, () => `/${name(2 + random(2), '/')}`);
    const walked = new SignatureIndex(domains.map((domain, i) => signature(`d${i}`, { domains: [domain], filePaths: [folders[i]!] })));
    const listedDomains = new Set(domains);
    const listedFolders = new Set(folders);
    for (let trial = 0; trial < 2000; trial += 1) {
      const domain = name(1 + random(5), '.');
      const suffixes = domain.split('.').map((_, i, parts) => parts.slice(i).join('.')).filter((suffix) => suffix.includes('.'));
      const expected = new Set(domains.flatMap((listed, i) => (suffixes.includes(listed) && listedDomains.has(listed) ? [`d${i}`] : [])));
      expect(new Set(walked.matchValue('domains', domain).map((i) => walked.signatures[i]!.id)), domain).toEqual(expected);
      const file = `/${name(1 + random(5), '/')}`;
      const ancestors = file.split('/').map((_, i, parts) => parts.slice(0, i + 1).join('/')).filter((folder) => folder !== '');
      const inside = new Set(folders.flatMap((listed, i) => (ancestors.includes(listed) && listedFolders.has(listed) ? [`d${i}`] : [])));
      expect(new Set(walked.matchValue('filePaths', file).map((i) => walked.signatures[i]!.id)), file).toEqual(inside);
    }
  });
});
