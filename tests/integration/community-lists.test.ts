// The community lists ship with the app, pinned: the build compiled exactly the pinned upstream files
// (signatures/community/pins.json) and a fresh installation, offline and with nothing imported, names
// products of every shipped list; a file that differs from its pin is refused; moving the pins shows what
// changed. The YAML and STIX forms of the same list give the same verdicts on the same phone.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app.js';
import { detect } from '../../src-main/detection/engine.js';
import { loadBuiltinDatabase } from '../../src-main/signatures/builtin-database.js';
import { readCompiledFeeds } from '../../src-main/signatures/compiled-feeds.js';
import { readPins } from '../../src-main/signatures/community-pins.js';
import { readFeedFiles } from '../../src-main/signatures/import-file.js';
import { SignatureIndex } from '../../src-main/signatures/signature-index.js';
import type { Signature } from '../../src-shared/signature-format.js';
import { verdictOf } from '../../src-shared/verdicts.js';
import { appWithVault, TEST_PASSPHRASE } from '../helpers/app.js';
import { observation, sideloaded } from '../helpers/observations.js';
import { INDICATORS, sharedFile } from '../helpers/shared.js';
import { echapStix } from '../helpers/stix-from-echap.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { OpenVault } from '../../src-main/vault/vault.js';
import { callWithFindings } from '../helpers/findings.js';

const SIGNATURES = new URL('../../signatures/', import.meta.url).pathname;
const SCRIPT = new URL('../../scripts/signatures-update.ts', import.meta.url).pathname;

/** A fresh vault and app for each test of the block it is called in. */
function freshApp(): { dir: string; app: App } {
  const state = {} as { dir: string; app: App };
  beforeEach(async () => {
    state.dir = makeTempDir();
    ({ app: state.app } = await appWithVault(path.join(state.dir, 'vault')));
  });
  afterEach(() => {
    state.app.dispose();
    removeDir(state.dir);
  });
  return state;
}

/** The app's verdicts on a new case holding these observations (written into the vault as a scan would). */
async function detectOn(fresh: { dir: string; app: App }, observations: ReturnType<typeof sideloaded>[]) {
  const created = await fresh.app.call('cases.create', { label: '' });
  await fresh.app.call('vault.lock', { reason: 'user' });
  const vault = await OpenVault.unlock(path.join(fresh.dir, 'vault'), TEST_PASSPHRASE);
  vault.observations.insertMany(observations.map((made) => ({ caseId: created.id, scanId: null, ...pick(made), artifactSha256s: [] })));
  vault.lock('user');
  await fresh.app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
  return (await callWithFindings(fresh.app, 'detection.run', { caseId: created.id })).findings;
}

