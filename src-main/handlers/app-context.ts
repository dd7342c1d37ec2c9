// What the API's handlers are given by the application (app.ts composes it): the services, the open vault,
// events, the advocate's activity, and the scan session. Each area's handlers (cases, findings, scans…) are
// a plain module taking this context; the compiler holds the whole to "every operation has a handler".
import type { DeviceList } from '../../src-shared/acquisition.js';
import type { EventName, EventPayload, OperationName, OperationOutput, OperationParsedInput } from '../../src-shared/api.js';
import type { Clock } from '../clock.js';
import type { AndroidService } from '../acquisition/android/android-service.js';
import type { ExecutableHasher } from '../acquisition/computer/executable-hasher.js';
import type { DemoPhone } from '../demo/demo-phone.js';
import type { ForwardService } from '../forward/forward-service.js';
import type { SignatureService } from '../signatures/signature-service.js';
import type { OpenVault } from '../vault/vault.js';
import type { DownloadShelf } from '../system/download-shelf.js';
import type { UploadSpool } from '../system/upload-spool.js';
import type { ScanSession } from './scan-session.js';

export type Handlers = {
  [N in OperationName]: (input: OperationParsedInput<N>) => Promise<OperationOutput<N>> | OperationOutput<N>;
};

/** The handlers of the operations whose names start with one of `Prefix` (`'cases.' | 'settings.'`). */
export type HandlersFor<Prefix extends string> = Pick<Handlers, Extract<OperationName, `${Prefix}${string}`>>;

export interface AppContext {
  readonly vaultDir: string;
  readonly clock: Clock;
  readonly signatures: SignatureService;
  readonly android: AndroidService;
  /** The demo phone, loaded on first use. */
  demo(): Promise<DemoPhone>;
  /** The device list with the demo phones said to be the demo (none when the demo was never loaded). */
  markDemo(list: DeviceList): DeviceList;
  readonly forward: ForwardService;
  readonly executableHasher: ExecutableHasher;
  readonly printPdf: ((html: string) => Promise<Buffer | null>) | null;
  readonly scans: ScanSession;
  /** Files offered to the headless app's browser for download. */
  readonly downloads: DownloadShelf;
  /** Files the headless app's browser sent (an acquisition, a bundle), by id. */
  readonly uploads: UploadSpool;
  /** The open vault; `vault.locked` when there is none. */
  requireVault(): OpenVault;
  /** The open vault, or null. */
  openVault(): OpenVault | null;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** The advocate is working: the inactivity lock waits. */
  touch(): void;
  /** Sets the inactivity lock's delay afresh. */
  armAutoLock(ms: number): void;
}
