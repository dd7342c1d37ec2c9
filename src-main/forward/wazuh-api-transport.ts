// The Wazuh server API transport: HTTPS to the server (port 55000) trusting only its CA, a JWT from
// `POST /security/user/authenticate` (basic authentication), then `POST /events` with at most 100 events a
// request and at most 30 requests a minute. An expired token is renewed once; a 429 says when to retry.
import https from 'node:https';
import { TransportError, type Transport } from './transport.js';

export const MAX_EVENTS_PER_REQUEST = 100;
export const MAX_REQUESTS_PER_MINUTE = 30;

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface WazuhApiOptions {
  url: string;
  user: string;
  password: string;
  caPem: string;
  timeoutMs?: number;
  /** Requests made in the last minute, kept by the caller across flushes. */
  requestTimes?: number[];
}

export class WazuhApiTransport implements Transport {
  readonly name: string;
  readonly batchSize = MAX_EVENTS_PER_REQUEST;
  private readonly agent: https.Agent;
  private token: string | null = null;
  private readonly requestTimes: number[];

  constructor(private readonly options: WazuhApiOptions) {
    this.name = `wazuh-api:${new URL(options.url).host}`;
    // `ca` replaces the system's roots: only the server's own CA is trusted.
    this.agent = new https.Agent({ ca: options.caPem, keepAlive: true, maxSockets: 1 });
    this.requestTimes = options.requestTimes ?? [];
  }

  async send(events: readonly string[]): Promise<void> {
    if (events.length > MAX_EVENTS_PER_REQUEST) throw new TransportError(`at most ${MAX_EVENTS_PER_REQUEST} events a request`);
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const token = this.token ?? (await this.authenticate());
      const reply = await this.request('POST', '/events', JSON.stringify({ events }), { authorization: `Bearer ${token}` });
      if (reply.status === 401 && attempt === 0) {
        this.token = null; // expired: renew once
        continue;
      }
      if (reply.status === 429) throw new TransportError('The Wazuh server asks to slow down (too many requests).', retryAfter(reply));
      if (reply.status < 200 || reply.status >= 300) throw new TransportError(`The Wazuh server refused the events (HTTP ${reply.status}): ${reply.body.slice(0, 300)}`);
      const failed = parseJson(reply.body)?.data?.total_failed_items;
      if (typeof failed === 'number' && failed > 0) throw new TransportError(`The Wazuh server could not take ${failed} of the events.`);
      return;
    }
    throw new TransportError('The Wazuh server keeps refusing the session token.');
  }

  async test(): Promise<string> {
    this.token = null;
    await this.authenticate();
    return `Connected to ${new URL(this.options.url).host} as ${this.options.user}; the server's certificate matches the CA given.`;
  }

  close(): void {
    this.agent.destroy();
  }

  private async authenticate(): Promise<string> {
    const basic = Buffer.from(`${this.options.user}:${this.options.password}`, 'utf8').toString('base64');
    const reply = await this.request('POST', '/security/user/authenticate', '', { authorization: `Basic ${basic}` });
    if (reply.status === 401 || reply.status === 403) throw new TransportError('The Wazuh server refused the user name or password.');
    if (reply.status === 429) throw new TransportError('The Wazuh server asks to slow down (too many requests).', retryAfter(reply));
    const token = parseJson(reply.body)?.data?.token;
    if (reply.status !== 200 || typeof token !== 'string') throw new TransportError(`The Wazuh server did not give a session token (HTTP ${reply.status}).`);
    this.token = token;
    return token;
  }

  private request(method: string, path: string, body: string, headers: Record<string, string>): Promise<Reply> {
    // No more than 30 requests a minute, whatever the server allows.
    const now = Date.now();
    while (this.requestTimes.length > 0 && this.requestTimes[0]! <= now - 60_000) this.requestTimes.shift();
    if (this.requestTimes.length >= MAX_REQUESTS_PER_MINUTE) {
      return Promise.reject(new TransportError('Waiting: 30 requests were sent to the Wazuh server in the last minute.', this.requestTimes[0]! + 60_000 - now));
    }
    this.requestTimes.push(now);
    const url = new URL(path, this.options.url);
    return new Promise((resolve, reject) => {
      const request = https.request(
        url,
        { method, agent: this.agent, timeout: this.options.timeoutMs ?? 15_000, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => {
            if (text.length < 1024 * 1024) text += chunk;
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
          response.on('error', (error) => reject(new TransportError(`The connection to the Wazuh server broke: ${error.message}`)));
        },
      );
      request.on('timeout', () => request.destroy(new Error('no answer in time')));
      request.on('error', (error: NodeJS.ErrnoException) => reject(new TransportError(`The Wazuh server cannot be reached (${error.code ?? error.message}).`)));
      request.end(body);
    });
  }
}

function retryAfter(reply: Reply): number {
  const header = reply.headers['retry-after'];
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 60_000;
}

function parseJson(text: string): { data?: { token?: unknown; total_failed_items?: unknown } } | null {
  try {
    return JSON.parse(text) as { data?: { token?: unknown; total_failed_items?: unknown } };
  } catch {
    return null;
  }
}
