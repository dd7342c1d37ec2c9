// A structural check run on every binary property list before the `plist` library parses it. The library
// builds a fresh object each time one is referenced and follows references without limit, so a tiny
// hostile file (arrays that each refer twice to the next, or a reference cycle) would expand without end
// and hang the app. This walks the object table once — header, trailer, offset table, and the references
// of arrays, sets and dictionaries — and refuses cycles and expansions beyond a node budget. It parses no
// values: the library still does that.

import { MAX_PLIST_DEPTH } from '../xml-plist-guard.js';

/** More nodes than any real backup plist expands to (a 300,000-record Manifest.plist is far below). */
export const MAX_EXPANDED_NODES = 2_000_000;
/** The same depth bound as XML plists get (xml-plist-guard.ts). */
const MAX_DEPTH = MAX_PLIST_DEPTH;

export class BplistShapeError extends Error {}

function readUInt(bytes: Buffer, offset: number, size: number): number {
  if (offset < 0 || offset + size > bytes.length) throw new BplistShapeError('a reference points outside the file');
  let value = 0;
  for (let i = 0; i < size; i += 1) value = value * 256 + bytes[offset + i]!;
  return value;
}

/** Throws BplistShapeError unless the binary plist's object graph is a bounded tree (shared references allowed). */
export function checkBinaryPlistShape(bytes: Buffer, maxNodes = MAX_EXPANDED_NODES): void {
  if (bytes.length < 8 + 32) throw new BplistShapeError('too short to be a binary property list');
  const trailer = bytes.length - 32;
  const offsetSize = bytes[trailer + 6]!;
  const refSize = bytes[trailer + 7]!;
  const objectCount = readUInt(bytes, trailer + 8, 8);
  const top = readUInt(bytes, trailer + 16, 8);
  const tableStart = readUInt(bytes, trailer + 24, 8);
  if (offsetSize < 1 || offsetSize > 8 || refSize < 1 || refSize > 8) throw new BplistShapeError('invalid sizes in the trailer');
  if (objectCount < 1 || top >= objectCount || tableStart + objectCount * offsetSize > trailer) throw new BplistShapeError('invalid object table');

  const offsetOf = (index: number) => readUInt(bytes, tableStart + index * offsetSize, offsetSize);
  /** The references an object holds (for arrays, sets and dictionaries); none for values. */
  const childrenOf = (index: number): number[] => {
    const offset = offsetOf(index);
    if (offset < 8 || offset >= trailer) throw new BplistShapeError('an object lies outside the file');
    const marker = bytes[offset]!;
    const type = marker >> 4;
    if (type !== 0xa && type !== 0xc && type !== 0xd) return [];
    let count = marker & 0x0f;
    let start = offset + 1;
    if (count === 0x0f) {
      const intMarker = bytes[start]!;
      if (intMarker >> 4 !== 0x1) throw new BplistShapeError('invalid container length');
      const size = 1 << (intMarker & 0x0f);
      count = readUInt(bytes, start + 1, size);
      start += 1 + size;
    }
    const refs = type === 0xd ? count * 2 : count;
    if (start + refs * refSize > trailer) throw new BplistShapeError('a container runs past the object table');
    const children: number[] = [];
    for (let i = 0; i < refs; i += 1) {
      const child = readUInt(bytes, start + i * refSize, refSize);
      if (child >= objectCount) throw new BplistShapeError('a reference points to no object');
      children.push(child);
    }
    return children;
  };

  // Depth-first, iteratively: the size each object expands to, memoised; a grey object met again is a cycle.
  const expanded = new Map<number, number>();
  const onPath = new Set<number>();
  const stack: { index: number; children: number[] | null }[] = [{ index: top, children: null }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.children === null) {
      if (expanded.has(frame.index)) {
        stack.pop();
        continue;
      }
      if (onPath.has(frame.index)) throw new BplistShapeError('objects refer to each other in a cycle');
      onPath.add(frame.index);
      if (onPath.size > MAX_DEPTH) throw new BplistShapeError(`nested more than ${MAX_DEPTH} levels deep`);
      frame.children = childrenOf(frame.index);
      for (const child of frame.children) {
        if (onPath.has(child)) throw new BplistShapeError('objects refer to each other in a cycle');
        if (!expanded.has(child)) stack.push({ index: child, children: null });
      }
      continue;
    }
    let size = 1;
    for (const child of frame.children) size += expanded.get(child) ?? 0;
    if (size > maxNodes) throw new BplistShapeError(`it expands to more than ${maxNodes} values`);
    expanded.set(frame.index, size);
    onPath.delete(frame.index);
    stack.pop();
  }
}
