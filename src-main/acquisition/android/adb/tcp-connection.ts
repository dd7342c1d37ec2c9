// ADB packets over a TCP socket: how Sentinelle reaches a phone in wireless-debugging (`adb tcpip`) mode, and
// the simulated phone, without any adb server. Bytes from the socket are cut into packets (24-byte header,
// then the payload); packets to send are serialised by Tango.
import net from 'node:net';
import { AdbPacket, AdbPacketSerializeStream, type AdbDaemonConnection } from '@yume-chan/adb';
import { MaybeConsumable, pipeFrom, ReadableStream, StructDeserializeStream } from '@yume-chan/stream-extra';

export interface OpenedConnection {
  connection: AdbDaemonConnection;
  /** Tears the link down at once (detached, or given up on). */
  close(): void;
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
      resolve({ connection: daemonConnection(socket), close: () => socket.destroy() });
    });
  });
}

function daemonConnection(socket: net.Socket): AdbDaemonConnection {
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
  const readable: AdbDaemonConnection['readable'] = bytes.pipeThrough(new StructDeserializeStream(AdbPacket));
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
