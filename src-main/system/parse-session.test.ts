// The long-lived parsing worker: it keeps what it was handed between requests, a request it cannot answer
// within its allowance ends the session (the next one starts afresh), and Cancel ends it at once.
import { describe, expect, it } from 'vitest';
import { ParseSession } from './parse-session.js';
import { ParseLimitError } from './parse-worker.js';
import type { AndroidAcquisition } from '../acquisition/android/acquisition.js';

const output = (command: string, text: string) => {
  const bytes = new TextEncoder().encode(text);
  return { request: { add: { command, sha256: '0'.repeat(64), bytes } }, transfer: [bytes.buffer] };
};

describe('a parse session', () => {
  it('builds one acquisition from outputs handed one at a time', async () => {
    const session = new ParseSession({ kind: 'android-outputs' }, { maxMemoryMb: 128, startMs: 60_000 });
    try {
      const listed = output('pm list packages -f -i -U', 'package:/data/app/~~a==/com.example.one-b==/base.apk=com.example.one  installer=com.android.vending uid:10123\n');
      await session.ask(listed.request, listed.transfer, 60_000);
      const more = output('getprop', '[ro.product.model]: [Pixel 7]\n[ro.build.version.sdk]: [34]\n');
      await session.ask(more.request, more.transfer, 60_000);
      const acquisition = await session.ask<AndroidAcquisition>({ acquisition: true }, [], 60_000);
      expect(acquisition.packages.map((pkg) => pkg.packageName)).toEqual(['com.example.one']);
      expect(acquisition.properties.get('ro.product.model')).toBe('Pixel 7');
    } finally {
      session.close();
    }
  });

  it('ends when a request overruns its allowance, and answers nothing more', async () => {
    const session = new ParseSession({ kind: 'android-outputs' }, { maxMemoryMb: 128, startMs: 0 });
    // No worker starts in a millisecond: the first request cannot be answered in time.
    await expect(session.ask({ acquisition: true }, [], 1)).rejects.toBeInstanceOf(ParseLimitError);
    expect(session.alive).toBe(false);
    await expect(session.ask({ acquisition: true }, [], 60_000)).rejects.toBeInstanceOf(ParseLimitError);
  });

  it('ends at once when its scan is cancelled', async () => {
    const controller = new AbortController();
    const session = new ParseSession({ kind: 'android-outputs' }, { maxMemoryMb: 128, startMs: 60_000, signal: controller.signal });
    const asked = session.ask({ acquisition: true }, [], 60_000);
    controller.abort();
    await expect(asked).rejects.toMatchObject({ code: 'scan.cancelled' });
    expect(session.alive).toBe(false);
  });
});
