// The application: composes the services behind the typed API (src-shared/api.ts), in one place, no
// globals. The three doors (Electron IPC, the headless host, the CLI) only ever call `invoke` or `call`;
// every request is validated against its schema here before it reaches a service.
import { z } from 'zod';
import {
  isOperationName,
  operations,
  type Envelope,
  type EventName,
  type EventPayload,
  type LockReason,
  type OperationInput,
  type OperationName,
  type OperationOutput,
  type OperationParsedInput,
  type UnlockResult,
} from '../src-shared/api.js';
import { SentinelleError, toErrorPayload } from '../src-shared/errors.js';
import { InactivityLock, systemTimers, type Timers } from './auto-lock.js';
import { systemClock, type Clock } from './clock.js';
import { runDetection } from './detection/run-detection.js';
import { builtinSignaturesDir } from './package-info.js';
import { fingerprintOf, generateSigningKeyPair, readPublicKeyFile, readSecretKeyFile, signPack } from './signatures/packs.js';
import { SignatureService } from './signatures/signature-service.js';
import { vaultExists } from './vault/header.js';
import type { KdfCost } from './vault/key-wrapping.js';
import { purgeExpiredCases } from './vault/retention.js';
import { OpenVault } from './vault/vault.js';

export interface AppOptions {
  vaultDir: string;
  clock?: Clock;
  timers?: Timers;
  /** Argon2id cost for new passphrases; only tests make it cheaper. */
  kdfCost?: KdfCost;
  /** The signature database folder; the installed package's `signatures/` by default. */
  signaturesDir?: string;
}

export type AppEventListener = (event: EventName, payload: unknown) => void;

type Handlers = {
  [N in OperationName]: (input: OperationParsedInput<N>) => Promise<OperationOutput<N>> | OperationOutput<N>;
};

/** Operations that do not count as the advocate being active (status polling). */
const PASSIVE_OPERATIONS = new Set<OperationName>(['vault.status']);

export class App {
  readonly vaultDir: string;
  private readonly clock: Clock;
  private readonly kdfCost: KdfCost | undefined;
  private vault: OpenVault | null = null;
  private readonly listeners = new Set<AppEventListener>();
  private readonly inactivity: InactivityLock;
  /** Vault lifecycle changes (create, unlock, lock) happen one at a time. */
  private lifecycle: Promise<unknown> = Promise.resolve();
  private readonly handlers: Handlers;
  private readonly signatures: SignatureService;

  constructor(options: AppOptions) {
    this.signatures = new SignatureService(options.signaturesDir ?? builtinSignaturesDir);
    this.vaultDir = options.vaultDir;
    this.clock = options.clock ?? systemClock;
    this.kdfCost = options.kdfCost;
    this.inactivity = new InactivityLock(options.timers ?? systemTimers, () => this.lock('inactivity'));
    this.handlers = this.createHandlers();
  }

