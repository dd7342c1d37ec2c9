// Writing an evidence bundle: a random file key, sealed to each recipient (crypto_box_seal) and/or wrapped
// under a passphrase (Argon2id), then the signed manifest and every file streamed through
// crypto_secretstream in chunks. Memory stays flat whatever the size; the file is written beside its final
// name and renamed only once complete, so an interrupted export never leaves something that looks whole.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import sodium from 'sodium-native';
import { BUNDLE_VERSION, type BundleHeader } from '../../src-shared/bundle.js';
import { canonicalJson } from '../../src-shared/canonical-json.js';
import { SentinelleError } from '../../src-shared/errors.js';
import { derivePassphraseKey, newKdfParams, wrapKey, type KdfCost } from '../vault/key-wrapping.js';
import { PASSPHRASE_AD } from '../../src-shared/bundle-layout.js';
import { DEFAULT_CHUNK_BYTES, encodePrelude, maxMessageBytes, RecordType, type FileStart } from './bundle-format.js';
import { OrderedFileWriter } from './ordered-file-writer.js';
import type { RecipientPublicKey } from './recipient-keys.js';
import { KEY_BYTES, StreamEncryptor } from './secret-stream.js';

/** What wraps the file key under a passphrase: 128 MiB and 4 passes (about a second), so exporting stays under 250 MB of memory. */
export const BUNDLE_PASSPHRASE_COST: KdfCost = { opslimit: 4, memlimit: 128 * 1024 * 1024 };
/** Chunks being written while the next one is encrypted. */
const WRITES_IN_FLIGHT = 4;

export interface BundleFile extends FileStart {
  read(): AsyncIterable<Buffer>;
}

export interface WriteBundleOptions {
  out: string;
  recipients: readonly RecipientPublicKey[];
  passphrase?: string;
  passphraseCost?: KdfCost;
  /** The signed manifest's bytes (canonical JSON of { manifest, signature }). */
  manifest: Buffer;
  files: readonly BundleFile[];
  chunkSize?: number;
  signal?: AbortSignal;
  onProgress?: (bytes: number, totalBytes: number) => void;
}

export async function writeBundle(options: WriteBundleOptions): Promise<{ sha256: string; size: number }> {
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_BYTES;
  const fileKey = sodium.sodium_malloc(KEY_BYTES);
  sodium.randombytes_buf(fileKey);
  const partial = `${options.out}.partial`;
  let handle: fs.promises.FileHandle | null = null;
  let writer: OrderedFileWriter | null = null;
  try {
    try {
      handle = await fs.promises.open(partial, 'wx', 0o600);
    } catch (error) {
      // Another export is writing this file, or one was interrupted: leave its file alone.
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new SentinelleError('bundle.exists', `${partial} exists: another export to this name is running or was interrupted. Choose another name, or remove that file.`);
      throw error;
    }
    const out = new OrderedFileWriter(handle, 4 + maxMessageBytes(chunkSize), WRITES_IN_FLIGHT);
    writer = out;
    const header: BundleHeader = { format: 'sentinelle-bundle', version: BUNDLE_VERSION, chunkSize, recipients: options.recipients.map((recipient) => ({ fingerprint: recipient.fingerprint, sealedKey: seal(fileKey, recipient.publicKey) })), passphrase: null };
    if (options.passphrase !== undefined) {
      const params = newKdfParams(options.passphraseCost ?? BUNDLE_PASSPHRASE_COST);
      const wrappingKey = await derivePassphraseKey(options.passphrase, params);
      try {
        header.passphrase = { algorithm: 'argon2id13', opslimit: params.opslimit, memlimit: params.memlimit, salt: params.salt, ...wrapKey(wrappingKey, fileKey, PASSPHRASE_AD) };
      } finally {
        sodium.sodium_memzero(wrappingKey);
      }
    }
    const stream = new StreamEncryptor(fileKey);
    const { prelude, ad } = encodePrelude(header, stream.header);
    await out.writeNow(prelude);
    // One buffer for the record being encrypted; the ciphertext goes straight into a free slot of the writer.
    const plain = Buffer.allocUnsafe(chunkSize + 1);
    let first = true;
    const push = async (type: RecordType, payload: Buffer, final = false) => {
      const framed = await out.nextBuffer();
      plain[0] = type;
      payload.copy(plain, 1);
      const ciphertext = stream.pushInto(framed.subarray(4), plain.subarray(0, payload.length + 1), final, first ? ad : null);
      first = false;
      framed.writeUInt32BE(ciphertext.length, 0);
      out.commit(4 + ciphertext.length);
    };
    for (let offset = 0; offset < options.manifest.length || offset === 0; offset += chunkSize) {
      await push(RecordType.manifest, options.manifest.subarray(offset, offset + chunkSize));
    }
    const totalBytes = options.files.reduce((sum, file) => sum + file.size, 0);
    let done = 0;
    for (const file of options.files) {
      if (options.signal?.aborted) throw new SentinelleError('bundle.cancelled', 'The export was stopped. Nothing was written.');
      await push(RecordType.file, Buffer.from(canonicalJson({ name: file.name, size: file.size, sha256: file.sha256 }), 'utf8'));
      // What is sealed must be what the manifest announces: a damaged stored artifact stops the export.
      const check = createHash('sha256');
      let bytes = 0;
      for await (const chunk of file.read()) {
        check.update(chunk);
        bytes += chunk.length;
        for (let offset = 0; offset < chunk.length; offset += chunkSize) {
          const piece = chunk.subarray(offset, offset + chunkSize);
          await push(RecordType.data, piece);
          done += piece.length;
        }
        options.onProgress?.(done, totalBytes);
      }
      if (bytes !== file.size || check.digest('hex') !== file.sha256) {
        throw new SentinelleError('bundle.unreadable', `The evidence ${file.name} read back from the vault does not match its fingerprint; nothing was exported. Run “Check the vault”.`, { technical: `${file.name}: ${bytes} bytes, expected ${file.size}` });
      }
    }
    await push(RecordType.end, Buffer.from(canonicalJson({ files: options.files.length, bytes: done }), 'utf8'), true);
    stream.dispose();
    const sha256 = await out.finish();
    await handle.sync();
    await handle.close();
    handle = null;
    publishWithoutOverwriting(partial, options.out);
    return { sha256, size: out.size };
  } catch (error) {
    await writer?.settle();
    if (handle !== null || writer !== null) {
      await handle?.close().catch(() => undefined);
      fs.rmSync(partial, { force: true });
    }
    throw error;
  } finally {
    sodium.sodium_memzero(fileKey);
  }
}

/**
 * Gives the finished file its name, never replacing a file that took that name meanwhile: a hard link fails
 * if it exists. Drives without hard links (FAT and exFAT USB sticks) get a check and a rename instead.
 */
function publishWithoutOverwriting(partial: string, out: string): void {
  const exists = () => new SentinelleError('bundle.exists', `${out} already exists. Choose another file name; Sentinelle never overwrites a bundle.`);
  try {
    fs.linkSync(partial, out);
    fs.rmSync(partial, { force: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists();
    if (fs.existsSync(out)) throw exists();
    fs.renameSync(partial, out);
  }
}

function seal(fileKey: Buffer, publicKey: Buffer): string {
  const sealed = Buffer.alloc(fileKey.length + sodium.crypto_box_SEALBYTES);
  sodium.crypto_box_seal(sealed, fileKey, publicKey);
  return sealed.toString('base64');
}
