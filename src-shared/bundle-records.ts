// Opening an evidence bundle from any source of bytes (a file in Node, a File in the lawyer's browser): the
// prelude, the file key (with a recipient's secret key or the passphrase), then the records one decrypted
// message at a time, never the whole bundle in memory. Whatever is wrong stops the reading with its problem
// code (docs/bundle-format.md, section 7, steps 1 to 3): not a bundle, wrong key, cut short, a message
// altered, messages out of order.
import { base64ToBytes, readUint32BE, utf8Bytes } from './bytes.js';
import { sha256Of, TAG_FINAL, TAG_MESSAGE, type BundleCrypto, type StreamPuller } from './bundle-crypto.js';
import type { BundleHeader } from './bundle-header.js';
import { decodePrelude, FILE_KEY_BYTES, maxMessageBytes, PASSPHRASE_AD, preludeLength, type RecordType } from './bundle-layout.js';
import type { VerifyProblemCode } from './bundle-verdict.js';
import { fingerprintOfDigest, sameFingerprint } from './fingerprint.js';

/** Random access to a bundle's bytes. */
export interface ByteSource {
  readonly size: number;
  /** Up to `length` bytes from `position` (fewer only at the end). */
  read(position: number, length: number): Promise<Uint8Array>;
}

/** A problem that stops the reading, with its code. */
export class BundleProblem extends Error {
  constructor(
    readonly code: VerifyProblemCode,
    message: string,
  ) {
    super(message);
    this.name = 'BundleProblem';
  }
}

/** What opens the file key: a recipient's key pair, or the passphrase. */
export interface BundleOpening {
  identity?: { publicKey: Uint8Array; secretKey: Uint8Array };
  passphrase?: string;
}

export interface BundleRecord {
  /** Position of the message in the stream, from 1, as the messages name it. */
  index: number;
  /** The record's type byte (undefined for an empty message). */
  type: RecordType | number | undefined;
  payload: Uint8Array;
  /** The message the writer tagged as the last one. */
  final: boolean;
}

/** How many messages past a failing one are tried, to tell a swap from an alteration. */
const LOOKAHEAD = 16;
/** The first read: enough for any real prelude; a larger header is read again in full. */
const FIRST_READ_BYTES = 64 * 1024;

export class BundleRecords {
  /** Bytes found after the end record (known once the records are read): reported, not read. */
  trailingBytes = 0;

  private constructor(
    private readonly source: ByteSource,
    readonly header: BundleHeader,
    private readonly puller: StreamPuller,
    private readonly ad: Uint8Array,
    private readonly start: number,
  ) {}

  get size(): number {
    return this.source.size;
  }

  static async open(source: ByteSource, opening: BundleOpening, crypto: BundleCrypto): Promise<BundleRecords> {
    let head = await source.read(0, Math.min(source.size, FIRST_READ_BYTES));
    let prelude = decodePrelude(head);
    const needed = preludeLength(head);
    if (!prelude.ok && prelude.problem === 'truncated' && needed !== null && needed > head.length && head.length < source.size) {
      head = await source.read(0, Math.min(source.size, needed));
      prelude = decodePrelude(head);
    }
    if (!prelude.ok) throw new BundleProblem(prelude.problem, `This file cannot be opened as a bundle: ${prelude.detail}.`);
    const fileKey = await unlockFileKey(prelude.header, opening, crypto);
    try {
      return new BundleRecords(source, prelude.header, crypto.streamPuller(prelude.streamHeader, fileKey), sha256Of(crypto, prelude.prelude), prelude.prelude.length);
    } finally {
      crypto.wipe(fileKey);
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
      const opened = this.puller.pull(message.ciphertext, index === 1 ? this.ad : null);
      if (!opened) throw await this.explainFailure(index, message.next, max);
      if (opened.tag !== TAG_MESSAGE && opened.tag !== TAG_FINAL) throw new BundleProblem('chunk-altered', `Chunk ${index} carries a tag the format never uses (${opened.tag}).`);
      position = message.next;
      const final = opened.tag === TAG_FINAL;
      yield { index, type: opened.message[0], payload: opened.message.subarray(1), final };
      if (final) {
        this.trailingBytes = this.source.size - position;
        return;
      }
    }
  }

  close(): void {
    this.puller.dispose();
  }

