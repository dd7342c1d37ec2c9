// A live scan's command outputs, read in a parsing worker that lives as long as the scan: each output is
// handed to it once, from the artifact store, as the scan reads it, and each analysis asks what all of them
// show so far. Whatever a phone prints can only exhaust that worker: one output it cannot read in time or in
// memory is set aside (kept as evidence, named in the scan's notes) and the worker started again with the
// others. An output longer than any phone prints is read up to `OUTPUT_READING.maxBytes` (cut at a line's end);
// all of it stays in the vault. Cancel and Quick exit stop the worker at once.
import { SentinelleError } from '../../../src-shared/errors.js';
import { sizeText } from '../../../src-shared/bytes.js';
import type { ArtifactCapture } from '../../../src-shared/model.js';
import { ParseSession } from '../../system/parse-session.js';
import { ParseLimitError } from '../../system/parse-worker.js';
import type { OpenVault } from '../../vault/vault.js';
import type { AndroidAcquisition } from './acquisition.js';

/** What a live scan's parse session is asked: read one more output, or say what all read so far show. */
export type AndroidOutputsRequest = { add: { command: string; sha256: string; bytes: Uint8Array } } | { acquisition: true };

export const OUTPUT_READING = {
  /**
   * Of each output, this much is read at most: a 500-app phone's `dumpsys package` is a few MiB. Together with
   * the worker's heap, it keeps a scan of a phone printing gigabytes under 512 MiB (`npm run bench -- android`).
   */
  maxBytes: 32 * 1024 * 1024,
  /** Reading one output (32 MiB at most, parsers linear) takes seconds; this is far more. */
  perOutputMs: 60_000,
  /** The worker starting, on a busy laptop. */
  startMs: 60_000,
  memoryMb: 384,
};

export class ScanOutputs {
  private session: ParseSession | null = null;
  /** Captures handed to the current worker, in order. */
  private sent: ArtifactCapture[] = [];
  private readonly setAside = new Set<string>();
  private readonly said = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();
  /** What could not be read, or was read only in part, in plain words (once each). */
  readonly notes: string[] = [];

  constructor(
    private readonly vault: OpenVault,
    private readonly scanId: string,
    private readonly signal?: AbortSignal,
  ) {}

  /** What the scan's outputs stored so far show (asked while another analysis runs, it waits for it: one worker, one request at a time). */
  acquisition(): Promise<AndroidAcquisition> {
    const next = this.queue.then(() => this.read());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<AndroidAcquisition> {
    const sent = new Set(this.sent.map((captured) => captured.id));
    for (const captured of this.vault.artifacts.capturesByScan(this.scanId)) {
      if (captured.command !== null && !sent.has(captured.id) && !this.setAside.has(captured.id)) await this.add(captured);
    }
    const request: AndroidOutputsRequest = { acquisition: true };
    try {
      return await (await this.worker()).ask<AndroidAcquisition>(request, [], OUTPUT_READING.perOutputMs);
    } catch (error) {
      if (!(error instanceof ParseLimitError)) throw error;
      throw new SentinelleError('acquisition.too-large', 'What the phone printed is, all together, more than Sentinelle can analyse. Everything read is kept in the case; ask for expert help with this phone.', { technical: error.message, cause: error });
    }
  }

  close(): void {
    this.session?.close();
    this.session = null;
  }

  private async worker(): Promise<ParseSession> {
    if (this.session?.alive) return this.session;
    // A new worker (the first, or one after a worker that gave up) is handed again what the last one had read.
    const again = this.sent;
    this.sent = [];
    this.session = new ParseSession({ kind: 'android-outputs' }, { maxMemoryMb: OUTPUT_READING.memoryMb, startMs: OUTPUT_READING.startMs, ...(this.signal ? { signal: this.signal } : {}) });
    for (const captured of again) await this.add(captured);
    return this.session;
  }

  private async add(captured: ArtifactCapture): Promise<void> {
    const session = await this.worker();
    let bytes = this.vault.artifacts.readPrefix(captured.sha256, OUTPUT_READING.maxBytes);
    if (captured.size > bytes.length) {
      // Cut at the last line's end, so that no line is read half.
      bytes = bytes.subarray(0, bytes.lastIndexOf(0x0a) + 1);
      this.note(`${captured.command}: it printed ${sizeText(captured.size)}, more than any phone prints; the first ${sizeText(bytes.length)} were read, and all of it is kept.`);
    }
    const request: AndroidOutputsRequest = { add: { command: captured.command!, sha256: captured.sha256, bytes } };
    try {
      await session.ask(request, [bytes.buffer as ArrayBuffer], OUTPUT_READING.perOutputMs);
      this.sent.push(captured);
    } catch (error) {
      if (error instanceof SentinelleError && error.code === 'scan.cancelled') throw error;
      this.setAside.add(captured.id);
      const why = error instanceof ParseLimitError ? error.message : `it is malformed (${error instanceof Error ? error.message.slice(0, 200) : String(error)})`;
      this.note(`${captured.command}: what the phone printed could not be read — ${why}; it is kept as evidence, and the rest of the scan was read without it.`);
    }
  }

  private note(text: string): void {
    if (this.said.has(text)) return;
    this.said.add(text);
    this.notes.push(text);
  }
}
