// Hostile binary property lists, made byte by byte here: a few hundred bytes whose references expand
// exponentially, and a reference cycle — refused at once — while real plists (MVT's binary Info.plist, the
// NSKeyedArchiver records the backup writer makes with the `plist` library) pass.
import fs from 'node:fs';
import path from 'node:path';
import * as plist from 'plist';
import { describe, expect, it } from 'vitest';
import { MVT } from '../../../tests/helpers/shared.js';
import { BplistShapeError, checkBinaryPlistShape } from './bplist-guard.js';
import { readPlist } from './plist-file.js';

/** A binary plist of `objects` (each the bytes of one object, references one byte wide), top object 0. */
function bplist(objects: Buffer[]): Buffer {
  const header = Buffer.from('bplist00', 'latin1');
  const offsets: number[] = [];
  let body = Buffer.alloc(0);
  for (const object of objects) {
    offsets.push(header.length + body.length);
    body = Buffer.concat([body, object]);
  }
  const tableStart = header.length + body.length;
  const offsetSize = 2;
  const table = Buffer.concat(offsets.map((offset) => Buffer.from([offset >> 8, offset & 0xff])));
  const trailer = Buffer.alloc(32);
  trailer[6] = offsetSize;
  trailer[7] = 1;
  trailer.writeBigUInt64BE(BigInt(objects.length), 8);
  trailer.writeBigUInt64BE(0n, 16);
  trailer.writeBigUInt64BE(BigInt(tableStart), 24);
  return Buffer.concat([header, body, table, trailer]);
}

/** Arrays that each hold two references to the next: 2^depth leaves from a few bytes. */
function doublingChain(depth: number): Buffer {
  const objects = Array.from({ length: depth }, (_, i) => Buffer.from([0xa2, i + 1, i + 1]));
  objects.push(Buffer.from([0x10, 0x2a])); // the integer 42
  return bplist(objects);
}

describe('the binary plist guard', () => {
  it('refuses a tiny file that would expand exponentially, quickly', () => {
    const hostile = doublingChain(60);
    expect(hostile.length).toBeLessThan(400);
    expect(() => checkBinaryPlistShape(hostile)).toThrow(BplistShapeError);
    expect(() => readPlist(hostile, 'Info.plist')).toThrow(/Info\.plist is not a valid property list/);
  });

  it('refuses a reference cycle', () => {
    const cycle = bplist([Buffer.from([0xa1, 1]), Buffer.from([0xa1, 0])]);
    expect(() => checkBinaryPlistShape(cycle)).toThrow(/cycle/);
  });

  it('refuses references to objects that do not exist', () => {
    expect(() => checkBinaryPlistShape(bplist([Buffer.from([0xa1, 9])]))).toThrow(/no object/);
  });

  it('lets real plists through, shared references included', () => {
    expect(() => checkBinaryPlistShape(fs.readFileSync(path.join(MVT, 'ios_backup', 'Info.plist')))).not.toThrow();
    const shared = plist.buildBinary({ a: ['x', 'x', 'x'], b: { UID: 1 }, c: [1, 2, 3] } as Parameters<typeof plist.buildBinary>[0]);
    expect(() => checkBinaryPlistShape(Buffer.from(shared))).not.toThrow();
    expect(doublingChain(10).length).toBeGreaterThan(0);
    expect(() => checkBinaryPlistShape(doublingChain(10))).not.toThrow();
    expect(readPlist(doublingChain(3), 'small')).toEqual([[[42, 42], [42, 42]], [[42, 42], [42, 42]]]);
  });
});
