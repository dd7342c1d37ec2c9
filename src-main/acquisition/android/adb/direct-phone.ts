// A phone Sentinelle talks to itself, over USB or TCP, with its own ADB key: the handshake and what state it
// leaves the phone in. The phone asks for a signature; a phone that has not been told to trust this key
// then receives the public key and shows its "Allow USB debugging?" prompt (the phone is `unauthorized`
// until its owner answers); once allowed, the session stays open until the cable is pulled or the phone is
// let go. A phone that does not answer the handshake is `offline`; one another program holds is `busy`.
import { Adb, AdbDaemonTransport, AdbPublicKeyAuthenticator, AdbSignatureAuthenticator, type AdbAuthenticator } from '@yume-chan/adb';
import { phoneName, type DeviceState, type PhoneTransport } from '../../../../src-shared/acquisition.js';
import { credentialStore, type AdbKey } from './adb-key.js';
import type { OpenedConnection } from './tcp-connection.js';
import type { ProtocolViolation } from './transfer.js';

/** Silence during the handshake before the phone is shown as not answering (it may still answer later). */
export const HANDSHAKE_QUIET_MS = 10_000;

export type DirectState = DeviceState | 'vault-locked' | 'gone';

export interface DirectPhoneOptions {
  serial: string;
  transport: Exclude<PhoneTransport, 'adb-server'>;
  open: () => Promise<OpenedConnection>;
  /** Told whenever the state changes. */
  onChange: () => void;
  /** Why opening failed, as a state: another program holds the phone, or the computer does not allow it. */
  classifyOpenError?: (error: unknown) => DeviceState;
  /** Maker and model from the USB descriptor, known before any handshake (an unauthorized phone has them too). */
  describe?: () => { maker: string | null; model: string | null };
}

export class DirectPhone {
  state: DirectState = 'vault-locked';
  /** The technical cause of the last failure, for the advocate's "details". */
  problem: string | null = null;
  keyFingerprint: string | null = null;
  /** When the phone was let go or lost (milliseconds since the epoch), null while it is in use. */
  endedAt: number | null = null;
  private adb: Adb | null = null;
  private link: OpenedConnection | null = null;
  /** The last link opened, kept after it is gone: what it saw is told to the scan that was using it. */
  private lastLink: OpenedConnection | null = null;
  private started = false;
  private closed = false;

  constructor(private readonly options: DirectPhoneOptions) {}

  get serial(): string {
    return this.options.serial;
  }

  get transport(): Exclude<PhoneTransport, 'adb-server'> {
    return this.options.transport;
  }

  /** The phone's maker and model: from its USB descriptor, and from the banner it sent once it allowed this computer. */
  get model(): string | null {
    const described = this.options.describe?.() ?? { maker: null, model: null };
    return phoneName(described.maker, this.adb?.banner.model ?? described.model);
  }

  /** The open session, once the phone has allowed this computer. */
  /** What the phone sent that no adbd sends, if it broke the protocol on its link. */
  violation(): ProtocolViolation | null {
    return this.lastLink?.violation?.() ?? null;
  }

  session(): Adb | null {
    return this.state === 'device' ? this.adb : null;
  }

  /** Starts the handshake with this key; a phone is reached at most once per plug. */
  start(key: AdbKey): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.keyFingerprint = key.fingerprint;
    this.set('connecting');
    void this.handshake(key);
  }

  /** Resolves once the phone has left `connecting` (or after `timeoutMs`). */
  async settled(timeoutMs: number): Promise<void> {
    for (let waited = 0; waited < timeoutMs && this.state === 'connecting'; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.endedAt = Date.now();
    const adb = this.adb;
    this.adb = null;
    if (adb) void adb.close().catch(() => undefined);
    this.link?.close();
    this.link = null;
    this.set('gone');
  }

  private async handshake(key: AdbKey): Promise<void> {
    let link: OpenedConnection;
    try {
      link = await this.options.open();
    } catch (error) {
      this.problem = error instanceof Error ? error.message : String(error);
      this.set(this.options.classifyOpenError?.(error) ?? 'other');
      return;
    }
    if (this.closed) {
      link.close();
      return;
    }
    this.link = link;
    this.lastLink = link;
    const quiet = setTimeout(() => {
      if (this.state === 'connecting') this.set('offline');
    }, HANDSHAKE_QUIET_MS);
    quiet.unref();
    // The public key is offered only when the phone did not accept the signature: its prompt shows now.
    const prompting: AdbAuthenticator = async function* (store, getNextRequest) {
      for await (const packet of AdbPublicKeyAuthenticator(store, getNextRequest)) {
        onPrompt();
        yield packet;
      }
    };
    const onPrompt = () => this.set('unauthorized');
    try {
      const transport = await AdbDaemonTransport.authenticate({
        serial: this.serial,
        connection: link.connection,
        credentialStore: credentialStore(key),
        authenticators: [AdbSignatureAuthenticator, prompting],
      });
      if (this.closed) {
        void transport.close();
        return;
      }
      this.adb = new Adb(transport);
      const gone = () => {
        this.adb = null;
        if (!this.closed) this.close();
      };
      transport.disconnected.then(gone, gone);
      this.set('device');
    } catch (error) {
      // Now that the handshake let go of the link, closing it also stops everything that followed it.
      link.close();
      if (this.closed) return;
      this.problem = error instanceof Error ? error.message : String(error);
      // The link closed before the phone connected: unplugged, or adbd restarted.
      this.close();
    } finally {
      clearTimeout(quiet);
    }
  }

  private set(state: DirectState): void {
    if (this.state === state || (this.state === 'gone' && state !== 'gone')) return;
    this.state = state;
    this.options.onChange();
  }
}