  /** The door-facing entry point: any name, any input; always answers with an envelope. */
  async invoke(name: unknown, input: unknown): Promise<Envelope<unknown>> {
    try {
      if (!isOperationName(name)) {
        throw new SentinelleError('host.unknown-operation', 'This version of Sentinelle does not know that request.', { technical: String(name) });
      }
      return { ok: true, result: await this.dispatch(name, input) };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
  }

  /** The typed entry point for in-process callers (the CLI): throws SentinelleError on failure. */
  async call<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>> {
    return (await this.dispatch(name, input)) as OperationOutput<N>;
  }

  subscribe(listener: AppEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Locks the vault and stops timers: call when the process ends. */
  dispose(): void {
    this.lock('user');
  }

  private async dispatch<N extends OperationName>(name: N, rawInput: unknown): Promise<unknown> {
    const parsed = operations[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      throw new SentinelleError('input.invalid', 'Some of the information given is not valid. Check the highlighted fields.', {
        technical: z.prettifyError(parsed.error),
      });
    }
    if (!PASSIVE_OPERATIONS.has(name)) this.inactivity.touch();
    const handler = this.handlers[name] as (input: unknown) => unknown;
    const result = await handler(parsed.data);
    const checked = operations[name].output.safeParse(result);
    if (!checked.success) {
      throw new SentinelleError('internal', 'Sentinelle produced an answer it could not check. Nothing was lost; please report this.', {
        technical: `${name}: ${z.prettifyError(checked.error)}`,
      });
    }
    return checked.data;
  }

  private emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // a failing listener (a closed window, a dropped connection) must not break the service
      }
    }
  }

  private requireVault(): OpenVault {
    if (!this.vault?.isOpen) throw new SentinelleError('vault.locked', 'The vault is locked. Unlock it to continue.');
    return this.vault;
  }

  private serialized<T>(work: () => Promise<T>): Promise<T> {
    const next = this.lifecycle.then(work, work);
    this.lifecycle = next.catch(() => undefined);
    return next;
  }

  private lock(reason: LockReason): void {
    this.inactivity.disarm();
    const vault = this.vault;
    this.vault = null;
    if (vault?.isOpen) {
      vault.lock(reason);
      this.emit('vault.locked', { reason });
    }
  }

  private afterUnlock(vault: OpenVault): UnlockResult {
    this.vault = vault;
    this.inactivity.arm(vault.settings.get().autoLockMinutes * 60_000);
    let purgedCases: string[] = [];
    try {
      purgedCases = purgeExpiredCases(vault, this.clock).purgedCases;
    } catch (error) {
      // Retention runs again at the next unlock; a failure here must not keep the advocate out.
      try {
        vault.audit.record('retention.failed', { error: error instanceof Error ? error.message : String(error) });
      } catch {
        // the audit trail is best effort here
      }
    }
    this.emit('vault.unlocked', {});
    if (!vault.lastCustodyReport.intact) this.emit('custody.alarm', vault.lastCustodyReport);
    return { custody: vault.lastCustodyReport, purgedCases };
  }

  private createHandlers(): Handlers {
    const options = { clock: this.clock, ...(this.kdfCost ? { kdfCost: this.kdfCost } : {}) };
    return {
      'vault.status': () => ({
        state: this.vault?.isOpen ? 'unlocked' : vaultExists(this.vaultDir) ? 'locked' : 'absent',
        custody: this.vault?.isOpen ? this.vault.lastCustodyReport : null,
      }),
      'vault.create': ({ passphrase }) =>
        this.serialized(async () => {
          this.lock('user');
          const { vault, recoveryKey } = await OpenVault.create(this.vaultDir, passphrase, options);
          this.afterUnlock(vault);
          return { recoveryKey };
        }),
      'vault.unlock': ({ passphrase }) =>
        this.serialized(async () => {
          this.lock('user');
          return this.afterUnlock(await OpenVault.unlock(this.vaultDir, passphrase, options));
        }),
      'vault.unlockWithRecoveryKey': ({ recoveryKey, newPassphrase }) =>
        this.serialized(async () => {
          this.lock('user');
          return this.afterUnlock(await OpenVault.unlockWithRecoveryKey(this.vaultDir, recoveryKey, newPassphrase, options));
        }),
      'vault.lock': ({ reason }) =>
        this.serialized(async () => {
          this.lock(reason);
          return { done: true as const };
        }),
      'vault.changePassphrase': ({ currentPassphrase, newPassphrase }) =>
        this.serialized(async () => {
          await this.requireVault().changePassphrase(currentPassphrase, newPassphrase, this.kdfCost);
          return { done: true as const };
        }),
      'vault.check': () => {
        const report = this.requireVault().check();
        if (!report.custody.intact) this.emit('custody.alarm', report.custody);
        return report;
      },
      'session.activity': () => ({ done: true as const }),

      'cases.list': ({ status }) => this.requireVault().cases.list(status),
      'cases.get': ({ caseId }) => this.requireVault().cases.get(caseId),
      'cases.create': (input) => {
        const created = this.requireVault().cases.create(input);
        this.emit('cases.changed', { caseId: created.id });
        return created;
      },
      'cases.close': ({ caseId }) => {
        const closed = this.requireVault().cases.close(caseId);
        this.emit('cases.changed', { caseId });
        return closed;
      },
      'cases.reopen': ({ caseId }) => {
        const reopened = this.requireVault().cases.reopen(caseId);
        this.emit('cases.changed', { caseId });
        return reopened;
      },

      'settings.get': () => this.requireVault().settings.get(),
      'settings.update': (changes) => {
        const vault = this.requireVault();
        const updated = vault.settings.update(changes);
        vault.audit.record('settings.changed', { keys: Object.keys(changes) });
        if (changes.autoLockMinutes !== undefined) this.inactivity.arm(updated.autoLockMinutes * 60_000);
        return updated;
      },

      'retention.purge': () => purgeExpiredCases(this.requireVault(), this.clock),

      'custody.list': ({ caseId, limit }) => this.requireVault().custody.list({ caseId, limit }),
      'custody.verify': () => {
        const report = this.requireVault().checkCustody();
        if (!report.intact) this.emit('custody.alarm', report);
        return report;
      },
      'audit.list': ({ limit }) => this.requireVault().audit.list(limit),

      'signatures.info': () => this.signatures.info(this.requireVault()),
      'signatures.import': ({ fileName, content, signature, allowUntrusted }) => {
        const imported = this.signatures.importInto(this.requireVault(), { name: fileName, bytes: Buffer.from(content, 'base64') }, { signatureText: signature, allowUntrusted });
        return { setId: imported.setId, name: imported.name, version: imported.version, trusted: imported.trusted, signatures: imported.signatures.length, stats: imported.stats, notes: imported.notes };
      },
      'signatures.verify': ({ fileName, content, signature, extraKeys }) =>
        this.signatures.verify(
          { name: fileName, bytes: Buffer.from(content, 'base64') },
          signature,
          extraKeys.map((text, i) => readPublicKeyFile(text, `key ${i + 1}`)),
          this.vault?.isOpen ? this.vault : null,
        ),
      'signatures.generateKeyPair': ({ label }) => {
        const { publicFile, secretFile } = generateSigningKeyPair(label);
        return { publicKeyFile: `${JSON.stringify(publicFile, null, 2)}\n`, secretKeyFile: `${JSON.stringify(secretFile, null, 2)}\n`, fingerprint: fingerprintOf(publicFile.publicKey) };
      },
      'signatures.sign': ({ content, secretKeyFile }) => {
        const key = readSecretKeyFile(secretKeyFile, 'the signing key file');
        const signature = signPack(Buffer.from(content, 'base64'), key);
        return { signatureFile: `${JSON.stringify(signature, null, 2)}\n`, fingerprint: fingerprintOf(key.publicKey), signer: key.label };
      },
      'signatures.remove': ({ setId }) => {
        this.signatures.removeSet(this.requireVault(), setId);
        return { done: true as const };
      },
      'signatures.trustKey': ({ publicKeyFile }) => {
        const key = readPublicKeyFile(publicKeyFile, 'the public key file');
        this.requireVault().trustedKeys.add(key.publicKey, key.label);
        const trusted = this.signatures.trustStore(this.requireVault()).find((candidate) => candidate.publicKey === key.publicKey)!;
        return { label: trusted.label, fingerprint: trusted.fingerprint };
      },
      'signatures.untrustKey': ({ publicKey }) => {
        this.requireVault().trustedKeys.remove(publicKey);
        return { done: true as const };
      },

      'detection.run': ({ caseId }) => {
        const vault = this.requireVault();
        const outcome = runDetection(vault, this.signatures.index(vault), caseId);
        const counts = { created: outcome.created.length, updated: outcome.updated.length, retired: outcome.retired.length };
        this.emit('findings.changed', { caseId, ...counts });
        return { ...counts, findings: vault.findings.listByCase(caseId) };
      },
      'findings.list': ({ caseId }) => {
        const vault = this.requireVault();
        vault.cases.get(caseId);
        return vault.findings.listByCase(caseId);
      },
      'findings.review': ({ findingId, status, note }) => this.requireVault().findings.review(findingId, status, note),
      'observations.list': ({ caseId, kind, limit }) => {
        const vault = this.requireVault();
        vault.cases.get(caseId);
        return vault.observations.listByCase(caseId, { ...(kind === undefined ? {} : { kind }), limit });
      },

      'rules.list': () => this.requireVault().rules.list(),
      'rules.create': ({ definition }) => this.requireVault().rules.create(definition),
      'rules.update': ({ ruleId, definition }) => this.requireVault().rules.update(ruleId, definition),
      'rules.delete': ({ ruleId }) => {
        this.requireVault().rules.delete(ruleId);
        return { done: true as const };
      },
      'rules.setEnabled': ({ ruleId, enabled }) => this.requireVault().rules.setEnabled(ruleId, enabled),
    };
  }
}

export function createApp(options: AppOptions): App {
  return new App(options);
}
