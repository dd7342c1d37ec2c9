// Signature sets the advocate imported into this vault (a pack from the shelter network, a feed from a
// USB stick), with their provenance and whether they were trusted; and the public keys this vault trusts
// to sign packs. Both changes are recorded in the audit trail and the custody log.
import { z } from 'zod';
import { SignatureEntry } from '../../../src-shared/signature-format.js';
import { isoNow, type Clock } from '../../clock.js';
import type { CustodyLog } from '../custody-log.js';
import type { VaultDatabase } from '../database.js';
import { newId } from '../ids.js';
import type { AuditLog } from './audit.js';
import { parseJsonColumn } from './json-column.js';

export interface StoredSignatureSet {
  id: string;
  kind: 'feed' | 'pack';
  name: string;
  version: string;
  /** Trusted when it was imported; SignatureService checks the signer's key again against today's trust store. */
  trusted: boolean;
  signer: string | null;
  signerKey: string | null;
  credit: string | null;
  contentSha256: string;
  signatureCount: number;
  importedAt: string;
}

export interface NewSignatureSet extends Omit<StoredSignatureSet, 'id' | 'importedAt' | 'signatureCount'> {
  signatures: SignatureEntry[];
}

interface SetRow {
  id: string;
  kind: 'feed' | 'pack';
  name: string;
  version: string;
  trusted: number;
  signer: string | null;
  signer_key: string | null;
  credit: string | null;
  content_sha256: string;
  signature_count: number;
  signatures: string;
  imported_at: string;
}

const StoredEntries = z.array(SignatureEntry);

export class SignatureSetRepository {
  constructor(
    private readonly db: VaultDatabase,
    private readonly custody: CustodyLog,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  add(set: NewSignatureSet): StoredSignatureSet {
    return this.db.transaction(() => {
      const id = newId();
      this.db
        .prepare(
          `INSERT INTO signature_sets (id, kind, name, version, trusted, signer, signer_key, credit, content_sha256, signature_count, signatures, imported_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(id, set.kind, set.name, set.version, set.trusted ? 1 : 0, set.signer, set.signerKey, set.credit, set.contentSha256, set.signatures.length, JSON.stringify(set.signatures), isoNow(this.clock));
      const details = { setId: id, name: set.name, version: set.version, contentSha256: set.contentSha256, trusted: set.trusted, signer: set.signer, signatures: set.signatures.length };
      this.custody.append(set.trusted ? 'signatures.imported' : 'signatures.imported-untrusted', null, details);
      this.audit.record(set.trusted ? 'signatures.imported' : 'signatures.imported-untrusted', details);
      return this.list().find((stored) => stored.id === id)!;
    })();
  }

  remove(id: string): boolean {
    return this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM signature_sets WHERE id = ?').run(id).changes > 0;
      if (removed) {
        this.custody.append('signatures.removed', null, { setId: id });
        this.audit.record('signatures.removed', { setId: id });
      }
      return removed;
    })();
  }

  list(): StoredSignatureSet[] {
    const rows = this.db.prepare('SELECT id, kind, name, version, trusted, signer, signer_key, credit, content_sha256, signature_count, imported_at FROM signature_sets ORDER BY imported_at, id').all() as SetRow[];
    return rows.map(toStored);
  }

  /**
   * Every stored set with its entries, validated again (a set stored by an older version may no longer
   * fit the format): an unreadable set says so instead of silently contributing nothing.
   */
  loadAll(): { set: StoredSignatureSet; signatures: SignatureEntry[]; readable: boolean }[] {
    const rows = this.db.prepare('SELECT * FROM signature_sets ORDER BY imported_at, id').all() as SetRow[];
    return rows.map((row) => {
      const parsed = StoredEntries.safeParse(parseJsonColumn<unknown>(row.signatures, null));
      return { set: toStored(row), signatures: parsed.success ? parsed.data : [], readable: parsed.success };
    });
  }
}

export interface StoredTrustedKey {
  publicKey: string;
  label: string;
  addedAt: string;
}

export class TrustedKeyRepository {
  constructor(
    private readonly db: VaultDatabase,
    private readonly custody: CustodyLog,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  add(publicKey: string, label: string): StoredTrustedKey {
    return this.db.transaction(() => {
      this.db.prepare('INSERT INTO trusted_keys (public_key, label, added_at) VALUES (?, ?, ?) ON CONFLICT(public_key) DO UPDATE SET label = excluded.label').run(publicKey, label, isoNow(this.clock));
      this.custody.append('signatures.key-trusted', null, { publicKey, label });
      this.audit.record('signatures.key-trusted', { publicKey, label });
      return this.list().find((key) => key.publicKey === publicKey)!;
    })();
  }

  remove(publicKey: string): boolean {
    return this.db.transaction(() => {
      const removed = this.db.prepare('DELETE FROM trusted_keys WHERE public_key = ?').run(publicKey).changes > 0;
      if (removed) {
        this.custody.append('signatures.key-untrusted', null, { publicKey });
        this.audit.record('signatures.key-untrusted', { publicKey });
      }
      return removed;
    })();
  }

  list(): StoredTrustedKey[] {
    return (this.db.prepare('SELECT public_key, label, added_at FROM trusted_keys ORDER BY added_at, public_key').all() as { public_key: string; label: string; added_at: string }[]).map((row) => ({
      publicKey: row.public_key,
      label: row.label,
      addedAt: row.added_at,
    }));
  }
}

function toStored(row: Omit<SetRow, 'signatures'>): StoredSignatureSet {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    version: row.version,
    trusted: row.trusted === 1,
    signer: row.signer,
    signerKey: row.signer_key,
    credit: row.credit,
    contentSha256: row.content_sha256,
    signatureCount: row.signature_count,
    importedAt: row.imported_at,
  };
}
