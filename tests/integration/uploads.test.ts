// Files through the headless host, as the browser's picker and downloads move them: an acquisition (a zip,
// or a folder's files) and a bundle sent to the host are kept encrypted until read — their clear bytes are
// never on disk — and give the same evidence as the same files read from a path; a sealed bundle comes back
// as a download, behind the token, once. Every upload is forgotten when the vault locks.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src-main/app.js';
import { startHost, type RunningHost } from '../../src-main/host/server.js';
import { openSpooledFile, UploadSpool } from '../../src-main/system/upload-spool.js';
import { appWithVault } from '../helpers/app.js';
import { writeIosBackup } from '../helpers/ios-backup-writer.js';
import { androidqfZip, ANDROIDQF, bugreportZip } from '../helpers/mvt-recordings.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { callWithFindings } from '../helpers/findings.js';

function send(host: RunningHost, options: { method: string; path: string; headers?: Record<string, string>; body?: Buffer | string }): Promise<{ status: number; body: Buffer; headers: http.IncomingHttpHeaders }> {
  const url = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: options.method, path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('files sent by the browser, and files it downloads', () => {
  let dir: string;
  let app: App;
  let host: RunningHost;
  const auth = () => ({ Authorization: `Bearer ${host.token}` });
  const upload = async (name: string, bytes: Buffer): Promise<string> => {
    const sent = await send(host, { method: 'POST', path: '/api/upload', headers: { ...auth(), 'Content-Type': 'application/octet-stream', 'X-File-Name': encodeURIComponent(name) }, body: bytes });
    const envelope = JSON.parse(sent.body.toString('utf8')) as { ok: boolean; result: { id: string; size: number } };
    expect(envelope.ok, sent.body.toString('utf8')).toBe(true);
    expect(envelope.result.size).toBe(bytes.length);
    return envelope.result.id;
  };

  beforeAll(async () => {
    dir = makeTempDir('sentinelle-uploads-');
    app = (await appWithVault(path.join(dir, 'vault'))).app;
    host = await startHost({ app, rendererDir: null });
  });
  afterAll(async () => {
    await host.close();
    await app.dispose();
    removeDir(dir);
  });

  it('takes a file only with the token and as raw bytes', async () => {
    expect((await send(host, { method: 'POST', path: '/api/upload', headers: { 'Content-Type': 'application/octet-stream' }, body: 'x' })).status).toBe(401);
    expect((await send(host, { method: 'POST', path: '/api/upload', headers: { ...auth(), 'Content-Type': 'multipart/form-data' }, body: 'x' })).status).toBe(415);
  });

  it('imports an androidqf zip, an androidqf folder and a bugreport sent by the browser as it imports them from a path', async () => {
    const caseId = (await app.call('cases.create', { label: 'uploads' })).id;
    const zip = await androidqfZip();
    const fromPath = path.join(dir, 'androidqf.zip');
    fs.writeFileSync(fromPath, zip);
    const byPath = await callWithFindings(app, 'scans.import', { caseId, path: fromPath });
    const byZip = await callWithFindings(app, 'scans.import', { caseId, uploads: [await upload('androidqf.zip', zip)] });
    // A folder: each file with its path inside the chosen folder, as the browser names them.
    const folder = await Promise.all(fs.readdirSync(ANDROIDQF).map((name) => upload(`androidqf_2026-11-20/${name}`, fs.readFileSync(path.join(ANDROIDQF, name)))));
    const byFolder = await callWithFindings(app, 'scans.import', { caseId, uploads: folder });
    for (const outcome of [byZip, byFolder]) {
      expect(outcome.format).toBe('androidqf');
      expect(outcome.observations).toBe(byPath.observations);
      expect([...outcome.files].sort()).toEqual([...byPath.files].sort());
    }
    const bugreport = await callWithFindings(app, 'scans.import', { caseId, uploads: [await upload('bugreport.zip', await bugreportZip())] });
    expect(bugreport.format).toBe('android-bugreport');
    expect(bugreport.observations).toBeGreaterThan(10);
    // Once imported (the files read are evidence in the vault now), the spooled copies are gone.
    expect(fs.readdirSync(path.join(dir, 'vault', 'work', 'uploads'))).toEqual([]);
  });

  it('scans an iPhone backup folder the browser sends as it scans the folder itself', async () => {
    const caseId = (await app.call('cases.create', { label: 'iphone' })).id;
    const folder = path.join(dir, 'backups', '00008110-0011223344556677');
    await writeIosBackup(folder, {
      device: { name: 'iPhone de test', productType: 'iPhone14,2', productVersion: '17.5', buildVersion: '21F79', serialNumber: 'F2LTEST0001', udid: '00008110-0011223344556677' },
      apps: [{ bundleId: 'com.apple.mobilenotes', name: 'Notes' }, { bundleId: 'com.mspy.lite', name: 'Settings Update' }],
      files: [],
    });
    const byPath = await callWithFindings(app, 'scans.iosBackup', { caseId, path: folder });
    const names = (function walk(at: string, prefix: string): string[] {
      return fs.readdirSync(at, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? walk(path.join(at, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`]));
    })(folder, '');
    const uploads = await Promise.all(names.map((name) => upload(`00008110-0011223344556677/${name}`, fs.readFileSync(path.join(folder, ...name.split('/'))))));
    const bySent = await callWithFindings(app, 'scans.iosBackup', { caseId, uploads });
    expect(bySent.observations).toBe(byPath.observations);
    expect(bySent.findings.some((finding) => finding.product?.name === 'mSpy')).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'vault', 'work', 'uploads'))).toEqual([]);
  });

  it('seals a bundle as a download served once, and checks a bundle the browser sends', async () => {
    const caseId = (await app.call('cases.create', { label: 'download' })).id;
    await callWithFindings(app, 'scans.host', { caseId });
    const sealed = await app.call('bundles.export', { caseId, download: true, withReader: true, passphrase: 'seven spoken words for the lawyer', language: 'en' });
    expect(sealed.path).toBeNull();
    expect(sealed.download?.name).toBe(sealed.suggestedName);
    expect(sealed.reader?.download?.name).toBe('sentinelle-reader.html');
    const id = sealed.download!.id;
    expect((await send(host, { method: 'GET', path: `/api/download/${id}` })).status).toBe(401);
    const fetched = await send(host, { method: 'GET', path: `/api/download/${id}`, headers: auth() });
    expect(fetched.status).toBe(200);
    expect(fetched.headers['content-disposition']).toContain(`filename="${sealed.suggestedName}"`);
    expect(fetched.headers['content-type']).toBe('application/octet-stream');
    expect(fetched.body.length).toBe(sealed.size);
    // The browser has it: it is not kept, nor offered again.
    await expect.poll(async () => (await send(host, { method: 'GET', path: `/api/download/${id}`, headers: auth() })).status).toBe(404);

    // The same bytes sent back, as a lawyer's bundle chosen in the "Check a bundle" screen.
    const verdict = await app.call('bundles.verify', { upload: await upload(sealed.suggestedName, fetched.body), passphrase: 'seven spoken words for the lawyer', withReport: true });
    expect(verdict).toMatchObject({ ok: true, problems: [] });
    expect(verdict.reportHtml).toContain('Device examination report');
  });

  it('forgets every upload and download when the vault locks', async () => {
    const id = await upload('bugreport.zip', await bugreportZip());
    await app.call('vault.lock', { reason: 'user' });
    expect(fs.existsSync(path.join(dir, 'vault', 'work', 'uploads'))).toBe(false);
    await app.call('vault.unlock', { passphrase: 'correct horse battery staple' });
    const caseId = (await app.call('cases.create', { label: 'after lock' })).id;
    await expect(callWithFindings(app, 'scans.import', { caseId, uploads: [id] })).rejects.toThrow(/no longer here/);
  });
});

describe('the upload spool', () => {
  it('keeps no clear byte on disk, reads back any range, and says when a chunk was changed', async () => {
    const dir = makeTempDir('sentinelle-spool-');
    try {
      const spool = new UploadSpool(path.join(dir, 'uploads'));
      const marker = Buffer.from('SURVIVOR-MESSAGE-THAT-MUST-NOT-BE-ON-DISK');
      const bytes = Buffer.concat(Array.from({ length: 5000 }, (_, i) => Buffer.concat([marker, Buffer.from(String(i))])));
      const staged = await spool.receive('../../etc/notes.txt', (async function* () {
        for (let at = 0; at < bytes.length; at += 7000) yield bytes.subarray(at, at + 7000);
      })());
      expect(staged.name).toBe('etc/notes.txt');
      const [file] = fs.readdirSync(path.join(dir, 'uploads'));
      expect(fs.readFileSync(path.join(dir, 'uploads', file!)).includes(marker)).toBe(false);
      const reader = await openSpooledFile(spool.spooled(staged.id));
      for (const [at, length] of [[0, 10], [65_530, 20], [100_000, 70_000], [bytes.length - 5, 50]] as const) {
        expect((await reader.read(at, length)).equals(bytes.subarray(at, at + length))).toBe(true);
      }
      await reader.close();
      // A byte changed on disk in the second chunk: that chunk no longer opens.
      const sealedFile = path.join(dir, 'uploads', file!);
      const sealed = fs.readFileSync(sealedFile);
      sealed[70_000] = sealed[70_000]! ^ 1;
      fs.writeFileSync(sealedFile, sealed);
      const again = await openSpooledFile(spool.spooled(staged.id));
      await expect(again.read(66_000, 10)).rejects.toThrow(/changed on this computer/);
      await again.close();
      // Past its limit, a file is refused and nothing of it is kept.
      const small = new UploadSpool(path.join(dir, 'small'), { fileBytes: 1000, totalBytes: 2000 });
      await expect(small.receive('big.zip', (async function* () { yield Buffer.alloc(1500); })())).rejects.toThrow(/larger than Sentinelle takes/);
      expect(fs.readdirSync(path.join(dir, 'small'))).toEqual([]);
      spool.clear();
      expect(() => spool.spooled(staged.id)).toThrow(/no longer here/);
    } finally {
      removeDir(dir);
    }
  });
});
