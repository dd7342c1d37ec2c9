// The vault session as the window sees it: which screen the vault's state calls for, the recovery key
// waiting to be written down, why the vault was last locked, the custody alarm — and quick exit.
import { create } from 'zustand';
import type { EventPayload } from '../../src-shared/api.js';
import type { LockReason, UnlockResult } from '../../src-shared/vault-status.js';
import type { ChainReport } from '../../src-shared/model.js';
import { asSentinelleError, type SentinelleError } from '../../src-shared/errors.js';
import { api, takeFirstStatus } from '../api/context.js';
import { translate, useLanguage } from '../i18n/i18n.js';
import { useCaseView } from './case-view.js';
import { useCases } from './cases.js';
import { useDashboard } from './dashboard.js';
import { useForwarding } from './forwarding.js';
import { useLogs } from './logs.js';
import { useRules } from './rules.js';
import { useSealing } from './sealing.js';
import { useSettings } from './settings.js';
import { useSignatures } from './signatures.js';
import { useVerifying } from './bundles.js';

/** What the window holds of the vault goes when it locks: every store forgets its part. */
function forgetTheVault(): void {
  for (const store of [useCases, useCaseView, useDashboard, useForwarding, useLogs, useRules, useSealing, useSettings, useSignatures, useVerifying]) store.getState().forget();
}

export type Screen = 'loading' | 'create' | 'recovery-key' | 'unlock' | 'recover' | 'cases' | 'new-case' | 'case' | 'verify' | 'settings' | 'blank' | 'no-connection';

interface SessionState {
  screen: Screen;
  busy: boolean;
  error: SentinelleError | null;
  /** Shown once after creation, then forgotten. */
  recoveryKey: string | null;
  lockReason: LockReason | null;
  custodyAlarm: ChainReport | null;
  purgedCount: number;
  /** Wrong passphrases tried since the previous unlock, as this unlock found them. */
  failedUnlocks: UnlockResult['failedUnlocks'];

  refresh(): Promise<void>;
  create(passphrase: string): Promise<void>;
  acknowledgeRecoveryKey(): void;
  unlock(passphrase: string): Promise<void>;
  recover(recoveryKey: string, newPassphrase: string): Promise<void>;
  /** A new key for the whole vault and a new passphrase; the new recovery key is then shown once. */
  rekey(currentPassphrase: string, newPassphrase: string): Promise<void>;
  lock(reason: LockReason): Promise<void>;
  /** Blanks the window at once, then locks. */
  quickExit(): void;
  lockedElsewhere(reason: LockReason): void;
  go(screen: Screen): void;
  /** Opens one case: its devices, scans, findings and export. */
  openCase(caseId: string): void;
  clearError(): void;
  /** Tells the back end the advocate is at work (the inactivity lock waits); failures do not matter. */
  reportActivity(): void;
  /** Follows locks the back end makes itself (inactivity, another window) until the returned function is called. */
  followLocks(): () => void;
}

export const useSession = create<SessionState>((set, get) => {
  /** Runs an API call with the busy flag and error capture. */
  async function attempt(work: () => Promise<void>): Promise<void> {
    set({ busy: true, error: null });
    try {
      await work();
    } catch (error) {
      set({ error: asSentinelleError(error) });
    } finally {
      set({ busy: false });
    }
  }

  function unlocked(result: UnlockResult): void {
    set({
      screen: 'cases',
      lockReason: null,
      custodyAlarm: result.custody.intact ? null : result.custody,
      purgedCount: result.purgedCases.length,
      failedUnlocks: result.failedUnlocks,
    });
  }

  return {
    screen: 'loading',
    busy: false,
    error: null,
    recoveryKey: null,
    lockReason: null,
    custodyAlarm: null,
    purgedCount: 0,
    failedUnlocks: null,

    async refresh() {
      try {
        const status = await (takeFirstStatus() ?? api().invoke('vault.status', {}));
        set({
          screen: status.state === 'absent' ? 'create' : status.state === 'locked' ? 'unlock' : 'cases',
          custodyAlarm: status.custody && !status.custody.intact ? status.custody : null,
        });
      } catch {
        set({ screen: 'no-connection' });
      }
    },
    create: (passphrase) =>
      attempt(async () => {
        const { recoveryKey } = await api().invoke('vault.create', { passphrase });
        set({ recoveryKey, screen: 'recovery-key' });
      }),
    acknowledgeRecoveryKey() {
      set({ recoveryKey: null, screen: 'cases' });
    },
    unlock: (passphrase) => attempt(async () => unlocked(await api().invoke('vault.unlock', { passphrase }))),
    recover: (recoveryKey, newPassphrase) => attempt(async () => unlocked(await api().invoke('vault.unlockWithRecoveryKey', { recoveryKey, newPassphrase }))),
    rekey: (currentPassphrase, newPassphrase) =>
      attempt(async () => {
        const { recoveryKey } = await api().invoke('vault.rekey', { currentPassphrase, newPassphrase });
        set({ recoveryKey, screen: 'recovery-key' });
      }),
    lock: (reason) =>
      attempt(async () => {
        await api().invoke('vault.lock', { reason });
        get().lockedElsewhere(reason);
      }),
    quickExit() {
      forgetTheVault();
      set({ screen: 'blank', recoveryKey: null, error: null, lockReason: 'quick-exit' });
      // A plain title that says nothing about what was on screen (an empty one is announced oddly by screen readers).
      document.title = translate(useLanguage.getState().language, 'blank.title');
      void api()
        .invoke('vault.lock', { reason: 'quick-exit' })
        .catch(() => undefined);
    },
    lockedElsewhere(reason) {
      forgetTheVault();
      if (get().screen === 'blank') return;
      set({ screen: 'unlock', lockReason: reason, recoveryKey: null, custodyAlarm: null, purgedCount: 0, failedUnlocks: null });
    },
    go(screen) {
      if (screen !== 'case') useCaseView.getState().forget();
      set({ screen, error: null });
    },
    openCase(caseId) {
      set({ screen: 'case', error: null });
      void useCaseView.getState().open(caseId);
    },
    clearError() {
      set({ error: null });
    },
    reportActivity() {
      void api()
        .invoke('session.activity', {})
        .catch(() => undefined);
    },
    followLocks() {
      return api().subscribe((event, payload) => {
        if (event === 'vault.locked') get().lockedElsewhere((payload as EventPayload<'vault.locked'>).reason);
      });
    },
  };
});
