// Builds an App over a fresh vault folder for integration tests, with the cheap test KDF cost.
import { App } from '../../src-main/app.js';
import type { Clock } from '../../src-main/clock.js';
import type { Timers } from '../../src-main/auto-lock.js';
import { FAST_KDF } from './temp.js';

export const TEST_PASSPHRASE = 'correct horse battery staple';

export function testApp(vaultDir: string, options: { clock?: Clock; timers?: Timers } = {}): App {
  return new App({ vaultDir, kdfCost: FAST_KDF, ...options });
}

/** An App with a vault created and unlocked. */
export async function appWithVault(vaultDir: string, options: { clock?: Clock; timers?: Timers } = {}): Promise<{ app: App; recoveryKey: string }> {
  const app = testApp(vaultDir, options);
  const { recoveryKey } = await app.call('vault.create', { passphrase: TEST_PASSPHRASE });
  return { app, recoveryKey };
}
