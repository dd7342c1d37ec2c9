// Community feeds imported as they are published: Echap's stalkerware-indicators (ioc.yaml, watchware.yaml,
// samples.csv), ISDi's app-flags.csv, MVT's STIX2 bundles. The counts are checked against counts made
// independently of the importer (a line scan of the YAML, a plain JSON walk of the STIX).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFeedFiles } from '../../src-main/signatures/import-file.js';
import { importStix } from '../../src-main/signatures/importers/stix2.js';
import { SignatureIndex } from '../../src-main/signatures/signature-index.js';
import { INDICATORS, MVT, sharedFile } from '../helpers/shared.js';

/** Counts list items under each key by reading lines, as a person would — no YAML library, no importer. */
function countEchapYaml(text: string) {
  const counts: Record<string, number> = { products: 0, packages: 0, certificates: 0, websites: 0, distribution: 0, c2Domains: 0, c2Ips: 0 };
  let key: string | null = null;
  let inC2 = false;
  for (const line of text.split('\n')) {
    if (/^- name\s*:/.test(line)) {
      counts.products! += 1;
      key = null;
      inC2 = false;
      continue;
    }
    const top = /^  ([a-z_0-9]+)\s*:\s*$/.exec(line);
    if (top) {
      inC2 = top[1] === 'c2';
      key = inC2 ? null : top[1]!;
      continue;
    }
    const nested = /^    (domains|ips|ip)\s*:\s*$/.exec(line);
    if (inC2 && nested) {
      key = nested[1] === 'domains' ? 'c2Domains' : 'c2Ips';
      continue;
    }
    if (/^\s+- \S/.test(line) && key && key in counts) counts[key]! += 1;
  }
  return counts;
}

describe('Echap stalkerware-indicators', () => {
  const ioc = sharedFile('indicators', 'stalkerware-indicators', 'ioc.yaml');

  it('imports exactly the products, packages, certificates, websites and C2 domains and IPs ioc.yaml holds', () => {
    const expected = countEchapYaml(ioc.bytes.toString('utf8'));
    expect(expected.products).toBe(147);
    const [set] = readFeedFiles([ioc]);
    expect(set!.stats).toMatchObject(expected);
    expect(set!.signatures).toHaveLength(expected.products!);
    // What reaches the index: every package and certificate listed, once.
    const index = new SignatureIndex(set!.signatures.map((entry) => ({ ...entry, source: { kind: 'feed', name: 'x', version: '1', credit: null, trusted: true } })));
    const packages = new Set(ioc.bytes.toString('utf8').match(/^ {2}packages\s*:\n((?: {2}- .*\n)+)/gm)?.flatMap((block) => block.split('\n').slice(1).filter(Boolean).map((line) => line.replace(/^ {2}- /, '').trim())));
    for (const name of packages) expect(index.matchValue('androidPackages', name).length, name).toBeGreaterThan(0);
    expect(set!.notes.join(' ')).toMatch(/download page address\(es\) not used/);
    expect(set!.credit).toMatch(/CC BY 4\.0/);
  });

  it('adds watchware as monitoring apps and samples.csv hashes to the same products', () => {
    const watchware = sharedFile('indicators', 'stalkerware-indicators', 'watchware.yaml');
    const samples = sharedFile('indicators', 'stalkerware-indicators', 'samples.csv');
    const [set] = readFeedFiles([samples, watchware, ioc]);
    const sampleLines = samples.bytes.toString('utf8').trim().split('\n').length - 1;
    expect(set!.stats.samples).toBe(sampleLines);
    const life360 = set!.signatures.find((entry) => entry.name === 'Life360');
    // Watchware is "ask her" (low), stalkerware critical: the one mapping of list-categories.ts.
    expect(life360).toMatchObject({ category: 'monitoring', severity: 'low' });
    expect(set!.signatures.find((entry) => entry.name === 'TheTruthSpy')).toMatchObject({ category: 'stalkerware', severity: 'critical' });
    expect(life360!.indicators.iosBundleIds).toContain('com.life360.safetymap');
    const hashes = new Set(samples.bytes.toString('utf8').trim().split('\n').slice(1).map((line) => line.split(',')[0]!.toLowerCase()));
    const imported = new Set(set!.signatures.flatMap((entry) => entry.indicators.fileSha256.map((hash) => hash.toLowerCase())));
    expect(imported).toEqual(hashes);
  });
});

describe('ISDi app flags', () => {
  it('turns every flagged app into a signature, and reports the rows it could not use', () => {
    const flags = sharedFile('indicators', 'isdi', 'app-flags.csv');
    const rows = flags.bytes.toString('utf8').trim().split('\n').length - 1;
    const [set] = readFeedFiles([flags]);
    expect(set!.stats.apps).toBe(rows);
    const skipped = Number(/(\d+) row\(s\) not used/.exec(set!.notes.join(' '))?.[1]);
    expect(set!.stats.stalkerware! + set!.stats.spyware! + set!.stats.dualUse! + skipped).toBe(rows);
    const cerberus = set!.signatures.find((entry) => entry.indicators.androidPackages.includes('com.lsdroid.cerberus'));
    expect(cerberus?.category).toBeDefined();
    expect(set!.signatures.filter((entry) => entry.category === 'stalkerware').every((entry) => entry.severity === 'critical')).toBe(true);
    expect(set!.signatures.find((entry) => entry.indicators.androidPackages.includes('com.life360.android.safetymapd'))).toMatchObject({ category: 'dual-use', severity: 'low' });
    expect(set!.credit).toMatch(/MIT/);
    // A clone family's row names every brand: shown as a readable list.
    const family = set!.signatures.find((entry) => entry.indicators.androidPackages.includes('com.systemservice'));
    expect(family?.name).toMatch(/^Copy9, ExactSpy, /);
  });
});

