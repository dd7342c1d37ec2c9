// The headless host's safety: loopback only, a per-run token on every API request, foreign Origins and
// Host headers refused, and the typed API and events served to a client that has the token.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../src-main/host/server.js';
import type { App } from '../../src-main/app.js';
import { testApp } from '../helpers/app.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { slow, until } from '../helpers/slowdown.js';

/** A raw request, so that headers a browser would not let us forge (Host, Origin) can be set. */
function request(host: RunningHost, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  const url = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method: options.method ?? 'GET', path: options.path, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('the headless host', () => {
  let dir: string;
  let app: App;
  let host: RunningHost;
  beforeEach(async () => {
    dir = makeTempDir();
    app = testApp(dir);
    host = await startHost({ app, rendererDir: null });
  });
  afterEach(async () => {
    await host.close();
    app.dispose();
    removeDir(dir);
  });

  const invoke = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    request(host, { method: 'POST', path: `/api/invoke/${name}`, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('listens on 127.0.0.1 with a random port, and prints the token only in the URL fragment', () => {
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toBe(`${host.origin}/#token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(40);
  });

  it('refuses a request without the token, or with a wrong one', async () => {
    const missing = await invoke('vault.status', {});
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body)).toMatchObject({ ok: false, error: { code: 'host.unauthorized' } });
    const wrong = await invoke('vault.status', {}, { Authorization: `Bearer ${host.token.slice(0, -1)}x` });
    expect(wrong.status).toBe(401);
    const events = await request(host, { path: '/api/events' });
    expect(events.status).toBe(401);
  });

  it('refuses a request with a foreign Origin even when it carries the token', async () => {
    const foreign = await invoke('vault.status', {}, { Authorization: `Bearer ${host.token}`, Origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.body)).toMatchObject({ ok: false, error: { code: 'host.forbidden-origin' } });
    const sameHostOtherPort = await invoke('vault.status', {}, { Authorization: `Bearer ${host.token}`, Origin: 'http://127.0.0.1:1' });
    expect(sameHostOtherPort.status).toBe(403);
  });

  it('works at its localhost address too, where Host and Origin agree, and only there', async () => {
    const port = new URL(host.origin).port;
    const token = { Authorization: `Bearer ${host.token}` };
    const viaLocalhost = await invoke('vault.status', {}, { ...token, Host: `localhost:${port}`, Origin: `http://localhost:${port}` });
    expect(JSON.parse(viaLocalhost.body)).toMatchObject({ ok: true });
    const mixed = await invoke('vault.status', {}, { ...token, Host: `localhost:${port}`, Origin: host.origin });
    expect(mixed.status).toBe(403);
    const otherWay = await invoke('vault.status', {}, { ...token, Host: `127.0.0.1:${port}`, Origin: `http://localhost:${port}` });
    expect(otherWay.status).toBe(403);
  });

  it('refuses a rebound host name (DNS rebinding)', async () => {
    const port = new URL(host.origin).port;
    const rebound = await request(host, { path: '/', headers: { Host: `attacker.example:${port}` } });
    expect(rebound.status).toBe(403);
  });

  it('answers the typed API to a client with the token and its own Origin', async () => {
    const headers = { Authorization: `Bearer ${host.token}`, Origin: host.origin };
    expect(JSON.parse((await invoke('vault.status', {}, headers)).body)).toEqual({ ok: true, result: { state: 'absent', custody: null } });
    const invalid = JSON.parse((await invoke('cases.list', { status: 'deleted' }, headers)).body);
    expect(invalid).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    const notJson = await request(host, { method: 'POST', path: '/api/invoke/vault.status', headers: { ...headers, 'Content-Type': 'text/plain' }, body: '{}' });
    expect(notJson.status).toBe(415);
  });

  it('streams events to a client with the token', async () => {
    const url = new URL(host.origin);
    let opened: () => void = () => undefined;
    const streaming = new Promise<void>((resolve) => (opened = resolve));
    const received = new Promise<string>((resolve, reject) => {
      const req = http.get({ host: url.hostname, port: url.port, path: '/api/events', headers: { Authorization: `Bearer ${host.token}` } }, (res) => {
        opened();
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes('event: vault.unlocked')) {
            req.destroy();
            resolve(text);
          }
        });
      });
      req.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
    });
    // The stream is open (its headers came): the event that follows reaches it.
    await streaming;
    await invoke('vault.create', { passphrase: 'correct horse battery staple' }, { Authorization: `Bearer ${host.token}` });
    expect(await received).toContain('event: vault.unlocked\ndata: {}');
  });
});

describe('the headless host serving the renderer', () => {
  it('serves the renderer with a strict Content-Security-Policy and nothing outside its folder', async () => {
    const dir = makeTempDir();
    const rendererDir = `${dir}/renderer`;
    const fs = await import('node:fs');
    fs.mkdirSync(rendererDir);
    fs.writeFileSync(`${rendererDir}/index.html`, '<!doctype html><title>t</title>');
    fs.writeFileSync(`${dir}/secret.txt`, 'outside');
    const app = testApp(`${dir}/vault`);
    const host = await startHost({ app, rendererDir });
    try {
      const index = await request(host, { path: '/' });
      expect(index.status).toBe(200);
      expect(index.headers['content-security-policy']).toContain("default-src 'none'");
      expect(index.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(index.headers['x-content-type-options']).toBe('nosniff');
      for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
        const escaped = await request(host, { path });
        expect(escaped.status, path).toBe(404);
        expect(escaped.body).not.toContain('outside');
      }
      expect((await request(host, { method: 'POST', path: '/index.html' })).status).toBe(405);
    } finally {
      await host.close();
      removeDir(dir);
    }
  });
});

describe('the headless host while the app loads', () => {
  it('serves the page at once, and answers the API once the app is there', async () => {
    const dir = makeTempDir();
    const rendererDir = makeTempDir();
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Sentinelle</title>');
    let loaded!: (app: App) => void;
    const loading = new Promise<App>((resolve) => (loaded = resolve));
    const host = await startHost({ app: loading, rendererDir });
    const app = testApp(dir);
    try {
      const page = await request(host, { path: '/' });
      expect(page.status).toBe(200);
      expect(page.body).toContain('<title>Sentinelle</title>');
      let answered = false;
      const status = request(host, { method: 'POST', path: '/api/invoke/vault.status', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` }, body: '{}' }).then((response) => {
        answered = true;
        return response;
      });
      // The request has come in and waits for the app: no answer before it is there.
      await until(() => host.requestsUnderWay() === 1, 'the request to come in', 10_000);
      expect(answered).toBe(false);
      loaded(app);
      expect(JSON.parse((await status).body)).toEqual({ ok: true, result: { state: 'absent', custody: null } });
    } finally {
      await host.close();
      await app.dispose();
      removeDir(dir);
      removeDir(rendererDir);
    }
  });
});

describe('the headless host as it stops', () => {
  /** One connection, kept open between requests, as a browser keeps it. */
  const keptOpen = () => new http.Agent({ keepAlive: true, maxSockets: 1 });
  const authorised = (host: RunningHost) => ({ Authorization: `Bearer ${host.token}` });

  it('stops even when the page’s event stream reconnects at once over its open connection', async () => {
    const dir = makeTempDir();
    const app = testApp(dir);
    const host = await startHost({ app, rendererDir: null });
    const url = new URL(host.origin);
    const agent = keptOpen();
    const open = (path: string) => http.get({ host: url.hostname, port: url.port, path, agent, headers: authorised(host) });
    try {
      let streamOpen!: () => void;
      const opened = new Promise<void>((resolve) => (streamOpen = resolve));
      const reconnected = new Promise<string>((resolve) => {
        const first = open('/api/events');
        first.on('response', (response) => {
          streamOpen();
          // EventSource's way: once the stream is over, ask again, over the connection it had if it is still open.
          const again = () => setTimeout(() => {
            const second = open('/api/events');
            second.on('response', (answer) => resolve(String(answer.statusCode)));
            second.on('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? error.message));
          }, 20);
          response.on('end', again);
          response.on('aborted', again);
          response.resume();
        });
        first.on('error', () => undefined);
      });
      await opened;
      await host.close();
      // Refused one way or another: never a new stream that would keep the host (and the vault) open.
      expect(['503', 'ECONNREFUSED', 'ECONNRESET']).toContain(await reconnected);
    } finally {
      agent.destroy();
      await app.dispose();
      removeDir(dir);
    }
  });

  it('lets a request already under way finish, then refuses what comes next on that connection (an event stream too)', async () => {
    const dir = makeTempDir();
    let loaded!: (app: App) => void;
    const host = await startHost({ app: new Promise<App>((resolve) => (loaded = resolve)), rendererDir: null });
    const app = testApp(dir);
    const agent = keptOpen();
    const url = new URL(host.origin);
    const send = (method: 'GET' | 'POST', path: string) =>
      new Promise<{ status: number; body: string; connection: string | undefined }>((resolve, reject) => {
        const req = http.request({ host: url.hostname, port: url.port, method, path, agent, headers: { 'Content-Type': 'application/json', ...authorised(host) } }, (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }));
        });
        req.on('error', reject);
        req.end(method === 'POST' ? '{}' : undefined);
      });
    try {
      const underWay = send('POST', '/api/invoke/vault.status');
      await until(() => host.requestsUnderWay() === 1, 'the request to come in', 10_000);
      const stopped = host.close();
      // What the page's event stream does when it reconnects: a new stream would keep the host from stopping.
      const next = underWay.then(() => send('GET', '/api/events'));
      loaded(app);
      expect(JSON.parse((await underWay).body)).toEqual({ ok: true, result: { state: 'absent', custody: null } });
      const refusal = await next;
      expect(refusal.status).toBe(503);
      expect(refusal.connection).toBe('close');
      expect(JSON.parse(refusal.body)).toMatchObject({ ok: false, error: { code: 'host.stopping' } });
      await stopped;
    } finally {
      agent.destroy();
      await app.dispose();
      removeDir(dir);
    }
  });

  it('stops after a short grace period when a request never finishes', async () => {
    const host = await startHost({ app: new Promise<App>(() => undefined), rendererDir: null });
    const agent = keptOpen();
    const url = new URL(host.origin);
    const hanging = new Promise<string>((resolve) => {
      const req = http.request({ host: url.hostname, port: url.port, method: 'POST', path: '/api/invoke/vault.status', agent, headers: { 'Content-Type': 'application/json', ...authorised(host) } });
      req.on('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? error.message));
      req.end('{}');
    });
    try {
      await until(() => host.requestsUnderWay() === 1, 'the request to come in', 10_000);
      await host.close();
      expect(await hanging).toBe('ECONNRESET');
    } finally {
      agent.destroy();
    }
  }, slow(15_000));
});
