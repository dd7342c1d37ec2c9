// The artifact store: the exact bytes a collector received, kept once per SHA-256 inside the encrypted
// database in ~1 MiB chunks, written and read as streams so memory stays flat whatever the size.
// Each capture (who/what/when/how) is recorded separately and written to the custody log.
//
// Writing a stream: chunks go into a `staging` artifact, each chunk its own small transaction; the last
// step — naming the artifact by its hash, recording the capture and the custody entry — is one
// transaction. A crash in between leaves only a staging artifact, removed at the next unlock. (Outputs
// already in memory are stored whole in a single transaction.)
import { createHash, type Hash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ArtifactCapture, CaptureSource } from '../../src-shared/model.js';
import { SentinelleError } from '../../src-shared/errors.js';
import { isoNow, type Clock } from '../clock.js';
import type { CustodyLog } from './custody-log.js';
import type { VaultDatabase } from './database.js';
import { newId } from './ids.js';

export const ARTIFACT_CHUNK_BYTES = 1024 * 1024;

export interface CaptureMetadata {
  caseId: string;
  source: CaptureSource;
  deviceId?: string | null;
  scanId?: string | null;
  command?: string | null;
  path?: string | null;
  /** When the bytes were obtained, if not now (an offline acquisition made earlier). */
  capturedAt?: string;
}

interface CaptureRow {
  id: string;
  sha256: string;
  size: number;
  case_id: string;
  device_id: string | null;
  scan_id: string | null;
  source: CaptureSource;
  command: string | null;
  path: string | null;
  captured_at: string;
}

export class ArtifactStore {
  constructor(
    private readonly db: VaultDatabase,
    private readonly custody: CustodyLog,
    private readonly clock: Clock,
  ) {}

  /** A writable stream; when it finishes, `writer.capture` holds the stored artifact's capture record. */
  createWriter(metadata: CaptureMetadata): ArtifactWriter {
    return new ArtifactWriter(this.stagingArea(metadata));
  }

  async putStream(source: NodeJS.ReadableStream | AsyncIterable<Buffer>, metadata: CaptureMetadata): Promise<ArtifactCapture> {
    const writer = this.createWriter(metadata);
    await pipeline(source, writer);
    return writer.capture!;
  }

  /** For outputs already in memory (a command's few kilobytes): stored in one transaction. */
  putBuffer(bytes: Buffer | string, metadata: CaptureMetadata): ArtifactCapture {
    const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    const staging = this.stagingArea(metadata);
    return this.db.transaction(() => {
      const stagingId = staging.begin();
      for (let offset = 0, idx = 0; offset < buffer.length; offset += ARTIFACT_CHUNK_BYTES, idx += 1) {
        staging.insertChunk(stagingId, idx, buffer.subarray(offset, offset + ARTIFACT_CHUNK_BYTES));
      }
      return staging.complete(stagingId, createHash('sha256').update(buffer).digest('hex'), buffer.length);
    })();
  }

  /** Streams an artifact's bytes back, chunk by chunk. */
  createReader(sha256: string): Readable {
    const artifactId = this.requireArtifactId(sha256);
    const select = this.db.prepare('SELECT data FROM artifact_chunks WHERE artifact_id = ? AND idx = ?').pluck();
    let idx = 0;
    return new Readable({
      highWaterMark: ARTIFACT_CHUNK_BYTES,
      read() {
        try {
          const data = select.get(artifactId, idx) as Buffer | undefined;
          idx += 1;
          this.push(data ?? null);
        } catch (error) {
          this.destroy(error as Error);
        }
      },
    });
  }

  read(sha256: string): Buffer {
    const artifactId = this.requireArtifactId(sha256);
    const chunks = this.db.prepare('SELECT data FROM artifact_chunks WHERE artifact_id = ? ORDER BY idx').pluck().all(artifactId) as Buffer[];
    return Buffer.concat(chunks);
  }

