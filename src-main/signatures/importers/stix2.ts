// Importer for STIX 2.1 bundles as MVT uses them: indicators with simple patterns such as
// `[app:id = 'com.example']`, `[domain-name:value = 'evil.com']`, grouped into one signature per malware,
// tool or threat actor they indicate. Patterns the signature format cannot hold are counted and reported.
import { z } from 'zod';
import type { IndicatorKind, SignatureEntry } from '../../../src-shared/signature-format.js';
import { parseJson } from '../input.js';
import { slug, validEntry, validStructure } from '../imported-set.js';
import { isSharedHost } from '../shared-hosts.js';
import { appIdIndicators, categoryFromWords, listEntry, type ListCategory } from '../list-categories.js';

const StixObject = z.object({ type: z.string().max(100), id: z.string().max(300) }).passthrough();
const StixBundle = z.object({ type: z.literal('bundle'), id: z.string().max(300).optional(), objects: z.array(StixObject).max(200_000) }).passthrough();

const Indicator = z.object({ type: z.literal('indicator'), id: z.string(), pattern: z.string().max(10_000), name: z.string().max(2000).optional() }).passthrough();
const Relationship = z.object({ type: z.literal('relationship'), relationship_type: z.string(), source_ref: z.string(), target_ref: z.string() }).passthrough();
const Named = z
  .object({ id: z.string(), type: z.string(), name: z.string().max(500), malware_types: z.array(z.string().max(100)).max(50).optional(), labels: z.array(z.string().max(100)).max(50).optional() })
  .passthrough();
const Report = z.object({ type: z.literal('report'), name: z.string().max(500), object_refs: z.array(z.string()).max(200_000).default([]) }).passthrough();

const NAMED_TYPES = new Set(['malware', 'tool', 'threat-actor', 'intrusion-set', 'campaign']);