describe('the community lists shipped with the app', () => {
  const fresh = freshApp();

  it('are the pinned upstream files, compiled by the build and credited with their source and licence', async () => {
    const pins = readPins(SIGNATURES);
    const compiled = readCompiledFeeds(SIGNATURES)!;
    for (const list of pins.lists) {
      const set = compiled.sets.find((candidate) => candidate.source?.repository === list.repository)!;
      expect(set.source).toMatchObject({ commit: list.commit, licence: list.licence, files: list.files.map(({ path: file, sha256 }) => ({ path: file, sha256 })) });
      expect(set.version).toBe(`${list.commit.slice(0, 12)} (${list.date.slice(0, 10)})`);
    }
    const info = await fresh.app.call('signatures.info', {});
    expect(info.community?.sets.map((set) => set.source?.licence).sort()).toEqual(['CC BY 4.0', 'MIT']);
    expect(info.credits.join(' ')).toMatch(/Echap/);
    expect(info.credits.join(' ')).toMatch(/ISDi/);
  });

  it('name products of every shipped list on a fresh installation, offline, with nothing imported', async () => {
    const compiled = readCompiledFeeds(SIGNATURES)!;
    // Five products of each list (spread over the list), one of their packages each, and one per ISDi flag.
    const chosen = compiled.sets.flatMap((set) => {
      const withPackages = set.signatures.filter((signature) => (signature.indicators.androidPackages ?? []).length > 0);
      const byCategory = [...new Set(withPackages.map((signature) => signature.category))].map((category) => withPackages.find((signature) => signature.category === category)!);
      const spread = Array.from({ length: 5 }, (_, i) => withPackages[Math.floor((i * withPackages.length) / 5)]!);
      return [...new Map([...spread, ...byCategory].map((signature) => [signature.indicators.androidPackages![0]!, { set: set.name, signature }])).entries()];
    });
    expect(new Set(chosen.map(([, { set }]) => set)).size).toBe(compiled.sets.length);
    const findings = await detectOn(fresh, chosen.map(([packageName]) => sideloaded(packageName)));
    for (const [packageName, { set, signature }] of chosen) {
      const verdict = findings.find((finding) => finding.details.packageName === packageName);
      expect(verdict?.product, `${packageName} (${signature.name}, ${set})`).not.toBeNull();
      // The list's own reason is there, with the severity the one mapping gives its category.
      const reasons = verdictOf(verdict!)!.reasons.filter((reason) => reason.origin === 'signature');
      expect(reasons.length).toBeGreaterThan(0);
    }
  });

  it('are in the repository, so that a fresh clone compiles them with no network', () => {
    // A clone's signatures folder: the pins and the shipped files, nothing compiled; fetch fails if called.
    const out = path.join(fresh.dir, 'clone-signatures');
    fs.cpSync(path.join(SIGNATURES, 'community'), path.join(out, 'community'), { recursive: true });
    const offline = 'data:text/javascript,globalThis.fetch=()=>Promise.reject(new Error("offline: no network here"))';
    execFileSync(process.execPath, ['--import', offline, '--import', 'tsx', SCRIPT, '--out', out], { encoding: 'utf8', stdio: 'pipe' });
    const compiled = readCompiledFeeds(out)!;
    expect(compiled.sets.map((set) => set.name).sort()).toEqual(['Echap stalkerware-indicators', 'ISDi app flags']);
    // Each list beside its licence (ISDi's MIT licence, Echap's CC BY 4.0 attribution), its files unchanged.
    expect(fs.readFileSync(path.join(SIGNATURES, 'community', 'isdi', 'LICENSE'), 'utf8')).toMatch(/MIT License/);
    const notice = fs.readFileSync(path.join(SIGNATURES, 'community', 'stalkerware-indicators', 'NOTICE.md'), 'utf8');
    for (const words of [/CC BY 4\.0/, /unchanged/, /Echap/, /creativecommons\.org\/licenses\/by\/4\.0/]) expect(notice).toMatch(words);
    // A product only Echap's list knows (SpyLive360) and a spy app only ISDi's knows are named on a phone.
    const signatures: Signature[] = compiled.sets.flatMap((set) => set.signatures.map((entry) => ({ ...entry, source: { kind: 'feed' as const, name: set.name, version: set.version, credit: null, trusted: true } })));
    const own = new SignatureIndex(loadBuiltinDatabase(SIGNATURES).signatures);
    const knownHere = (packageName: string) => detect({ caseId: 'TEST-0001', scanId: null, observations: [sideloaded(packageName)], matcher: own, rules: [] }).some((finding) => finding.product !== null);
    const isdiOnly = compiled.sets
      .find((set) => set.name === 'ISDi app flags')!
      .signatures.find((signature) => signature.category === 'spyware' && signature.platforms.includes('android') && !compiled.sets.some((set) => set.name !== 'ISDi app flags' && set.signatures.some((other) => other.indicators.androidPackages?.some((name) => name.toLowerCase() === signature.indicators.androidPackages![0]!.toLowerCase()))))!;
    for (const [packageName, product] of [
      ['com.wifi0', 'SpyLive360'],
      [isdiOnly.indicators.androidPackages![0]!, isdiOnly.name],
    ] as const) {
      expect(knownHere(packageName)).toBe(false);
      const [verdict] = detect({ caseId: 'TEST-0001', scanId: null, observations: [sideloaded(packageName)], matcher: new SignatureIndex(signatures), rules: [] });
      expect(verdict?.product?.name).toBe(product);
      expect(verdict?.severity).toBe('critical');
    }
  });

  it('refuse a file that is not the pinned one, and move the pins forward showing what changed', () => {
    const out = path.join(fresh.dir, 'signatures');
    fs.mkdirSync(path.join(out, 'community'), { recursive: true });
    fs.copyFileSync(path.join(SIGNATURES, 'community', 'pins.json'), path.join(out, 'community', 'pins.json'));
    const mirror = path.join(fresh.dir, 'mirror');
    fs.cpSync(INDICATORS, mirror, { recursive: true });
    fs.appendFileSync(path.join(mirror, 'stalkerware-indicators', 'ioc.yaml'), '\n- name: Planted\n  type: stalkerware\n  packages: [com.planted.spy]\n');
    const refused = () => execFileSync(process.execPath, ['--import', 'tsx', SCRIPT, '--out', out, '--mirror', mirror], { encoding: 'utf8', stdio: 'pipe' });
    expect(refused).toThrow(/ioc\.yaml: .*pinned .*Refused: only the pinned files are compiled/);
    expect(fs.existsSync(path.join(out, 'compiled', 'community.json'))).toBe(false);

    // A maintainer moves the pins to a newer commit (files downloaded by hand): new hashes, counts compared.
    execFileSync(process.execPath, ['--import', 'tsx', SCRIPT, '--out', out, '--mirror', INDICATORS], { encoding: 'utf8' });
    const printed = execFileSync(process.execPath, ['--import', 'tsx', SCRIPT, '--out', out, '--mirror', mirror, '--latest', '--commit', 'b'.repeat(40), '--date', '2026-12-01T00:00:00Z'], { encoding: 'utf8' });
    expect(printed).toMatch(/products 175 \(\+1\)/);
    expect(printed).toMatch(/packages 847 \(\+1\)/);
    const moved = readPins(out).lists.find((list) => list.name === 'stalkerware-indicators')!;
    expect(moved).toMatchObject({ commit: 'b'.repeat(40), date: '2026-12-01T00:00:00Z' });
    expect(moved.files.find((file) => file.path === 'ioc.yaml')!.sha256).not.toBe(readPins(SIGNATURES).lists[0]!.files[0]!.sha256);
  });
});

