// Forwarding while the vault is open (when forwarding is on): each verdict's event queued in the transaction
// that records it or retires it, the installation's status at unlock and then once a day while the vault
// stays unlocked (never more often), the outbox delivered in the background with retries, and the settings,
// the connection test and a manual flush for the API. Flushes run one at a time, so nothing is sent twice.
import path from 'node:path';
import { ForwardingSettings, type ConnectionTest, type FlushResult, type ForwardStatus } from '../../src-shared/forwarding.js';
import { SentinelleError } from '../../src-shared/errors.js';
import type { z } from 'zod';
import type { ForwardingUpdate, WazuhEvent } from '../../src-shared/forwarding.js';
import { CONSULTATION_RULE } from '../../src-shared/consultation.js';
import type { Finding } from '../../src-shared/model.js';
import { systemTimers, type Timers } from '../auto-lock.js';
import { isoNow, type Clock } from '../clock.js';
import type { OpenVault } from '../vault/vault.js';
import { flushOutbox } from './delivery.js';
import { bundleEvent, statusEvent, verdictEvent } from './events.js';
import { JsonFileTransport } from './json-file-transport.js';
import type { Transport } from './transport.js';
import { WazuhApiTransport } from './wazuh-api-transport.js';

const BACKGROUND_FLUSH_MS = 60_000;
/**
 * The installation's status is sent at an unlock or when forwarding is turned on, if the last one is older
 * than this, and again when this much time has passed while the vault stays unlocked: once a day, with slack
 * for a laptop opened a little earlier each morning.
 */
export const STATUS_EVERY_MS = 20 * 60 * 60 * 1000;
/** The soonest the status timer fires (a status just sent, or a clock set back). */
const STATUS_CHECK_MIN_MS = 60_000;

