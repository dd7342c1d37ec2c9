// Forwarding findings to a shelter network's Wazuh server: to a JSON-lines file, and to a local HTTPS server
// that follows the Wazuh API contract (tests/helpers/wazuh-server.ts) — authentication, at most 100 events a
// request, 429 past the rate limit, expired tokens. Events arrive once and in order, carry no personal
// field of the case, and survive a killed process: the next start delivers them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WazuhEvent } from '../../src-shared/forwarding.js';
import { App } from '../../src-main/app.js';
import { OpenVault } from '../../src-main/vault/vault.js';
import { ruleIdsOf, callWithFindings } from '../helpers/findings.js';
import { requireBuiltCli } from '../helpers/cli.js';
import { permissions, sideloaded } from '../helpers/observations.js';
import { builtinOnlySignatures } from '../helpers/signatures.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';
import { makeCertificates, startFakeWazuh, type FakeWazuh } from '../helpers/wazuh-server.js';

const PASSPHRASE = 'correct horse battery staple';
const PERSONAL = ['Maya', 'Bleuet', 'Pixel of Maya', 'com.example.hidden', 'R58M12ABCDE'];

/** A case whose phone holds `count` hidden, sideloaded apps reading messages and location: a few findings each. */
async function caseWithApps(app: App, vaultDir: string, count: number): Promise<string> {
  const created = await app.call('cases.create', { label: 'Maya', pseudonym: 'Bleuet' });
  await app.call('vault.lock', { reason: 'user' });
  const vault = await OpenVault.unlock(vaultDir, PASSPHRASE);
  const device = vault.devices.add({ caseId: created.id, platform: 'android', label: 'Pixel of Maya', model: 'Pixel 7', osVersion: '14', serial: 'R58M12ABCDE', facts: {} });
  const scan = vault.scans.start({ caseId: created.id, deviceId: device.id, kind: 'adb' });
  const capture = vault.artifacts.putBuffer(`packages of ${count} apps`, { caseId: created.id, source: 'adb', command: 'pm list packages -f -i -U' });
  const observations = Array.from({ length: count }, (_, i) => sideloaded(`com.example.hidden${i}`, { label: `Helper ${i}`, hasLauncherIcon: false, grantedPermissions: permissions('READ_SMS', 'ACCESS_FINE_LOCATION') }));
  vault.observations.insertMany(observations.map((o) => ({ caseId: created.id, scanId: scan.id, kind: o.kind, subject: o.subject, data: o.data, artifactSha256s: [capture.sha256] })));
  vault.scans.finish(scan.id, 'completed');
  vault.lock('user');
  await app.call('vault.unlock', { passphrase: PASSPHRASE });
  return created.id;
}

/** The outbox's event ids in queue order, read from the vault itself. */
async function queueOrder(app: App, vaultDir: string): Promise<string[]> {
  await app.call('vault.lock', { reason: 'user' });
  const vault = await OpenVault.unlock(vaultDir, PASSPHRASE);
  const ids = (vault.db.prepare('SELECT event_id FROM forward_outbox ORDER BY seq').all() as { event_id: string }[]).map((row) => row.event_id);
  vault.lock('user');
  await app.call('vault.unlock', { passphrase: PASSPHRASE });
  return ids;
}

function checkNoPersonalField(lines: string[]): void {
  for (const line of lines) {
    WazuhEvent.parse(JSON.parse(line));
    for (const personal of PERSONAL) expect(line).not.toContain(personal);
  }
}