function pick(o: ReturnType<typeof sideloaded>) {
  return { kind: o.kind, subject: o.subject, data: o.data };
}

describe('one list in two formats', () => {
  it('gives the same verdicts from its YAML and from its STIX form', () => {
    const yamlSets = readFeedFiles([sharedFile('indicators', 'stalkerware-indicators', 'ioc.yaml'), sharedFile('indicators', 'stalkerware-indicators', 'watchware.yaml')]);
    const stixSets = readFeedFiles([{ name: 'stalkerware.stix2', bytes: Buffer.from(echapStix(['ioc.yaml', 'watchware.yaml'])) }]);
    const asSignatures = (sets: typeof yamlSets): Signature[] => sets.flatMap((set) => set.signatures.map((entry) => ({ ...entry, source: { kind: 'feed' as const, name: set.name, version: set.version, credit: null, trusted: true } })));
    const yaml = asSignatures(yamlSets);
    // A phone with apps of stalkerware and of watchware, one listed for Android found on an iPhone, and a C2 domain visited.
    const stalker = yaml.find((signature) => signature.category === 'stalkerware' && (signature.indicators.androidPackages ?? []).length > 0)!;
    const watch = yaml.find((signature) => signature.category === 'monitoring' && (signature.indicators.androidPackages ?? []).length > 0)!;
    const other = yaml.filter((signature) => signature.category === 'stalkerware' && (signature.indicators.domains ?? []).length > 0).at(-1)!;
    const observations = [
      sideloaded(stalker.indicators.androidPackages![0]!),
      sideloaded(watch.indicators.androidPackages![0]!),
      observation('ios.app', { bundleId: stalker.indicators.androidPackages![0]!, name: null, version: null, source: 'app-store' }, stalker.indicators.androidPackages![0]!),
      observation('network.domain', { domain: other.indicators.domains![0]!, source: 'chrome-history' }, other.indicators.domains![0]!),
    ];
    const verdicts = (signatures: Signature[]) =>
      detect({ caseId: 'TEST-0001', scanId: null, observations, matcher: new SignatureIndex(signatures), rules: [] })
        .filter((finding) => finding.origin === 'signature')
        .map((finding) => [String(finding.details.packageName ?? finding.details.bundleId ?? 'website'), finding.severity, finding.category, finding.product?.name])
        .sort();
    const fromYaml = verdicts(yaml);
    expect(fromYaml).toEqual(verdicts(asSignatures(stixSets)));
    // The mapping: stalkerware critical, watchware low, a visited C2 domain high.
    expect(fromYaml).toEqual(
      [
        [stalker.indicators.androidPackages![0]!, 'critical', 'stalkerware', stalker.name],
        [stalker.indicators.androidPackages![0]!, 'critical', 'stalkerware', stalker.name],
        [watch.indicators.androidPackages![0]!, 'low', 'monitoring', watch.name],
        ['website', 'high', 'stalkerware', other.name],
      ].sort(),
    );
  });
});

