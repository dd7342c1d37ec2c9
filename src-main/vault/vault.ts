// The vault: create it with a passphrase (and a one-time recovery key), unlock, lock, change the
// passphrase (rewrapping the data key), re-key it (a new data key, the database re-encrypted, a new
// passphrase and recovery key: for when the old passphrase may be known), recover with the recovery key.
// An unlocked vault is an `OpenVault`, which holds the database connection and every repository over it.
//
// A wrong passphrase is detected by the key wrapping alone: no database file is opened or touched; the
// attempt is written down (failed-unlocks.ts) and the next successful unlock reports it.
//
// Re-keying survives a crash at any point: the header first gains a `rekey` part (the new key wrapped
// under the old one, and the new slots), then the database is re-encrypted in one transaction, then the
// header is replaced by one holding only the new slots. An unlock that finds a `rekey` part tries the old
// key first (so that an interrupted re-encryption is rolled back under it), then the new one, and settles
// the header accordingly.
import fs from 'node:fs';
import { SentinelleError } from '../../src-shared/errors.js';
import type { VaultCheckReport } from '../../src-shared/vault-status.js';
import type { ChainReport } from '../../src-shared/model.js';
import { isoNow, systemClock, type Clock } from '../clock.js';
import { AdbKeyStore } from './adb-key-store.js';
import { ArtifactStore } from './artifact-store.js';
import { CustodyLog } from './custody-log.js';
import { closeVaultDatabase, databaseOpensWith, openVaultDatabase, rekeyVaultDatabase, type VaultDatabase } from './database.js';
import { clearFailedUnlocks, readFailedUnlocks, recordFailedUnlock, type FailedUnlocks } from './failed-unlocks.js';
import {
  databasePath,
  newVaultId,
  readHeader,
  slotAssociatedData,
  vaultExists,
  writeHeader,
  type VaultHeader,
} from './header.js';
import { createInstallationKey, loadInstallationSigner, type InstallationSigner } from './installation-key.js';
import {
  DEFAULT_KDF_COST,
  derivePassphraseKey,
  generateDataKey,
  generateRecoveryKey,
  LOW_MEMORY_KDF_COST,
  newKdfParams,
  parseRecoveryKey,
  releaseKey,
  unwrapKey,
  wrapKey,
  type KdfCost,
  type KdfParams,
  type SecretKey,
} from './key-wrapping.js';
import { migrate, schemaVersion } from './migrations.js';
import { AuditLog } from './repositories/audit.js';
import { BackupKeyRepository } from './repositories/backup-keys.js';
import { ForwardingRepository } from './repositories/forwarding.js';
import { ContainmentRepository } from './repositories/containment.js';
import { CustomRuleRepository } from './repositories/custom-rules.js';
import { ConsultationRepository } from './repositories/consultations.js';
import { SignatureSetRepository, TrustedKeyRepository } from './repositories/signature-sets.js';
import { CaseRepository } from './repositories/cases.js';
import { DeviceRepository } from './repositories/devices.js';
import { FindingRepository } from './repositories/findings.js';
import { ObservationRepository } from './repositories/observations.js';
import { ScanRepository } from './repositories/scans.js';
import { SettingsRepository } from './repositories/settings.js';

export interface VaultOptions {
  clock?: Clock;
  /** Argon2id cost for a new passphrase; defaults to the measured ~0.7 s setting. Tests pass a cheaper one. */
  kdfCost?: KdfCost;
}

const WRONG_PASSPHRASE =
  'That passphrase does not open this vault. Check Caps Lock and the keyboard language, then try again — or use the recovery key.';

export class OpenVault {
  readonly custody: CustodyLog;
  readonly cases: CaseRepository;
  readonly devices: DeviceRepository;
  readonly scans: ScanRepository;
  readonly artifacts: ArtifactStore;
  readonly observations: ObservationRepository;
  readonly findings: FindingRepository;
  readonly settings: SettingsRepository;
  readonly audit: AuditLog;
  readonly signatureSets: SignatureSetRepository;
  readonly trustedKeys: TrustedKeyRepository;
  readonly rules: CustomRuleRepository;
  readonly consultations: ConsultationRepository;
  readonly containment: ContainmentRepository;
  readonly backupKeys: BackupKeyRepository;
  readonly forwarding: ForwardingRepository;
  /** This installation's ADB key, with which it asks phones for USB debugging. */
  readonly adbKey: AdbKeyStore;
  /** The custody chain as verified when the vault was unlocked (or last re-checked). */
  lastCustodyReport: ChainReport;
  /** Failed unlock attempts since the previous unlock, as found when this one succeeded. */
  failedUnlocks: FailedUnlocks | null = null;