/** `[object:path = 'value']`, with the quote escaped as \' inside the value. */
const SIMPLE_PATTERN = /^\[\s*([a-z0-9-]+):([A-Za-z0-9_.'-]+)\s*=\s*'((?:[^'\\]|\\.)*)'\s*\]$/;

type Target = IndicatorKind | 'app-id' | 'url';
const PATTERN_TARGETS: Record<string, Target> = {
  'app:id': 'app-id',
  'app:cert.sha1': 'certificateSha1',
  'app:cert.sha256': 'certificateSha256',
  'domain-name:value': 'domains',
  'url:value': 'url',
  'ipv4-addr:value': 'ips',
  'ipv6-addr:value': 'ips',
  'file:hashes.sha256': 'fileSha256',
  'file:path': 'filePaths',
  'process:name': 'processNames',
  'configuration-profile:id': 'profileIdentifiers',
};

export interface StixStats {
  indicators: number;
  supported: number;
  unsupported: number;
  byPattern: Record<string, number>;
}

export function importStix(text: string, source: string, notes: string[]): { entries: SignatureEntry[]; stats: StixStats } {
  const bundle = validStructure(StixBundle, parseJson(text, source), source);
  const objects = new Map(bundle.objects.map((object) => [object.id, object]));
  const { groupOf, wordsOf } = groupIndicators(bundle.objects, objects, source);
  const stats: StixStats = { indicators: 0, supported: 0, unsupported: 0, byPattern: {} };
  const unsupported = new Map<string, number>();
  const sharedHosts: string[] = [];
  const groups = new Map<string, { name: string; indicators: Partial<Record<IndicatorKind, string[]>> }>();

  for (const object of bundle.objects) {
    if (object.type !== 'indicator') continue;
    const indicator = validStructure(Indicator, object, `${source}, ${object.id}`);
    stats.indicators += 1;
    const match = SIMPLE_PATTERN.exec(indicator.pattern.trim());
    const path = match ? `${match[1]}:${match[2]!.replace(/'/g, '').toLowerCase().replace('sha-256', 'sha256')}` : null;
    const target = path ? PATTERN_TARGETS[path] : undefined;
    if (!match || !target) {
      const label = path ?? 'complex pattern';
      unsupported.set(label, (unsupported.get(label) ?? 0) + 1);
      stats.unsupported += 1;
      continue;
    }
    stats.supported += 1;
    stats.byPattern[path!] = (stats.byPattern[path!] ?? 0) + 1;
    const value = match[3]!.replace(/\\(.)/g, '$1');
    const name = groupOf.get(indicator.id) ?? source;
    const group = groups.get(name) ?? { name, indicators: {} };
    for (const [kind, item] of resolve(target, value)) {
      if ((kind === 'domains' || kind === 'websites') && isSharedHost(item)) {
        sharedHosts.push(item);
        continue;
      }
      (group.indicators[kind] ??= []).push(item);
    }
    groups.set(name, group);
  }
  if (unsupported.size > 0) {
    notes.push(`${source}: ${stats.unsupported} indicator(s) with patterns the signature format cannot hold were not imported — ${[...unsupported].map(([label, count]) => `${label} (${count})`).join(', ')}.`);
  }
  if (sharedHosts.length > 0) {
    notes.push(`${source}: ${sharedHosts.length} indicator(s) naming a host many people use were not imported (${[...new Set(sharedHosts)].join(', ')}): matching them would flag ordinary browsing.`);
  }
  const entries = [...groups.values()].map((group) => {
    // What the bundle says the malware is (its malware types, its labels): the same category and severity
    // as the same list in another format; mercenary spyware when it says nothing.
    const category = categoryFromWords(wordsOf.get(group.name) ?? [], 'spyware');
    return validEntry(
      {
        id: `stix:${slug(group.name)}`,
        name: group.name,
        ...listEntry(category),
        platforms: ['android', 'ios'],
        description: STIX_DESCRIPTIONS[category](group.name, source),
        references: [],
        indicators: Object.fromEntries(Object.entries(group.indicators).map(([kind, values]) => [kind, [...new Set(values)]])),
      },
      source,
      group.name,
    );
  });
  return { entries, stats };
}

const STIX_DESCRIPTIONS: Record<ListCategory, (name: string, source: string) => { en: string; fr: string }> = {
  spyware: (name, source) => ({
    en: `Indicators of ${name}, from the STIX file ${source}. Mercenary spyware of this kind is used against specific people; a match calls for an expert's help.`,
    fr: `Indicateurs de ${name}, issus du fichier STIX ${source}. Ce type de logiciel espion mercenaire vise des personnes précises ; une correspondance demande l’aide d’un ou d’une experte.`,
  }),
  stalkerware: (name, source) => ({
    en: `${name} is listed as stalkerware in the STIX file ${source}: an app sold to watch a phone's messages, calls and location in secret.`,
    fr: `${name} est répertorié comme logiciel espion (stalkerware) dans le fichier STIX ${source} : une application vendue pour surveiller en secret les messages, les appels et la localisation d’un téléphone.`,
  }),
  monitoring: (name, source) => ({
    en: `${name} is listed as a monitoring app in the STIX file ${source}: sold to watch children or employees, it can be used to follow a partner. Ask the survivor whether she installed it herself.`,
    fr: `${name} est répertorié comme application de surveillance dans le fichier STIX ${source} : vendue pour surveiller des enfants ou des salariés, elle peut servir à suivre un ou une partenaire. Demandez à la personne si elle l’a installée elle-même.`,
  }),
  'dual-use': (name, source) => ({
    en: `${name} is listed as a dual-use app in the STIX file ${source}: it has legitimate uses but can also be used to follow someone. Ask the survivor whether she installed it herself.`,
    fr: `${name} est répertorié comme application à double usage dans le fichier STIX ${source} : elle a des usages légitimes mais peut aussi servir à suivre quelqu’un. Demandez à la personne si elle l’a installée elle-même.`,
  }),
};

/**
 * The name each indicator is grouped under — what it `indicates`, else the report that lists it — and the
 * words each named object says about itself (malware types, labels).
 */
function groupIndicators(all: z.infer<typeof StixObject>[], objects: Map<string, z.infer<typeof StixObject>>, source: string): { groupOf: Map<string, string>; wordsOf: Map<string, string[]> } {
  const groupOf = new Map<string, string>();
  const wordsOf = new Map<string, string[]>();
  const nameOf = (id: string) => {
    const object = objects.get(id);
    if (!object || !NAMED_TYPES.has(object.type)) return null;
    const named = Named.safeParse(object);
    if (!named.success) return null;
    wordsOf.set(named.data.name, [...(wordsOf.get(named.data.name) ?? []), ...(named.data.malware_types ?? []), ...(named.data.labels ?? [])]);
    return named.data.name;
  };
  for (const object of all) {
    if (object.type !== 'relationship') continue;
    const relationship = validStructure(Relationship, object, `${source}, ${object.id}`);
    const name = relationship.relationship_type === 'indicates' ? nameOf(relationship.target_ref) : null;
    if (name && !groupOf.has(relationship.source_ref)) groupOf.set(relationship.source_ref, name);
  }
  for (const object of all) {
    if (object.type !== 'report') continue;
    const report = validStructure(Report, object, `${source}, ${object.id}`);
    const actor = report.object_refs.map(nameOf).find((name): name is string => name !== null);
    for (const ref of report.object_refs) if (!groupOf.has(ref)) groupOf.set(ref, actor ?? report.name);
  }
  return { groupOf, wordsOf };
}

function resolve(target: Target, value: string): [IndicatorKind, string][] {
  if (target === 'app-id') {
    const { androidPackages, iosBundleIds } = appIdIndicators([value]);
    return [...androidPackages.map((id): [IndicatorKind, string] => ['androidPackages', id]), ...iosBundleIds.map((id): [IndicatorKind, string] => ['iosBundleIds', id])];
  }
  if (target === 'url') {
    let host: string;
    try {
      host = new URL(value).hostname.replace(/^\[|\]$/g, '');
    } catch {
      return [['domains', value]];
    }
    return [[/^[\d.]+$|:/.test(host) ? 'ips' : 'domains', host]];
  }
  return [[target, value]];
}
