// The app's session behaviour: requests are validated before they reach a service, the vault locks itself
// after the configured inactivity, events reach subscribers, and a locked vault says so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appWithVault, testApp } from '../helpers/app.js';
import { makeTempDir, ManualTimers, removeDir } from '../helpers/temp.js';

describe('the app session', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => removeDir(dir));

  it('locks after the configured inactivity, tells subscribers, and refuses work until unlocked', async () => {
    const timers = new ManualTimers();
    const { app } = await appWithVault(dir, { timers });
    const events: string[] = [];
    app.subscribe((event, payload) => events.push(`${event} ${JSON.stringify(payload)}`));
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([10 * 60_000]);

    await app.call('settings.update', { autoLockMinutes: 2 });
    expect([...timers.pending.values()].map((t) => t.ms)).toEqual([2 * 60_000]);
    timers.fireAll();

    expect(events).toContain('vault.locked {"reason":"inactivity"}');
    expect(await app.call('vault.status', {})).toMatchObject({ state: 'locked' });
    expect(await app.invoke('cases.list', {})).toMatchObject({ ok: false, error: { code: 'vault.locked', message: expect.stringMatching(/Unlock it/) } });
  });

  it('still unlocks (and will lock itself) when the retention purge fails', async () => {
    const { vi } = await import('vitest');
    const { OpenVault } = await import('../../src-main/vault/vault.js');
    const { ManualClock } = await import('../helpers/temp.js');
    const timers = new ManualTimers();
    const clock = new ManualClock(new Date('2026-01-01T09:00:00Z'));
    const { app } = await appWithVault(dir, { timers, clock });
    const closed = await app.call('cases.create', { label: '' });
    await app.call('cases.close', { caseId: closed.id });
    await app.call('vault.lock', { reason: 'user' });
    clock.advanceDays(91);
    const compact = vi.spyOn(OpenVault.prototype, 'compact').mockImplementation(() => {
      throw new Error('disk full');
    });
    try {
      expect(await app.invoke('vault.unlock', { passphrase: 'correct horse battery staple' })).toMatchObject({ ok: true, result: { purgedCases: [] } });
      expect(timers.pending.size).toBe(1);
      expect((await app.call('audit.list', { limit: 5 })).map((e) => e.action)).toContain('retention.failed');
      timers.fireAll();
      expect((await app.call('vault.status', {})).state).toBe('locked');
    } finally {
      compact.mockRestore();
    }
  });

  it('validates every request and answers unknown ones with a typed error', async () => {
    const { app } = await appWithVault(dir);
    expect(await app.invoke('cases.close', { caseId: 'DROP TABLE' })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await app.invoke('cases.create', { label: 'x', extra: true })).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
    expect(await app.invoke('vault.destroy', {})).toMatchObject({ ok: false, error: { code: 'host.unknown-operation' } });
    expect(await app.invoke('cases.get', { caseId: '0000-0000' })).toMatchObject({ ok: false, error: { code: 'case.not-found' } });
    app.dispose();
  });

  it('reports the vault as absent, then unlocked, then locked', async () => {
    const app = testApp(dir);
    expect(await app.call('vault.status', {})).toEqual({ state: 'absent', custody: null });
    await app.call('vault.create', { passphrase: 'correct horse battery staple' });
    expect(await app.call('vault.status', {})).toMatchObject({ state: 'unlocked', custody: { intact: true } });
    await app.call('vault.lock', { reason: 'quick-exit' });
    expect(await app.call('vault.status', {})).toEqual({ state: 'locked', custody: null });
  });
});
