// The vault's header file (`vault.json`): what is needed to find the data key and nothing else —
// the KDF parameters, salt and wrapped keys. No names, no case data, no dates. Written atomically.
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SentinelleError } from '../../src-shared/errors.js';
import { KdfParams, WrappedKey } from './key-wrapping.js';

export const HEADER_FILE = 'vault.json';
export const DATABASE_FILE = 'vault.db';

export const VaultHeader = z
  .object({
    format: z.literal('sentinelle-vault'),
    version: z.literal(1),
    /** Random; binds the wrapped keys to this vault so they cannot be swapped between vaults. */
    vaultId: z.uuid(),
    /** The page cipher of SQLite3 Multiple Ciphers: AEGIS-256, authenticated, a fresh random nonce per page write. */
    cipher: z.literal('aegis-256'),
    passphrase: z.object({ kdf: KdfParams, wrappedKey: WrappedKey }).strict(),
    recovery: z.object({ wrappedKey: WrappedKey }).strict().nullable(),
    /**
     * Present only while the vault is being re-keyed (and after a crash in the middle): the new data key
     * wrapped under the old one, and the new passphrase and recovery slots. The next unlock finds which
     * key the database is under and finishes (or drops) the change.
     */
    rekey: z
      .object({
        wrappedKey: WrappedKey,
        passphrase: z.object({ kdf: KdfParams, wrappedKey: WrappedKey }).strict(),
        recovery: z.object({ wrappedKey: WrappedKey }).strict(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type VaultHeader = z.infer<typeof VaultHeader>;

export type KeySlot = 'passphrase' | 'recovery' | 'rekey';

/** What the wrapping authenticates besides the key: the vault and the slot it belongs to. */
export function slotAssociatedData(header: Pick<VaultHeader, 'vaultId'>, slot: KeySlot): string {
  return `sentinelle-vault/v1/${header.vaultId}/${slot}`;
}

export function newVaultId(): string {
  return randomUUID();
}

export function headerPath(dir: string): string {
  return path.join(dir, HEADER_FILE);
}

export function databasePath(dir: string): string {
  return path.join(dir, DATABASE_FILE);
}

export function vaultExists(dir: string): boolean {
  return fs.existsSync(headerPath(dir));
}

export function readHeader(dir: string): VaultHeader {
  let text: string;
  try {
    text = fs.readFileSync(headerPath(dir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SentinelleError('vault.absent', 'There is no vault in this folder yet. Create one first.', { cause: error });
    }
    throw new SentinelleError('vault.header-unreadable', 'The vault could not be read from disk. Check that the folder is reachable and not full.', {
      cause: error,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SentinelleError('vault.header-unreadable', "The vault's header file is damaged. Restore it from a backup copy of the vault folder.", {
      cause: error,
    });
  }
  const parsed = VaultHeader.safeParse(json);
  if (!parsed.success) {
    throw new SentinelleError('vault.header-unreadable', "The vault's header file is damaged or from an unknown version. Restore it from a backup copy of the vault folder.", {
      technical: z.prettifyError(parsed.error),
    });
  }
  return parsed.data;
}

/** Replaces the header in one step: a crash leaves either the old header or the new one, never half. */
export function writeHeader(dir: string, header: VaultHeader): void {
  const target = headerPath(dir);
  const temporary = `${target}.${process.pid}.tmp`;
  const fd = fs.openSync(temporary, 'w', 0o600);
  try {
    fs.writeFileSync(fd, `${JSON.stringify(VaultHeader.parse(header), null, 2)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, target);
  syncDirectory(dir);
}

function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return; // directories cannot be opened for fsync on Windows
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
