// A phone ready to be read, however it is reached (USB, the adb server, TCP): Tango's `Adb` behind the one
// door every command passes through. Shell commands must be on the read-only allow-list (or be one of the
// two confirmed containment steps), files pulled must be installed APKs, and everything the phone sends is
// bounded in time and size. Only two services are ever opened: `shell:COMMAND` and `sync:` (STAT, RECV).
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { AdbSync, AdbSyncError, LinuxFileType, type Adb, type AdbSocket } from '@yume-chan/adb';
import type { ReadableStream as TangoReadableStream } from '@yume-chan/stream-extra';
import type { PhoneTransport } from '../../../../src-shared/acquisition.js';
import { assertApkPath, assertReadOnly } from '../allow-list.js';
import { assertContainmentCommand, type ContainmentCommand } from '../containment-commands.js';
import { bounded, disconnected, fileRefused, PHONE_LIMITS, ProtocolViolation, protocolBroken, tooLarge, withinLimits, type TransferOptions } from './transfer.js';
import { guardedSyncSocket } from './sync-guard.js';
import { SentinelleError } from '../../../../src-shared/errors.js';

/** What acquisition needs from a phone; everything that crosses it has passed the read-only check. */
export interface AndroidConnection {
  readonly serial: string;
  readonly transport: PhoneTransport;
  /** The fingerprint of the key the phone was offered (what its prompt showed), when known. */
  readonly keyFingerprint: string | null;
  /** A command's whole output, in memory: for the few that print kilobytes (the properties, a containment step). */
  shell(command: string, options?: ShellStreamOptions): Promise<Buffer>;
  /**
   * A command's output as it comes, to be stored as it comes: at most `PHONE_LIMITS.maxOutputBytes` (beyond,
   * the output ends there and `onCut` is told), and an output the connection's end cut short ends in an error.
   */
  shellStream(command: string, options?: ShellStreamOptions): Promise<Readable>;
  pull(path: string, options?: TransferOptions): Promise<Readable>;
  /** A confirmed containment step (never used by scans); returns what the phone printed. */
  contain(command: ContainmentCommand): Promise<string>;
  /** Lets go of the phone (the adb server's transport); the phone itself stays connected. */
  release(): Promise<void>;
}

export interface ShellStreamOptions extends TransferOptions {
  /** The output was longer than the cap: what came before it is kept, and the rest not read. */
  onCut?: (maxBytes: number) => void;
  /** The cap, when lower than `PHONE_LIMITS.maxOutputBytes`. */
  maxBytes?: number;
}

/**
 * Errors with which a phone refuses one file: adb's sync FAIL, an errno name from a stat (second sync
 * protocol), or Tango's "lstat error" for the empty stat of the first protocol.
 */
function isRefusal(error: Error): boolean {
  return error instanceof AdbSyncError || /^E[A-Z]{2,}$/.test(error.message) || error.message === 'lstat error';
}

/** Tango's streams are the platform's web streams, typed by Tango: as a Node stream. */
function fromWeb(stream: TangoReadableStream<Uint8Array>): Readable {
  return Readable.fromWeb(stream as unknown as WebReadableStream<Uint8Array>);
}

export interface TangoConnectionOptions {
  serial: string;
  transport: PhoneTransport;
  keyFingerprint: string | null;
  /** Whether this connection owns `adb` (closes it on release) or borrows a session kept elsewhere. */
  owned: boolean;
  /**
   * Asked after each command's output ends, when the connection's own end may come too late to tell (the
   * adb server): whether the phone is still connected, so that an output cut short is not taken as whole.
   */
  stillConnected?: () => Promise<boolean>;
  /** What the phone sent that no adbd sends, when its link saw it break the protocol. */
  violation?: () => ProtocolViolation | null;
}

export class TangoConnection implements AndroidConnection {
  readonly serial: string;
  readonly transport: PhoneTransport;
  readonly keyFingerprint: string | null;
  private readonly gone: Promise<void>;
  private lost = false;

  constructor(
    private readonly adb: Adb,
    private readonly options: TangoConnectionOptions,
  ) {
    this.serial = options.serial;
    this.transport = options.transport;
    this.keyFingerprint = options.keyFingerprint;
    this.gone = adb.disconnected.then(
      () => {
        this.lost = true;
      },
      () => {
        this.lost = true;
      },
    );
  }