describe('a list imported on top of the shipped ones', () => {
  const fresh = freshApp();
  const importFile = (fileName: string, bytes: Buffer) => fresh.app.call('signatures.import', { fileName, content: bytes.toString('base64'), signature: null, allowUntrusted: true });

  it('adds nothing when it is the shipped file again, in YAML or as Echap publishes it in STIX2, and says so', async () => {
    const before = await fresh.app.call('signatures.info', {});
    const yaml = await importFile('ioc.yaml', fs.readFileSync(path.join(SIGNATURES, 'community', 'stalkerware-indicators', 'ioc.yaml')));
    expect(yaml).toMatchObject({ alreadyShipped: true, alreadyImported: true });
    expect(yaml.notes.join(' ')).toMatch(/already shipped with Sentinelle/);
    const stix = await importFile('stalkerware.stix2', Buffer.from(echapStix(['ioc.yaml', 'watchware.yaml'], { published: true })));
    expect(stix.alreadyShipped).toBe(true);
    const after = await fresh.app.call('signatures.info', {});
    expect(after.imported).toEqual([]);
    expect(after.totalSignatures).toBe(before.totalSignatures);
  });

  it('imports only what is new; a product the shipped lists know keeps their category; one visit stays one verdict', async () => {
    // Echap's published bundle, with one new server for mSpy and one new app id for Life360.
    const bundle = JSON.parse(echapStix(['ioc.yaml', 'watchware.yaml'], { published: true })) as { objects: Record<string, unknown>[] };
    const malwareId = (name: string) => bundle.objects.find((object) => object.type === 'malware' && object.name === name)!.id as string;
    for (const [name, pattern] of [['mSpy', "[domain-name:value='new-mspy-upload.example']"], ['Life360', "[app:id='com.life360.new.helper']"]] as const) {
      const id = `indicator--${name.toLowerCase()}-0000-4000-8000-000000000001`;
      bundle.objects.push({ type: 'indicator', spec_version: '2.1', id, created: '2026-06-21T20:40:25.000Z', modified: '2026-06-21T20:40:25.000Z', pattern, pattern_type: 'stix', valid_from: '2026-06-21T20:40:25.000Z' });
      bundle.objects.push({ type: 'relationship', spec_version: '2.1', id: `relationship--${name.toLowerCase()}-0000-4000-8000-000000000001`, created: '2026-06-21T20:40:25.000Z', modified: '2026-06-21T20:40:25.000Z', relationship_type: 'indicates', source_ref: id, target_ref: malwareId(name) });
    }
    const result = await importFile('stalkerware.stix2', Buffer.from(JSON.stringify(bundle)));
    expect(result).toMatchObject({ alreadyShipped: false, alreadyImported: false, signatures: 2 });
    expect(result.notes.join(' ')).toMatch(/already shipped with Sentinelle with the same indicators/);
    expect(result.notes.join(' ')).toMatch(/keep the category the shipped lists give them/);

    // The verdicts the app gives with every list in use: the shipped ones and what the import added.
    const findings = await detectOn(fresh, [observation('network.domain', { domain: 'mspy.com', source: 'safari-history' }, 'mspy.com'), sideloaded('com.life360.new.helper')]);
    const visit = findings.filter((finding) => finding.origin === 'signature' && finding.details.packageName === undefined);
    expect(visit).toHaveLength(1);
    expect(visit[0]!.product?.name).toMatch(/mSpy/i);
    const life360 = findings.filter((finding) => finding.details.packageName === 'com.life360.new.helper');
    expect(life360).toMatchObject([{ severity: 'low', category: 'monitoring' }]);
  });
});
