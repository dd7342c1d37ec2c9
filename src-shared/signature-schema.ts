// The JSON Schema of a signature product file, generated from the zod schema (one source of truth).
import { z } from 'zod';
import { SignatureEntry } from './signature-format.js';

export function signatureEntryJsonSchema(): string {
  const schema = z.toJSONSchema(SignatureEntry, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, $id: 'https://sentinelle.invalid/signatures/schema.json', title: 'Sentinelle signature (one product)' }, null, 2)}\n`;
}
