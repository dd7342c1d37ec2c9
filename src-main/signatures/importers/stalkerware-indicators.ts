// Importer for Echap's stalkerware-indicators (github.com/AssoEchap/stalkerware-indicators, CC BY 4.0):
// `ioc.yaml` (stalkerware), `watchware.yaml` (visible monitoring apps) and `samples.csv` (APK hashes).
// Upstream fields we cannot use (certificate organisations and name patterns) are reported, not dropped.
import { z } from 'zod';
import type { SignatureEntry } from '../../../src-shared/signature-format.js';
import { invalid, parseCsv, parseYaml } from '../input.js';
import { mergeById, slug, validEntry, validStructure } from '../imported-set.js';
import { isSharedHost } from '../shared-hosts.js';
import { appIdIndicators, listEntry } from '../list-categories.js';

export const ECHAP_CREDIT = 'Stalkerware indicators by Echap (github.com/AssoEchap/stalkerware-indicators), CC BY 4.0';

const strings = z.array(z.string().max(500)).max(20_000);

const EchapEntry = z
  .object({
    name: z.string().trim().min(1).max(200),
    names: strings.optional(),
    type: z.enum(['stalkerware', 'watchware']),
    packages: strings.optional(),
    ios_bundles: strings.optional(),
    certificates: strings.optional(),
    websites: strings.optional(),
    distribution: strings.optional(),
    c2: z.object({ domains: strings.optional(), ips: strings.optional(), ip: strings.optional() }).strict().nullable().optional(),
    certificate_organizations: strings.optional(),
    certificate_cname_re: strings.optional(),
  })
  .strict();
const EchapFeed = z.array(EchapEntry).min(1).max(5000);

export interface EchapStats {
  products: number;
  packages: number;
  iosBundles: number;
  certificates: number;
  websites: number;
  distribution: number;
  c2Domains: number;
  c2Ips: number;
  samples: number;
}

export function emptyEchapStats(): EchapStats {
  return { products: 0, packages: 0, iosBundles: 0, certificates: 0, websites: 0, distribution: 0, c2Domains: 0, c2Ips: 0, samples: 0 };
}

const DESCRIPTIONS = {
  stalkerware: (name: string) => ({
    en: `${name} is listed as stalkerware by the Echap stalkerware-indicators project: an app sold to watch a phone's messages, calls and location in secret.`,
    fr: `${name} est répertorié comme logiciel espion (stalkerware) par le projet stalkerware-indicators d’Echap : une application vendue pour surveiller en secret les messages, les appels et la localisation d’un téléphone.`,
  }),
  watchware: (name: string) => ({
    en: `${name} is listed as monitoring software ("watchware") by the Echap stalkerware-indicators project: it watches a phone openly, like parental-control apps. Check with the survivor whether she knows about it.`,
    fr: `${name} est répertorié comme logiciel de surveillance visible (« watchware ») par le projet stalkerware-indicators d’Echap, comme les applications de contrôle parental. Vérifiez avec la personne si elle en a connaissance.`,
  }),
};

export function echapId(name: string): string {
  return `echap:${slug(name)}`;
}

