// The installation's daily status while the app stays unlocked: sent when forwarding is turned on (and at
// each unlock when the last is a day old), then once a day for as long as the vault stays unlocked — never
// more often, and nothing once it is locked. Time is moved by hand (a manual clock and timers), never waited.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WazuhEvent } from '../../src-shared/forwarding.js';
import { STATUS_EVERY_MS } from '../../src-main/forward/forward-service.js';
import { appWithVault, TEST_PASSPHRASE } from '../helpers/app.js';
import { makeTempDir, ManualClock, ManualTimers, removeDir } from '../helpers/temp.js';

const HOUR_MS = 60 * 60 * 1000;

describe('the installation’s daily status', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('is sent once a day while the vault stays unlocked, and not while it is locked', async () => {
    const clock = new ManualClock(new Date('2026-12-01T08:00:00Z'));
    const timers = new ManualTimers(clock);
    const { app } = await appWithVault(path.join(dir, 'vault'), { clock, timers });
    const file = path.join(dir, 'events.jsonl');
    await app.call('forward.configure', { enabled: true, transport: 'json-file', file });
    const statusTimes = async () => {
      await app.call('forward.flush', {});
      return fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => WazuhEvent.parse(JSON.parse(line)))
        .filter((event) => event.type === 'status')
        .map((event) => event.time);
    };
    expect(await statusTimes()).toEqual(['2026-12-01T08:00:00.000Z']);

    // The advocate keeps working all day and all night: an operation every two hours keeps the vault unlocked.
    const workFor = async (hours: number) => {
      for (let i = 0; i < hours / 2; i++) {
        clock.advanceMs(2 * HOUR_MS);
        await app.call('cases.list', {});
        timers.runDue();
      }
    };
    await workFor(18);
    expect(await statusTimes()).toHaveLength(1);
    await workFor(4);
    const twoDays = await statusTimes();
    expect(twoDays).toHaveLength(2);
    expect(Date.parse(twoDays[1]!) - Date.parse(twoDays[0]!)).toBeGreaterThanOrEqual(STATUS_EVERY_MS);
    expect(Date.parse(twoDays[1]!) - Date.parse(twoDays[0]!)).toBeLessThanOrEqual(24 * HOUR_MS);
    await workFor(24);
    expect(await statusTimes()).toHaveLength(3);

    // Locked: the timer is gone, and a day passing sends nothing.
    await app.call('vault.lock', { reason: 'user' });
    expect([...timers.pending.values()]).toEqual([]);
    clock.advanceDays(2);
    timers.runDue();
    // Unlocked two days later: the status at once, then the daily timer again.
    await app.call('vault.unlock', { passphrase: TEST_PASSPHRASE });
    expect(await statusTimes()).toHaveLength(4);
    expect([...timers.pending.values()].some((timer) => timer.ms === STATUS_EVERY_MS)).toBe(true);
    await app.dispose();
  });

  it('is not sent, nor timed, while forwarding is off', async () => {
    const clock = new ManualClock(new Date('2026-12-01T08:00:00Z'));
    const timers = new ManualTimers(clock);
    const { app } = await appWithVault(path.join(dir, 'vault'), { clock, timers });
    // Only the inactivity lock is timed.
    expect([...timers.pending.values()].map((timer) => timer.ms)).toEqual([10 * 60_000]);
    expect((await app.call('forward.status', {})).outbox).toMatchObject({ pending: 0, delivered: 0 });
    await app.dispose();
  });
});
