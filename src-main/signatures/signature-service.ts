// The signatures an installation uses: the project's database, the compiled community feeds shipped
// with the app, and the sets imported into the vault — compiled into one index, rebuilt when the vault's
// sets change. Also the trust store (keys shipped with the app plus keys trusted in the vault) and imports.
import fs from 'node:fs';
import path from 'node:path';
import type { SignatureInfo } from '../../src-shared/signature-info.js';
import type { Signature, SignatureEntry } from '../../src-shared/signature-format.js';
import type { StoredSignatureSet } from '../vault/repositories/signature-sets.js';
import type { OpenVault } from '../vault/vault.js';
import { loadBuiltinDatabase, type BuiltinDatabase } from './builtin-database.js';
import { readCompiledFeeds, type CompiledFeeds } from './compiled-feeds.js';
import { importSignatureFile, type SignatureFile } from './import-file.js';
import type { ImportedSet } from './imported-set.js';
import { checkPackSignature, fingerprintOf, readPublicKeyFile, type TrustedKey } from './packs.js';
import { SignatureIndex } from './signature-index.js';
import { withoutShipped } from './shipped-overlap.js';

export interface TrustedKeyInfo extends TrustedKey {
  fingerprint: string;
  /** Shipped with the app, or trusted in this vault. */
  origin: 'installation' | 'vault';
}

export interface VerifyOutcome {
  name: string;
  version: string;
  signatures: number;
  stats: Record<string, number>;
  notes: string[];
  signed: boolean;
  trusted: boolean;
  signer: string | null;
  problem: 'unsigned' | 'unknown-key' | 'bad-signature' | null;
  message: string | null;
}

export class SignatureService {
  private builtin: BuiltinDatabase | null = null;
  private community: CompiledFeeds | null | undefined = undefined;
  private cached: { key: string; index: SignatureIndex } | null = null;

  constructor(readonly signaturesDir: string) {}

  database(): BuiltinDatabase {
    this.builtin ??= loadBuiltinDatabase(this.signaturesDir);
    return this.builtin;
  }

  communityFeeds(): CompiledFeeds | null {
    if (this.community === undefined) this.community = readCompiledFeeds(this.signaturesDir);
    return this.community;
  }

  /** The index over every signature this vault uses; rebuilt only when its imported sets or trusted keys changed. */
  index(vault: OpenVault): SignatureIndex {
    const stored = vault.signatureSets.list();
    const trustStore = this.trustStore(vault);
    const key = `${stored.map((set) => set.id).join(',')}|${trustStore.map((trusted) => trusted.publicKey).join(',')}`;
    if (this.cached?.key === key) return this.cached.index;
    const signatures: Signature[] = [...this.database().signatures];
    for (const set of this.communityFeeds()?.sets ?? []) {
      signatures.push(...withSource(set.signatures, { kind: 'feed', name: set.name, version: set.version, credit: set.credit, trusted: true }));
    }
    for (const { set, signatures: entries } of vault.signatureSets.loadAll()) {
      signatures.push(...withSource(entries, { kind: set.kind, name: set.name, version: set.version, credit: set.credit, trusted: isStillTrusted(set, trustStore) }));
    }
    this.cached = { key, index: new SignatureIndex(signatures) };
    return this.cached.index;
  }

  /** What the app's About and Settings screens show, and what bundles record. */
  info(vault: OpenVault): SignatureInfo {
    const database = this.database();
    const community = this.communityFeeds();
    const index = this.index(vault);
    const trustStore = this.trustStore(vault);
    const imported = vault.signatureSets.loadAll().map(({ set, readable }) => ({ ...set, readable, trusted: isStillTrusted(set, trustStore) }));
    const credits = [...new Set([...(community?.sets ?? []).map((set) => set.credit), ...imported.map((set) => set.credit)].filter((credit): credit is string => credit !== null))];
    return {
      database: { name: database.name, version: database.version, sha256: database.sha256, signatures: database.signatures.length },
      community: community
        ? { compiledAt: community.compiledAt, sets: community.sets.map((set) => ({ name: set.name, version: set.version, credit: set.credit, source: set.source ? { repository: set.source.repository, commit: set.source.commit, date: set.source.date, licence: set.source.licence } : null, signatures: set.signatures.length, notes: set.notes })) }
        : null,
      imported: imported.map((set) => ({
        id: set.id,
        kind: set.kind,
        name: set.name,
        version: set.version,
        trusted: set.trusted,
        signer: set.signer,
        credit: set.credit,
        signatures: set.signatureCount,
        readable: set.readable,
        importedAt: set.importedAt,
      })),
      totalSignatures: index.signatures.length,
      totalIndicators: index.indicatorCount,
      credits,
      trustedKeys: trustStore.map(({ label, fingerprint, publicKey, origin }) => ({ label, fingerprint, publicKey, origin })),
    };
  }