/** Reads ioc.yaml or watchware.yaml. */
export function importEchapYaml(text: string, source: string, stats: EchapStats, notes: string[]): SignatureEntry[] {
  const feed = validStructure(EchapFeed, parseYaml(text, source), source);
  let organisations = 0;
  let namePatterns = 0;
  const pageAddresses: string[] = [];
  const sharedHosts: string[] = [];
  /** Domains the signature can hold: not page addresses (https://github.com/…), not hosts everybody uses. */
  const usable = (sites: string[]) =>
    sites.filter((site) => {
      if (site.includes('/')) {
        pageAddresses.push(site);
        return false;
      }
      if (isSharedHost(site)) {
        sharedHosts.push(site);
        return false;
      }
      return true;
    });
  const entries = feed.map((product) => {
    const c2Ips = [...(product.c2?.ips ?? []), ...(product.c2?.ip ?? [])];
    stats.products += 1;
    stats.packages += product.packages?.length ?? 0;
    stats.iosBundles += product.ios_bundles?.length ?? 0;
    stats.certificates += product.certificates?.length ?? 0;
    stats.websites += product.websites?.length ?? 0;
    stats.distribution += product.distribution?.length ?? 0;
    stats.c2Domains += product.c2?.domains?.length ?? 0;
    stats.c2Ips += c2Ips.length;
    organisations += product.certificate_organizations?.length ?? 0;
    namePatterns += product.certificate_cname_re?.length ?? 0;
    const monitoring = product.type === 'watchware';
    const apps = appIdIndicators(product.packages ?? []);
    return validEntry(
      {
        id: echapId(product.name),
        name: product.name,
        aliases: [...new Set((product.names ?? []).filter((alias) => alias !== product.name))],
        ...listEntry(monitoring ? 'monitoring' : 'stalkerware'),
        platforms: ['android', 'ios'],
        description: DESCRIPTIONS[product.type](product.name),
        references: ['https://github.com/AssoEchap/stalkerware-indicators'],
        indicators: {
          androidPackages: apps.androidPackages,
          iosBundleIds: [...new Set([...(product.ios_bundles ?? []), ...apps.iosBundleIds])],
          certificateSha1: product.certificates ?? [],
          domains: usable(product.c2?.domains ?? []),
          websites: usable([...(product.websites ?? []), ...(product.distribution ?? [])]),
          ips: c2Ips,
        },
      },
      source,
      product.name,
    );
  });
  if (sharedHosts.length > 0) notes.push(`${source}: ${sharedHosts.length} domain(s) of hosts many people use not imported (${[...new Set(sharedHosts)].join(', ')}).`);
  if (pageAddresses.length > 0) notes.push(`${source}: ${pageAddresses.length} download page address(es) not used as domains (they point at shared hosts): ${pageAddresses.join(', ')}.`);
  if (organisations > 0) notes.push(`${source}: ${organisations} certificate organisation name(s) not used (the signature format matches certificate fingerprints, not names).`);
  if (namePatterns > 0) notes.push(`${source}: ${namePatterns} certificate name pattern(s) not used.`);
  return mergeById(entries);
}

/** Reads samples.csv: one APK per line, grouped by product. */
export function importEchapSamples(text: string, source: string, stats: EchapStats): SignatureEntry[] {
  const rows = parseCsv(text, source, ['SHA256', 'Package Name', 'Certificate', 'Version', 'App']);
  const byProduct = new Map<string, { name: string; hashes: Set<string>; packages: Set<string>; certificates: Set<string> }>();
  rows.forEach((row, line) => {
    const [sha256, packageName, certificate, , app] = row as [string, string, string, string, string];
    if (!app) throw invalid(source, `line ${line + 2}: the App column is empty.`);
    const product = byProduct.get(echapId(app)) ?? { name: app, hashes: new Set(), packages: new Set(), certificates: new Set() };
    product.hashes.add(sha256);
    if (packageName) product.packages.add(packageName);
    if (certificate) product.certificates.add(certificate);
    byProduct.set(echapId(app), product);
    stats.samples += 1;
  });
  // What is indexed from the samples: their packages and certificates count too (each once).
  const products = [...byProduct.values()];
  stats.packages += new Set(products.flatMap((product) => [...product.packages])).size;
  stats.certificates += new Set(products.flatMap((product) => [...product.certificates])).size;
  return [...byProduct.entries()].map(([id, product]) =>
    validEntry(
      {
        id,
        name: product.name,
        ...listEntry('stalkerware'),
        platforms: ['android'],
        description: DESCRIPTIONS.stalkerware(product.name),
        references: ['https://github.com/AssoEchap/stalkerware-indicators'],
        indicators: { fileSha256: [...product.hashes], androidPackages: [...product.packages], certificateSha1: [...product.certificates] },
      },
      source,
      product.name,
    ),
  );
}
