// APKs built to stall their reader, for the hostile-phone tests and benchmark.
import { zipOf } from './zip.js';

/**
 * A binary XML manifest whose last chunk claims a size of 0, smaller than its own header: node-apk's cursor
 * moves back 8 bytes per chunk and never reaches the end (167 bytes once zipped).
 */
export async function stuckApk(): Promise<Buffer> {
  const pool = Buffer.alloc(28);
  pool.writeUInt16LE(0x0001, 0), pool.writeUInt16LE(28, 2), pool.writeUInt32LE(28, 4);
  const stuck = Buffer.alloc(8);
  stuck.writeUInt16LE(0x0180, 0), stuck.writeUInt16LE(8, 2), stuck.writeUInt32LE(0, 4);
  const head = Buffer.alloc(8);
  head.writeUInt16LE(0x0003, 0), head.writeUInt16LE(8, 2), head.writeUInt32LE(8 + 28 + 8, 4);
  return zipOf({ 'AndroidManifest.xml': Buffer.concat([head, pool, stuck]) });
}
