// Writing a file in order while the next piece is being prepared: a few buffers in a ring, each written at
// its place in the file and reused only once that write is done — so disk writes overlap the reading,
// encrypting and hashing of what follows, and memory stays flat. The SHA-256 of everything written is kept.
import { createHash } from 'node:crypto';
import type fs from 'node:fs';

export class OrderedFileWriter {
  private readonly slots: { buffer: Buffer; pending: Promise<void> }[];
  private slot = 0;
  private position = 0;
  private failure: { error: unknown } | null = null;
  private readonly digest = createHash('sha256');

  constructor(
    private readonly handle: fs.promises.FileHandle,
    slotBytes: number,
    depth = 4,
  ) {
    this.slots = Array.from({ length: depth }, () => ({ buffer: Buffer.allocUnsafe(slotBytes), pending: Promise.resolve() }));
  }

  /** Bytes written (or being written) so far. */
  get size(): number {
    return this.position;
  }

  /** A buffer free to fill; pass how much of it was filled to `commit`. */
  async nextBuffer(): Promise<Buffer> {
    const slot = this.slots[this.slot]!;
    await slot.pending;
    this.throwIfFailed();
    return slot.buffer;
  }

  /** Writes the first `length` bytes of the buffer `nextBuffer` gave. */
  commit(length: number): void {
    const slot = this.slots[this.slot]!;
    const bytes = slot.buffer.subarray(0, length);
    this.digest.update(bytes);
    const at = this.position;
    this.position += length;
    slot.pending = writeAll(this.handle, bytes, at).catch((error: unknown) => {
      this.failure ??= { error };
    });
    this.slot = (this.slot + 1) % this.slots.length;
  }

  /** Writes bytes that do not fit a slot's reuse (the clear header): waits for them. */
  async writeNow(bytes: Buffer): Promise<void> {
    await this.flush();
    this.digest.update(bytes);
    const at = this.position;
    this.position += bytes.length;
    await writeAll(this.handle, bytes, at);
  }

  /** Waits for every write; throws the first that failed. Returns the file's SHA-256. */
  async finish(): Promise<string> {
    await this.flush();
    return this.digest.digest('hex');
  }

  /** After an error elsewhere: lets pending writes end before the file is closed and removed. */
  async settle(): Promise<void> {
    await Promise.allSettled(this.slots.map((slot) => slot.pending));
  }

  private async flush(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.pending));
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}

async function writeAll(handle: fs.promises.FileHandle, bytes: Buffer, position: number): Promise<void> {
  for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset, bytes.length - offset, position + offset)).bytesWritten;
}