  async shell(command: string, options: ShellStreamOptions = {}): Promise<Buffer> {
    return collect(await this.shellStream(command, options));
  }

  async shellStream(command: string, options: ShellStreamOptions = {}): Promise<Readable> {
    assertReadOnly(command);
    return this.run(command, options);
  }

  async contain(command: ContainmentCommand): Promise<string> {
    assertContainmentCommand(command.text);
    return (await collect(await this.run(command.text, {}))).toString('utf8');
  }

  async pull(path: string, options: TransferOptions = {}): Promise<Readable> {
    assertApkPath(path);
    // What the phone answers is checked before Tango's reader sees it (sync-guard.ts).
    const sync = new AdbSync(this.adb, guardedSyncSocket(await this.open('sync:', path, options)));
    const close = () => void sync.dispose().catch(() => undefined);
    // Its size first: a pull is good only when it delivers exactly this many bytes.
    let stat: Awaited<ReturnType<AdbSync['lstat']>>;
    try {
      stat = await withinLimits(sync.lstat(path), { ...options, what: path, gone: this.gone });
    } catch (error) {
      close();
      if (error instanceof ProtocolViolation) throw protocolBroken(error);
      throw error instanceof Error && isRefusal(error) ? fileRefused(path, error) : disconnected(error);
    }
    if (stat.type !== LinuxFileType.File) {
      // adb's first sync protocol answers a missing file with an empty stat.
      close();
      throw fileRefused(path, new Error('not a regular file (or gone)'));
    }
    const size = Number(stat.size);
    if (size > PHONE_LIMITS.maxApkBytes) {
      close();
      throw tooLarge(path, PHONE_LIMITS.maxApkBytes);
    }
    const deadlineMs = PHONE_LIMITS.pullDeadlineMs + (size / PHONE_LIMITS.pullFloorBytesPerSecond) * 1000;
    return bounded(fromWeb(sync.read(path)), { ...options, maxBytes: PHONE_LIMITS.maxApkBytes, exactBytes: size, deadlineMs, what: path, isRefusal, onFinish: close });
  }

  async release(): Promise<void> {
    if (this.options.owned) await this.adb.close().catch(() => undefined);
  }

  /** Why the phone is gone: the protocol it broke, when its link saw that; else the error as it came. */
  private lostWith(error: unknown): SentinelleError {
    const violation = this.options.violation?.();
    return violation ? protocolBroken(violation) : disconnected(error);
  }

  private async run(command: string, options: ShellStreamOptions): Promise<Readable> {
    const socket = await this.open(`shell:${command}`, command, options);
    const output = bounded(fromWeb(socket.readable), { ...options, maxBytes: Math.min(options.maxBytes ?? Infinity, PHONE_LIMITS.maxOutputBytes), deadlineMs: PHONE_LIMITS.commandDeadlineMs, what: command, onFinish: () => void Promise.resolve(socket.close()).catch(() => undefined) });
    const cut = () => this.lostWith(new Error(`the connection closed during: ${command.slice(0, 200)}`));
    // A connection that dropped ends its streams as if they were complete: an output that ended with the
    // connection is not trusted to be whole, and ends in an error rather than as if it were.
    const checked = new Transform({
      transform: (chunk: Buffer, _encoding, next) => next(null, chunk),
      flush: (done) => {
        setImmediate(() => {
          if (this.lost) return done(cut());
          if (!this.options.stillConnected) return done();
          this.options.stillConnected().then(
            (connected) => done(connected ? null : cut()),
            () => done(cut()),
          );
        });
      },
    });
    output.on('error', (error) => checked.destroy(this.options.violation?.() ? this.lostWith(error) : error));
    // Whoever reads it gave up (the vault locked mid-write): the phone's side is closed too, at once.
    checked.on('close', () => {
      if (!output.readableEnded) output.destroy();
    });
    return output.pipe(checked);
  }

  private open(service: string, what: string, options: TransferOptions): Promise<AdbSocket> {
    if (this.lost) return Promise.reject(this.lostWith(new Error(`the connection is closed: ${what.slice(0, 200)}`)));
    return withinLimits(Promise.resolve(this.adb.createSocket(service)), {
      ...options,
      what,
      gone: this.gone,
      discard: (late) => void Promise.resolve(late.close()).catch(() => undefined),
    }).catch((error: unknown) => {
      throw this.lostWith(error);
    });
  }
}

/** A stream's bytes, whole (it errors as its source did). */
async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
