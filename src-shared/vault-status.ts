// What the vault service answers: the result of an unlock, the vault's state, a check of its integrity,
// a purge of expired cases. Part of the API (src-shared/api.ts), produced by src-main/vault.
import { z } from 'zod';
import { CaseId, ChainReport, VaultState } from './model.js';

export const UnlockResult = z.object({
  custody: ChainReport,
  purgedCases: z.array(CaseId),
  /** Wrong passphrases or recovery keys tried since the previous unlock (null: none): a safety signal. */
  failedUnlocks: z.object({ count: z.number().int().min(1), times: z.array(z.string()) }).nullable(),
});
export type UnlockResult = z.infer<typeof UnlockResult>;

export const VaultStatus = z.object({
  state: VaultState,
  /** Set while unlocked: the custody chain as last verified. */
  custody: ChainReport.nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatus>;

export const LockReason = z.enum(['user', 'quick-exit', 'inactivity']);
export type LockReason = z.infer<typeof LockReason>;

export const VaultCheckReport = z.object({
  custody: ChainReport,
  /** SQLite's own page-level check: `['ok']` when the database is sound. */
  databaseIntegrity: z.array(z.string()),
  schemaVersion: z.number().int(),
  installationKey: z.string(),
  counts: z.object({ cases: z.number().int(), artifacts: z.number().int(), custodyEntries: z.number().int() }),
});
export type VaultCheckReport = z.infer<typeof VaultCheckReport>;

export const PurgeResult = z.object({
  purgedCases: z.array(CaseId),
  artifactsRemoved: z.number().int().nonnegative(),
  /** Nothing is purged while the custody chain is broken, so the vault stays as it was found. */
  heldBecauseCustodyBroken: z.boolean(),
});
export type PurgeResult = z.infer<typeof PurgeResult>;
