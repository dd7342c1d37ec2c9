// The signature, findings and rules commands, run as a shelter network's maintainer and an advocate would:
// make a key, sign a pack, verify it, trust the key, import the pack, see the findings it produces,
// read the observations behind them, and manage a custom rule.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READABLE_FINGERPRINT } from '../../src-shared/bundle.js';
import { OpenVault } from '../../src-main/vault/vault.js';
import { requireBuiltCli, runSentinelle } from '../helpers/cli.js';
import { sideloaded } from '../helpers/observations.js';
import { EXAMPLE_ENTRY, packJson } from '../helpers/signatures.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { sharedFile } from '../helpers/shared.js';

const PASSPHRASE = 'a long shelter passphrase';
const env = { env: { SENTINELLE_PASSPHRASE: PASSPHRASE } };

describe('sentinelle signatures, findings, observations and rules', () => {
  let dir: string;
  let vaultDir: string;
  let keyBase: string;
  let packFile: string;

  beforeAll(async () => {
    requireBuiltCli();
    dir = makeTempDir();
    vaultDir = path.join(dir, 'vault');
    keyBase = path.join(dir, 'network');
    packFile = path.join(dir, 'network.pack.json');
    fs.writeFileSync(packFile, packJson([EXAMPLE_ENTRY]));
    expect((await runSentinelle(['vault', 'init', '--vault', vaultDir], { stdin: `${PASSPHRASE}\n` })).code).toBe(0);
  });
  afterAll(() => removeDir(dir));

  it('makes a key pair, keeps the secret half private, and never overwrites it', async () => {
    const made = await runSentinelle(['signatures', 'keygen', '--out', keyBase, '--label', 'Shelter network', '--json']);
    expect(made.code).toBe(0);
    expect(JSON.parse(made.stdout).fingerprint).toMatch(READABLE_FINGERPRINT);
    if (process.platform !== 'win32') expect(fs.statSync(`${keyBase}.key`).mode & 0o077).toBe(0);
    const again = await runSentinelle(['signatures', 'keygen', '--out', keyBase]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exists; nothing was overwritten/);
  });

  it('signs a pack and verifies it: trusted with the key, refused without it or once changed', async () => {
    expect((await runSentinelle(['signatures', 'sign', packFile, '--key', `${keyBase}.key`])).code).toBe(0);
    const trusted = await runSentinelle(['signatures', 'verify', packFile, '--key', `${keyBase}.pub`]);
    expect(trusted.code).toBe(0);
    expect(trusted.stdout).toMatch(/1 valid signatures[\s\S]*signed by Shelter network/);
    const unknown = await runSentinelle(['signatures', 'verify', packFile, '--json']);
    expect(unknown.code).toBe(3);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ trusted: false, problem: 'unknown-key' });

    const tampered = path.join(dir, 'tampered.pack.json');
    fs.writeFileSync(tampered, fs.readFileSync(packFile, 'utf8').replace('com.trackerx.agent', 'com.trackerx.agenu'));
    const changed = await runSentinelle(['signatures', 'verify', tampered, '--signature', `${packFile}.sig`, '--key', `${keyBase}.pub`, '--json']);
    expect(changed.code).toBe(3);
    expect(JSON.parse(changed.stdout)).toMatchObject({ problem: 'bad-signature' });
  });

  it('imports the pack once its key is trusted, and refuses an unsigned feed unless told it is untrusted', async () => {
    expect((await runSentinelle(['signatures', 'import', packFile, '--vault', vaultDir], env)).stderr).toMatch(/does not trust/);
    const trust = await runSentinelle(['signatures', 'trust', `${keyBase}.pub`, '--vault', vaultDir], env);
    expect(trust.stdout).toMatch(/Trusted Shelter network \[/);
    const imported = await runSentinelle(['signatures', 'import', packFile, '--vault', vaultDir, '--json'], env);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ trusted: true, signatures: 1 });

    // A feed the app does not ship: MVT's STIX2 indicators of Cytrox's Predator.
    const feedFile = path.join(dir, 'cytrox.stix2');
    fs.writeFileSync(feedFile, sharedFile('corpus', 'mvt', 'stix2', 'cytrox.stix2').bytes);
    const refused = await runSentinelle(['signatures', 'import', feedFile, '--vault', vaultDir], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/community feed, not a signed pack/);
    const untrusted = await runSentinelle(['signatures', 'import', feedFile, '--untrusted', '--vault', vaultDir], env);
    expect(untrusted.stdout).toMatch(/1 signatures — imported as UNTRUSTED/);

    const info = JSON.parse((await runSentinelle(['signatures', 'info', '--vault', vaultDir, '--json'], env)).stdout);
    expect(info.imported.map((set: { trusted: boolean }) => set.trusted)).toEqual([true, false]);
    expect(info.imported[0].name).toBe('Shelter network pack');
    expect(info.credits.join(' ')).toMatch(/CC BY 4\.0/);
  });

  it('imports several files at once, each counted as indexed; a file already imported, or already shipped with the app, changes nothing', async () => {
    const samples = path.join(dir, 'samples.csv');
    fs.writeFileSync(samples, sharedFile('indicators', 'stalkerware-indicators', 'samples.csv').bytes);
    const flags = path.join(dir, 'app-flags.csv');
    fs.writeFileSync(flags, sharedFile('indicators', 'isdi', 'app-flags.csv').bytes);
    const before = JSON.parse((await runSentinelle(['signatures', 'info', '--vault', vaultDir, '--json'], env)).stdout) as { imported: unknown[]; totalIndicators: number };

    const pegasus = path.join(dir, 'pegasus.json');
    fs.writeFileSync(pegasus, sharedFile('corpus', 'mvt', 'stix2', '638cd3ee5e5f019f84f9e0ea.json').bytes);
    const three = await runSentinelle(['signatures', 'import', samples, flags, pegasus, '--untrusted', '--vault', vaultDir, '--json'], env);
    expect(three.code, three.stderr).toBe(0);
    const [fromSamples, fromFlags, fromPegasus] = JSON.parse(three.stdout) as { name: string; alreadyImported: boolean; alreadyShipped: boolean; stats: Record<string, number> }[];
    expect([fromSamples?.name, fromFlags?.name]).toEqual(['Echap stalkerware-indicators', 'ISDi app flags']);
    // Echap's and ISDi's files are the lists the app ships: counted once, nothing stored; Amnesty's Pegasus bundle is new.
    expect([fromSamples?.alreadyShipped, fromFlags?.alreadyShipped, fromPegasus?.alreadyShipped]).toEqual([true, true, false]);
    const shippedAgain = await runSentinelle(['signatures', 'import', flags, '--untrusted', '--vault', vaultDir], env);
    expect(shippedAgain.stdout).toMatch(/app-flags\.csv: everything in ISDi app flags .* is already shipped with Sentinelle; nothing was added\./);
    // samples.csv indexes packages and certificates besides hashes, and says so.
    const rows = sharedFile('indicators', 'stalkerware-indicators', 'samples.csv').bytes.toString('utf8').trim().split('\n').slice(1);
    const packages = new Set(rows.map((row) => row.split(',')[1]).filter(Boolean));
    expect(fromSamples?.stats.packages).toBe(packages.size);
    expect(fromSamples?.stats.samples).toBe(rows.length);
    const after = JSON.parse((await runSentinelle(['signatures', 'info', '--vault', vaultDir, '--json'], env)).stdout) as { imported: unknown[]; totalIndicators: number };
    expect(after.imported.length).toBe(before.imported.length + 1);

    const again = await runSentinelle(['signatures', 'import', pegasus, '--untrusted', '--vault', vaultDir], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/pegasus\.json: already imported as .*; nothing was changed\./);
    const unchanged = JSON.parse((await runSentinelle(['signatures', 'info', '--vault', vaultDir, '--json'], env)).stdout) as { imported: unknown[]; totalIndicators: number };
    expect(unchanged).toMatchObject({ imported: after.imported, totalIndicators: after.totalIndicators });

    const explicit = await runSentinelle(['signatures', 'import', samples, flags, '--signature', `${packFile}.sig`, '--vault', vaultDir], env);
    expect(explicit.code).toBe(2);
    expect(explicit.stderr).toMatch(/--signature names the signature of one file/);
  });

  it('lists findings with their product, and the observations behind them', async () => {
    const caseId = JSON.parse((await runSentinelle(['case', 'create', '--vault', vaultDir, '--json'], env)).stdout).id as string;
    const vault = await OpenVault.unlock(vaultDir, PASSPHRASE);
    const app = sideloaded('com.trackerx.agent', { label: 'Services', certSha1: ['0123456789abcdef0123456789abcdef01234567'] });
    vault.observations.insertMany([{ caseId, scanId: null, kind: app.kind, subject: app.subject, data: app.data, artifactSha256s: [] }]);
    vault.lock('user');

    const listed = await runSentinelle(['findings', '--case', caseId, '--vault', vaultDir], env);
    expect(listed.code).toBe(0);
    // One verdict on the app, its summary first, each reason on its own line.
    expect(listed.stdout).toMatch(/^In short: Signs of stalkerware: Services \(TrackerX\)\.\n +We are sure of what it is/);
    expect(listed.stdout).toMatch(/CRITICAL +Stalkerware found: TrackerX — the app “Services” \[TrackerX\]\n +Reasons \(2\):\n +CRITICAL +Stalkerware found: TrackerX: TrackerX spies on phones.*\n +HIGH +“Services” pretends to be part of the phone/);
    const json = JSON.parse((await runSentinelle(['findings', '--case', caseId, '--vault', vaultDir, '--json'], env)).stdout) as { product: { name: string } | null }[];
    expect(json.map((finding) => finding.product?.name ?? null)).toContain('TrackerX');

    const observations = JSON.parse((await runSentinelle(['observations', '--case', caseId, '--kind', 'android.package', '--vault', vaultDir, '--json'], env)).stdout);
    expect(observations).toEqual([expect.objectContaining({ subject: 'com.trackerx.agent', kind: 'android.package' })]);
  });

  it('adds, lists and disables a custom rule written in YAML', async () => {
    const ruleFile = path.join(dir, 'rule.yaml');
    fs.writeFileSync(
      ruleFile,
      ['name: Apps labelled Services', 'observationKind: android.package', 'when:', '  all:', '    - field: data.label', '      op: equals', '      value: Services', 'severity: high', 'message:', '  en: An app calls itself Services', '  fr: Une application s’appelle Services', ''].join('\n'),
    );
    const added = JSON.parse((await runSentinelle(['rules', 'add', ruleFile, '--vault', vaultDir, '--json'], env)).stdout) as { id: string };
    const list = await runSentinelle(['rules', 'list', '--vault', vaultDir], env);
    expect(list.stdout).toMatch(new RegExp(`${added.id}  v1  enabled +high +Apps labelled Services`));
    const disabled = await runSentinelle(['rules', 'disable', added.id, '--vault', vaultDir], env);
    expect(disabled.stdout).toMatch(/v2  disabled/);
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'name: x\nwhen: {all: [{field: data.pid, op: gt, value: ten}]}\nseverity: high\nmessage: {en: x, fr: x}\n');
    const refused = await runSentinelle(['rules', 'add', bad, '--vault', vaultDir], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/compares with a number/);
  });
});
