// The renderer's door to the back end: the typed API over one of two transports — the Electron preload
// bridge (`window.sentinelle`) or the headless host over loopback HTTP with the per-run token. Both carry
// the same envelopes; failures become SentinelleError with the server's code, message and technical cause.
// Files travel each door's own way: the desktop's Open and Save dialogs (the back end is given a path), or
// the browser's picker and downloads (the file is streamed to the host, a sealed bundle comes back as a
// download).
import type { Envelope, OperationInput, OperationName, OperationOutput, SentinelleClient } from '../../src-shared/api.js';
import { isEventName, type EventName } from '../../src-shared/event-names.js';
import { readErrorPayload, SentinelleError } from '../../src-shared/errors.js';

/** What the Electron preload exposes through contextBridge. */
export interface SentinelleBridge {
  invoke(name: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: string, payload: unknown) => void): () => void;
  files: {
    /** Where a file chosen in the page's picker (the system's Open dialog) is on this computer. */
    pathOf(file: File): string;
    /** The system's dialog to choose a folder; null when cancelled. */
    chooseFolder(title: string): Promise<string | null>;
    /** The system's Save dialog, in a sensible folder (a removable drive when there is one); null when cancelled. */
    chooseSavePath(options: { title: string; suggestedName: string; kind: SaveKind }): Promise<string | null>;
  };
}

/** What is being saved, for the Save dialog's file types. */
export type SaveKind = 'bundle' | 'reader' | 'events';

/** Files as the back end reads them: where they are on this computer, or the ids of what the browser sent. */
export type HandedFiles = { path: string } | { uploads: string[] };

/** How files travel between this window and the back end. */
export interface FileTransport {
  readonly kind: 'desktop' | 'browser';
  /** Files chosen in the page's picker, as the back end can read them (a folder's files keep their path inside it). */
  hand(files: readonly File[], onProgress?: (sent: number, total: number) => void): Promise<HandedFiles>;
  /** Where to save something: the desktop's Save dialog (null when cancelled), or a download in the browser. */
  saveTarget(options: { title: string; suggestedName: string; kind: SaveKind }): Promise<{ out: string } | { download: true } | null>;
  /** Brings a file the back end offers into the browser's downloads, under its name. */
  receive(download: { id: string; name: string }): Promise<void>;
  /** The desktop's folder dialog; the browser has none that gives a folder of this computer (null). */
  chooseFolder(title: string): Promise<string | null> | null;
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

class BridgeClient implements SentinelleClient, FileTransport {
  readonly kind = 'desktop';

  constructor(private readonly bridge: SentinelleBridge) {}

  async hand(files: readonly File[]): Promise<HandedFiles> {
    const first = files[0];
    if (!first) throw new SentinelleError('input.invalid', 'No file was chosen.');
    return { path: this.bridge.files.pathOf(first) };
  }

  async saveTarget(options: { title: string; suggestedName: string; kind: SaveKind }): Promise<{ out: string } | null> {
    const chosen = await this.bridge.files.chooseSavePath(options);
    return chosen ? { out: chosen } : null;
  }

  async receive(): Promise<void> {
    // The desktop writes where the Save dialog said: nothing comes back as a download.
  }

  chooseFolder(title: string): Promise<string | null> {
    return this.bridge.files.chooseFolder(title);
  }

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

class HostClient implements SentinelleClient, FileTransport {
  readonly kind = 'browser';
  private readonly listeners = new Set<Listener>();
  private streaming = false;

  constructor(private readonly token: string) {}

  /** Sends each file to the host (its upload spool keeps it encrypted), one after the other. */
  async hand(files: readonly File[], onProgress?: (sent: number, total: number) => void): Promise<HandedFiles> {
    const total = files.reduce((sum, file) => sum + file.size, 0);
    let before = 0;
    const uploads: string[] = [];
    for (const file of files) {
      const name = file.webkitRelativePath || file.name;
      uploads.push((await this.upload(file, name, (sent) => onProgress?.(before + sent, total))).id);
      before += file.size;
    }
    return { uploads };
  }

  /** One file as a raw request body (XMLHttpRequest: fetch cannot tell how much was sent). */
  private upload(file: File, name: string, onProgress: (sent: number) => void): Promise<{ id: string }> {
    return new Promise((resolve, reject) => {
      const request = new XMLHttpRequest();
      request.open('POST', '/api/upload');
      request.setRequestHeader('Authorization', `Bearer ${this.token}`);
      request.setRequestHeader('Content-Type', 'application/octet-stream');
      request.setRequestHeader('X-File-Name', encodeURIComponent(name));
      request.upload.onprogress = (event) => onProgress(event.loaded);
      request.onerror = () => reject(new SentinelleError('internal', 'Sentinelle is not running any more. Start it again and reopen the address it prints.'));
      request.onload = () => {
        try {
          resolve(unwrap<{ id: string }>(JSON.parse(request.responseText)));
        } catch (error) {
          reject(error instanceof SentinelleError ? error : new SentinelleError('internal', 'The app did not answer as expected.', { technical: request.responseText.slice(0, 300) }));
        }
      };
      request.send(file);
    });
  }

  async saveTarget(): Promise<{ download: true }> {
    return { download: true };
  }

  /** Fetches the offered file (the token travels in a header) and hands it to the browser as a download. */
  async receive(download: { id: string; name: string }): Promise<void> {
    const response = await fetch(`/api/download/${download.id}`, { headers: { Authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new SentinelleError('input.invalid', 'The file could not be downloaded: it is no longer offered (the vault was locked since?).', { technical: `HTTP ${response.status}` });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = download.name;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  }

  chooseFolder(): null {
    return null;
  }

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

export function connectClient(): (SentinelleClient & FileTransport) | null {
  if (window.sentinelle) return new BridgeClient(window.sentinelle);
  const token = hostTokenFromLocation();
  return token ? new HostClient(token) : null;
}
