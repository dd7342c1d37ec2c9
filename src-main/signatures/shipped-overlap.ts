// An imported feed or pack against the lists Sentinelle ships (its own database, Echap's and ISDi's lists):
// what a shipped list already says about the same product is not imported again, so that a product is
// counted once and one visit is one verdict. Indicators are compared by what they name — a domain whether a
// list calls it a website or a server, an app id whichever platform: one is left out when a shipped list
// names it for a product of the same name, or names it at least as severely under another name (so an
// import that says more — stalkerware where a shipped list says dual-use — still counts).
// A STIX2 bundle says one thing of all its products ("Stalkerware applications"), where the shipped list
// says what each is: a product the shipped lists know keeps their category (Life360 stays "ask her").
import { SEVERITY_RANK } from '../../src-shared/model.js';
import type { IndicatorKind, IndicatorSet, SignatureEntry } from '../../src-shared/signature-format.js';
import type { ImportedSet } from './imported-set.js';
import { LIST_SEVERITY } from './list-categories.js';

/** Indicator kinds that name the same kind of thing, compared as one. */
const FAMILY: Partial<Record<IndicatorKind, string>> = { websites: 'net', domains: 'net', androidPackages: 'app', iosBundleIds: 'app' };

const nameKey = (name: string) => name.normalize('NFKD').toLowerCase().replace(/[^a-z0-9]+/g, '');
const indicatorKey = (kind: IndicatorKind, value: string) => `${FAMILY[kind] ?? kind}:${value.toLowerCase()}`;

function indicatorKeys(indicators: IndicatorSet): Set<string> {
  const keys = new Set<string>();
  for (const [kind, values] of Object.entries(indicators) as [IndicatorKind, string[]][]) for (const value of values) keys.add(indicatorKey(kind, value));
  return keys;
}

export interface ShippedOverlap {
  set: ImportedSet;
  /** Products whose every indicator a shipped list already holds: left out. */
  productsLeftOut: number;
  /** Indicators left out of products kept for what else they add. */
  indicatorsLeftOut: number;
}

/** The imported set without what the shipped lists already say; notes say what was left out and why. */
export function withoutShipped(imported: ImportedSet, shipped: readonly SignatureEntry[], shippedListNames: readonly string[]): ShippedOverlap {
  const byName = new Map<string, { entries: SignatureEntry[]; keys: Set<string> }>();
  /** The strongest severity a shipped list gives each indicator, whatever the product's name. */
  const strongest = new Map<string, number>();
  for (const entry of shipped) {
    for (const key of indicatorKeys(entry.indicators)) strongest.set(key, Math.max(strongest.get(key) ?? 0, SEVERITY_RANK[entry.severity]));
    for (const name of [entry.name, ...entry.aliases]) {
      const known = byName.get(nameKey(name)) ?? { entries: [], keys: new Set<string>() };
      known.entries.push(entry);
      for (const key of indicatorKeys(entry.indicators)) known.keys.add(key);
      byName.set(nameKey(name), known);
    }
  }
  let productsLeftOut = 0;
  let indicatorsLeftOut = 0;
  let recategorised = 0;
  const kept: SignatureEntry[] = [];
  for (const entry of imported.signatures) {
    const known = [entry.name, ...entry.aliases].map((name) => byName.get(nameKey(name))).find((found) => found !== undefined);
    // A bundle that says the same of every product takes the category a shipped list gives this one.
    const listed = known?.entries[0];
    const adopt = imported.format === 'stix2' && listed !== undefined && listed.category !== entry.category;
    const judged: SignatureEntry = adopt ? { ...entry, category: listed.category, severity: LIST_SEVERITY[listed.category as keyof typeof LIST_SEVERITY] ?? listed.severity } : entry;
    const shippedAlready = (key: string) => known?.keys.has(key) === true || (strongest.get(key) ?? -1) >= SEVERITY_RANK[judged.severity];
    let left = 0;
    const indicators = Object.fromEntries(
      (Object.entries(entry.indicators) as [IndicatorKind, string[]][]).map(([kind, values]) => {
        const remaining = values.filter((value) => !shippedAlready(indicatorKey(kind, value)));
        left += remaining.length;
        indicatorsLeftOut += values.length - remaining.length;
        return [kind, remaining];
      }),
    ) as IndicatorSet;
    if (left === 0) {
      productsLeftOut += 1;
      continue;
    }
    if (adopt) recategorised += 1;
    kept.push({ ...judged, indicators });
  }
  const lists = shippedListNames.join(', ');
  const notes = [
    ...(productsLeftOut > 0 ? [`${productsLeftOut} product(s) of this file are already shipped with Sentinelle with the same indicators (${lists}): counted once, not imported again.`] : []),
    ...(indicatorsLeftOut > 0 && kept.length > 0 ? [`${indicatorsLeftOut} indicator(s) already shipped for the same products were left out; what is new was imported.`] : []),
    ...(recategorised > 0 ? [`${recategorised} product(s) keep the category the shipped lists give them (this bundle calls every product "stalkerware").`] : []),
  ];
  return { set: { ...imported, signatures: kept, notes: [...imported.notes, ...notes] }, productsLeftOut, indicatorsLeftOut };
}
