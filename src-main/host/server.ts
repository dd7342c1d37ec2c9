// The headless host: the typed API and the built renderer over loopback HTTP, for Chromium under test and
// for machines without a display. Listens on 127.0.0.1 only, on a random port; every API request needs the
// per-run token; a foreign Origin or Host header (another web page, DNS rebinding) is refused. Stopping
// never waits on a browser that keeps its connections open (see `close`).
//
//   POST /api/invoke/<operation>   JSON input → JSON envelope ({ ok, result } or { ok, error })
//   GET  /api/events               server-sent events: `event: <name>` / `data: <json>`
//   POST /api/upload               a file the page's picker chose (raw body; its name in X-File-Name),
//                                  streamed into the app's encrypted upload spool → { ok, result: { id, name, size } }
//   GET  /api/download/<id>        a file the app offers (a sealed bundle, the reader page), as an attachment
//   GET  /…                        the renderer's static files (no secrets in them)
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { App } from '../app.js';
import { RENDERER_CSP } from '../../src-shared/content-security-policy.js';
import { SentinelleError, toErrorPayload, type ApiErrorPayload, type ErrorCode } from '../../src-shared/errors.js';

export interface HostOptions {
  /** The app, or the app as it loads: the page is served at once, requests to the API wait for it. */
  app: App | Promise<App>;
  /** The built renderer (`dist/renderer`); null serves the API only. */
  rendererDir: string | null;
  /** 0 (the default) lets the system choose a free port. */
  port?: number;
}

export interface RunningHost {
  /** The address to open, with the token in the fragment (never sent to the server by the browser). */
  url: string;
  origin: string;
  token: string;
  /**
   * Stops: open event streams are cut, a request that comes after is refused, and a request already being
   * answered is given a short grace period to finish — so that stopping (and locking the vault after) never
   * waits on a browser that keeps its connection open.
   */
  close(): Promise<void>;
  /**
   * API requests being answered now: a call waiting for the app as it loads, or for its answer (event
   * streams and files already being sent are not counted). Shows that a request has come in.
   */
  requestsUnderWay(): number;
}

/** Room for a 32 MiB signature file sent as base64 (signatures.import); every other request is tiny. */
const MAX_BODY_BYTES = 48 * 1024 * 1024;
const HEARTBEAT_MS = 15_000;
/** How long a request already being answered may take to finish once the host is stopping. */
const CLOSE_GRACE_MS = 3_000;

