// A bundle chosen in the browser (a File) as the verifier's source of bytes: each message is read where it
// lies, so a bundle of any size is checked without being loaded whole.
import type { ByteSource } from '../../src-shared/bundle-records.js';

export function blobSource(blob: Blob): ByteSource {
  return {
    size: blob.size,
    read: async (position, length) => new Uint8Array(await blob.slice(position, position + length).arrayBuffer()),
  };
}
