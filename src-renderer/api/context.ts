// The one API client of this window, set at start-up; stores reach the back end only through it.
import type { SentinelleClient } from '../../src-shared/api.js';

let client: SentinelleClient | null = null;

export function setClient(next: SentinelleClient): void {
  client = next;
}

export function api(): SentinelleClient {
  if (!client) throw new Error('the API client is not connected');
  return client;
}
