// The renderer's door to the back end: the typed API over one of two transports — the Electron preload
// bridge (`window.sentinelle`) or the headless host over loopback HTTP with the per-run token. Both carry
// the same envelopes; failures become SentinelleError with the server's code, message and technical cause.
import type { Envelope, OperationInput, OperationName, OperationOutput, SentinelleClient } from '../../src-shared/api.js';
import { isEventName, type EventName } from '../../src-shared/event-names.js';
import { readErrorPayload, SentinelleError } from '../../src-shared/errors.js';

/** What the Electron preload exposes through contextBridge. */
export interface SentinelleBridge {
  invoke(name: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    sentinelle?: SentinelleBridge;
  }
}

type Listener = (event: EventName, payload: unknown) => void;

function unwrap<T>(envelope: unknown): T {
  const value = envelope as Envelope<T> | null;
  if (value && value.ok === true) return value.result;
  const error = readErrorPayload(value && value.ok === false ? value.error : null);
  if (error) throw SentinelleError.fromPayload(error);
  throw new SentinelleError('internal', 'The app did not answer as expected.', { technical: JSON.stringify(envelope)?.slice(0, 500) });
}

class BridgeClient implements SentinelleClient {
  constructor(private readonly bridge: SentinelleBridge) {}

  async invoke<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
    return unwrap(await this.bridge.invoke(name, input));
  }

  subscribe(listener: Listener): () => void {
    return this.bridge.onEvent((event, payload) => {
      if (isEventName(event)) listener(event, payload);
    });
  }
}

const TOKEN_KEY = 'sentinelle.host-token';

/** Takes the token from the address fragment once, keeps it for this tab, and removes it from the address bar. */
export function hostTokenFromLocation(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

class HostClient implements SentinelleClient {
  private readonly listeners = new Set<Listener>();
  private streaming = false;

  constructor(private readonly token: string) {}

  async invoke<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
    let response: Response;
    try {
      response = await fetch(`/api/invoke/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.token}` },
        body: JSON.stringify(input ?? {}),
      });
    } catch (error) {
      throw new SentinelleError('internal', 'Sentinelle is not running any more. Start it again and reopen the address it prints.', { cause: error });
    }
    return unwrap(await response.json().catch(() => null));
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    if (!this.streaming) void this.stream();
    return () => this.listeners.delete(listener);
  }

  /** Reads server-sent events with fetch (so the token travels in a header), reconnecting after a drop. */
  private async stream(): Promise<void> {
    this.streaming = true;
    for (let attempt = 0; this.listeners.size > 0; attempt += 1) {
      try {
        const response = await fetch('/api/events', { headers: { Authorization: `Bearer ${this.token}` } });
        if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
        attempt = 0;
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let buffer = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += value;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            this.dispatch(buffer.slice(0, end));
            buffer = buffer.slice(end + 2);
          }
        }
      } catch {
        // the host restarted or the connection dropped: wait a little and reconnect
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 250 * 2 ** attempt)));
    }
    this.streaming = false;
  }

  private dispatch(frame: string): void {
    const event = /^event: (.+)$/m.exec(frame)?.[1];
    const data = /^data: (.+)$/m.exec(frame)?.[1];
    if (!isEventName(event) || data === undefined) return;
    const payload: unknown = JSON.parse(data);
    for (const listener of this.listeners) listener(event, payload);
  }
}

export function connectClient(): SentinelleClient | null {
  if (window.sentinelle) return new BridgeClient(window.sentinelle);
  const token = hostTokenFromLocation();
  return token ? new HostClient(token) : null;
}
