// Opening an evidence bundle: the clear header, the file key (with the recipient's secret key or the
// passphrase), then the records one decrypted message at a time, never the whole file in memory. Whatever
// is wrong is told precisely: not a bundle, wrong key, cut short, a chunk altered, chunks out of order.
import fs from 'node:fs';
import sodium from 'sodium-native';
import type { BundleHeader, VerifyProblemCode } from '../../src-shared/bundle.js';
import { derivePassphraseKey, unwrapKey } from '../vault/key-wrapping.js';
import { decodePrelude, maxMessageBytes, RecordType } from './bundle-format.js';
import { PASSPHRASE_AD } from './bundle-writer.js';
import type { RecipientKeyPair } from './recipient-keys.js';
import { KEY_BYTES, StreamDecryptor } from './secret-stream.js';

export class BundleProblem extends Error {
  constructor(
    readonly code: VerifyProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'BundleProblem';
  }
}

export interface OpenBundleOptions {
  identity?: RecipientKeyPair;
  passphrase?: string;
}

export interface BundleRecord {
  /** Position of the message in the stream, from 1, as the messages name it. */
  index: number;
  type: RecordType;
  payload: Buffer;
  /** The message the writer tagged as the last one. */
  final: boolean;
}

/** How many messages past a failing one are tried, to tell a swap from an alteration. */
const LOOKAHEAD = 16;

export class BundleReader {
  /** Bytes found after the end record (known once the records are read): reported, not read. */
  trailingBytes = 0;

  private constructor(
    private readonly handle: fs.promises.FileHandle,
    readonly header: BundleHeader,
    private readonly decryptor: StreamDecryptor,
    private readonly ad: Buffer,
    private readonly start: number,
    readonly size: number,
  ) {}

