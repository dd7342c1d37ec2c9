// Forwarding's state in the vault: the settings (with the Wazuh API password, which never leaves through
// the API), the key behind the pseudonyms, and the outbox — events queued in the transaction that records
// their finding, delivered in order, marked delivered one by one, retried later when delivery fails.
import { randomBytes } from 'node:crypto';
import { ForwardingSettings, type ForwardStatus } from '../../../src-shared/forwarding.js';
import { isoNow, type Clock } from '../../clock.js';
import type { AuditLog } from './audit.js';
import type { VaultDatabase } from '../database.js';
import { parseJsonColumn } from './json-column.js';

const STATUS_SENT_KEY = 'forwarding.status-queued-at';

export interface OutboxEntry {
  seq: number;
  eventId: string;
  payload: string;
  attempts: number;
}

const DISABLED: ForwardingSettings = { enabled: false, transport: 'json-file', file: null, api: null };

export class ForwardingRepository {
  constructor(
    private readonly db: VaultDatabase,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  settings(): ForwardingSettings {
    const row = this.db.prepare('SELECT settings FROM forward_config WHERE id = 1').get() as { settings: string } | undefined;
    const parsed = ForwardingSettings.safeParse(row ? parseJsonColumn<unknown>(row.settings, null) : null);
    return parsed.success ? parsed.data : DISABLED;
  }

  apiPassword(): string | null {
    return (this.db.prepare('SELECT api_password FROM forward_config WHERE id = 1').get() as { api_password: string | null } | undefined)?.api_password ?? null;
  }

  /** Saves the settings; a password left out keeps the one stored. Recorded in the audit trail (never the password). */
  save(settings: ForwardingSettings, password: string | undefined): void {
    this.db.transaction(() => {
      this.pseudonymKey();
      this.db.prepare('UPDATE forward_config SET settings = ?, api_password = COALESCE(?, api_password) WHERE id = 1').run(JSON.stringify(ForwardingSettings.parse(settings)), password ?? null);
      this.audit.record('forwarding.configured', { enabled: settings.enabled, transport: settings.transport, file: settings.file, url: settings.api?.url ?? null, user: settings.api?.user ?? null, passwordChanged: password !== undefined });
    })();
  }

  /** The secret behind this vault's pseudonyms, made the first time it is needed. */
  pseudonymKey(): Buffer {
    const row = this.db.prepare('SELECT pseudonym_key FROM forward_config WHERE id = 1').get() as { pseudonym_key: Buffer } | undefined;
    if (row) return Buffer.from(row.pseudonym_key);
    const key = randomBytes(32);
    this.db.prepare('INSERT INTO forward_config (id, settings, api_password, pseudonym_key) VALUES (1, ?, NULL, ?)').run(JSON.stringify(DISABLED), key);
    return key;
  }

  /** Queues an event; call it inside the transaction that records what it reports. */
  enqueue(eventId: string, payload: string): void {
    this.db.prepare('INSERT INTO forward_outbox (event_id, payload, queued_at) VALUES (?, ?, ?)').run(eventId, payload, isoNow(this.clock));
  }

  /** When the installation's status was last queued (kept in the vault's settings table), or null. */
  lastStatusAt(): string | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(STATUS_SENT_KEY) as { value: string } | undefined;
    const value = row ? parseJsonColumn<unknown>(row.value, null) : null;
    return typeof value === 'string' ? value : null;
  }

  /** Queues the installation's status event, and remembers when. */
  enqueueStatus(eventId: string, payload: string, at: string): void {
    this.db.transaction(() => {
      this.enqueue(eventId, payload);
      this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(STATUS_SENT_KEY, JSON.stringify(at));
    })();
  }

  /** The oldest undelivered events whose retry time has come (all of them when `now` is asked for), in queue order. */
  due(limit: number, everything = false): OutboxEntry[] {
    const now = everything ? '9999-12-31T23:59:59.999Z' : isoNow(this.clock);
    const rows = this.db
      .prepare('SELECT seq, event_id, payload, attempts FROM forward_outbox WHERE delivered_at IS NULL AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY seq LIMIT ?')
      .all(now, limit) as { seq: number; event_id: string; payload: string; attempts: number }[];
    // Order matters: nothing is sent past an event still waiting for its retry.
    const blocked = this.db.prepare('SELECT min(seq) AS seq FROM forward_outbox WHERE delivered_at IS NULL AND next_attempt_at > ?').get(now) as { seq: number | null };
    return rows.filter((row) => blocked.seq === null || row.seq < blocked.seq).map((row) => ({ seq: row.seq, eventId: row.event_id, payload: row.payload, attempts: row.attempts }));
  }

  markDelivered(seqs: readonly number[], via: string): void {
    const mark = this.db.prepare('UPDATE forward_outbox SET delivered_at = ?, delivered_via = ?, last_error = NULL, next_attempt_at = NULL WHERE seq = ? AND delivered_at IS NULL');
    const at = isoNow(this.clock);
    this.db.transaction(() => {
      for (const seq of seqs) mark.run(at, via, seq);
    })();
  }

  /** Delivery failed: try these again no sooner than `retryAt`. */
  markFailed(seqs: readonly number[], error: string, retryAt: string): void {
    const mark = this.db.prepare('UPDATE forward_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE seq = ?');
    this.db.transaction(() => {
      for (const seq of seqs) mark.run(error.slice(0, 1000), retryAt, seq);
    })();
  }

  status(): ForwardStatus['outbox'] {
    const pending = this.db.prepare('SELECT count(*) AS n, min(queued_at) AS oldest, min(next_attempt_at) AS next FROM forward_outbox WHERE delivered_at IS NULL').get() as { n: number; oldest: string | null; next: string | null };
    const delivered = this.db.prepare('SELECT count(*) AS n, max(delivered_at) AS last FROM forward_outbox WHERE delivered_at IS NOT NULL').get() as { n: number; last: string | null };
    const error = this.db.prepare('SELECT last_error FROM forward_outbox WHERE delivered_at IS NULL AND last_error IS NOT NULL ORDER BY seq LIMIT 1').get() as { last_error: string } | undefined;
    return { pending: pending.n, delivered: delivered.n, oldestPendingAt: pending.oldest, nextAttemptAt: pending.next, lastError: error?.last_error ?? null, lastDeliveredAt: delivered.last };
  }
}