  private async messageAt(position: number, max: number): Promise<{ ciphertext: Uint8Array; next: number } | 'end-of-file' | 'cut' | 'bad-length'> {
    const size = this.source.size;
    if (position === size) return 'end-of-file';
    if (position + 4 > size) return 'cut';
    const length = readUint32BE(await this.source.read(position, 4), 0);
    if (length > max || length === 0) return 'bad-length';
    if (position + 4 + length > size) return 'cut';
    return { ciphertext: await this.source.read(position + 4, length), next: position + 4 + length };
  }

  /**
   * A message that does not decrypt: altered, or another one's place (swapped, removed)? The next ones are
   * tried with the same state (a message that does not authenticate leaves it as it was); one that opens
   * ends the search.
   */
  private async explainFailure(index: number, next: number, max: number): Promise<BundleProblem> {
    let position = next;
    for (let ahead = 1; ahead <= LOOKAHEAD; ahead += 1) {
      const later = await this.messageAt(position, max);
      if (typeof later === 'string') break;
      // The first message is bound to the clear header: a later one opening with that binding was moved.
      if (this.puller.pull(later.ciphertext, index === 1 ? this.ad : null)) {
        return new BundleProblem('chunks-reordered', `The chunks of the bundle are out of order: chunk ${index + ahead} is where chunk ${index} should be (chunks were swapped or removed).`);
      }
      position = later.next;
    }
    if (index === 1) return new BundleProblem('header-altered', 'The beginning of the bundle was altered: its clear header or its first chunk does not match what was sealed.');
    return new BundleProblem('chunk-altered', `Chunk ${index} of the bundle was altered: it does not decrypt. The bundle cannot be trusted as it is; ask for it to be sent again.`);
  }
}

/** Section 4 and step 2 of section 7: the file key, from a recipient's secret key or the passphrase. */
async function unlockFileKey(header: BundleHeader, opening: BundleOpening, crypto: BundleCrypto): Promise<Uint8Array> {
  if (opening.identity) {
    const { publicKey, secretKey } = opening.identity;
    const fingerprint = fingerprintOfDigest(sha256Of(crypto, publicKey));
    const mine = (entry: { fingerprint: string }) => sameFingerprint(entry.fingerprint, fingerprint);
    // The entry with this key's fingerprint first; a fingerprint can be edited, so every entry is tried.
    const ordered = [...header.recipients].sort((a, b) => Number(mine(b)) - Number(mine(a)));
    for (const recipient of ordered) {
      const fileKey = crypto.openSealed(base64ToBytes(recipient.sealedKey), publicKey, secretKey);
      if (fileKey && fileKey.length === FILE_KEY_BYTES) return fileKey;
    }
    if (header.recipients.some(mine)) throw new BundleProblem('header-altered', `The bundle names your key (${fingerprint}) but the file key sealed for it was altered: it cannot be opened with this key.`);
    const sealedFor = header.recipients.map((recipient) => recipient.fingerprint).join(', ') || 'nobody (passphrase only)';
    throw new BundleProblem('wrong-key', `This bundle was not sealed for the key ${fingerprint}. It was sealed for: ${sealedFor}${header.passphrase ? ', and a passphrase' : ''}.`);
  }
  if (opening.passphrase !== undefined) {
    if (!header.passphrase) throw new BundleProblem('wrong-key', 'This bundle has no passphrase: open it with the secret key of one of its recipients.');
    const { salt, opslimit, memlimit, nonce, ciphertext } = header.passphrase;
    const secret = utf8Bytes(opening.passphrase.normalize('NFC'));
    const wrappingKey = await crypto.argon2id(secret, base64ToBytes(salt), opslimit, memlimit);
    crypto.wipe(secret);
    try {
      const fileKey = crypto.aeadOpen(base64ToBytes(ciphertext), utf8Bytes(PASSPHRASE_AD), base64ToBytes(nonce), wrappingKey);
      if (!fileKey || fileKey.length !== FILE_KEY_BYTES) throw new BundleProblem('wrong-key', 'The passphrase is not the one this bundle was sealed with.');
      return fileKey;
    } finally {
      crypto.wipe(wrappingKey);
    }
  }
  throw new BundleProblem('wrong-key', 'A key is needed to open this bundle: a recipient’s secret key file, or the passphrase.');
}
