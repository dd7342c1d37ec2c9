// The STIX 2.1 form of Echap's stalkerware-indicators, generated here from its YAML files the way the project
// publishes one (`generated/stalkerware.stix2`, read by MVT): one `malware` object per product, its type
// (stalkerware or watchware) as a label, and one indicator per app id, certificate, C2 domain and address
// with an `indicates` relationship. Used to check that both forms of one list give the same verdicts.
// `published: true` gives the bundle as Echap's scripts/generate.py actually writes it (the one MVT reads):
// every product described as "Stalkerware applications" with no type, websites and C2 domains alike as
// `domain-name`, the samples' SHA-256 (samples.csv), app ids and certificates — and no IP address.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { INDICATORS } from './shared.js';

interface EchapProduct {
  name: string;
  type: string;
  packages?: string[];
  certificates?: string[];
  names?: string[];
  websites?: string[];
  c2?: { domains?: string[]; ips?: string[]; ip?: string[] };
}

/** samples.csv's SHA-256 by app name (its first and fifth columns), as generate.py reads them. */
function samplesByName(): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  const rows = fs.readFileSync(path.join(INDICATORS, 'stalkerware-indicators', 'samples.csv'), 'utf8').split('\n').slice(1);
  for (const row of rows) {
    const cells = row.split(',');
    if (cells.length < 5 || !/^[0-9a-f]{64}$/i.test(cells[0]!)) continue;
    const name = cells[4]!.trim();
    byName.set(name, [...(byName.get(name) ?? []), cells[0]!]);
  }
  return byName;
}

export function echapStix(files: readonly string[], options: { published?: boolean } = {}): string {
  const objects: Record<string, unknown>[] = [];
  const created = '2026-06-21T20:40:25.000Z';
  const samples = options.published ? samplesByName() : new Map<string, string[]>();
  for (const file of files) {
    for (const product of parse(fs.readFileSync(path.join(INDICATORS, 'stalkerware-indicators', file), 'utf8')) as EchapProduct[]) {
      const says = options.published ? { description: 'Stalkerware applications' } : { malware_types: ['spyware'], labels: [product.type] };
      const malware = { type: 'malware', spec_version: '2.1', id: `malware--${randomUUID()}`, created, modified: created, name: product.name, is_family: false, ...says };
      objects.push(malware);
      const hashes = [...new Set([product.name, ...(product.names ?? [])].flatMap((name) => samples.get(name) ?? []))];
      const patterns = options.published
        ? [
            ...(product.c2?.domains ?? []).map((domain) => `[domain-name:value='${domain}']`),
            ...(product.websites ?? []).map((domain) => `[domain-name:value='${domain}']`),
            ...hashes.map((sha256) => `[file:hashes.sha256='${sha256}']`),
            ...(product.packages ?? []).map((id) => `[app:id='${id}']`),
            ...(product.certificates ?? []).map((sha1) => `[app:cert.sha1='${sha1}']`),
          ]
        : [
            ...(product.packages ?? []).map((id) => `[app:id = '${id}']`),
            ...(product.certificates ?? []).map((sha1) => `[app:cert.sha1 = '${sha1}']`),
            ...(product.c2?.domains ?? []).map((domain) => `[domain-name:value = '${domain}']`),
            ...[...(product.c2?.ips ?? []), ...(product.c2?.ip ?? [])].map((ip) => `[${ip.includes(':') ? 'ipv6' : 'ipv4'}-addr:value = '${ip}']`),
          ];
      for (const pattern of patterns) {
        const indicator = { type: 'indicator', spec_version: '2.1', id: `indicator--${randomUUID()}`, created, modified: created, pattern, pattern_type: 'stix', valid_from: created };
        objects.push(indicator, { type: 'relationship', spec_version: '2.1', id: `relationship--${randomUUID()}`, created, modified: created, relationship_type: 'indicates', source_ref: indicator.id, target_ref: malware.id });
      }
    }
  }
  return JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects });
}
