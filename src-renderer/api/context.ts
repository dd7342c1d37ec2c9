// The one API client of this window, connected by its first script; stores reach the back end only through
// it. Connecting also asks at once for the vault's state (which first screen to show), so that the answer
// travels while the rest of the renderer's code is still being evaluated.
import type { OperationOutput, SentinelleClient } from '../../src-shared/api.js';
import type { FileTransport } from './client.js';

type VaultStatus = OperationOutput<'vault.status'>;

let client: SentinelleClient | null = null;
let files: FileTransport | null = null;
let firstStatus: Promise<VaultStatus> | null = null;

export function connect(next: SentinelleClient, transport: FileTransport | null = null): void {
  client = next;
  files = transport;
  firstStatus = next.invoke('vault.status', {});
  // Its failure is the session store's to handle when it takes the answer; until then it is not unhandled.
  firstStatus.catch(() => undefined);
}

export function isConnected(): boolean {
  return client !== null;
}

/** The vault's state as asked for on connecting, once; whoever asks later asks the back end again. */
export function takeFirstStatus(): Promise<VaultStatus> | null {
  const taken = firstStatus;
  firstStatus = null;
  return taken;
}

export function api(): SentinelleClient {
  if (!client) throw new Error('the API client is not connected');
  return client;
}

/** How files travel to and from the back end through this window's door. */
export function fileTransport(): FileTransport {
  if (!files) throw new Error('The window is not connected to Sentinelle.');
  return files;
}
