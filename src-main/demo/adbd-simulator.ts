// The simulated phone: a TCP server speaking the device side (adbd) of the ADB transport protocol —
// CNXN, AUTH, OPEN, OKAY, WRTE, CLSE with `shell:` and `sync:` services — so that Sentinelle reaches it
// directly over TCP, or the real adb server attaches it with `adb connect 127.0.0.1:PORT`, and everything
// above runs unchanged. It answers from a phone profile, can be slow (injected latency), ask its owner to
// allow the computer (and be allowed after a while, or never), or vanish after N commands, and logs every
// service it is asked for and every key offered to it. Used by the tests and shipped as demo mode.
import { constants, createHash, createPublicKey, publicDecrypt, randomBytes } from 'node:crypto';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

const A_CNXN = 0x4e584e43;
const A_AUTH = 0x48545541;
const A_OPEN = 0x4e45504f;
const A_OKAY = 0x59414b4f;
const A_CLSE = 0x45534c43;
const A_WRTE = 0x45545257;
const A_VERSION = 0x01000001;
const AUTH_TOKEN = 1;
const AUTH_SIGNATURE = 2;
const AUTH_PUBLIC_KEY = 3;
/** ASN.1 DigestInfo prefix for SHA-1: adbd checks the token as a SHA-1 digest signed with PKCS #1 v1.5. */
const SHA1_DIGEST_INFO = Buffer.from('3021300906052b0e03021a05000414', 'hex');
const HEADER_BYTES = 24;
const MAX_PAYLOAD = 256 * 1024;
const SYNC_DATA_MAX = 64 * 1024;

/** What the simulated phone answers; the profile renders outputs in the formats real phones print. */
export interface SimulatedPhone {
  /** `ro.product.name`, `ro.product.model`, `ro.product.device` for the connection banner. */
  banner: { name: string; model: string; device: string };
  /** The bytes a shell command prints; null when the phone has no such command. */
  shell(command: string): Buffer | null;
  /** A file's bytes for `adb pull`; null when it does not exist. */
  file(path: string): Buffer | null;
}

export interface SimulatorBehaviour {
  /** Milliseconds before each service answers. */
  latencyMs?: number;
  /** The phone asks to allow the computer and nobody answers its prompt: it stays `unauthorized` (until `allowPrompt`). */
  unauthorized?: boolean;
  /**
   * The phone asks to allow the computer (it knows no key), and its owner taps "Allow" this many milliseconds
   * after the computer's public key arrives. Without it (and without `unauthorized`) the phone lets the
   * computer in at once, as a phone that trusts it does.
   */
  allowAfterMs?: number;
  /**
   * Public keys (adb's text form) the phone remembers — its owner once ticked "Always allow from this
   * computer": a token signed by one of them lets the computer in without a prompt.
   */
  trusts?: readonly string[];
  /** A shell command, or a file pulled, during which the cable is pulled: half of it is sent, then the phone is gone. */
  cutDuring?: string;
  /** Drop the connection when the host opens this many services (the cable is pulled mid-scan). */
  disconnectAfter?: number;
  /** Shell commands the phone starts but never finishes (a hung phone). */
  stallOn?: readonly string[];
  /**
   * A shell command whose output the phone announces with a lying WRTE header: the length it declares (up to
   * 4 GiB), then only a few bytes — a modified adbd trying to make the computer buffer gigabytes.
   */
  lieAbout?: { command: string; declaredBytes: number };
  /**
   * A file whose pull the phone answers with a lying sync DATA header: the length it declares (up to 4 GiB), then
   * only a few bytes — a modified adbd trying to make the computer buffer gigabytes for a small file.
   */
  lieInSync?: { path: string; declaredBytes: number };
  /** A shell command whose output the phone drips, one byte every `intervalMs` (never silent long enough to be taken for gone). */
  trickle?: { command: string; intervalMs: number };
  /** How long each command takes to print (see `realisticDuration`); none by default. */
  timing?: 'realistic';
}

/** The bytes per second a phone's `sha256sum` reads APKs at (flash storage and one core). */
const HASH_BYTES_PER_SECOND = 150 * 1024 * 1024;

/**
 * How long a mid-range phone takes to print each command: `dumpsys package` about 3 s, `dumpsys appops` about
 * 1 s, the other listings 0.1–0.4 s, `sha256sum` by the bytes it reads.
 */
