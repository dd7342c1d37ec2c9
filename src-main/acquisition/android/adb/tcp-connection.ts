// ADB packets over a TCP socket: how Sentinelle reaches a phone in wireless-debugging (`adb tcpip`) mode, and
// the simulated phone, without any adb server. Bytes from the socket are cut into packets (24-byte header,
// then the payload); each header is checked before its payload is buffered (the magic, a length no adbd
// sends: a modified adbd declaring 1.5 GiB must not make the computer wait for and hold it); packets to send
// are serialised by Tango.
import net from 'node:net';
import { AdbPacket, AdbPacketSerializeStream, type AdbDaemonConnection } from '@yume-chan/adb';
import { MaybeConsumable, pipeFrom, ReadableStream, StructDeserializeStream, TransformStream } from '@yume-chan/stream-extra';
import { ProtocolViolation } from './transfer.js';

export interface OpenedConnection {
  connection: AdbDaemonConnection;
  /** Tears the link down at once (detached, or given up on). */
  close(): void;
  /** What the phone sent that no adbd sends, when it broke the protocol (the link is then torn down). */
  violation?: () => ProtocolViolation | null;
}

/** How long a phone may take to accept the TCP connection. */
const CONNECT_TIMEOUT_MS = 10_000;

export function connectTcp(host: string, port: number): Promise<OpenedConnection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => socket.destroy(new Error(`no answer from ${host}:${port} within ${CONNECT_TIMEOUT_MS} ms`)));
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.off('error', reject);
      socket.setNoDelay(true);
      let broken: ProtocolViolation | null = null;
      resolve({ connection: daemonConnection(socket, (violation) => (broken ??= violation)), close: () => socket.destroy(), violation: () => broken });
    });
  });
}

function daemonConnection(socket: net.Socket, onViolation: (violation: ProtocolViolation) => void): AdbDaemonConnection {
  const bytes = new ReadableStream<Uint8Array>({
    start(controller) {
      const settle = (action: () => void) => {
        try {
          action();
        } catch {
          // already closed or errored
        }
      };
      socket.on('data', (chunk: Buffer) => {
        settle(() => controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
        if ((controller.desiredSize ?? 1) <= 0) socket.pause();
      });
      socket.on('error', (error) => settle(() => controller.error(error)));
      socket.on('close', () => settle(() => controller.close()));
    },
    pull() {
      socket.resume();
    },
    cancel() {
      socket.destroy();
    },
  });
  const readable: AdbDaemonConnection['readable'] = bytes.pipeThrough(packetGuard((violation) => {
    onViolation(violation);
    socket.destroy(violation);
  })).pipeThrough(new StructDeserializeStream(AdbPacket));
  const writable = pipeFrom(
    new MaybeConsumable.WritableStream<Uint8Array>({
      // Bytes for a connection already gone are dropped: the reading side has seen it close, and everything
      // waiting on the phone ends with it.
      write: (chunk) =>
        new Promise<void>((resolve) => {
          if (socket.destroyed) resolve();
          else socket.write(chunk, () => resolve());
        }),
      close: () => {
        socket.end();
      },
      abort: () => {
        socket.destroy();
      },
    }),
    new AdbPacketSerializeStream(),
  );
  return { readable, writable };
}

/** The largest payload adbd sends in one packet (MAX_PAYLOAD since Android 9; older phones send less). */
export const MAX_PACKET_PAYLOAD = 1024 * 1024;
const HEADER_BYTES = 24;

/** Passes the bytes on as they come, checking each packet's header as it completes. */
function packetGuard(onViolation: (violation: ProtocolViolation) => void): TransformStream<Uint8Array, Uint8Array> {
  const header = new Uint8Array(HEADER_BYTES);
  let inHeader = 0;
  let payloadLeft = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      let at = 0;
      while (at < chunk.length) {
        if (payloadLeft > 0) {
          const take = Math.min(payloadLeft, chunk.length - at);
          payloadLeft -= take;
          at += take;
          continue;
        }
        const take = Math.min(HEADER_BYTES - inHeader, chunk.length - at);
        header.set(chunk.subarray(at, at + take), inHeader);
        inHeader += take;
        at += take;
        if (inHeader < HEADER_BYTES) break;
        inHeader = 0;
        const view = new DataView(header.buffer);
        const command = view.getUint32(0, true);
        const length = view.getUint32(12, true);
        const broken =
          (command ^ 0xffffffff) >>> 0 !== view.getUint32(20, true)
            ? new ProtocolViolation(`a packet header whose magic does not match its command (0x${command.toString(16)})`)
            : length > MAX_PACKET_PAYLOAD
              ? new ProtocolViolation(`a packet declaring ${length} bytes, more than adbd ever sends (${MAX_PACKET_PAYLOAD})`)
              : null;
        if (broken) {
          onViolation(broken);
          controller.error(broken);
          return;
        }
        payloadLeft = length;
      }
      controller.enqueue(chunk);
    },
  });
}