  /** Validates a file as an import would, without storing it, and says whether its signature is trusted. */
  async verify(file: SignatureFile, signatureText: string | null, extraKeys: readonly TrustedKey[], vault: OpenVault | null): Promise<VerifyOutcome> {
    const trustStore = [...this.trustStore(vault), ...extraKeys];
    const { set: content } = this.withoutShipped(await importSignatureFile(file, { trustStore, allowUntrusted: true, signatureText }));
    const trust = content.kind === 'pack' ? checkPackSignature(file.bytes, signatureText, trustStore) : null;
    return {
      name: content.name,
      version: content.version,
      signatures: content.signatures.length,
      stats: content.stats,
      notes: content.notes.filter((note) => !note.startsWith('Imported as untrusted')),
      signed: trust !== null && (trust.trusted || trust.reason !== 'unsigned'),
      trusted: trust?.trusted ?? false,
      signer: trust?.trusted ? `${trust.signer.label} [${fingerprintOf(trust.signer.publicKey)}]` : (trust?.signerFingerprint ?? null),
      problem: trust === null ? 'unsigned' : trust.trusted ? null : trust.reason,
      message: trust === null ? 'A community feed file is not signed.' : trust.trusted ? null : trust.message,
    };
  }

  removeSet(vault: OpenVault, setId: string): boolean {
    const removed = vault.signatureSets.remove(setId);
    this.cached = null;
    return removed;
  }

  trustStore(vault: OpenVault | null): TrustedKeyInfo[] {
    const shipped = this.shippedKeys().map((key) => ({ ...key, fingerprint: fingerprintOf(key.publicKey), origin: 'installation' as const }));
    const trusted = (vault?.trustedKeys.list() ?? []).map((key) => ({ label: key.label, publicKey: key.publicKey, fingerprint: fingerprintOf(key.publicKey), origin: 'vault' as const }));
    return [...shipped, ...trusted];
  }

  /** Imports one pack or feed file into the vault; refused unless signed by a trusted key or explicitly allowed. */
  async importInto(vault: OpenVault, file: SignatureFile, options: { signatureText: string | null; allowUntrusted: boolean }): Promise<ImportedSet & { setId: string; alreadyImported: boolean; alreadyShipped: boolean }> {
    const read = await importSignatureFile(file, { ...options, trustStore: this.trustStore(vault) });
    // The same file again (same content) changes nothing: its signatures would only count twice.
    const already = vault.signatureSets.list().find((set) => set.contentSha256 === read.contentSha256 && set.kind === read.kind);
    if (already) {
      const note = `This file was already imported on ${already.importedAt.slice(0, 10)}${already.trusted ? '' : ' (as untrusted)'}: nothing was changed.`;
      return { ...read, setId: already.id, alreadyImported: true, alreadyShipped: false, notes: [...read.notes, note] };
    }
    // What the shipped lists already say is not imported again; a file that adds nothing is not stored.
    const { set: imported, productsLeftOut } = this.withoutShipped(read);
    if (imported.signatures.length === 0 && productsLeftOut > 0) {
      return { ...imported, setId: '', alreadyImported: true, alreadyShipped: true, notes: [...imported.notes, 'Everything in this file is already shipped with Sentinelle: nothing was added.'] };
    }
    const stored = vault.signatureSets.add({
      kind: imported.kind,
      name: imported.name,
      version: imported.version,
      trusted: imported.trusted,
      signer: imported.signer,
      signerKey: imported.signerKey,
      credit: imported.credit,
      contentSha256: imported.contentSha256,
      signatures: imported.signatures,
    });
    this.cached = null;
    return { ...imported, setId: stored.id, alreadyImported: false, alreadyShipped: false };
  }

  /** An imported set without what the project's database and the shipped community lists already say. */
  private withoutShipped(imported: ImportedSet) {
    const community = this.communityFeeds()?.sets ?? [];
    const database = this.database();
    return withoutShipped(imported, [...community.flatMap((set) => set.signatures), ...database.signatures], [...community.map((set) => set.name), database.name]);
  }

  private shippedKeys(): TrustedKey[] {
    const dir = path.join(this.signaturesDir, 'trusted-keys');
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.pub'))
      .sort()
      .map((name) => {
        const key = readPublicKeyFile(fs.readFileSync(path.join(dir, name), 'utf8'), `signatures/trusted-keys/${name}`);
        return { label: key.label, publicKey: key.publicKey };
      });
  }
}

/** A pack stays trusted only while the key that signed it is still trusted (a key can be withdrawn). */
function isStillTrusted(set: StoredSignatureSet, trustStore: readonly TrustedKey[]): boolean {
  return set.trusted && set.signerKey !== null && trustStore.some((trusted) => trusted.publicKey === set.signerKey);
}

function withSource(entries: readonly SignatureEntry[], source: Signature['source']): Signature[] {
  return entries.map((entry) => ({ ...entry, source }));
}
