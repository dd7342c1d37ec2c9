// A local HTTPS server that follows the Wazuh server API's documented contract for what Sentinelle uses:
// `POST /security/user/authenticate` with basic authentication gives a JWT-like token (`data.token`) that
// expires; `POST /events` takes `{ "events": [strings] }` with a valid token, at most 100 events a request
// (400 beyond), answers 429 past its requests-per-minute limit and 401 with an expired token. Its
// certificate comes from a CA made with openssl for the test, so the client's CA pinning is exercised.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface FakeWazuh {
  url: string;
  port: number;
  caPem: string;
  /** Every event accepted, in arrival order, as the server received it (strings). */
  events: string[];
  authentications: number;
  /** Status of every request, in order: `POST /events 200`. */
  log: string[];
  tokenTtlMs: number;
  /** Requests allowed per window before 429 (Wazuh's default for /events: 30 a minute). */
  rateLimit: { requests: number; windowMs: number };
  resetRateLimit(): void;
  /** Lets every token handed out so far expire now, as the server's clock would after their lifetime. */
  expireTokens(): void;
  close(): Promise<void>;
}

/** A CA and a server certificate for 127.0.0.1, written into `dir`. */
export function makeCertificates(dir: string): { caPem: string; key: string; cert: string; otherCaPem: string } {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '2', '-subj', '/CN=Shelter network test CA');
  run('req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
  fs.writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  run('x509', '-req', '-in', 'server.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'server.pem', '-days', '2', '-extfile', 'san.ext');
  run('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'other.key', '-out', 'other.pem', '-days', '2', '-subj', '/CN=Someone else');
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  return { caPem: read('ca.pem'), key: read('server.key'), cert: read('server.pem'), otherCaPem: read('other.pem') };
}

export async function startFakeWazuh(options: { certificates: { key: string; cert: string; caPem: string }; user: string; password: string; port?: number; tokenTtlMs?: number }): Promise<FakeWazuh> {
  const tokens = new Map<string, number>();
  let windowStart = Date.now();
  let windowCount = 0;
  const state = {
    events: [] as string[],
    authentications: 0,
    log: [] as string[],
    tokenTtlMs: options.tokenTtlMs ?? 900_000,
    rateLimit: { requests: 30, windowMs: 60_000 },
  };
  const reply = (response: import('node:http').ServerResponse, status: number, body: unknown, route: string) => {
    state.log.push(`${route} ${status}`);
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };
  const server = https.createServer({ key: options.certificates.key, cert: options.certificates.cert }, (request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      const route = `${request.method} ${request.url?.split('?')[0]}`;
      if (Date.now() - windowStart > state.rateLimit.windowMs) {
        windowStart = Date.now();
        windowCount = 0;
      }
      windowCount += 1;
      if (windowCount > state.rateLimit.requests) return reply(response, 429, { title: 'Too Many Requests', detail: 'Maximum number of requests per minute reached', error: 6001 }, route);
      if (route === 'POST /security/user/authenticate') {
        const expected = `Basic ${Buffer.from(`${options.user}:${options.password}`).toString('base64')}`;
        if (request.headers.authorization !== expected) return reply(response, 401, { title: 'Unauthorized', detail: 'Invalid credentials' }, route);
        state.authentications += 1;
        const token = randomBytes(24).toString('base64url');
        tokens.set(token, Date.now() + state.tokenTtlMs);
        return reply(response, 200, { data: { token }, error: 0 }, route);
      }
      if (route === 'POST /events') {
        const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
        const expires = token ? tokens.get(token) : undefined;
        if (!expires || expires < Date.now()) return reply(response, 401, { title: 'Unauthorized', detail: 'The server could not verify that you are authorized to access the URL requested' }, route);
        let parsed: { events?: unknown };
        try {
          parsed = JSON.parse(body) as { events?: unknown };
        } catch {
          return reply(response, 400, { title: 'Bad Request', detail: 'Invalid JSON' }, route);
        }
        const events = parsed.events;
        if (!Array.isArray(events) || events.length === 0 || events.length > 100 || !events.every((event) => typeof event === 'string')) {
          return reply(response, 400, { title: 'Bad Request', detail: 'events: a list of 1 to 100 strings' }, route);
        }
        state.events.push(...(events as string[]));
        return reply(response, 200, { data: { affected_items: events.map((_, i) => ({ id: i })), total_affected_items: events.length, total_failed_items: 0, failed_items: [] }, message: 'All events were forwarded to analisysd', error: 0 }, route);
      }
      return reply(response, 404, { title: 'Not Found' }, route);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(state, {
    url: `https://127.0.0.1:${port}`,
    port,
    caPem: options.certificates.caPem,
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    resetRateLimit() {
      windowStart = Date.now();
      windowCount = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
