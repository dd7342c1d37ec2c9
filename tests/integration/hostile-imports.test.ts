// Hostile offline Android acquisitions (issue 16, point 2): a zip entry that inflates far beyond what it
// declares (a zip bomb), one whose declared size is absurd (a huge length field), each end in a clear error
// within bounds of time and memory; and Quick exit locks the vault at once while a large bugreport is being
// parsed (the parsing runs in a worker thread, stopped with the scan). The dumpstate text is assembled from
// MVT's real outputs (tests/helpers/mvt-recordings.ts); the archives are written with yazl, then altered
// the way a crafted archive would be (ZIP's layout: PKWARE APPNOTE.TXT, sections 4.3.7 and 4.3.12).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SentinelleError } from '../../src-shared/errors.js';
import { androidTestBed, type AndroidTestBed } from '../helpers/android.js';
import { dumpstateText } from '../helpers/mvt-recordings.js';
import { failsWithin } from '../helpers/bounded.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { zipOf } from '../helpers/zip.js';
import { slow } from '../helpers/slowdown.js';

let bed: AndroidTestBed;
let scratch: string;
beforeEach(async () => {
  bed = await androidTestBed();
  scratch = makeTempDir('sentinelle-hostile-import-');
});
afterEach(async () => {
  await bed.close();
  removeDir(scratch);
});

/** Imports the file, expecting a typed error; with the time and memory it took. */
const importBounded = (file: string) => failsWithin(() => bed.app.call('scans.import', { caseId: bed.caseId, path: file }));

describe('a crafted bugreport zip', () => {
  it('whose entry inflates far beyond the size it declares (a zip bomb) is refused while inflating', async () => {
    // 64 MiB of zeros deflate to about 64 KiB; the headers then claim 1,000 bytes.
    const honest = await zipOf({ 'main_entry.txt': Buffer.from('bugreport.txt'), 'bugreport.txt': Buffer.alloc(64 * 1024 * 1024) });
    expect(honest.length).toBeLessThan(1024 * 1024);
    const file = path.join(scratch, 'bomb.zip');
    // Only bugreport.txt lies: main_entry.txt keeps its true size (it is read first, to find the main text).
    fs.writeFileSync(file, lieAbout(honest, 'bugreport.txt', 1000));
    const { error, peakGrowthMb } = await importBounded(file);
    expect(error.code).toBe('import.unreadable');
    expect(error.message).toMatch(/bugreport\.txt is damaged or truncated/);
    expect(peakGrowthMb).toBeLessThan(512);
    const [scan] = await bed.app.call('scans.list', { caseId: bed.caseId });
    expect(scan?.status).toBe('failed');
    expect(await bed.app.call('observations.list', { caseId: bed.caseId })).toEqual([]);
  });

  it('whose entry declares an absurd size (a huge length field) is refused without inflating anything', async () => {
    const honest = await zipOf({ 'main_entry.txt': Buffer.from('bugreport.txt'), 'bugreport.txt': Buffer.from(dumpstateText()) });
    const file = path.join(scratch, 'huge.zip');
    fs.writeFileSync(file, lieAbout(honest, 'bugreport.txt', 0xffff_fff0));
    const { error, peakGrowthMb } = await importBounded(file);
    expect(error.code).toBe('import.unreadable');
    expect(error.message).toMatch(/bugreport\.txt is larger than Sentinelle reads/);
    expect(peakGrowthMb).toBeLessThan(128);
    expect(await bed.app.call('artifacts.list', { caseId: bed.caseId })).toEqual([]);
  });
});