export function realisticDuration(command: string, phone: SimulatedPhone): number {
  if (command === 'dumpsys package') return 3000;
  if (command === 'dumpsys appops') return 1000;
  if (command.startsWith('sha256sum ')) {
    const bytes = command.slice('sha256sum '.length).split(' ').reduce((sum, path) => sum + (phone.file(path)?.length ?? 0), 0);
    return 50 + (bytes / HASH_BYTES_PER_SECOND) * 1000;
  }
  if (command.startsWith('dumpsys ') || command.startsWith('pm list packages')) return 400;
  if (command.startsWith('cmd package ') || command.startsWith('ps ')) return 300;
  if (command.startsWith('settings ') || command.startsWith('pm list users')) return 150;
  return 100;
}

export interface ServiceLogEntry {
  /** `shell:COMMAND`, `sync:`, or a sync request inside it (`sync:STAT PATH`, `sync:RECV PATH`). */
  service: string;
  at: number;
  /** SHA-256 of what the phone sent back (a command's output, a pulled file); null when it sent nothing. */
  sentSha256: string | null;
}

interface Message {
  command: number;
  arg0: number;
  arg1: number;
  payload: Buffer;
}

function encode(command: number, arg0: number, arg1: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(HEADER_BYTES);
  let checksum = 0;
  for (const byte of payload) checksum = (checksum + byte) >>> 0;
  header.writeUInt32LE(command, 0);
  header.writeUInt32LE(arg0 >>> 0, 4);
  header.writeUInt32LE(arg1 >>> 0, 8);
  header.writeUInt32LE(payload.length, 12);
  header.writeUInt32LE(checksum, 16);
  header.writeUInt32LE((command ^ 0xffffffff) >>> 0, 20);
  return Buffer.concat([header, payload]);
}

/** One open stream (a shell command or a sync session): sends in order, one WRTE at a time. */
class Stream {
  private queue: Buffer[] = [];
  private waiting = false;
  private closeWhenDrained = false;
  closed = false;
  syncInput = Buffer.alloc(0);
  /** Called once everything written so far has been sent and acknowledged. */
  private whenDrained: (() => void) | null = null;

  constructor(
    readonly localId: number,
    readonly remoteId: number,
    private readonly send: (message: Buffer) => void,
    private readonly maxPayload: number,
  ) {}

  write(bytes: Buffer): void {
    for (let offset = 0; offset < bytes.length; offset += this.maxPayload) this.queue.push(bytes.subarray(offset, offset + this.maxPayload));
    this.pump();
  }

  end(): void {
    this.closeWhenDrained = true;
    this.pump();
  }

  acknowledged(): void {
    this.waiting = false;
    this.pump();
  }

  /** Runs `action` once everything written so far has been sent and acknowledged. */
  afterDrain(action: () => void): void {
    this.whenDrained = action;
    this.pump();
  }

  private pump(): void {
    if (this.closed || this.waiting) return;
    const next = this.queue.shift();
    if (next) {
      this.waiting = true;
      this.send(encode(A_WRTE, this.localId, this.remoteId, next));
    } else if (this.whenDrained) {
      const action = this.whenDrained;
      this.whenDrained = null;
      action();
    } else if (this.closeWhenDrained) {
      this.closed = true;
      this.send(encode(A_CLSE, this.localId, this.remoteId));
    }
  }
}

export class AdbdSimulator {
  readonly log: ServiceLogEntry[] = [];
  /** The public keys computers offered (adb's text form: base64, then an optional name), as its prompt saw them. */
  readonly offeredKeys: string[] = [];
  /** Bytes written to the host (headers and payloads): what the cable carried from the phone. */
  bytesSent = 0;
  private server: net.Server | null = null;
  private readonly sockets = new Set<net.Socket>();
  /** Connections whose prompt is on the screen, unanswered. */
  private readonly prompts = new Set<() => void>();

  constructor(
    private readonly phone: SimulatedPhone,
    private readonly behaviour: SimulatorBehaviour = {},
  ) {}

