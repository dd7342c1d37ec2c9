// A copy of the project's signature database without compiled community feeds, so that tests see the
// same signatures on every machine whether or not `npm run signatures:update` was run in the checkout.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../../signatures/', import.meta.url));

export function builtinOnlySignatures(into: string): string {
  const dir = path.join(into, 'signatures');
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(SOURCE, 'database.yaml'), path.join(dir, 'database.yaml'));
  fs.cpSync(path.join(SOURCE, 'products'), path.join(dir, 'products'), { recursive: true });
  return dir;
}

/** A signature pack's JSON, as a network would publish it. */
export function packJson(entries: unknown[], overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    format: 'sentinelle-signature-pack',
    formatVersion: 1,
    pack: { id: 'shelter-network', name: 'Shelter network pack', version: '2026.11', publisher: 'Shelter network', created: '2026-11-20T10:00:00Z', credit: null, ...overrides },
    signatures: entries,
  });
}

export const EXAMPLE_ENTRY = {
  id: 'network:tracker-x',
  name: 'TrackerX',
  category: 'stalkerware',
  platforms: ['android'],
  severity: 'critical',
  description: { en: 'TrackerX spies on phones.', fr: 'TrackerX espionne les téléphones.' },
  references: ['https://example.org/trackerx'],
  indicators: { androidPackages: ['com.trackerx.agent'], domains: ['trackerx.example'] },
};
