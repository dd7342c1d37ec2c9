// Hostile phones for the tests and the benchmark: a demo phone whose answers are rewritten, and an APK built
// to stall its reader.
import type { SimulatedPhone } from '../../src-main/demo/adbd-simulator.js';
import { loadDemoProfile } from '../../src-main/demo/phone-profile.js';
import { ProfilePhone } from '../../src-main/demo/profile-phone.js';
import { builtinResourcesDir } from '../../src-main/package-info.js';
import { zipOf } from './zip.js';

/**
 * A demo phone whose answers are rewritten: `rewrite(command, output)` returns the new output (null for "no
 * such command"), `file(path, bytes)` the file it gives for a pull.
 */
export async function alteredPhone(
  profile: string,
  rewrite: (command: string, output: Buffer | null) => Buffer | null = (_command, output) => output,
  file: (path: string, bytes: Buffer | null) => Buffer | null = (_path, bytes) => bytes,
): Promise<SimulatedPhone> {
  const phone = await ProfilePhone.create(loadDemoProfile(builtinResourcesDir, profile));
  return { banner: phone.banner, shell: (command) => rewrite(command, phone.shell(command)), file: (path) => file(path, phone.file(path)) };
}

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
