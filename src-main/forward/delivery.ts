// Delivering the outbox: the oldest due events first, in batches the transport accepts, each batch marked
// delivered only once the transport took it. A failure leaves the batch queued with a later retry time
// (exponential backoff, or the server's own Retry-After when it is short enough to wait for).
import type { FlushResult } from '../../src-shared/forwarding.js';
import { isoNow, type Clock } from '../clock.js';
import type { ForwardingRepository } from '../vault/repositories/forwarding.js';
import { TransportError, type Transport } from './transport.js';

const FIRST_RETRY_MS = 30_000;
const LONGEST_RETRY_MS = 60 * 60_000;

export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.min(attempts, 20), LONGEST_RETRY_MS);
}

export interface FlushOptions {
  clock: Clock;
  /** A Retry-After up to this long is waited for within the flush; longer ones are left to a later flush. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The advocate asked to send now: events waiting for their retry time are tried too. */
  now?: boolean;
}

/**
 * An event as it is sent: events queued by a version that wrote a field with no value as null have those
 * fields left out (Wazuh 4.x reads a null as the text "null"); every other event is sent as queued.
 */
export function withoutNulls(payload: string): string {
  if (!payload.includes('null')) return payload;
  try {
    const event: unknown = JSON.parse(payload);
    if (typeof event !== 'object' || event === null || Array.isArray(event)) return payload;
    return JSON.stringify(Object.fromEntries(Object.entries(event).filter(([, value]) => value !== null)));
  } catch {
    return payload;
  }
}

export async function flushOutbox(outbox: ForwardingRepository, transport: Transport, options: FlushOptions): Promise<FlushResult> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let waitBudget = options.maxWaitMs ?? 10_000;
  let delivered = 0;
  let error: string | null = null;
  for (;;) {
    const due = outbox.due(transport.batchSize, options.now === true);
    if (due.length === 0) break;
    try {
      await transport.send(due.map((entry) => withoutNulls(entry.payload)));
      outbox.markDelivered(due.map((entry) => entry.seq), transport.name);
      delivered += due.length;
    } catch (failure) {
      const message = failure instanceof Error ? failure.message : String(failure);
      const retryAfter = failure instanceof TransportError ? failure.retryAfterMs : null;
      if (retryAfter !== null && retryAfter <= waitBudget) {
        waitBudget -= retryAfter;
        await sleep(retryAfter);
        continue;
      }
      const delay = retryAfter ?? retryDelayMs(Math.max(...due.map((entry) => entry.attempts)));
      outbox.markFailed(due.map((entry) => entry.seq), message, new Date(Date.parse(isoNow(options.clock)) + delay).toISOString());
      error = message;
      break;
    }
  }
  return { delivered, pending: outbox.status().pending, error };
}
