// Opening an evidence bundle that is a file on this computer: its bytes read where they are needed (never
// the whole file in memory), through the format's one reader (src-shared/bundle-records.ts) with
// sodium-native.
import fs from 'node:fs';
import { BundleRecords, type BundleOpening, type ByteSource } from '../../src-shared/bundle-records.js';
import { sodiumBundleCrypto } from './sodium-bundle-crypto.js';

export { BundleProblem, type BundleOpening, type BundleRecord } from '../../src-shared/bundle-records.js';

export interface FileByteSource extends ByteSource {
  close(): Promise<void>;
}

export async function openFileByteSource(file: string): Promise<FileByteSource> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    return {
      size,
      async read(position, length) {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        return bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
      },
      close: () => handle.close(),
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** A bundle file's records, with the key given; `close` releases the file and wipes the stream's state. */
export async function openBundleFile(file: string, opening: BundleOpening): Promise<{ records: BundleRecords; close(): Promise<void> }> {
  const source = await openFileByteSource(file);
  try {
    const records = await BundleRecords.open(source, opening, sodiumBundleCrypto);
    return {
      records,
      close: async () => {
        records.close();
        await source.close();
      },
    };
  } catch (error) {
    await source.close();
    throw error;
  }
}