const SECURITY_HEADERS: http.OutgoingHttpHeaders = {
  'Content-Security-Policy': RENDERER_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const app = Promise.resolve(options.app);
  const token = randomBytes(32).toString('base64url');
  const tokenBytes = Buffer.from(token);
  const eventStreams = new Set<http.ServerResponse>();
  let allowedHosts = new Set<string>();
  let origin = '';
  let stopping = false;
  let underWay = 0;

  const server = http.createServer((request, response) => {
    underWay += 1;
    void handle(request, response)
      .catch((error: unknown) => {
        if (!response.headersSent) sendError(response, 500, 'internal', 'The local service failed to answer.', error);
        else response.destroy();
      })
      .finally(() => (underWay -= 1));
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (!allowedHosts.has(request.headers.host ?? '')) {
      return sendError(response, 403, 'host.forbidden-origin', 'This address is only for Sentinelle on this computer.');
    }
    if (stopping) {
      // A browser reuses its open connections (an event stream reconnects at once): refuse, and close this one.
      response.setHeader('Connection', 'close');
      return sendError(response, 503, 'host.stopping', 'Sentinelle is stopping and locks the vault as it does.');
    }
    const url = new URL(request.url ?? '/', origin);
    if (!url.pathname.startsWith('/api/')) return serveStatic(request, response, url.pathname);

    // The page's Origin must be this very address, as the Host header names it (127.0.0.1 or localhost).
    const requestOrigin = request.headers.origin;
    if (requestOrigin !== undefined && requestOrigin !== `http://${request.headers.host}`) {
      return sendError(response, 403, 'host.forbidden-origin', 'Requests from other web pages are refused.', `Origin: ${requestOrigin}`);
    }
    if (!hasToken(request.headers.authorization)) {
      return sendError(response, 401, 'host.unauthorized', 'This request is missing the session token. Open the address Sentinelle printed, including the part after #.');
    }
    if (request.method === 'GET' && url.pathname === '/api/events') return openEventStream(response);
    if (request.method === 'POST' && url.pathname === '/api/upload') return receiveUpload(request, response);
    const download = /^\/api\/download\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (request.method === 'GET' && download) return sendDownload(response, download[1]!);
    const invoke = /^\/api\/invoke\/([A-Za-z.]+)$/.exec(url.pathname);
    if (request.method === 'POST' && invoke) {
      if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
        return sendError(response, 415, 'input.invalid', 'Requests must be sent as JSON.');
      }
      let input: unknown;
      try {
        input = await readJsonBody(request);
      } catch (error) {
        return sendJson(response, 400, { ok: false, error: toErrorPayload(error) });
      }
      const envelope = await (await app).invoke(invoke[1], input);
      return sendJson(response, 200, envelope);
    }
    return sendError(response, 404, 'host.unknown-operation', 'There is no such request.', `${request.method} ${url.pathname}`);
  }

  async function receiveUpload(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    if (request.headers['content-type'] !== 'application/octet-stream') return sendError(response, 415, 'input.invalid', 'Files must be sent as they are (application/octet-stream).');
    let name: string;
    try {
      name = decodeURIComponent(String(request.headers['x-file-name'] ?? 'file'));
    } catch {
      return sendError(response, 400, 'input.invalid', 'The file’s name cannot be read.');
    }
    try {
      const staged = await (await app).receiveUpload(name, request as AsyncIterable<Uint8Array>);
      return sendJson(response, 200, { ok: true, result: staged });
    } catch (error) {
      // What the browser still sends is not read: the connection goes with the answer.
      response.setHeader('Connection', 'close');
      return sendJson(response, 200, { ok: false, error: toErrorPayload(error) });
    }
  }

  async function sendDownload(response: http.ServerResponse, id: string): Promise<void> {
    const loaded = await app;
    const offered = loaded.downloadFor(id);
    if (!offered) return sendError(response, 404, 'input.invalid', 'This file is no longer offered (the vault was locked, or it was downloaded already).');
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(offered.size),
      'Content-Disposition': `attachment; filename="${offered.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(offered.name)}`,
    });
    const stream = fs.createReadStream(offered.file);
    stream.on('error', () => response.destroy());
    response.on('finish', () => loaded.downloadDelivered(id));
    stream.pipe(response);
  }

  function hasToken(header: string | undefined): boolean {
    const presented = Buffer.from(/^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '');
    return presented.length === tokenBytes.length && timingSafeEqual(presented, tokenBytes);
  }

  function openEventStream(response: http.ServerResponse): void {
    response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    response.write(': connected\n\n');
    eventStreams.add(response);
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);
    response.on('close', () => {
      clearInterval(heartbeat);
      eventStreams.delete(response);
    });
  }

  function serveStatic(request: http.IncomingMessage, response: http.ServerResponse, pathname: string): void {
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendError(response, 405, 'input.invalid', 'Only reading is allowed here.');
    if (!options.rendererDir) return sendError(response, 404, 'host.unknown-operation', 'This host serves the API only.');
    const root = path.resolve(options.rendererDir);
    const relative = pathname === '/' ? 'index.html' : decodeURIComponent(pathname).replace(/^\/+/, '');
    const file = path.resolve(root, relative);
    if (file !== root && !file.startsWith(root + path.sep)) return sendError(response, 404, 'host.unknown-operation', 'Not found.');
    fs.readFile(file, (error, bytes) => {
      if (error) return sendError(response, 404, 'host.unknown-operation', 'Not found.');
      response.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
      response.end(request.method === 'HEAD' ? undefined : bytes);
    });
  }

  const unsubscribe = app.then((loaded) =>
    loaded.subscribe((event, payload) => {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of eventStreams) stream.write(frame);
    }),
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    close: async () => {
      stopping = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const stream of eventStreams) stream.destroy();
      // An app still loading is unsubscribed from once it is there; stopping does not wait for it.
      void unsubscribe.then((stopListening) => stopListening(), () => undefined);
      const grace = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS);
      await closed;
      clearTimeout(grace);
    },
    requestsUnderWay: () => underWay,
  };
}

async function readJsonBody(request: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new SentinelleError('input.invalid', 'The request is too large.');
    chunks.push(chunk);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch (error) {
    throw new SentinelleError('input.invalid', 'The request is not valid JSON.', { cause: error });
  }
}

function sendJson(response: http.ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}

function sendError(response: http.ServerResponse, status: number, code: ErrorCode, message: string, technical?: unknown): void {
  const error: ApiErrorPayload = technical === undefined ? { code, message } : { code, message, technical: technical instanceof Error ? technical.message : String(technical) };
  sendJson(response, status, { ok: false, error });
}
