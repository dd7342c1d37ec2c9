// A bundle chosen in the browser (a File) as the verifier's source of bytes: each message is read where it
// lies, so a bundle of any size is checked without being loaded whole. Reading a File is asynchronous and
// costly per call, so it is read in windows of a few MiB that the next messages are served from.
import type { ByteSource } from '../../src-shared/bundle-records.js';

const WINDOW_BYTES = 16 * 1024 * 1024;

export function blobSource(blob: Blob): ByteSource {
  let window: { start: number; bytes: Uint8Array } | null = null;
  return {
    size: blob.size,
    async read(position, length) {
      const end = Math.min(blob.size, position + length);
      if (!window || position < window.start || end > window.start + window.bytes.length) {
        window = { start: position, bytes: new Uint8Array(await blob.slice(position, Math.max(end, Math.min(blob.size, position + WINDOW_BYTES))).arrayBuffer()) };
      }
      return window.bytes.subarray(position - window.start, end - window.start);
    },
  };
}