  /**
   * An artifact's first `maxBytes` bytes at most (what a parser reads of an output too long to read whole),
   * copied chunk by chunk into one new array of its own (never a slice of a shared pool: it can be moved to a
   * worker).
   */
  readPrefix(sha256: string, maxBytes: number): Uint8Array {
    const artifactId = this.requireArtifactId(sha256);
    const size = this.db.prepare('SELECT size FROM artifacts WHERE id = ?').pluck().get(artifactId) as number;
    const prefix = new Uint8Array(Math.min(size, maxBytes));
    let offset = 0;
    for (const data of this.db.prepare('SELECT data FROM artifact_chunks WHERE artifact_id = ? AND idx < ? ORDER BY idx').pluck().iterate(artifactId, Math.ceil(maxBytes / ARTIFACT_CHUNK_BYTES)) as IterableIterator<Buffer>) {
      const part = data.subarray(0, prefix.length - offset);
      prefix.set(part, offset);
      offset += part.length;
    }
    return prefix;
  }

  has(sha256: string): boolean {
    return this.db.prepare("SELECT 1 FROM artifacts WHERE sha256 = ? AND state = 'complete'").get(sha256) !== undefined;
  }

  capturesByCase(caseId: string): ArtifactCapture[] {
    const rows = this.db
      .prepare(
        `SELECT c.*, a.sha256, a.size FROM artifact_captures c JOIN artifacts a ON a.id = c.artifact_id
         WHERE c.case_id = ? ORDER BY c.captured_at, c.id`,
      )
      .all(caseId) as CaptureRow[];
    return rows.map(toCapture);
  }

  /** Where and when these artifacts were captured for a case (a finding's evidence). */
  capturesOf(caseId: string, sha256s: readonly string[]): ArtifactCapture[] {
    if (sha256s.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT c.*, a.sha256, a.size FROM artifact_captures c JOIN artifacts a ON a.id = c.artifact_id
         WHERE c.case_id = ? AND a.sha256 IN (SELECT value FROM json_each(?)) ORDER BY c.captured_at, c.id`,
      )
      .all(caseId, JSON.stringify(sha256s)) as CaptureRow[];
    return rows.map(toCapture);
  }

  capturesByScan(scanId: string): ArtifactCapture[] {
    const rows = this.db
      .prepare(
        `SELECT c.*, a.sha256, a.size FROM artifact_captures c JOIN artifacts a ON a.id = c.artifact_id
         WHERE c.scan_id = ? ORDER BY c.captured_at, c.rowid`,
      )
      .all(scanId) as CaptureRow[];
    return rows.map(toCapture);
  }

  /** Removes artifacts no capture refers to any more (after a purge). Writes in progress are left alone. */
  removeUnreferenced(): number {
    return this.db.prepare("DELETE FROM artifacts WHERE state = 'complete' AND id NOT IN (SELECT artifact_id FROM artifact_captures)").run().changes;
  }

  /**
   * Removes what interrupted writes left behind. Only safe when no write can be in progress: when the
   * vault has just been opened (it is opened by one process at a time).
   */
  discardAbandonedWrites(): number {
    return this.db.prepare("DELETE FROM artifacts WHERE state = 'staging'").run().changes;
  }

  private stagingArea(metadata: CaptureMetadata): StagingArea {
    const insertChunk = this.db.prepare('INSERT INTO artifact_chunks (artifact_id, idx, data) VALUES (?, ?, ?)');
    return {
      begin: () =>
        Number(this.db.prepare("INSERT INTO artifacts (sha256, size, state, created_at) VALUES (NULL, 0, 'staging', ?)").run(isoNow(this.clock)).lastInsertRowid),
      insertChunk: (stagingId, idx, data) => void insertChunk.run(stagingId, idx, data),
      discard: (stagingId) => this.discardStaging(stagingId),
      complete: (stagingId, sha256, size) => this.finalize(stagingId, sha256, size, metadata),
    };
  }

  private discardStaging(stagingId: number): void {
    if (this.db.open) this.db.prepare("DELETE FROM artifacts WHERE id = ? AND state = 'staging'").run(stagingId);
  }

  private finalize(stagingId: number, sha256: string, size: number, metadata: CaptureMetadata): ArtifactCapture {
    return this.db.transaction(() => {
      const existing = this.db.prepare("SELECT id FROM artifacts WHERE sha256 = ? AND state = 'complete'").pluck().get(sha256) as number | undefined;
      let artifactId: number;
      if (existing !== undefined) {
        this.discardStaging(stagingId);
        artifactId = existing;
      } else {
        const named = this.db.prepare("UPDATE artifacts SET sha256 = ?, size = ?, state = 'complete' WHERE id = ? AND state = 'staging'").run(sha256, size, stagingId);
        if (named.changes !== 1) throw new SentinelleError('internal', 'A piece of evidence could not be stored completely. Capture it again.', { technical: `staging artifact ${stagingId} vanished before it was named` });
        artifactId = stagingId;
      }
      const captureId = newId();
      this.db
        .prepare(
          `INSERT INTO artifact_captures (id, artifact_id, case_id, device_id, scan_id, source, command, path, captured_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(captureId, artifactId, metadata.caseId, metadata.deviceId ?? null, metadata.scanId ?? null, metadata.source, metadata.command ?? null, metadata.path ?? null, this.captureTime(metadata));
      this.custody.append('artifact.captured', metadata.caseId, { captureId, sha256, size, source: metadata.source });
      const row = this.db
        .prepare('SELECT c.*, a.sha256, a.size FROM artifact_captures c JOIN artifacts a ON a.id = c.artifact_id WHERE c.id = ?')
        .get(captureId) as CaptureRow;
      return toCapture(row);
    })();
  }