  /** Listens on 127.0.0.1 (a random port unless given); returns the port. */
  async start(port = 0): Promise<number> {
    this.server = net.createServer((socket) => this.serve(socket));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Its owner taps "Allow" on the prompt on the screen now (a phone made `unauthorized`). */
  allowPrompt(): void {
    for (const allow of this.prompts) allow();
    this.prompts.clear();
  }

  /** The services opened and sync requests received, in order. */
  commands(): string[] {
    return this.log.map((entry) => entry.service);
  }

  private serve(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffered = Buffer.alloc(0);
    let maxPayload = MAX_PAYLOAD;
    let nextLocalId = 1;
    let token = Buffer.alloc(0);
    let opened = 0;
    const streams = new Map<number, Stream>();
    const send = (message: Buffer) => {
      if (socket.destroyed) return;
      this.bytesSent += message.length;
      socket.write(message);
    };
    const connected = () => {
      const { name, model, device } = this.phone.banner;
      send(encode(A_CNXN, A_VERSION, maxPayload, Buffer.from(`device::ro.product.name=${name};ro.product.model=${model};ro.product.device=${device};features=\0`)));
    };

    const onMessage = async (message: Message) => {
      switch (message.command) {
        case A_CNXN: {
          maxPayload = Math.min(MAX_PAYLOAD, message.arg1 || MAX_PAYLOAD);
          if (this.behaviour.unauthorized || this.behaviour.allowAfterMs !== undefined || this.behaviour.trusts) {
            token = randomBytes(20);
            send(encode(A_AUTH, AUTH_TOKEN, 0, token));
            return;
          }
          connected();
          return;
        }
        case A_AUTH:
          if (message.arg0 === AUTH_SIGNATURE && this.behaviour.trusts?.some((key) => signedBy(key, token, message.payload))) {
            // A key its owner told it to remember: no prompt.
            connected();
          } else if (message.arg0 === AUTH_PUBLIC_KEY) {
            // The phone shows its prompt with this key's fingerprint; its owner answers, or never does.
            this.offeredKeys.push(message.payload.toString('utf8').replace(/\0+$/, ''));
            if (!this.behaviour.unauthorized) setTimeout(connected, this.behaviour.allowAfterMs ?? 0);
            else {
              this.prompts.add(connected);
              socket.on('close', () => this.prompts.delete(connected));
            }
          } else {
            // A signature by a key this phone does not know: it asks again.
            token = randomBytes(20);
            send(encode(A_AUTH, AUTH_TOKEN, 0, token));
          }
          return;
        case A_OPEN: {
          const service = message.payload.toString('utf8').replace(/\0+$/, '');
          opened += 1;
          const entry: ServiceLogEntry = { service, at: Date.now(), sentSha256: null };
          this.log.push(entry);
          if (this.behaviour.disconnectAfter !== undefined && opened > this.behaviour.disconnectAfter) {
            socket.destroy();
            return;
          }
          const stream = new Stream(nextLocalId++, message.arg0, send, maxPayload);
          streams.set(stream.localId, stream);
          // Each stream answers on its own time, as adbd runs each service in its own process: a slow
          // command does not hold the others back.
          void this.answer(service, entry, stream, socket, send);
          return;
        }
        case A_OKAY:
          streams.get(message.arg1)?.acknowledged();
          return;
        case A_WRTE: {
          const stream = streams.get(message.arg1);
          if (!stream) return;
          send(encode(A_OKAY, stream.localId, stream.remoteId));
          stream.syncInput = Buffer.concat([stream.syncInput, message.payload]);
          this.serveSync(stream, () => socket.destroy());
          return;
        }
        case A_CLSE: {
          const stream = streams.get(message.arg1);
          if (stream && !stream.closed) {
            stream.closed = true;
            send(encode(A_CLSE, stream.localId, stream.remoteId));
          }
          streams.delete(message.arg1);
          return;
        }
        default:
          return;
      }
    };

    // Messages are handled one at a time, in order, even when one waits (latency).
    let chain = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      while (buffered.length >= HEADER_BYTES) {
        const length = buffered.readUInt32LE(12);
        if (buffered.length < HEADER_BYTES + length) break;
        const message: Message = {
          command: buffered.readUInt32LE(0),
          arg0: buffered.readUInt32LE(4),
          arg1: buffered.readUInt32LE(8),
          payload: Buffer.from(buffered.subarray(HEADER_BYTES, HEADER_BYTES + length)),
        };
        buffered = buffered.subarray(HEADER_BYTES + length);
        chain = chain.then(() => onMessage(message)).catch(() => void socket.destroy());
      }
    });
  }

  /** Opens a service: after the link's latency, OKAY; a shell command's output after the time the phone takes to print it. */
  private async answer(service: string, entry: ServiceLogEntry, stream: Stream, socket: net.Socket, send: (message: Buffer) => void): Promise<void> {
    const wait = (ms: number) => (ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
    await wait(this.behaviour.latencyMs ?? 0);
    if (socket.destroyed || stream.closed) return;
    send(encode(A_OKAY, stream.localId, stream.remoteId));
    if (!service.startsWith('shell:')) {
      if (service !== 'sync:') stream.end();
      return;
    }
    const command = service.slice('shell:'.length);
    if (this.behaviour.stallOn?.includes(command)) return; // the stream stays open and silent
    if (this.behaviour.trickle?.command === command) {
      const output = this.phone.shell(command) ?? Buffer.alloc(0);
      for (let at = 0; at < output.length && !socket.destroyed && !stream.closed; at += 1) {
        stream.write(output.subarray(at, at + 1));
        await wait(this.behaviour.trickle.intervalMs);
      }
      stream.end();
      return;
    }
    if (this.behaviour.lieAbout?.command === command) {
      const lie = encode(A_WRTE, stream.localId, stream.remoteId, Buffer.from('only this'));
      lie.writeUInt32LE(this.behaviour.lieAbout.declaredBytes >>> 0, 12);
      send(lie);
      return;
    }
    if (this.behaviour.timing === 'realistic') await wait(realisticDuration(command, this.phone));
    if (socket.destroyed || stream.closed) return;
    const output = this.phone.shell(command) ?? Buffer.from(`/system/bin/sh: ${command.split(' ')[0]}: inaccessible or not found\n`);
    entry.sentSha256 = sha256(output);
    if (command === this.behaviour.cutDuring) {
      stream.write(output.subarray(0, Math.floor(output.length / 2)));
      stream.afterDrain(() => socket.destroy());
      return;
    }
    stream.write(output);
    stream.end();
  }

  /** The sync protocol: STAT and RECV (what `adb pull` uses), QUIT; anything else fails politely. */
  private serveSync(stream: Stream, pullCable: () => void): void {
    while (stream.syncInput.length >= 8) {
      const id = stream.syncInput.subarray(0, 4).toString('latin1');
      const length = stream.syncInput.readUInt32LE(4);
      if (id === 'QUIT') {
        stream.syncInput = Buffer.alloc(0);
        stream.end();
        return;
      }
      if (stream.syncInput.length < 8 + length) return;
      const path = stream.syncInput.subarray(8, 8 + length).toString('utf8');
      stream.syncInput = stream.syncInput.subarray(8 + length);
      const bytes = this.phone.file(path);
      this.log.push({ service: `sync:${id} ${path}`, at: Date.now(), sentSha256: bytes && id === 'RECV' ? sha256(bytes) : null });
      if (id === 'STAT') {
        const reply = Buffer.alloc(16);
        reply.write('STAT', 0, 'latin1');
        reply.writeUInt32LE(bytes ? 0o100644 : 0, 4);
        reply.writeUInt32LE(bytes?.length ?? 0, 8);
        reply.writeUInt32LE(bytes ? 1_700_000_000 : 0, 12);
        stream.write(reply);
      } else if (id === 'RECV') {
        if (!bytes) {
          stream.write(syncMessage('FAIL', Buffer.from('No such file or directory')));
          continue;
        }
        if (path === this.behaviour.lieInSync?.path) {
          const lie = syncMessage('DATA', Buffer.from('only this'));
          lie.writeUInt32LE(this.behaviour.lieInSync.declaredBytes >>> 0, 4);
          stream.write(lie);
          return;
        }
        if (path === this.behaviour.cutDuring) {
          stream.write(syncMessage('DATA', bytes.subarray(0, Math.min(SYNC_DATA_MAX, Math.floor(bytes.length / 2)))));
          stream.afterDrain(pullCable);
          return;
        }
        for (let offset = 0; offset < bytes.length; offset += SYNC_DATA_MAX) stream.write(syncMessage('DATA', bytes.subarray(offset, offset + SYNC_DATA_MAX)));
        const done = Buffer.alloc(8);
        done.write('DONE', 0, 'latin1');
        done.writeUInt32LE(1_700_000_000, 4);
        stream.write(done);
      } else {
        stream.write(syncMessage('FAIL', Buffer.from(`unsupported sync request ${id}`)));
      }
    }
  }
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function syncMessage(id: string, data: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(data.length, 4);
  return Buffer.concat([header, data]);
}

/**
 * Whether `signature` is `token` signed by `publicKey` (adb's text form: base64 of its 524-byte structure —
 * word count, n0inv, the modulus little-endian, rr, the exponent), checked as adbd does: RSA PKCS #1 v1.5
 * over the token taken as a SHA-1 digest.
 */
function signedBy(publicKey: string, token: Buffer, signature: Buffer): boolean {
  try {
    const structure = Buffer.from(publicKey.split(/\s+/)[0] ?? '', 'base64');
    const words = structure.readUInt32LE(0);
    const modulus = Buffer.from(structure.subarray(8, 8 + words * 4)).reverse();
    const exponent = structure.readUInt32LE(8 + words * 8).toString(16);
    const e = Buffer.from(exponent.length % 2 ? `0${exponent}` : exponent, 'hex');
    const key = createPublicKey({ key: { kty: 'RSA', n: modulus.toString('base64url'), e: e.toString('base64url') }, format: 'jwk' });
    const recovered = publicDecrypt({ key, padding: constants.RSA_PKCS1_PADDING }, signature);
    return recovered.equals(Buffer.concat([SHA1_DIGEST_INFO, token]));
  } catch {
    return false;
  }
}
