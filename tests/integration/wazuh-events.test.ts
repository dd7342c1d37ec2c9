// Every event the app emits, as a shelter's Wazuh server receives it: a case's verdicts of each severity
// when recorded, the one a later scan no longer shows, a sealed bundle, the installation's status — each
// one valid, without a null anywhere (Wazuh 4.x reads a null as the text "null"), and each read by Wazuh's
// own engine with the network's rules into the rule its type and severity call for. Events an older
// version queued with nulls leave without them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WazuhEvent } from '../../src-shared/forwarding.js';
import { App } from '../../src-main/app.js';
import { OpenVault } from '../../src-main/vault/vault.js';
import { accessibility, androidPackage, permissions, sideloaded } from '../helpers/observations.js';
import { builtinOnlySignatures } from '../helpers/signatures.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';
import { logtest, promisedRule, wazuhHome } from '../helpers/wazuh-engine.js';
import { slow } from '../helpers/slowdown.js';

const PASSPHRASE = 'correct horse battery staple';
const RULES = fs.readFileSync(fileURLToPath(new URL('../../resources/wazuh/sentinelle_rules.xml', import.meta.url)), 'utf8');

/** Every null in a JSON text, by path. */
function nullsIn(line: string): string[] {
  const found: string[] = [];
  const walk = (value: unknown, at: string) => {
    if (value === null) found.push(at);
    else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${at}[${i}]`));
    else if (typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, `${at}.${key}`);
  };
  walk(JSON.parse(line), '$');
  return found;
}

describe('the events the app emits', () => {
  let dir: string;
  let app: App;
  const vaultDir = () => path.join(dir, 'vault');
  const file = () => path.join(dir, 'events.jsonl');
  const withVault = async <T>(work: (vault: OpenVault) => T): Promise<T> => {
    await app.call('vault.lock', { reason: 'user' });
    const vault = await OpenVault.unlock(vaultDir(), PASSPHRASE);
    try {
      return work(vault);
    } finally {
      vault.lock('user');
      await app.call('vault.unlock', { passphrase: PASSPHRASE });
    }
  };

  beforeAll(async () => {
    dir = makeTempDir();
    app = new App({ vaultDir: vaultDir(), kdfCost: FAST_KDF, signaturesDir: builtinOnlySignatures(dir), printPdf: null });
    await app.call('vault.create', { passphrase: PASSPHRASE });
    await app.call('forward.configure', { enabled: true, transport: 'json-file', file: file() });
  });
  afterAll(async () => {
    await app.dispose();
    removeDir(dir);
  });

  it('are valid, carry no null, and each ends in the rule promised for it on Wazuh’s engine', async () => {
    // A phone with stalkerware holding accessibility rights (critical, named by its product), a hidden
    // sideloaded helper (high, heuristics alone), a call recorder and a messenger (nothing).
    const { id: caseId } = await app.call('cases.create', { label: 'Maya', pseudonym: 'Bleuet' });
    const observations = [
      sideloaded('com.systemservice', { label: 'System Service', hasLauncherIcon: false, grantedPermissions: permissions('READ_SMS', 'ACCESS_FINE_LOCATION') }),
      accessibility('com.systemservice'),
      sideloaded('com.example.helper', { label: 'Helper', hasLauncherIcon: false, grantedPermissions: permissions('READ_SMS', 'ACCESS_FINE_LOCATION') }),
      androidPackage('com.callrecord.autopro', { grantedPermissions: permissions('RECORD_AUDIO', 'READ_CALL_LOG') }),
      androidPackage('org.thoughtcrime.securesms'),
    ];
    const scanId = await withVault((vault) => {
      const device = vault.devices.add({ caseId, platform: 'android', label: 'Pixel of Maya', model: 'Pixel 7', osVersion: '14', serial: 'R58M12ABCDE', facts: {} });
      const scan = vault.scans.start({ caseId, deviceId: device.id, kind: 'adb' });
      const capture = vault.artifacts.putBuffer('packages', { caseId, source: 'adb', command: 'pm list packages -f -i -U' });
      vault.observations.insertMany(observations.map((o) => ({ caseId, scanId: scan.id, kind: o.kind, subject: o.subject, data: o.data, artifactSha256s: [capture.sha256] })));
      vault.scans.finish(scan.id, 'completed');
      return { scanId: scan.id, capture: capture.sha256 };
    });
    const first = await app.call('detection.run', { caseId });
    expect(first.created).toBeGreaterThanOrEqual(2);
    // A later reading of the phone no longer shows the helper app: its verdict is retired.
    await withVault((vault) => {
      const kept = vault.observations.listByCase(caseId).filter((o) => o.data.packageName !== 'com.example.helper');
      vault.observations.replaceByScan(caseId, scanId.scanId, kept.map((o) => ({ kind: o.kind, subject: o.subject, data: o.data, artifactSha256s: o.artifactSha256s })));
    });
    expect((await app.call('detection.run', { caseId })).retired).toBeGreaterThanOrEqual(1);
    const lawyer = await app.call('keys.generate', { label: 'Lawyer' });
    await app.call('bundles.export', { caseId, out: path.join(dir, 'case.sntl'), recipients: [lawyer.publicKey] });
    await app.call('forward.flush', {});

    const lines = fs.readFileSync(file(), 'utf8').trim().split('\n');
    const events = lines.map((line) => WazuhEvent.parse(JSON.parse(line)));
    for (const line of lines) expect(nullsIn(line), line).toEqual([]);
    // The names the app shows her (the apps' labels, the phone's) never leave the laptop.
    for (const line of lines) for (const name of ['System Service', 'Helper', 'Pixel of Maya', 'Maya', 'Bleuet']) expect(line).not.toContain(name);
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(['status', 'finding', 'retired', 'bundle']));
    expect(new Set(events.filter((event) => event.type === 'finding').map((event) => event.severity)).size).toBeGreaterThanOrEqual(2);
    expect(events.some((event) => event.type === 'finding' && event.product === 'TheTruthSpy' && event.reasons.length > 1)).toBe(true);

    // Each on its own (as the ruleset tests do), so that no network-wide count mixes them.
    const home = wazuhHome({ 'sentinelle_rules.xml': RULES });
    for (const [i, line] of lines.entries()) {
      const [verdict] = await logtest(home, [line]);
      expect({ decoder: verdict!.decoder, rule: verdict!.ruleId }, line).toEqual({ decoder: 'json', rule: promisedRule(events[i]!) });
    }
  }, slow(120_000));

  it('leaves out the nulls of an event an older version queued', async () => {
    const before = fs.existsSync(file()) ? fs.readFileSync(file(), 'utf8').trim().split('\n').length : 0;
    const legacy = { schema: 'sentinelle.event/1', installation: 'inst-3f9a0c1d2e4b5a69', case: 'case-0b1c2d3e4f5a6b7c', time: '2026-11-23T06:25:15.685Z', signatureVersion: '2026.11.23', type: 'bundle', eventId: 'ad5a5c4c-8f1e-4a53-9d7c-5e6f708192a3', platform: null, findingId: null, ruleId: null, product: null, category: null, severity: null, bundleSha256: 'c76944550b3173b4e39bed67dfe11d78dbb9216b1011db68386d492233d2abb7' };
    await withVault((vault) => vault.forwarding.enqueue(legacy.eventId, JSON.stringify(legacy)));
    await app.call('forward.flush', {});
    const sent = fs.readFileSync(file(), 'utf8').trim().split('\n').slice(before);
    expect(sent).toHaveLength(1);
    expect(nullsIn(sent[0]!)).toEqual([]);
    expect(WazuhEvent.parse(JSON.parse(sent[0]!))).toMatchObject({ type: 'bundle', bundleSha256: legacy.bundleSha256 });
  });
});
