// The sync answers' check, on answers built as adbd frames them (system/core/adb/file_sync_protocol.h:
// a 4-byte id, then a fixed part, then for DATA and FAIL a payload of the length the fixed part gives).
import { describe, expect, it } from 'vitest';
import { SYNC_DATA_MAX, SyncAnswers } from './sync-guard.js';
import { ProtocolViolation } from './transfer.js';

const frame = (id: string, fixed: Uint8Array, payload: Uint8Array = Buffer.alloc(0)) => Buffer.concat([Buffer.from(id, 'latin1'), fixed, payload]);
const u32 = (value: number) => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32LE(value >>> 0);
  return bytes;
};
const statV1 = (size: number) => frame('STAT', Buffer.concat([u32(0o100644), u32(size), u32(1_700_000_000)]));
const statV2 = (size: number) => {
  const fixed = Buffer.alloc(68);
  fixed.writeUInt32LE(0o100644, 20);
  fixed.writeBigUInt64LE(BigInt(size), 36);
  return frame('LST2', fixed);
};
const data = (bytes: Uint8Array) => frame('DATA', u32(bytes.length), bytes);
const done = frame('DONE', u32(1_700_000_000));

/** Feeds the answers in pieces of `piece` bytes (a TCP stream cuts them anywhere). */
function feed(bytes: Buffer, piece: number): void {
  const answers = new SyncAnswers();
  for (let at = 0; at < bytes.length; at += piece) answers.take(bytes.subarray(at, at + piece));
}

describe('the sync answers a phone sends', () => {
  const file = Buffer.alloc(SYNC_DATA_MAX + 1000, 7);
  const pull = (stat: Buffer) => Buffer.concat([stat, data(file.subarray(0, SYNC_DATA_MAX)), data(file.subarray(SYNC_DATA_MAX)), done]);

  it('passes a status then a file in blocks of 64 KiB, whole or cut anywhere, in both protocols', () => {
    for (const piece of [1, 3, 7, 4096, 1 << 20]) {
      expect(() => feed(pull(statV1(file.length)), piece)).not.toThrow();
      expect(() => feed(pull(statV2(file.length)), piece)).not.toThrow();
    }
    expect(() => feed(frame('FAIL', u32(25), Buffer.from('No such file or directory')), 5)).not.toThrow();
  });

  it('stops at a block over 64 KiB, before its bytes come', () => {
    const lie = frame('DATA', u32(1024 * 1024 * 1024));
    expect(() => feed(Buffer.concat([statV1(1000), lie]), 64)).toThrow(ProtocolViolation);
    expect(() => feed(Buffer.concat([statV1(1000), lie]), 64)).toThrow(/a data block of 1073741824 bytes/);
  });

  it('stops at more data than the status announced', () => {
    expect(() => feed(pull(statV1(file.length - 1)), 4096)).toThrow(/65537000|bytes of data for a file of/);
  });

  it('stops at an answer of no known kind, and at a long failure message', () => {
    expect(() => feed(frame('DENT', Buffer.alloc(16)), 8)).toThrow(/unknown kind "DENT"/);
    expect(() => feed(frame('FAIL', u32(100 * 1024 * 1024)), 8)).toThrow(/a failure message of 104857600 bytes/);
  });
});
