// The project's own signature database: `signatures/database.yaml` (name and version) and one YAML file
// per product in `signatures/products/`. Loaded at start-up from the installed package (never from the
// network); any problem names the file, the entry and the field.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SentinelleError } from '../../src-shared/errors.js';
import { SignatureEntry, type Signature } from '../../src-shared/signature-format.js';
import { describeIssues, parseYaml } from './input.js';

export const DatabaseMetadata = z.object({ name: z.string().min(1), version: z.string().min(1).max(60) }).strict();

export interface BuiltinDatabase {
  name: string;
  version: string;
  /** SHA-256 over every file of the database, in name order: what a bundle records. */
  sha256: string;
  signatures: Signature[];
}

export function loadBuiltinDatabase(dir: string): BuiltinDatabase {
  const hash = createHash('sha256');
  const metadataFile = path.join(dir, 'database.yaml');
  const metadataText = fs.readFileSync(metadataFile, 'utf8');
  hash.update(`database.yaml\0${metadataText}\0`);
  const metadata = DatabaseMetadata.safeParse(parseYaml(metadataText, 'signatures/database.yaml'));
  if (!metadata.success) throw problem('database.yaml', null, describeIssues(metadata.error));

  const productsDir = path.join(dir, 'products');
  const files = fs.readdirSync(productsDir).filter((name) => name.endsWith('.yaml')).sort();
  const signatures: Signature[] = [];
  for (const file of files) {
    const text = fs.readFileSync(path.join(productsDir, file), 'utf8');
    hash.update(`products/${file}\0${text}\0`);
    const raw = parseYaml(text, `signatures/products/${file}`);
    const entryId = typeof raw === 'object' && raw !== null && 'id' in raw ? String((raw as { id: unknown }).id) : null;
    const parsed = SignatureEntry.safeParse(raw);
    if (!parsed.success) throw problem(`products/${file}`, entryId, describeIssues(parsed.error));
    // One file per id, named after it: two entries can never share an id.
    if (`${parsed.data.id}.yaml` !== file) throw problem(`products/${file}`, entryId, `the file must be named after the entry's id (${parsed.data.id}.yaml)`);
    signatures.push({ ...parsed.data, source: { kind: 'builtin', name: metadata.data.name, version: metadata.data.version, credit: null, trusted: true } });
  }
  return { ...metadata.data, sha256: hash.digest('hex'), signatures };
}

function problem(file: string, entry: string | null, detail: string): SentinelleError {
  const where = `signatures/${file}${entry ? `, entry ${entry}` : ''}`;
  return new SentinelleError('signatures.invalid', `The signature database is damaged (${where}): ${detail}`, { technical: `${where}: ${detail}` });
}
