// Importer for ISDi's app-flags.csv (github.com/stopipv/isdi, MIT): apps flagged stalkerware, spyware
// or dual-use, per store. Dual-use apps become "ask the survivor whether she installed this" signatures.
// Rows that cannot be signatures (an App Store title instead of a bundle id, apps flagged safe) are
// reported in the import notes.
import type { SignatureEntry } from '../../../src-shared/signature-format.js';
import { AndroidPackageName, ReverseDnsName } from '../../../src-shared/signature-format.js';
import { invalid, parseCsv } from '../input.js';
import { mergeById, slug, validEntry } from '../imported-set.js';
import { listEntry } from '../list-categories.js';

export const ISDI_CREDIT = 'App flags from ISDi, the Intimate Partner Surveillance Detector (github.com/stopipv/isdi), MIT licence';

const STORES = { playstore: 'android', offstore: 'android', appstore: 'ios' } as const;
const FLAGS = { stalkerware: listEntry('stalkerware'), spyware: listEntry('spyware'), 'dual-use': listEntry('dual-use') };

const DESCRIPTIONS = {
  stalkerware: (title: string) => ({
    en: `"${title}" is flagged as stalkerware by ISDi: it is made to watch someone's phone without their knowledge.`,
    fr: `« ${title} » est signalée comme logiciel espion (stalkerware) par ISDi : elle sert à surveiller le téléphone de quelqu’un à son insu.`,
  }),
  spyware: (title: string) => ({
    en: `"${title}" is flagged as spyware by ISDi.`,
    fr: `« ${title} » est signalée comme logiciel espion par ISDi.`,
  }),
  'dual-use': (title: string) => ({
    en: `"${title}" has legitimate uses (finding a phone, family location, parental control) but can also be used to follow someone. Ask the survivor whether she installed it herself.`,
    fr: `« ${title} » a des usages légitimes (retrouver un téléphone, localiser sa famille, contrôle parental) mais peut aussi servir à suivre quelqu’un. Demandez à la personne si elle l’a installée elle-même.`,
  }),
};

export interface IsdiStats {
  apps: number;
  stalkerware: number;
  spyware: number;
  dualUse: number;
}

export function importIsdi(text: string, source: string, notes: string[]): { entries: SignatureEntry[]; stats: IsdiStats } {
  const rows = parseCsv(text, source, ['appId', 'store', 'flag', 'title']);
  const stats: IsdiStats = { apps: rows.length, stalkerware: 0, spyware: 0, dualUse: 0 };
  const skipped: string[] = [];
  const entries: SignatureEntry[] = [];
  rows.forEach((row, index) => {
    const [appId, store, flag, rawTitle] = row as [string, string, string, string];
    // Some rows list every name a clone family is sold under, comma-separated: shown with spaces.
    const title = rawTitle.split(',').map((name) => name.trim()).filter(Boolean).join(', ');
    const line = index + 2;
    if (!(store in STORES)) throw invalid(source, `line ${line}: unknown store "${store}" (expected playstore, appstore or offstore).`);
    if (flag === 'safe') {
      skipped.push(`line ${line} (${appId}): flagged safe`);
      return;
    }
    if (!(flag in FLAGS)) throw invalid(source, `line ${line}: unknown flag "${flag}" (expected stalkerware, spyware or dual-use).`);
    const platform = STORES[store as keyof typeof STORES];
    const identifier = platform === 'android' ? AndroidPackageName : ReverseDnsName;
    if (!identifier.safeParse(appId).success) {
      skipped.push(`line ${line} (${appId}): not an app identifier`);
      return;
    }
    const kind = flag as keyof typeof FLAGS;
    if (kind === 'stalkerware') stats.stalkerware += 1;
    else if (kind === 'spyware') stats.spyware += 1;
    else stats.dualUse += 1;
    entries.push(
      validEntry(
        {
          id: `isdi:${slug(store)}.${appId.toLowerCase().replace(/[^a-z0-9._-]/g, '-')}`,
          name: title || appId,
          category: FLAGS[kind].category,
          platforms: [platform],
          severity: FLAGS[kind].severity,
          description: DESCRIPTIONS[kind](title || appId),
          references: ['https://github.com/stopipv/isdi'],
          indicators: platform === 'android' ? { androidPackages: [appId] } : { iosBundleIds: [appId] },
        },
        source,
        `line ${line} (${appId})`,
      ),
    );
  });
  if (skipped.length > 0) notes.push(`${source}: ${skipped.length} row(s) not used — ${skipped.slice(0, 10).join('; ')}${skipped.length > 10 ? '; …' : ''}`);
  return { entries: mergeById(entries), stats };
}
