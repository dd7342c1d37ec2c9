// Paths into ../shared (read-only test material: public feeds and MVT's corpus). Tests may read it; the
// app never does.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const INDICATORS = path.join(SHARED, 'indicators');
export const MVT = path.join(SHARED, 'corpus', 'mvt');

export function sharedFile(...parts: string[]): { name: string; bytes: Buffer } {
  const file = path.join(SHARED, ...parts);
  return { name: path.basename(file), bytes: fs.readFileSync(file) };
}