  private constructor(
    readonly dir: string,
    readonly db: VaultDatabase,
    readonly signer: InstallationSigner,
    readonly clock: Clock,
  ) {
    this.custody = new CustodyLog(db, signer, clock);
    this.settings = new SettingsRepository(db);
    this.cases = new CaseRepository(db, this.custody, clock, () => this.settings.get().retentionDays);
    this.devices = new DeviceRepository(db, this.custody, clock);
    this.scans = new ScanRepository(db, this.custody, clock);
    this.artifacts = new ArtifactStore(db, this.custody, clock);
    this.observations = new ObservationRepository(db, clock);
    this.findings = new FindingRepository(db, this.custody, clock);
    this.audit = new AuditLog(db, clock);
    this.signatureSets = new SignatureSetRepository(db, this.custody, this.audit, clock);
    this.trustedKeys = new TrustedKeyRepository(db, this.custody, this.audit, clock);
    this.rules = new CustomRuleRepository(db, this.audit, clock);
    this.consultations = new ConsultationRepository(db, this.custody, this.observations, clock);
    this.containment = new ContainmentRepository(db, this.custody, clock);
    this.backupKeys = new BackupKeyRepository(db, this.audit, clock);
    this.forwarding = new ForwardingRepository(db, this.audit, clock);
    this.adbKey = new AdbKeyStore(db, this.audit);
    this.lastCustodyReport = { intact: true, entries: 0, brokenAt: null, checkedAt: isoNow(clock) };
  }