  static async open(file: string, options: OpenBundleOptions): Promise<BundleReader> {
    const handle = await fs.promises.open(file, 'r');
    try {
      const { size } = await handle.stat();
      let head = await readAt(handle, 0, Math.min(size, 64 * 1024));
      let prelude = decodePrelude(head);
      if (!prelude.ok && prelude.problem === 'truncated' && head.length < size) {
        head = await readAt(handle, 0, Math.min(size, 2 * 1024 * 1024));
        prelude = decodePrelude(head);
      }
      if (!prelude.ok) throw new BundleProblem(prelude.problem, `This file cannot be opened as a bundle: ${prelude.detail}.`);
      const fileKey = await unlockFileKey(prelude.header, options);
      try {
        return new BundleReader(handle, prelude.header, new StreamDecryptor(fileKey, prelude.streamHeader), prelude.ad, prelude.length, size);
      } finally {
        sodium.sodium_memzero(fileKey);
      }
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  /** The records in order; throws a BundleProblem at the first message that does not hold. Ends after the final one. */
  async *records(): AsyncGenerator<BundleRecord> {
    const max = maxMessageBytes(this.header.chunkSize);
    let position = this.start;
    for (let index = 1; ; index += 1) {
      const message = await this.messageAt(position, max);
      if (message === 'end-of-file') throw new BundleProblem('truncated', `The bundle is cut short: it ends after chunk ${index - 1}, before its last chunk. Ask for it to be sent again.`);
      if (message === 'cut') throw new BundleProblem('truncated', `The bundle is cut short inside chunk ${index}. Ask for it to be sent again.`);
      if (message === 'bad-length') throw new BundleProblem('chunk-altered', `Chunk ${index} was altered: its length is impossible.`);
      const opened = this.decryptor.pull(message.ciphertext, index === 1 ? this.ad : null);
      if (!opened) throw await this.explainFailure(index, message.next, max);
      position = message.next;
      const type = opened.message[0] as RecordType;
      yield { index, type, payload: opened.message.subarray(1), final: opened.final };
      if (opened.final) {
        this.trailingBytes = this.size - position;
        return;
      }
    }
  }

  async close(): Promise<void> {
    this.decryptor.dispose();
    await this.handle.close();
  }

  private async messageAt(position: number, max: number): Promise<{ ciphertext: Buffer; next: number } | 'end-of-file' | 'cut' | 'bad-length'> {
    if (position === this.size) return 'end-of-file';
    if (position + 4 > this.size) return 'cut';
    const length = (await readAt(this.handle, position, 4)).readUInt32BE(0);
    if (length > max || length === 0) return 'bad-length';
    if (position + 4 + length > this.size) return 'cut';
    return { ciphertext: await readAt(this.handle, position + 4, length), next: position + 4 + length };
  }

  /** A message that does not decrypt: altered, or another one's place (swapped, removed)? */
  private async explainFailure(index: number, next: number, max: number): Promise<BundleProblem> {
    let position = next;
    for (let ahead = 1; ahead <= LOOKAHEAD; ahead += 1) {
      const later = await this.messageAt(position, max);
      if (typeof later === 'string') break;
      // The first message is bound to the clear header: a later one opening with that binding was moved.
      if (this.decryptor.wouldPull(later.ciphertext, index === 1 ? this.ad : null)) {
        return new BundleProblem('chunks-reordered', `The chunks of the bundle are out of order: chunk ${index + ahead} is where chunk ${index} should be (chunks were swapped or removed).`);
      }
      position = later.next;
    }
    if (index === 1) return new BundleProblem('header-altered', 'The beginning of the bundle was altered: its clear header or its first chunk does not match what was sealed.');
    return new BundleProblem('chunk-altered', `Chunk ${index} of the bundle was altered: it does not decrypt. The bundle cannot be trusted as it is; ask for it to be sent again.`);
  }
}

async function readAt(handle: fs.promises.FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
}

async function unlockFileKey(header: BundleHeader, options: OpenBundleOptions): Promise<Buffer> {
  if (options.identity) {
    const identity = options.identity;
    const fileKey = sodium.sodium_malloc(KEY_BYTES);
    // The entry with this key's fingerprint first; a fingerprint can be edited, so every entry is tried.
    const ordered = [...header.recipients].sort((a, b) => Number(b.fingerprint === identity.fingerprint) - Number(a.fingerprint === identity.fingerprint));
    for (const recipient of ordered) {
      const sealed = Buffer.from(recipient.sealedKey, 'base64');
      if (sealed.length === KEY_BYTES + sodium.crypto_box_SEALBYTES && sodium.crypto_box_seal_open(fileKey, sealed, identity.publicKey, identity.secretKey)) return fileKey;
    }
    if (header.recipients.some((recipient) => recipient.fingerprint === identity.fingerprint)) {
      throw new BundleProblem('header-altered', `The bundle names your key (${identity.fingerprint}) but the file key sealed for it was altered: it cannot be opened with this key.`);
    }
    const sealedFor = header.recipients.map((recipient) => recipient.fingerprint).join(', ') || 'nobody (passphrase only)';
    throw new BundleProblem('wrong-key', `This bundle was not sealed for the key ${identity.fingerprint}. It was sealed for: ${sealedFor}${header.passphrase ? ', and a passphrase' : ''}.`);
  }
  if (options.passphrase !== undefined) {
    if (!header.passphrase) throw new BundleProblem('wrong-key', 'This bundle has no passphrase: open it with the secret key of one of its recipients.');
    const { salt, opslimit, memlimit, nonce, ciphertext } = header.passphrase;
    const wrappingKey = await derivePassphraseKey(options.passphrase, { algorithm: 'argon2id13', salt, opslimit, memlimit });
    try {
      const fileKey = unwrapKey(wrappingKey, { nonce, ciphertext }, PASSPHRASE_AD);
      if (!fileKey) throw new BundleProblem('wrong-key', 'The passphrase is not the one this bundle was sealed with.');
      return fileKey;
    } finally {
      sodium.sodium_memzero(wrappingKey);
    }
  }
  throw new BundleProblem('wrong-key', 'A key is needed to open this bundle: a recipient’s secret key file, or the passphrase.');
}