describe('forwarding to a JSON-lines file', () => {
  let dir: string;
  let app: App;
  beforeAll(async () => {
    dir = makeTempDir();
    app = new App({ vaultDir: path.join(dir, 'vault'), kdfCost: FAST_KDF, signaturesDir: builtinOnlySignatures(dir), printPdf: null });
    await app.call('vault.create', { passphrase: PASSPHRASE });
  });
  afterAll(async () => {
    await app.dispose();
    removeDir(dir);
  });

  it('is off by default: findings queue nothing', async () => {
    const caseId = await caseWithApps(app, path.join(dir, 'vault'), 3);
    expect((await callWithFindings(app, 'detection.run', { caseId })).created).toBeGreaterThan(0);
    expect((await app.call('forward.status', {})).outbox).toMatchObject({ pending: 0, delivered: 0 });
    expect((await app.call('forward.flush', {})).error).toBe('Forwarding is off: nothing was sent.');
  });

  it('writes each new finding once, in queue order, with no personal field; an exported bundle too', async () => {
    const file = path.join(dir, 'events.jsonl');
    await app.call('forward.configure', { enabled: true, transport: 'json-file', file });
    expect((await app.call('forward.test', {})).ok).toBe(true);
    const caseId = await caseWithApps(app, path.join(dir, 'vault'), 5);
    const run = await callWithFindings(app, 'detection.run', { caseId });
    await app.call('forward.flush', {});
    await app.call('forward.flush', {});
    const all = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(all.map((line) => (JSON.parse(line) as { eventId: string }).eventId)).toEqual(await queueOrder(app, path.join(dir, 'vault')));
    checkNoPersonalField(all);
    // The installation's status when forwarding was turned on, then one event per verdict.
    expect((JSON.parse(all[0]!) as WazuhEvent).type).toBe('status');
    const lines = all.filter((line) => (JSON.parse(line) as WazuhEvent).type === 'finding');
    expect(lines).toHaveLength(run.created);
    expect(all).toHaveLength(run.created + 1);
    const first = JSON.parse(lines[0]!) as WazuhEvent;
    expect(first).toMatchObject({ type: 'finding', platform: 'android', installation: expect.stringMatching(/^inst-/), case: expect.stringMatching(/^case-/) });
    expect(new Set(lines.map((line) => (JSON.parse(line) as { case: string }).case)).size).toBe(1);
    // Each event is one verdict: its rule first among the rules of all its reasons.
    for (const line of lines) {
      const event = WazuhEvent.parse(JSON.parse(line));
      if (event.type !== 'finding') throw new Error('a finding event');
      const finding = run.findings.find((candidate) => candidate.id === event.findingId)!;
      expect(event.reasons).toEqual(ruleIdsOf([finding]));
      expect(event.reasons[0]).toBe(event.ruleId);
    }

    const lawyer = await app.call('keys.generate', { label: 'Lawyer' });
    const exported = await app.call('bundles.export', { caseId, out: path.join(dir, 'case.sntl'), recipients: [lawyer.publicKey] });
    await app.call('forward.flush', {});
    const last = JSON.parse(fs.readFileSync(file, 'utf8').trim().split('\n').at(-1)!) as WazuhEvent;
    expect(last).toMatchObject({ type: 'bundle', bundleSha256: exported.sha256, case: (first as { case: string }).case });
    expect((await app.call('forward.status', {})).outbox).toMatchObject({ pending: 0, delivered: all.length + 1 });
  });
});

describe('forwarding to the Wazuh server API', () => {
  let dir: string;
  let app: App;
  let server: FakeWazuh;
  let certificates: ReturnType<typeof makeCertificates>;
  const vaultDir = () => path.join(dir, 'vault');

  beforeAll(async () => {
    dir = makeTempDir();
    certificates = makeCertificates(dir);
    server = await startFakeWazuh({ certificates, user: 'sentinelle', password: 'network password' });
    app = new App({ vaultDir: vaultDir(), kdfCost: FAST_KDF, signaturesDir: builtinOnlySignatures(dir), printPdf: null });
    await app.call('vault.create', { passphrase: PASSPHRASE });
  });
  afterAll(async () => {
    await app.dispose();
    await server.close();
    removeDir(dir);
  });

  const configure = (caPem: string, password = 'network password') => app.call('forward.configure', { enabled: true, transport: 'wazuh-api', api: { url: server.url, user: 'sentinelle', caPem, password } });

  it('trusts only the CA given, and says when the password is wrong', async () => {
    await configure(certificates.otherCaPem);
    const untrusted = await app.call('forward.test', {});
    expect(untrusted.ok).toBe(false);
    expect(untrusted.message).toMatch(/cannot be reached/);
    await configure(certificates.caPem, 'wrong');
    expect(await app.call('forward.test', {})).toEqual({ ok: false, message: 'The Wazuh server refused the user name or password.' });
    await configure(certificates.caPem);
    expect((await app.call('forward.test', {})).ok).toBe(true);
    const status = await app.call('forward.status', {});
    expect(status.hasPassword).toBe(true);
    expect(JSON.stringify(status)).not.toContain('network password');
  });

  it('delivers in batches of at most 100, once and in order, with no personal field', async () => {
    await configure(certificates.caPem);
    const caseId = await caseWithApps(app, vaultDir(), 130);
    const before = server.events.length;
    const run = await callWithFindings(app, 'detection.run', { caseId });
    expect(run.created).toBeGreaterThan(100);
    const flushed = await app.call('forward.flush', {});
    expect(flushed).toMatchObject({ pending: 0, error: null });
    const received = server.events.slice(before);
    // The verdicts, after the installation's status if it was still waiting.
    expect(received.filter((event) => (JSON.parse(event) as WazuhEvent).type === 'finding')).toHaveLength(run.created);
    expect(received.filter((event) => (JSON.parse(event) as WazuhEvent).type !== 'status')).toHaveLength(run.created);
    expect(server.log.filter((line) => line.startsWith('POST /events') && !line.endsWith('200'))).toEqual([]);
    expect(server.log.filter((line) => line === 'POST /events 200').length).toBeGreaterThanOrEqual(Math.ceil(run.created / 100));
    const order = await queueOrder(app, vaultDir());
    expect(received.map((event) => (JSON.parse(event) as { eventId: string }).eventId)).toEqual(order.slice(-received.length));
    checkNoPersonalField(received);
  });

  it('renews an expired token, and waits when the server says too many requests', async () => {
    await configure(certificates.caPem);
    const firstCase = await caseWithApps(app, vaultDir(), 2);
    const secondCase = await caseWithApps(app, vaultDir(), 2);
    await callWithFindings(app, 'detection.run', { caseId: firstCase });
    await app.call('forward.flush', {});
    const authentications = server.authentications;
    // The token the transport keeps expires before the next delivery (the server says so; no waiting).
    server.expireTokens();
    await callWithFindings(app, 'detection.run', { caseId: secondCase });
    expect((await app.call('forward.flush', {})).error).toBeNull();
    expect(server.log).toContain('POST /events 401');
    expect(server.authentications).toBeGreaterThan(authentications);

    server.tokenTtlMs = 900_000;
    server.rateLimit = { requests: 1, windowMs: 60_000 };
    server.resetRateLimit();
    const caseId = await caseWithApps(app, vaultDir(), 2);
    const before = server.events.length;
    const run = await callWithFindings(app, 'detection.run', { caseId });
    const refused = await app.call('forward.flush', {});
    expect(refused.error).toMatch(/slow down/);
    expect(refused.pending).toBe(run.created);
    expect(server.log.at(-1)).toBe('POST /events 429');
    server.rateLimit = { requests: 30, windowMs: 60_000 };
    server.resetRateLimit();
    expect(await app.call('forward.flush', {})).toMatchObject({ pending: 0, error: null });
    const received = server.events.slice(before).map((event) => (JSON.parse(event) as { eventId: string }).eventId);
    expect(received).toHaveLength(run.created);
    expect(new Set(server.events).size).toBe(server.events.length);
  });
});