export class ForwardService {
  private vault: OpenVault | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** When the next daily status is due (a handle of `timers`). */
  private statusTimer: unknown = null;
  private flushing: Promise<unknown> = Promise.resolve();
  /** Requests to the Wazuh API in the last minute, across flushes (at most 30). */
  private readonly requestTimes: number[] = [];
  /** Read once when the vault is unlocked and again when the settings change, not for every finding recorded. */
  private enabled = false;
  private pseudonymKey: Buffer | null = null;
  /** The API transport kept between flushes (its session token with it), for the settings it was made from. */
  private api: { key: string; transport: WazuhApiTransport } | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly signatureVersion: () => string,
    private readonly changed: (outbox: ForwardStatus['outbox']) => void,
    private readonly timers: Timers = systemTimers,
  ) {}

  /** When the vault is unlocked: queue events for new findings, and deliver in the background. */
  attach(vault: OpenVault): void {
    this.detach();
    this.vault = vault;
    this.enabled = vault.forwarding.settings().enabled;
    // Made (once per vault) only when forwarding is on: a vault that never forwards holds no pseudonym key.
    this.pseudonymKey = this.enabled ? vault.forwarding.pseudonymKey() : null;
    const queueVerdict = (finding: Finding, type: 'finding' | 'retired', time: string) => {
      // What she answered in the consultation stays in the case.
      if (!this.enabled || finding.ruleId === CONSULTATION_RULE) return;
      let event: WazuhEvent;
      try {
        event = verdictEvent(vault, this.pseudonymKey!, finding, this.signatureVersion(), type, time);
      } catch (error) {
        // A finding that cannot be described as an event is still recorded; the audit trail says why it was not queued.
        vault.audit.record('forwarding.event-skipped', { findingId: finding.id, reason: error instanceof Error ? error.message.slice(0, 500) : String(error) });
        return;
      }
      vault.forwarding.enqueue(event.eventId, JSON.stringify(event));
    };
    vault.findings.onCreated = (finding) => queueVerdict(finding, 'finding', finding.createdAt);
    vault.findings.onRetired = (finding) => queueVerdict(finding, 'retired', finding.retiredAt ?? isoNow(this.clock));
    this.queueStatus(vault);
    this.scheduleStatus(vault);
    this.timer = setInterval(() => void this.flushInBackground(), BACKGROUND_FLUSH_MS);
    this.timer.unref();
    this.soon();
  }

  detach(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.statusTimer !== null) this.timers.clearTimeout(this.statusTimer);
    this.statusTimer = null;
    this.api?.transport.close();
    this.api = null;
    this.enabled = false;
    this.pseudonymKey = null;
    if (this.vault) {
      this.vault.findings.onCreated = null;
      this.vault.findings.onRetired = null;
    }
    this.vault = null;
  }

  /** After detection or an export: deliver what was queued, without making the caller wait. */
  soon(): void {
    setImmediate(() => void this.flushInBackground());
  }

  bundleExported(vault: OpenVault, caseId: string, sha256: string): void {
    if (!this.enabled || !this.pseudonymKey) return;
    const event = bundleEvent(this.pseudonymKey, caseId, sha256, this.signatureVersion(), isoNow(this.clock));
    vault.forwarding.enqueue(event.eventId, JSON.stringify(event));
    this.soon();
  }

  /** The installation's status (its signatures' age), at most once a day while forwarding is on. */
  private queueStatus(vault: OpenVault): void {
    if (!this.enabled || !this.pseudonymKey) return;
    const now = isoNow(this.clock);
    const last = vault.forwarding.lastStatusAt();
    if (last !== null && Date.parse(now) - Date.parse(last) < STATUS_EVERY_MS) return;
    try {
      const event = statusEvent(this.pseudonymKey, this.signatureVersion(), now);
      vault.forwarding.enqueueStatus(event.eventId, JSON.stringify(event), now);
    } catch (error) {
      // Called at unlock: a status that cannot be described never keeps the advocate out; the audit trail says why.
      vault.audit.record('forwarding.event-skipped', { type: 'status', reason: error instanceof Error ? error.message.slice(0, 500) : String(error) });
    }
  }

  /** Arms the timer for the next daily status (when forwarding is on), from when the last one was queued. */
  private scheduleStatus(vault: OpenVault): void {
    if (this.statusTimer !== null) this.timers.clearTimeout(this.statusTimer);
    this.statusTimer = null;
    if (!this.enabled) return;
    const last = vault.forwarding.lastStatusAt();
    const dueInMs = last === null ? 0 : Date.parse(last) + STATUS_EVERY_MS - this.clock.now().getTime();
    this.statusTimer = this.timers.setTimeout(() => {
      this.statusTimer = null;
      if (this.vault !== vault || !vault.isOpen) return;
      this.queueStatus(vault);
      this.soon();
      this.scheduleStatus(vault);
    }, Math.max(STATUS_CHECK_MIN_MS, dueInMs));
  }

  status(vault: OpenVault): ForwardStatus {
    return { settings: vault.forwarding.settings(), hasPassword: vault.forwarding.apiPassword() !== null, outbox: vault.forwarding.status() };
  }

  configure(vault: OpenVault, update: z.output<typeof ForwardingUpdate>): ForwardStatus {
    if (update.enabled && update.transport === 'wazuh-api' && update.api?.password === undefined && vault.forwarding.apiPassword() === null) {
      throw new SentinelleError('input.invalid', 'The Wazuh API needs the password of its user.');
    }
    const current = vault.forwarding.settings();
    const settings = ForwardingSettings.parse({
      enabled: update.enabled,
      transport: update.transport,
      file: update.file !== undefined ? path.resolve(update.file) : current.file,
      api: update.api ? { url: update.api.url, user: update.api.user, caPem: update.api.caPem } : current.api,
    });
    vault.forwarding.save(settings, update.api?.password);
    if (vault === this.vault) {
      this.enabled = settings.enabled;
      this.pseudonymKey = vault.forwarding.pseudonymKey();
      this.queueStatus(vault);
      this.scheduleStatus(vault);
    }
    this.soon();
    return this.status(vault);
  }

  async test(vault: OpenVault): Promise<z.infer<typeof ConnectionTest>> {
    try {
      return { ok: true, message: await this.transport(vault).test() };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Resolves when no delivery is in progress, or after `maxMs`. */
  async idle(maxMs: number): Promise<void> {
    await Promise.race([this.flushing, new Promise((resolve) => setTimeout(resolve, maxMs).unref())]);
  }

  /** Delivers what is due (everything waiting, when the advocate asks); one flush at a time; nothing while forwarding is off. */
  flush(vault: OpenVault, now = false): Promise<FlushResult> {
    if (!vault.forwarding.settings().enabled) return Promise.resolve({ delivered: 0, pending: vault.forwarding.status().pending, error: 'Forwarding is off: nothing was sent.' });
    const run = this.flushing.then(async () => {
      try {
        return await flushOutbox(vault.forwarding, this.transport(vault), { clock: this.clock, now });
      } finally {
        if (vault.isOpen) this.changed(vault.forwarding.status());
      }
    });
    this.flushing = run.catch(() => undefined);
    return run;
  }

  private async flushInBackground(): Promise<void> {
    const vault = this.vault;
    if (!vault?.isOpen || !vault.forwarding.settings().enabled || vault.forwarding.status().pending === 0) return;
    try {
      await this.flush(vault);
    } catch {
      // recorded on the outbox entries; the next tick tries again
    }
  }

  private transport(vault: OpenVault): Transport {
    const settings = vault.forwarding.settings();
    if (settings.transport === 'json-file') {
      if (!settings.file) throw new SentinelleError('input.invalid', 'Forwarding to a file needs the file’s path.');
      return new JsonFileTransport(settings.file);
    }
    const password = vault.forwarding.apiPassword();
    if (!settings.api || password === null) throw new SentinelleError('input.invalid', 'Forwarding to the Wazuh API needs the server’s address, user, password and CA.');
    const key = JSON.stringify([settings.api, password]);
    if (this.api?.key !== key) {
      this.api?.transport.close();
      this.api = { key, transport: new WazuhApiTransport({ ...settings.api, password, requestTimes: this.requestTimes }) };
    }
    return this.api.transport;
  }
}
