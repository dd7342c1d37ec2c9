// A check of what a phone answers on the file-transfer service (`sync:`), before Tango's reader sees it: each
// answer must be one an adbd sends — a file's status (STAT, or LST2/STA2 in the second protocol), data blocks
// of at most 64 KiB that add up to no more than the size the status gave, then DONE, or FAIL with a short
// message. A block declaring a gigabyte for a 1,000-byte file, or an answer of no known kind, is a protocol
// violation, raised before the reader can wait for (and buffer) what the header announced. The bytes pass on
// unchanged.
import type { AdbSocket } from '@yume-chan/adb';
import { ProtocolViolation } from './transfer.js';

/** adbd's largest sync data block (SYNC_DATA_MAX). */
export const SYNC_DATA_MAX = 64 * 1024;
/** A FAIL's message: an errno text or a path, never long. */
const MAX_FAIL_BYTES = 64 * 1024;
/** Each answer's bytes after its 4-byte id: the fixed part, and where a status gives the file's size. */
const FIXED: Record<string, { bytes: number; size?: { at: number; wide: boolean } }> = {
  STAT: { bytes: 12, size: { at: 4, wide: false } },
  LST2: { bytes: 68, size: { at: 36, wide: true } },
  STA2: { bytes: 68, size: { at: 36, wide: true } },
  DONE: { bytes: 4 },
  DATA: { bytes: 4 },
  FAIL: { bytes: 4 },
};

/** Follows the answers' framing as bytes arrive; throws a ProtocolViolation at the first one no adbd sends. */
export class SyncAnswers {
  private header = Buffer.alloc(0);
  /** Payload bytes (of a DATA or FAIL) still to pass before the next answer. */
  private skipping = 0;
  private fileSize: bigint | null = null;
  private received = 0n;

  take(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.skipping > 0) {
        const skipped = Math.min(this.skipping, chunk.length - at);
        this.skipping -= skipped;
        at += skipped;
        continue;
      }
      const id = this.header.length >= 4 ? this.header.subarray(0, 4).toString('latin1') : null;
      const needed = id === null ? 4 : 4 + (FIXED[id]?.bytes ?? 0);
      const taken = Math.min(needed - this.header.length, chunk.length - at);
      this.header = Buffer.concat([this.header, chunk.subarray(at, at + taken)]);
      at += taken;
      if (this.header.length === 4 && !FIXED[this.header.toString('latin1')]) throw new ProtocolViolation(`sync: an answer of unknown kind ${JSON.stringify(this.header.toString('latin1'))}`);
      if (id !== null && this.header.length === needed) this.complete(id);
    }
  }

  private complete(id: string): void {
    const body = this.header.subarray(4);
    this.header = Buffer.alloc(0);
    const fixed = FIXED[id]!;
    if (fixed.size) {
      this.fileSize = fixed.size.wide ? body.readBigUInt64LE(fixed.size.at) : BigInt(body.readUInt32LE(fixed.size.at));
      this.received = 0n;
    } else if (id === 'DATA') {
      const length = body.readUInt32LE(0);
      if (length > SYNC_DATA_MAX) throw new ProtocolViolation(`sync: a data block of ${length} bytes (adbd sends at most ${SYNC_DATA_MAX})`);
      this.received += BigInt(length);
      if (this.fileSize !== null && this.received > this.fileSize) throw new ProtocolViolation(`sync: ${this.received} bytes of data for a file of ${this.fileSize} bytes`);
      this.skipping = length;
    } else if (id === 'FAIL') {
      const length = body.readUInt32LE(0);
      if (length > MAX_FAIL_BYTES) throw new ProtocolViolation(`sync: a failure message of ${length} bytes`);
      this.skipping = length;
    } else if (id === 'DONE') {
      this.fileSize = null;
      this.received = 0n;
    }
  }
}

/** The socket, its readable side checked by SyncAnswers (everything else as it was). */
export function guardedSyncSocket(socket: AdbSocket): AdbSocket {
  const answers = new SyncAnswers();
  const readable = socket.readable.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        answers.take(chunk);
        controller.enqueue(chunk);
      },
    }) as unknown as Parameters<AdbSocket['readable']['pipeThrough']>[0],
  );
  return new Proxy(socket, {
    get(target, property) {
      if (property === 'readable') return readable;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
