// What an importer produces from one feed or pack file: validated entries, where they came from, what
// the file held (counts), and notes on anything not used (unsupported patterns, skipped rows) — nothing
// is dropped without saying so.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { SentinelleError } from '../../src-shared/errors.js';
import { SignatureEntry, type SignatureSource } from '../../src-shared/signature-format.js';
import { describeIssues, invalid } from './input.js';

export type FeedFormat = 'stalkerware-indicators' | 'isdi' | 'stix2' | 'pack';

export interface ImportedSet {
  kind: 'feed' | 'pack';
  format: FeedFormat;
  name: string;
  version: string;
  credit: string | null;
  trusted: boolean;
  /** Who signed the pack (the trusted key's label, or an unknown key's fingerprint), when it is signed. */
  signer: string | null;
  /** The public key that signed it (base64), so that its trust can be checked again later. */
  signerKey: string | null;
  contentSha256: string;
  signatures: SignatureEntry[];
  /** What the file held, counted as it was read (products, packages, certificates…). */
  stats: Record<string, number>;
  notes: string[];
}

export function sha256Hex(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `TheTruthSpy` → `thetruthspy`, `Cocospy / Spyic` → `cocospy-spyic`. */
export function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'unnamed'
  );
}

/** Validates one converted entry; a problem names the file, the entry and the field, and stops the import. */
export function validEntry(candidate: unknown, source: string, entryName: string): SignatureEntry {
  const parsed = SignatureEntry.safeParse(candidate);
  if (!parsed.success) throw invalid(source, `entry "${entryName}": ${describeIssues(parsed.error)}.`);
  return parsed.data;
}

/** Validates the file's own structure against the upstream format's schema. */
export function validStructure<T extends z.ZodType>(schema: T, value: unknown, source: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(source, `${describeIssues(parsed.error)}.`);
  return parsed.data;
}

export function sourceOf(set: Pick<ImportedSet, 'kind' | 'name' | 'version' | 'credit' | 'trusted'>): SignatureSource {
  return { kind: set.kind, name: set.name, version: set.version, credit: set.credit, trusted: set.trusted };
}

/** Merges entries that share an id (samples.csv adds hashes to ioc.yaml's products). */
export function mergeById(entries: SignatureEntry[]): SignatureEntry[] {
  const byId = new Map<string, SignatureEntry>();
  for (const entry of entries) {
    const existing = byId.get(entry.id);
    if (!existing) {
      byId.set(entry.id, entry);
      continue;
    }
    const indicators = { ...existing.indicators };
    for (const key of Object.keys(indicators) as (keyof typeof indicators)[]) {
      indicators[key] = [...new Set([...existing.indicators[key], ...entry.indicators[key]])];
    }
    byId.set(entry.id, { ...existing, aliases: [...new Set([...existing.aliases, ...entry.aliases])], indicators });
  }
  return [...byId.values()];
}

export function refuse(message: string): never {
  throw new SentinelleError('signatures.invalid', message);
}