  /** Capture times are stored in UTC ISO form, so that they sort as text. */
  private captureTime(metadata: CaptureMetadata): string {
    if (metadata.capturedAt === undefined) return isoNow(this.clock);
    const time = new Date(metadata.capturedAt);
    if (Number.isNaN(time.getTime())) throw new SentinelleError('input.invalid', 'A capture time is not a valid date.', { technical: metadata.capturedAt });
    return time.toISOString();
  }

  private requireArtifactId(sha256: string): number {
    const id = this.db.prepare("SELECT id FROM artifacts WHERE sha256 = ? AND state = 'complete'").pluck().get(sha256) as number | undefined;
    if (id === undefined) throw new SentinelleError('artifact.not-found', 'This piece of evidence is not in the vault (any more).', { technical: `artifact ${sha256}` });
    return id;
  }
}

/** What a writer needs from the store: a staging artifact to fill, then to name or to discard. */
interface StagingArea {
  begin(): number;
  insertChunk(stagingId: number, idx: number, data: Buffer): void;
  discard(stagingId: number): void;
  complete(stagingId: number, sha256: string, size: number): ArtifactCapture;
}

/** Buffers incoming bytes into 1 MiB chunks, hashing as it goes. */
export class ArtifactWriter extends Writable {
  capture: ArtifactCapture | null = null;
  private readonly hash: Hash = createHash('sha256');
  private readonly pending = Buffer.allocUnsafe(ARTIFACT_CHUNK_BYTES);
  private pendingBytes = 0;
  private chunkIndex = 0;
  private size = 0;
  private stagingId: number | null = null;

  constructor(private readonly staging: StagingArea) {
    super({ highWaterMark: ARTIFACT_CHUNK_BYTES });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    try {
      this.stagingId ??= this.staging.begin();
      this.hash.update(chunk);
      this.size += chunk.length;
      let offset = 0;
      while (offset < chunk.length) {
        const copied = chunk.copy(this.pending, this.pendingBytes, offset);
        this.pendingBytes += copied;
        offset += copied;
        if (this.pendingBytes === ARTIFACT_CHUNK_BYTES) this.flushChunk(this.stagingId);
      }
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _final(callback: (error?: Error | null) => void): void {
    try {
      this.stagingId ??= this.staging.begin();
      if (this.pendingBytes > 0) this.flushChunk(this.stagingId);
      this.capture = this.staging.complete(this.stagingId, this.hash.digest('hex'), this.size);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (this.capture === null && this.stagingId !== null) {
      try {
        this.staging.discard(this.stagingId);
      } catch {
        // the vault may be locked already: the next unlock removes staging leftovers
      }
    }
    callback(error);
  }

  private flushChunk(stagingId: number): void {
    // SQLite copies the bound bytes, so the pending buffer can be reused at once.
    this.staging.insertChunk(stagingId, this.chunkIndex, this.pending.subarray(0, this.pendingBytes));
    this.chunkIndex += 1;
    this.pendingBytes = 0;
  }
}

function toCapture(row: CaptureRow): ArtifactCapture {
  return {
    id: row.id,
    sha256: row.sha256,
    size: row.size,
    caseId: row.case_id,
    deviceId: row.device_id,
    scanId: row.scan_id,
    source: row.source,
    command: row.command,
    path: row.path,
    capturedAt: row.captured_at,
  };
}
