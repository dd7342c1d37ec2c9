// Files chosen in the browser of the headless app (an acquisition to import, a bundle to check), streamed to
// the loopback host and kept until they are used — never in clear: each is written into the vault's private
// `work/uploads` folder in 64 KiB chunks, each sealed with XChaCha20-Poly1305 (libsodium's AEAD) under a key
// that lives only in this process's memory, with a nonce made of a random prefix per file and the chunk's
// number (so a chunk cannot be moved or swapped unnoticed). Files are read back at any position, as zip
// archives and bundles are; what a crash leaves there cannot be read by anyone and is swept at start-up.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sodium from 'sodium-native';
import { SentinelleError } from '../../src-shared/errors.js';

const CHUNK_BYTES = 64 * 1024;
const TAG_BYTES = sodium.crypto_aead_xchacha20poly1305_ietf_ABYTES;
const PREFIX_BYTES = 16;

export interface StagedUpload {
  id: string;
  /** The file's name as the browser gave it: a folder's files keep their path inside it (`acquisition/packages.json`). */
  name: string;
  size: number;
}

/** Everything needed to read a spooled file back, in this thread or in a worker. */
export interface SpooledFile {
  file: string;
  size: number;
  key: Uint8Array;
  prefix: Uint8Array;
}

export class UploadSpool {
  private key: Buffer | null = null;
  private readonly files = new Map<string, StagedUpload & { file: string; prefix: Buffer }>();

  constructor(
    readonly dir: string,
    /** The most one file may hold, and all together. */
    private readonly limits = { fileBytes: 4 * 1024 ** 3, totalBytes: 16 * 1024 ** 3 },
  ) {}

  /** Writes what the browser sends into a new spooled file; refuses past the limits (and removes what was written). */
  async receive(name: string, body: AsyncIterable<Uint8Array>): Promise<StagedUpload> {
    const cleanName = name.replace(/\\/g, '/').split('/').filter((part) => part !== '' && part !== '.' && part !== '..').join('/').slice(0, 1000) || 'file';
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    this.key ??= newKey();
    const id = randomUUID();
    const file = path.join(this.dir, `${id}.sealed`);
    const prefix = Buffer.alloc(PREFIX_BYTES);
    sodium.randombytes_buf(prefix);
    const used = [...this.files.values()].reduce((sum, staged) => sum + staged.size, 0);
    const handle = await fs.promises.open(file, 'wx', 0o600);
    let size = 0;
    let index = 0;
    let pending = Buffer.alloc(0);
    const seal = async (plain: Buffer) => {
      await handle.write(sealChunk(this.key!, prefix, index, plain));
      index += 1;
    };
    try {
      for await (const piece of body) {
        size += piece.length;
        if (size > this.limits.fileBytes || used + size > this.limits.totalBytes) throw new SentinelleError('input.invalid', `${cleanName} is larger than Sentinelle takes from the browser (${Math.round(this.limits.fileBytes / 1024 ** 3)} GiB). Use the desktop app for it.`);
        pending = pending.length === 0 ? Buffer.from(piece) : Buffer.concat([pending, piece]);
        while (pending.length >= CHUNK_BYTES) {
          await seal(pending.subarray(0, CHUNK_BYTES));
          pending = pending.subarray(CHUNK_BYTES);
        }
      }
      if (pending.length > 0) await seal(pending);
      await handle.close();
    } catch (error) {
      await handle.close().catch(() => undefined);
      fs.rmSync(file, { force: true });
      throw error;
    }
    const staged = { id, name: cleanName, size };
    this.files.set(id, { ...staged, file, prefix });
    return staged;
  }

  describe(id: string): StagedUpload | null {
    const staged = this.files.get(id);
    return staged ? { id: staged.id, name: staged.name, size: staged.size } : null;
  }

  /** How to read an upload back; a clear error when it is gone (the vault was locked since, or Sentinelle restarted). */
  spooled(id: string): SpooledFile {
    const staged = this.files.get(id);
    if (!staged || !this.key || !fs.existsSync(staged.file)) throw new SentinelleError('input.invalid', 'The file chosen is no longer here (the vault was locked, or Sentinelle restarted since). Choose it again.');
    return { file: staged.file, size: staged.size, key: this.key, prefix: staged.prefix };
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) {
      const staged = this.files.get(id);
      this.files.delete(id);
      if (staged) fs.rmSync(staged.file, { force: true });
    }
  }

  /** Forgets every upload and the key (at every lock): what is left on disk can no longer be read. */
  clear(): void {
    this.files.clear();
    if (this.key) sodium.sodium_memzero(this.key);
    this.key = null;
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function newKey(): Buffer {
  const key = sodium.sodium_malloc(sodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
  sodium.randombytes_buf(key);
  return key;
}

function nonceFor(prefix: Uint8Array, index: number): Buffer {
  const nonce = Buffer.alloc(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  nonce.set(prefix);
  nonce.writeBigUInt64BE(BigInt(index), PREFIX_BYTES);
  return nonce;
}

function sealChunk(key: Buffer, prefix: Uint8Array, index: number, plain: Buffer): Buffer {
  const sealed = Buffer.alloc(plain.length + TAG_BYTES);
  sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(sealed, plain, null, null, nonceFor(prefix, index), key);
  return sealed;
}

/** Random access to a spooled file's clear bytes (decrypting only the chunks asked for). */
export interface SpoolReader {
  readonly size: number;
  read(position: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export async function openSpooledFile(spooled: SpooledFile): Promise<SpoolReader> {
  const handle = await fs.promises.open(spooled.file, 'r');
  const key = Buffer.from(spooled.key);
  let cached: { index: number; plain: Buffer } | null = null;
  const chunk = async (index: number): Promise<Buffer> => {
    if (cached?.index === index) return cached.plain;
    const plainLength = Math.min(CHUNK_BYTES, spooled.size - index * CHUNK_BYTES);
    const sealed = Buffer.alloc(plainLength + TAG_BYTES);
    const { bytesRead } = await handle.read(sealed, 0, sealed.length, index * (CHUNK_BYTES + TAG_BYTES));
    const plain = Buffer.alloc(plainLength);
    try {
      if (bytesRead !== sealed.length) throw new Error('short read');
      sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(plain, null, sealed, null, nonceFor(spooled.prefix, index), key);
    } catch (error) {
      throw new SentinelleError('input.invalid', 'The file chosen was changed on this computer while Sentinelle held it. Choose it again.', { cause: error });
    }
    cached = { index, plain };
    return plain;
  };
  return {
    size: spooled.size,
    async read(position, length) {
      const end = Math.min(spooled.size, position + length);
      if (end <= position) return Buffer.alloc(0);
      const parts: Buffer[] = [];
      for (let index = Math.floor(position / CHUNK_BYTES); index * CHUNK_BYTES < end; index += 1) {
        const plain = await chunk(index);
        const from = Math.max(0, position - index * CHUNK_BYTES);
        const to = Math.min(plain.length, end - index * CHUNK_BYTES);
        parts.push(plain.subarray(from, to));
      }
      return parts.length === 1 ? Buffer.from(parts[0]!) : Buffer.concat(parts);
    },
    async close() {
      sodium.sodium_memzero(key);
      await handle.close();
    },
  };
}