describe('Quick exit while a bugreport is being parsed', () => {
  it('locks the vault at once, without waiting for the parser', async () => {
    // A large bugreport within every bound (a phone running very many threads): seconds to parse.
    const marker = "------ 0.120s was the duration of 'PROCESSES AND THREADS' ------";
    const threads = Array.from({ length: 1_200_000 }, (_, i) => `u:r:untrusted_app:s0 u0_a123 ${20000 + (i % 30000)} ${60000 + i} 10 -10 0 0 fg 00:00:01 RenderThread`).join('\n');
    const folder = path.join(scratch, 'bugreport');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'main_entry.txt'), 'bugreport.txt');
    fs.writeFileSync(path.join(folder, 'bugreport.txt'), dumpstateText().replace(marker, `${threads}\n${marker}`));

    let locking: Promise<unknown> | null = null;
    bed.app.subscribe((event, payload) => {
      // As soon as the import starts parsing what it read, the advocate presses Quick exit.
      if (event === 'scan.progress' && (payload as { step: string }).step === 'parse' && !locking) locking = bed.app.call('vault.lock', { reason: 'quick-exit' });
    });
    const error = await bed.app.call('scans.import', { caseId: bed.caseId, path: folder }).then(() => null, (caught: unknown) => caught);
    // The parser was stopped, not waited for: the import ends cancelled, and the vault is locked. (How fast:
    // `npm run bench -- hostile`.)
    expect((error as SentinelleError).code).toBe('scan.cancelled');
    expect(locking).not.toBeNull();
    await locking;
    expect((await bed.app.call('vault.status', {})).state).toBe('locked');
  }, slow(120_000));
});

describe('a crafted archive or folder', () => {
  it('refuses by name a zip that holds the same file twice, or a file named outside it', async () => {
    const main = Buffer.from(dumpstateText());
    // Written with distinct names, then renamed in both headers as a crafted archive would be.
    const twice = path.join(scratch, 'twice.zip');
    fs.writeFileSync(twice, rename(await zipOf({ 'bugreport.txt': main, 'bugreport.txu': Buffer.from('planted') }), 'bugreport.txu', 'bugreport.txt'));
    const doubled = await bed.app.call('scans.import', { caseId: bed.caseId, path: twice }).then(() => null, (caught: unknown) => caught as SentinelleError);
    expect(doubled?.code).toBe('import.unreadable');
    expect(doubled?.message).toMatch(/two files named “bugreport\.txt”/);
    const climbing = path.join(scratch, 'climbing.zip');
    fs.writeFileSync(climbing, rename(await zipOf({ 'bugreport.txt': main, 'xx/evil.txt': Buffer.from('planted') }), 'xx/evil.txt', '../evil.txt'));
    const outside = await bed.app.call('scans.import', { caseId: bed.caseId, path: climbing }).then(() => null, (caught: unknown) => caught as SentinelleError);
    expect(outside?.message).toMatch(/a file named “\.\.\/evil\.txt”, outside the archive/);
    expect(await bed.app.call('scans.list', { caseId: bed.caseId })).toEqual([]);
  });

  it('reads no link, pipe or device in a folder: the acquisition names the file it could not read', async () => {
    const folder = path.join(scratch, 'bugreport-folder');
    fs.mkdirSync(folder);
    fs.symlinkSync('/dev/zero', path.join(folder, 'bugreport-panther-2026-11-20.txt'));
    const error = await bed.app.call('scans.import', { caseId: bed.caseId, path: folder }).then(() => null, (caught: unknown) => caught as SentinelleError);
    expect(error?.code).toBe('import.unreadable');
    expect(await bed.app.call('scans.list', { caseId: bed.caseId })).toEqual([]);
  });
});

/** The archive with an entry's name replaced (same length) in its local and its central header. */
function rename(zip: Buffer, from: string, to: string): Buffer {
  const altered = Buffer.from(zip);
  const [a, b] = [Buffer.from(from), Buffer.from(to)];
  for (let at = altered.indexOf(a); at >= 0; at = altered.indexOf(a, at + 1)) b.copy(altered, at);
  return altered;
}

/** The archive with one entry's declared uncompressed size replaced, in its local and its central header. */
function lieAbout(zip: Buffer, entryName: string, size: number): Buffer {
  const altered = Buffer.from(zip);
  const name = Buffer.from(entryName);
  for (let at = 0; at + 46 <= altered.length; at++) {
    const signature = altered.readUInt32LE(at);
    if (signature === 0x04034b50 && altered.subarray(at + 30, at + 30 + altered.readUInt16LE(at + 26)).equals(name)) altered.writeUInt32LE(size, at + 22);
    else if (signature === 0x02014b50 && altered.subarray(at + 46, at + 46 + altered.readUInt16LE(at + 28)).equals(name)) altered.writeUInt32LE(size, at + 24);
  }
  return altered;
}