describe('events queued by a process that is killed', () => {
  let dir: string;
  beforeAll(() => {
    requireBuiltCli();
    dir = makeTempDir();
  });
  afterAll(() => removeDir(dir));

  it('are delivered by the next start, once', async () => {
    const certificates = makeCertificates(dir);
    // The server is down while the first process runs: take a free port, then close it.
    const probe = await startFakeWazuh({ certificates, user: 'sentinelle', password: 'pw' });
    const port = probe.port;
    await probe.close();
    const vaultDir = path.join(dir, 'vault');
    const first = new App({ vaultDir, kdfCost: FAST_KDF, signaturesDir: builtinOnlySignatures(dir), printPdf: null });
    await first.call('vault.create', { passphrase: PASSPHRASE });
    await first.call('forward.configure', { enabled: true, transport: 'wazuh-api', api: { url: `https://127.0.0.1:${port}`, user: 'sentinelle', caPem: certificates.caPem, password: 'pw' } });
    const caseId = await caseWithApps(first, vaultDir, 4);
    await first.dispose();

    const child = spawn(process.execPath, [fileURLToPath(new URL('../helpers/forward-child.mjs', import.meta.url)), vaultDir, PASSPHRASE, caseId], { stdio: ['ignore', 'pipe', 'inherit'] });
    const queued = await new Promise<number>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const match = /queued (\d+)/.exec(out);
        if (match) resolve(Number(match[1]));
      });
      child.on('close', (code) => reject(new Error(`child exited ${code} before queueing`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('close', resolve));
    expect(queued).toBeGreaterThan(0);

    const server = await startFakeWazuh({ certificates, user: 'sentinelle', password: 'pw', port });
    const next = new App({ vaultDir, kdfCost: FAST_KDF, signaturesDir: builtinOnlySignatures(dir), printPdf: null });
    try {
      await next.call('vault.unlock', { passphrase: PASSPHRASE });
      expect((await next.call('forward.status', {})).outbox.pending).toBe(queued);
      expect(await next.call('forward.flush', {})).toMatchObject({ pending: 0, error: null });
      expect(server.events).toHaveLength(queued);
      expect(new Set(server.events.map((event) => (JSON.parse(event) as { eventId: string }).eventId)).size).toBe(queued);
    } finally {
      await next.dispose();
      await server.close();
    }
  });
});