describe('STIX 2.1 bundles', () => {
  for (const file of fs.readdirSync(path.join(MVT, 'stix2'))) {
    it(`imports every indicator of MVT's ${file}`, () => {
      const text = fs.readFileSync(path.join(MVT, 'stix2', file), 'utf8');
      const bundle = JSON.parse(text) as { objects: { type: string; pattern?: string }[] };
      const indicators = bundle.objects.filter((object) => object.type === 'indicator');
      const notes: string[] = [];
      const { entries, stats } = importStix(text, file, notes);
      expect(stats.indicators).toBe(indicators.length);
      expect(stats.supported + stats.unsupported).toBe(indicators.length);
      const domains = new Set(indicators.filter((i) => i.pattern!.includes('domain-name:value')).map((i) => /'(.*)'/.exec(i.pattern!)![1]!.toLowerCase()));
      const importedDomains = new Set(entries.flatMap((entry) => entry.indicators.domains));
      for (const domain of domains) expect(importedDomains.has(domain), domain).toBe(true);
      expect(entries.length).toBeGreaterThan(0);
    });
  }

  it('groups indicators under the malware they indicate', () => {
    const { entries } = importStix(fs.readFileSync(path.join(MVT, 'stix2', 'cytrox.stix2'), 'utf8'), 'cytrox.stix2', []);
    expect(entries.map((entry) => entry.name)).toEqual(['Predator']);
    expect(entries[0]!.indicators.filePaths).toContain('/private/var/tmp/takePhoto');
    expect(entries[0]!.indicators.profileIdentifiers).toEqual(['76DAB334-7E17-475D-A5D6-0794EB5818A5']);
  });

  it('reports the patterns it cannot hold, with their number, instead of dropping them silently', () => {
    const bundle = {
      type: 'bundle',
      id: 'bundle--1',
      objects: [
        { type: 'malware', id: 'malware--1', name: 'Example' },
        { type: 'indicator', id: 'indicator--1', pattern: "[app:id = 'com.example.spy']" },
        { type: 'indicator', id: 'indicator--2', pattern: "[email-addr:value = 'a@example.com']" },
        { type: 'indicator', id: 'indicator--3', pattern: "[domain-name:value = 'a.example.com' OR domain-name:value = 'b.example.com']" },
        { type: 'indicator', id: 'indicator--4', pattern: "[app:cert.sha256 = '" + 'a'.repeat(64) + "']" },
        { type: 'indicator', id: 'indicator--5', pattern: "[url:value = 'https://drive.google.com/uc?id=abc']" },
        ...['1', '2', '3', '4', '5'].map((n) => ({ type: 'relationship', id: `relationship--${n}`, relationship_type: 'indicates', source_ref: `indicator--${n}`, target_ref: 'malware--1' })),
      ],
    };
    const notes: string[] = [];
    const { entries, stats } = importStix(JSON.stringify(bundle), 'example.stix2', notes);
    expect(stats).toMatchObject({ indicators: 5, supported: 3, unsupported: 2 });
    expect(notes.join(' ')).toMatch(/2 indicator\(s\).*email-addr:value \(1\).*complex pattern \(1\)/);
    expect(notes.join(' ')).toMatch(/host many people use were not imported \(drive\.google\.com\)/);
    expect(entries[0]!.indicators.domains).toEqual([]);
    expect(entries[0]!.indicators.androidPackages).toEqual(['com.example.spy']);
    expect(entries[0]!.indicators.certificateSha256).toEqual(['a'.repeat(64)]);
  });
});

describe('npm run signatures:update', () => {
  it('compiles the feeds from a folder into the git-ignored file the app reads', async () => {
    const { execFileSync } = await import('node:child_process');
    const { makeTempDir, removeDir } = await import('../helpers/temp.js');
    const { readCompiledFeeds } = await import('../../src-main/signatures/compiled-feeds.js');
    const out = makeTempDir();
    try {
      const script = new URL('../../scripts/signatures-update.ts', import.meta.url).pathname;
      const printed = execFileSync(process.execPath, ['--import', 'tsx', script, '--from', INDICATORS, '--from', path.join(MVT, 'stix2'), '--out', out], { encoding: 'utf8' });
      expect(printed).toMatch(/Echap stalkerware-indicators .*193 signatures/);
      const compiled = readCompiledFeeds(out)!;
      expect(compiled.sets.map((set) => set.format).sort()).toEqual(['isdi', 'stalkerware-indicators', 'stix2', 'stix2']);
      expect(fs.readFileSync(new URL('../../.gitignore', import.meta.url), 'utf8')).toContain('signatures/compiled/');
    } finally {
      removeDir(out);
    }
  });
});