  static async create(dir: string, passphrase: string, options: VaultOptions = {}): Promise<{ vault: OpenVault; recoveryKey: string }> {
    const clock = options.clock ?? systemClock;
    if (vaultExists(dir)) throw new SentinelleError('vault.exists', 'A vault already exists in this folder. Unlock it instead, or choose another folder.');
    if (fs.existsSync(databasePath(dir))) {
      throw new SentinelleError('vault.exists', 'This folder holds a vault database without its header file. Restore the whole vault folder from a backup, or choose another folder.');
    }
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });

    const header: Pick<VaultHeader, 'vaultId'> = { vaultId: newVaultId() };
    const dataKey = generateDataKey();
    const recovery = generateRecoveryKey();
    try {
      const passphraseSlot = await wrapForPassphrase(header, dataKey, passphrase, options.kdfCost ?? DEFAULT_KDF_COST);
      const recoverySlot = { wrappedKey: wrapKey(recovery.wrappingKey, dataKey, slotAssociatedData(header, 'recovery')) };

      const db = openVaultDatabase(databasePath(dir), dataKey, { create: true });
      try {
        migrate(db);
        createInstallationKey(db, isoNow(clock));
        const vault = new OpenVault(dir, db, loadInstallationSigner(db), clock);
        db.transaction(() => {
          vault.custody.append('vault.created', null, { installationKey: vault.signer.fingerprint });
          vault.audit.record('vault.created', { kdf: costOf(passphraseSlot.kdf) });
        })();
        vault.lastCustodyReport = vault.custody.verify();
        // The header is written last: until it exists, there is no vault to unlock.
        writeHeader(dir, { format: 'sentinelle-vault', version: 1, vaultId: header.vaultId, cipher: 'aegis-256', passphrase: passphraseSlot, recovery: recoverySlot });
        return { vault, recoveryKey: recovery.text };
      } catch (error) {
        // Nothing was ever stored in this half-made vault: remove it so creating again is possible.
        db.close();
        for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${databasePath(dir)}${suffix}`, { force: true });
        throw error;
      }
    } finally {
      releaseKey(dataKey);
      releaseKey(recovery.wrappingKey);
    }
  }

  static async unlock(dir: string, passphrase: string, options: VaultOptions = {}): Promise<OpenVault> {
    const clock = options.clock ?? systemClock;
    const header = readHeader(dir);
    const keys = await keysForPassphrase(header, passphrase);
    if (keys.length === 0) {
      recordFailedUnlock(dir, isoNow(clock));
      throw new SentinelleError('vault.wrong-passphrase', WRONG_PASSPHRASE);
    }
    try {
      const { key, header: settled, rekey } = settleRekey(dir, header, keys);
      if (settled !== header) writeHeader(dir, settled);
      return OpenVault.open(dir, key, clock, 'passphrase', rekey);
    } finally {
      keys.forEach(releaseKey);
    }
  }

  /** Opens the vault with the recovery key and sets a new passphrase, since the old one is forgotten. */
  static async unlockWithRecoveryKey(dir: string, recoveryKey: string, newPassphrase: string, options: VaultOptions = {}): Promise<OpenVault> {
    const header = readHeader(dir);
    const parsed = parseRecoveryKey(recoveryKey);
    if (!parsed.ok) {
      throw new SentinelleError(
        'vault.wrong-recovery-key',
        parsed.reason === 'typo'
          ? 'There is a typing mistake in the recovery key. Compare each group of four characters with the written copy.'
          : 'A recovery key has twelve groups of four letters and digits. Check that all of it was typed.',
      );
    }
    const clock = options.clock ?? systemClock;
    const keys = keysForRecoveryKey(header, parsed.wrappingKey);
    releaseKey(parsed.wrappingKey);
    if (keys.length === 0) {
      recordFailedUnlock(dir, isoNow(clock));
      throw new SentinelleError('vault.wrong-recovery-key', 'This recovery key belongs to another vault. Check that you chose the right vault folder.');
    }
    try {
      const { key, header: settled, rekey } = settleRekey(dir, header, keys);
      const passphraseSlot = await wrapForPassphrase(header, key, newPassphrase, options.kdfCost ?? costOf(header.passphrase.kdf));
      const vault = OpenVault.open(dir, key, clock, 'recovery-key', rekey);
      try {
        writeHeader(dir, { ...settled, passphrase: passphraseSlot });
        vault.audit.record('vault.passphrase-reset-with-recovery-key');
      } catch (error) {
        vault.lock('recovery-failed');
        throw error;
      }
      return vault;
    } finally {
      keys.forEach(releaseKey);
    }
  }

  private static open(dir: string, dataKey: SecretKey, clock: Clock, method: 'passphrase' | 'recovery-key', rekey: RekeySettlement = null): OpenVault {
    const db = openVaultDatabase(databasePath(dir), dataKey, { create: false });
    let vault: OpenVault | null = null;
    try {
      const applied = migrate(db);
      vault = new OpenVault(dir, db, loadInstallationSigner(db), clock);
      if (applied.length > 0) vault.audit.record('vault.migrated', { versions: applied });
      vault.audit.record('vault.unlocked', { method });
      if (rekey) vault.audit.record(rekey === 'finished' ? 'vault.rekey-finished-at-unlock' : 'vault.rekey-abandoned', {});
      const failed = readFailedUnlocks(dir);
      if (failed) {
        // Kept where the advocate (and a later check) can see it, then the note beside the header goes.
        vault.audit.record('vault.failed-unlocks', { count: failed.count, times: failed.times });
        vault.custody.append('vault.failed-unlocks', null, { count: failed.count, first: failed.times[0] ?? null, last: failed.times.at(-1) ?? null });
        clearFailedUnlocks(dir);
        vault.failedUnlocks = failed;
      }
      vault.artifacts.discardAbandonedWrites();
      vault.scans.interruptStale();
      vault.checkCustody();
      return vault;
    } catch (error) {
      // Whatever failed, the vault is not left open (and held) behind the advocate's back.
      vault?.signer.release();
      db.close();
      throw error instanceof SentinelleError
        ? error
        : new SentinelleError('vault.database-unreadable', 'The vault opened but its contents could not be read. Restore the vault folder from a backup copy.', { cause: error });
    }
  }

  /** Verifies the custody chain; a break is recorded in the audit trail and reported, never thrown. */
  checkCustody(): ChainReport {
    const report = this.custody.verify();
    this.lastCustodyReport = report;
    if (!report.intact) this.audit.record('custody.chain-broken', { brokenAt: report.brokenAt, entries: report.entries });
    return report;
  }

  /** A full health check: the custody chain, SQLite's integrity check, and what the vault holds. */
  check(): VaultCheckReport {
    const count = (table: string) => (this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number);
    return {
      custody: this.checkCustody(),
      databaseIntegrity: (this.db.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check),
      schemaVersion: schemaVersion(this.db),
      installationKey: this.signer.fingerprint,
      counts: { cases: count('cases'), artifacts: count("artifacts WHERE state = 'complete'"), custodyEntries: count('custody_log') },
    };
  }

  /** Checks the current passphrase, then wraps the same data key under the new one. */
  async changePassphrase(currentPassphrase: string, newPassphrase: string, kdfCost?: KdfCost): Promise<void> {
    const header = readHeader(this.dir);
    if (newPassphrase.normalize('NFC') === currentPassphrase.normalize('NFC')) {
      throw new SentinelleError('input.invalid', 'The new passphrase is the same as the current one. Choose a different one.');
    }
    const dataKey = await unwrapWithPassphrase(header, currentPassphrase);
    if (!dataKey) throw new SentinelleError('vault.wrong-passphrase', 'The current passphrase is not right, so it was not changed.');
    try {
      const passphraseSlot = await wrapForPassphrase(header, dataKey, newPassphrase, kdfCost ?? costOf(header.passphrase.kdf));
      writeHeader(this.dir, { ...header, passphrase: passphraseSlot });
      this.audit.record('vault.passphrase-changed');
    } finally {
      releaseKey(dataKey);
    }
  }

  /**
   * A new data key for everything: the database re-encrypted under it, a new passphrase and a new recovery
   * key (returned, to be shown once). For when the old passphrase may be known: a copy of the old header
   * with the old passphrase opens nothing written afterwards. Checks the current passphrase first.
   */
  async rekey(currentPassphrase: string, newPassphrase: string, kdfCost?: KdfCost): Promise<{ recoveryKey: string }> {
    const header = readHeader(this.dir);
    if (newPassphrase.normalize('NFC') === currentPassphrase.normalize('NFC')) {
      throw new SentinelleError('input.invalid', 'The new passphrase is the same as the current one. Choose a different one: the old one may be known.');
    }
    const oldKey = await unwrapWithPassphrase(header, currentPassphrase);
    if (!oldKey) throw new SentinelleError('vault.wrong-passphrase', 'The current passphrase is not right, so nothing was changed.');
    const newKey = generateDataKey();
    const recovery = generateRecoveryKey();
    const { rekey: _none, ...current } = header;
    try {
      const passphrase = await wrapForPassphrase(header, newKey, newPassphrase, kdfCost ?? costOf(header.passphrase.kdf));
      const pending = { wrappedKey: wrapKey(oldKey, newKey, slotAssociatedData(header, 'rekey')), passphrase, recovery: { wrappedKey: wrapKey(recovery.wrappingKey, newKey, slotAssociatedData(header, 'recovery')) } };
      writeHeader(this.dir, { ...current, rekey: pending });
      try {
        rekeyVaultDatabase(this.db, newKey);
      } catch (error) {
        writeHeader(this.dir, current);
        throw new SentinelleError('vault.database-unreadable', 'The vault could not be re-encrypted; it stays as it was, under the current passphrase. Check that the disk is not full, then try again.', { cause: error });
      }
      writeHeader(this.dir, { ...current, passphrase: pending.passphrase, recovery: pending.recovery });
      this.db.transaction(() => {
        this.audit.record('vault.rekeyed', { kdf: costOf(passphrase.kdf) });
        this.custody.append('vault.rekeyed', null, { installationKey: this.signer.fingerprint });
      })();
      return { recoveryKey: recovery.text };
    } finally {
      releaseKey(oldKey);
      releaseKey(newKey);
      releaseKey(recovery.wrappingKey);
    }
  }

  /**
   * After a purge: freed pages (already zeroed by secure_delete) are given back to the file system and
   * the write-ahead log is emptied, so no copy of the purged data stays in either file. An incremental
   * vacuum, not a full VACUUM: that would copy the whole vault through temporary storage, which is kept
   * in memory so that it is never written unencrypted.
   */
  compact(): void {
    this.db.pragma('incremental_vacuum');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  lock(reason: string): void {
    if (!this.db.open) return;
    try {
      this.audit.record('vault.locked', { reason });
    } finally {
      this.signer.release();
      closeVaultDatabase(this.db);
    }
  }

  get isOpen(): boolean {
    return this.db.open;
  }
}

/** How an unlock found an interrupted re-key: finished (the database was under the new key) or abandoned. */
type RekeySettlement = 'finished' | 'abandoned' | null;

/**
 * The data keys a passphrase opens, the one to try first first: the header's own slot, and during an
 * interrupted re-key the new key wrapped under it; or, when only the new passphrase fits, the new key.
 */
async function keysForPassphrase(header: VaultHeader, passphrase: string): Promise<SecretKey[]> {
  const current = await unwrapWithPassphrase(header, passphrase);
  if (current) return withPendingKey(header, current);
  if (!header.rekey) return [];
  const pending = await unwrapWithPassphrase({ ...header, passphrase: header.rekey.passphrase }, passphrase);
  return pending ? [pending] : [];
}

function keysForRecoveryKey(header: VaultHeader, wrappingKey: SecretKey): SecretKey[] {
  const current = header.recovery ? unwrapKey(wrappingKey, header.recovery.wrappedKey, slotAssociatedData(header, 'recovery')) : null;
  if (current) return withPendingKey(header, current);
  const pending = header.rekey ? unwrapKey(wrappingKey, header.rekey.recovery.wrappedKey, slotAssociatedData(header, 'recovery')) : null;
  return pending ? [pending] : [];
}

function withPendingKey(header: VaultHeader, current: SecretKey): SecretKey[] {
  const next = header.rekey ? unwrapKey(current, header.rekey.wrappedKey, slotAssociatedData(header, 'rekey')) : null;
  return next ? [current, next] : [current];
}

/**
 * Which of the keys the database is under, and the header to keep: without an interrupted re-key, the
 * only key and the same header; with one, the header holding only the slots of the key that works.
 */
function settleRekey(dir: string, header: VaultHeader, keys: SecretKey[]): { key: SecretKey; header: VaultHeader; rekey: RekeySettlement } {
  if (!header.rekey) return { key: keys[0]!, header, rekey: null };
  const file = databasePath(dir);
  const onlyNewKey = keys.length === 1;
  // A re-encryption cut short leaves a rollback journal, which only the old key may replay.
  if (onlyNewKey && fs.existsSync(`${file}-journal`)) {
    throw new SentinelleError('vault.wrong-passphrase', 'Changing the vault’s key was interrupted. Unlock once with the previous passphrase to finish or undo it.');
  }
  const index = keys.findIndex((key) => databaseOpensWith(file, key));
  if (index < 0 && onlyNewKey) {
    throw new SentinelleError('vault.wrong-passphrase', 'Changing the vault’s key did not finish, so the new passphrase does not open it yet. Unlock with the previous passphrase.');
  }
  if (index < 0) throw new SentinelleError('vault.database-unreadable', 'The vault database does not open with its key: it may be damaged or replaced. Restore the vault folder from a backup copy.');
  const { rekey, ...rest } = header;
  const isNew = onlyNewKey || index === 1;
  return { key: keys[index]!, header: isNew ? { ...rest, passphrase: rekey.passphrase, recovery: rekey.recovery } : rest, rekey: isNew ? 'finished' : 'abandoned' };
}

function costOf(kdf: KdfParams): KdfCost {
  return { opslimit: kdf.opslimit, memlimit: kdf.memlimit };
}

async function wrapForPassphrase(
  header: Pick<VaultHeader, 'vaultId'>,
  dataKey: SecretKey,
  passphrase: string,
  cost: KdfCost,
): Promise<VaultHeader['passphrase']> {
  let kdf = newKdfParams(cost);
  let wrappingKey: SecretKey;
  try {
    wrappingKey = await derivePassphraseKey(passphrase, kdf);
  } catch (error) {
    if (cost.memlimit <= LOW_MEMORY_KDF_COST.memlimit) throw error;
    // Not enough free memory for the default cost on this laptop: use the low-memory setting.
    kdf = newKdfParams(LOW_MEMORY_KDF_COST);
    wrappingKey = await derivePassphraseKey(passphrase, kdf);
  }
  try {
    return { kdf, wrappedKey: wrapKey(wrappingKey, dataKey, slotAssociatedData(header, 'passphrase')) };
  } finally {
    releaseKey(wrappingKey);
  }
}

async function unwrapWithPassphrase(header: VaultHeader, passphrase: string): Promise<SecretKey | null> {
  const wrappingKey = await derivePassphraseKey(passphrase, header.passphrase.kdf);
  try {
    return unwrapKey(wrappingKey, header.passphrase.wrappedKey, slotAssociatedData(header, 'passphrase'));
  } finally {
    releaseKey(wrappingKey);
  }
}

/**
 * Opens the raw database with the passphrase, without repositories or housekeeping: for maintenance and
 * for tests that must inspect or alter the stored rows as an attacker holding the key could.
 */
export async function openVaultDatabaseWithPassphrase(dir: string, passphrase: string): Promise<VaultDatabase> {
  const header = readHeader(dir);
  const dataKey = await unwrapWithPassphrase(header, passphrase);
  if (!dataKey) throw new SentinelleError('vault.wrong-passphrase', WRONG_PASSPHRASE);
  try {
    return openVaultDatabase(databasePath(dir), dataKey, { create: false });
  } finally {
    releaseKey(dataKey);
  }
}
