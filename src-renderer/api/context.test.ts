// The window's connection: the vault's state is asked for once, on connecting, and handed to the first
// screen's choice; anything later asks the back end again, so a screen is never chosen on a stale answer.
import { describe, expect, it } from 'vitest';
import type { OperationInput, OperationName, OperationOutput, SentinelleClient } from '../../src-shared/api.js';
import { SentinelleError } from '../../src-shared/errors.js';
import { api, connect, isConnected, takeFirstStatus } from './context.js';

/** A back end that answers `vault.status` with the states given, one per request, and notes every request. */
function backEnd(answers: Array<OperationOutput<'vault.status'> | Error>): SentinelleClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async invoke<N extends OperationName>(name: N, _input: OperationInput<N>): Promise<OperationOutput<N>> {
      asked.push(name);
      const answer = answers.shift();
      if (!answer) throw new Error(`unexpected request ${name}`);
      if (answer instanceof Error) throw answer;
      return answer as OperationOutput<N>;
    },
    subscribe: () => () => undefined,
  };
}

describe('the window connecting to the back end', () => {
  it('asks for the vault state at once, and hands that answer over only once', async () => {
    const client = backEnd([{ state: 'locked', custody: null }, { state: 'unlocked', custody: null }]);
    expect(isConnected()).toBe(false);
    connect(client);
    expect(isConnected()).toBe(true);
    expect(client.asked).toEqual(['vault.status']);
    await expect(takeFirstStatus()).resolves.toMatchObject({ state: 'locked' });
    // The next screen choice (after an unlock, say) must not reuse it.
    expect(takeFirstStatus()).toBeNull();
    await expect(api().invoke('vault.status', {})).resolves.toMatchObject({ state: 'unlocked' });
    expect(client.asked).toEqual(['vault.status', 'vault.status']);
  });

  it('keeps a failed first request quiet until it is taken, and then gives its error', async () => {
    connect(backEnd([new SentinelleError('internal', 'Sentinelle is not running any more.')]));
    // An unhandled rejection here would fail the test run.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(takeFirstStatus()).rejects.toThrow('not running');
  });
});
