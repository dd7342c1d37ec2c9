// libsodium's crypto_secretstream_xchacha20poly1305, through sodium-native, with the few details of this
// binding kept in one place: the state is a plain buffer of STATEBYTES and tags are small integers.
import sodium from 'sodium-native';
import type { StreamPuller } from '../../src-shared/bundle-crypto.js';

type State = Parameters<typeof sodium.crypto_secretstream_xchacha20poly1305_push>[0];

export const HEADER_BYTES = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
export const A_BYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
export const KEY_BYTES = sodium.crypto_secretstream_xchacha20poly1305_KEYBYTES;
const TAG_MESSAGE = Number(sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
const TAG_FINAL = Number(sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL);

/** The binding's typings predate STATEBYTES; the constant is there at run time. */
export const STATE_BYTES = (sodium as unknown as { crypto_secretstream_xchacha20poly1305_STATEBYTES: number }).crypto_secretstream_xchacha20poly1305_STATEBYTES;

function newState(): Buffer {
  return Buffer.alloc(STATE_BYTES);
}

export class StreamEncryptor {
  private readonly state = newState();
  readonly header = Buffer.alloc(HEADER_BYTES);

  constructor(key: Buffer) {
    sodium.crypto_secretstream_xchacha20poly1305_init_push(this.state as unknown as State, this.header, key);
  }

  /** Encrypts one message; `final` marks the end of the stream (a reader that never sees it knows it was cut). */
  push(message: Buffer, final: boolean, ad: Buffer | null = null): Buffer {
    return this.pushInto(Buffer.allocUnsafe(message.length + A_BYTES), message, final, ad);
  }

  /** Wipes the state (it holds the stream's key). */
  dispose(): void {
    sodium.sodium_memzero(this.state);
  }

  /** The same, into `output` (at least A_BYTES longer than the message): a writer can reuse one buffer. */
  pushInto(output: Buffer, message: Buffer, final: boolean, ad: Buffer | null = null): Buffer {
    const ciphertext = output.subarray(0, message.length + A_BYTES);
    sodium.crypto_secretstream_xchacha20poly1305_push(this.state as unknown as State, ciphertext, message, ad, (final ? TAG_FINAL : TAG_MESSAGE) as unknown as Buffer);
    return ciphertext;
  }
}

export class StreamDecryptor implements StreamPuller {
  private readonly state = newState();

  constructor(key: Buffer, header: Buffer) {
    sodium.crypto_secretstream_xchacha20poly1305_init_pull(this.state as unknown as State, header, key);
  }

  /** The message and its tag; null when it does not authenticate here (libsodium then leaves the state as it was). */
  pull(ciphertext: Uint8Array, ad: Uint8Array | null = null): { message: Buffer; tag: number } | null {
    if (ciphertext.length < A_BYTES) return null;
    const message = Buffer.allocUnsafe(ciphertext.length - A_BYTES);
    const tag = Buffer.alloc(1);
    try {
      sodium.crypto_secretstream_xchacha20poly1305_pull(this.state as unknown as State, message, tag, asBuffer(ciphertext), ad ? asBuffer(ad) : null);
    } catch {
      return null;
    }
    return { message, tag: tag[0]! };
  }

  /** Wipes the state (it holds the stream's key). */
  dispose(): void {
    sodium.sodium_memzero(this.state);
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
