// `npm run signatures:schema`: writes signatures/schema.json (the JSON Schema of one product file) from
// the zod schema in src-shared/signature-format.ts, so editors can check entries as they are written.
// A test fails when the committed file is out of date.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { signatureEntryJsonSchema } from '../src-shared/signature-schema.js';

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'signatures', 'schema.json');
fs.writeFileSync(target, signatureEntryJsonSchema());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
