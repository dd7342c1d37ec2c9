// What the signature service answers: the signatures in use (database, community lists, imported sets,
// trusted keys) and the result of importing a file. Part of the API (src-shared/api.ts), produced by
// src-main/signatures.
import { z } from 'zod';

export const SignatureInfo = z.object({
  database: z.object({ name: z.string(), version: z.string(), sha256: z.string(), signatures: z.number().int() }),
  community: z
    .object({
      compiledAt: z.string(),
      sets: z.array(
        z.object({
          name: z.string(),
          version: z.string(),
          credit: z.string().nullable(),
          /** Where the shipped list comes from: upstream repository at a pinned commit, and its licence. */
          source: z.object({ repository: z.string(), commit: z.string(), date: z.string(), licence: z.string() }).nullable(),
          signatures: z.number().int(),
          notes: z.array(z.string()),
        }),
      ),
    })
    .nullable(),
  imported: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['feed', 'pack']),
      name: z.string(),
      version: z.string(),
      trusted: z.boolean(),
      signer: z.string().nullable(),
      credit: z.string().nullable(),
      signatures: z.number().int(),
      /** False when a set stored by an older version no longer fits the format: re-import it. */
      readable: z.boolean(),
      importedAt: z.string(),
    }),
  ),
  totalSignatures: z.number().int(),
  totalIndicators: z.number().int(),
  /** Attributions the About screen must show (feed licences). */
  credits: z.array(z.string()),
  trustedKeys: z.array(z.object({ label: z.string(), fingerprint: z.string(), publicKey: z.string(), origin: z.enum(['installation', 'vault']) })),
});
export type SignatureInfo = z.infer<typeof SignatureInfo>;

export const SignatureImportResult = z.object({
  setId: z.string(),
  name: z.string(),
  version: z.string(),
  trusted: z.boolean(),
  signatures: z.number().int(),
  stats: z.record(z.string(), z.number()),
  notes: z.array(z.string()),
  /** The same file (same SHA-256) was imported before: nothing was changed, and this is the set already there. */
  alreadyImported: z.boolean().default(false),
  /** Everything in the file is already shipped with Sentinelle (its database or a community list): nothing was stored. */
  alreadyShipped: z.boolean().default(false),
});
export type SignatureImportResult = z.infer<typeof SignatureImportResult>;

/** One list of signatures in use and how old it is: the project's database, a shipped community list, an imported set. */
export const SignatureListAge = z.object({
  name: z.string(),
  kind: z.enum(['database', 'community', 'imported']),
  /** The day the list's contents date from (its version's date, the upstream commit it is pinned at, or when it was imported). */
  date: z.string().nullable(),
  ageDays: z.number().int().nonnegative().nullable(),
});
export type SignatureListAge = z.infer<typeof SignatureListAge>;

const DAY_MS = 86_400_000;

/** The day a version names (`2026.11.20…`), as an ISO date; null when it names none. */
function dayOfVersion(version: string): string | null {
  const date = /^(\d{4})[.-](\d{2})[.-](\d{2})/.exec(version);
  return date ? `${date[1]}-${date[2]}-${date[3]}` : null;
}

/** Every list in use with its age in whole days, the oldest first (those with no known date last). */
export function signatureListAges(info: Pick<SignatureInfo, 'database' | 'community' | 'imported'>, now: Date): SignatureListAge[] {
  const age = (date: string | null) => (date === null || Number.isNaN(Date.parse(date)) ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(date.slice(0, 10))) / DAY_MS)));
  const lists = [
    { name: info.database.name, kind: 'database' as const, date: dayOfVersion(info.database.version) },
    ...(info.community?.sets ?? []).map((set) => ({ name: set.name, kind: 'community' as const, date: set.source?.date.slice(0, 10) ?? dayOfVersion(set.version) })),
    ...info.imported.map((set) => ({ name: set.name, kind: 'imported' as const, date: dayOfVersion(set.version) ?? set.importedAt.slice(0, 10) })),
  ].map((list) => ({ ...list, ageDays: age(list.date) }));
  return lists.sort((a, b) => (b.ageDays ?? -1) - (a.ageDays ?? -1));
}

/** An age in days as words an advocate reads at a glance: "9 days", "38 days (about 5 weeks)", "152 days (about 5 months)". */
export function ageInWords(days: number, language: 'en' | 'fr'): string {
  const plural = (n: number, en: string, fr: string) => (language === 'en' ? `${n} ${en}${n === 1 ? '' : 's'}` : `${n} ${fr}${n === 1 || fr === 'mois' ? '' : 's'}`);
  const exact = plural(days, 'day', 'jour');
  if (days < 14) return exact;
  const about = language === 'en' ? 'about' : 'environ';
  if (days < 60) return `${exact} (${about} ${plural(Math.round(days / 7), 'week', 'semaine')})`;
  const months = Math.round((days / 30.44) * 2) / 2;
  const monthsText = Number.isInteger(months) ? String(months) : `${Math.floor(months)}½`;
  return `${exact} (${about} ${monthsText} ${language === 'en' ? (months === 1 ? 'month' : 'months') : 'mois'})`;
}
