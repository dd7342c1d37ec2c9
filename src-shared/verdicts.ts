// Verdicts as the screens, the report and the CLI read them: the reasons a verdict on one app gathers
// (each list that names it, each heuristic), and the summary at the top of a case — signs of stalkerware,
// apps to ask her about, or nothing found — with how sure we are, in plain words, English and French.
import { z } from 'zod';
import { FindingOrigin, LocalizedText, Severity, type Finding } from './model.js';

export const VerdictReason = z.object({
  origin: FindingOrigin,
  ruleId: z.string(),
  ruleVersion: z.string(),
  severity: Severity,
  category: z.string(),
  product: z.object({ id: z.string(), name: z.string() }).nullable(),
  title: LocalizedText,
  explanation: LocalizedText,
  observationIds: z.array(z.number()),
  /** What the reason was called when it was a finding of its own (reviews carry over from it). */
  fingerprint: z.string(),
});
export type VerdictReason = z.infer<typeof VerdictReason>;

const VerdictDetails = z.object({
  app: z.object({ platform: z.enum(['android', 'ios']), id: z.string(), label: z.string().nullable() }),
  reasons: z.array(VerdictReason),
});

/** The app a finding is the verdict on, and its reasons; null for findings about the device or a website. */
export function verdictOf(finding: Pick<Finding, 'details'>): z.infer<typeof VerdictDetails> | null {
  const parsed = VerdictDetails.safeParse(finding.details);
  return parsed.success ? parsed.data : null;
}

/** Categories that mean surveillance when a list names the app. */
const SURVEILLANCE = new Set(['stalkerware', 'spyware', 'keylogger', 'remote-access']);

export const SummaryApp = z.object({ findingId: z.string(), name: z.string(), severity: Severity, product: z.string().nullable() });
export type SummaryApp = z.infer<typeof SummaryApp>;

export const CaseSummary = z.object({
  verdict: z.enum(['stalkerware', 'ask-her', 'nothing']),
  /** Apps with strong signs (critical or high). */
  stalkerware: z.array(SummaryApp),
  /** Apps with legitimate uses or a single right: questions for her (medium or low). */
  askHer: z.array(SummaryApp),
  /** Strong signs about the device itself (rooted, managed, another computer trusted). */
  deviceSigns: z.number().int().nonnegative(),
  /** A list of known stalkerware names at least one of the apps (as opposed to behaviour alone). */
  named: z.boolean(),
  headline: LocalizedText,
  certainty: LocalizedText,
});
export type CaseSummary = z.infer<typeof CaseSummary>;

const appName = (finding: SummaryInput): string => {
  const verdict = verdictOf(finding);
  return verdict?.app.label ?? finding.product?.name ?? verdict?.app.id ?? finding.title.en;
};

/** Apps named in a headline; more are counted (`+12`), the case screen lists them all. */
const NAMED_IN_HEADLINE = 8;

const list = (apps: readonly SummaryApp[]) => {
  const named = apps.slice(0, NAMED_IN_HEADLINE).map((app) => (app.product && app.product !== app.name ? `${app.name} (${app.product})` : app.name)).join(', ');
  return apps.length > NAMED_IN_HEADLINE ? `${named} (+${apps.length - NAMED_IN_HEADLINE})` : named;
};

/**
 * The case at a glance, from its current findings: those retired (no longer found) and those she and the
 * advocate dismissed do not count.
 */
/** What the summary reads of a finding. */
export type SummaryInput = Pick<Finding, 'id' | 'severity' | 'category' | 'product' | 'title' | 'details' | 'reviewStatus' | 'retiredAt'>;

export function summarizeCase(findings: readonly SummaryInput[]): CaseSummary {
  const current = findings.filter((finding) => finding.retiredAt === null && finding.reviewStatus !== 'dismissed');
  const strong = (finding: SummaryInput) => finding.severity === 'critical' || finding.severity === 'high';
  const apps = current.filter((finding) => verdictOf(finding) !== null);
  const toApp = (finding: SummaryInput): SummaryApp => ({ findingId: finding.id, name: appName(finding), severity: finding.severity, product: finding.product?.name ?? null });
  const stalkerware = apps.filter(strong).map(toApp);
  const askHer = apps.filter((finding) => !strong(finding)).map(toApp);
  const deviceSigns = current.filter((finding) => verdictOf(finding) === null && strong(finding)).length;
  const named = apps.some((finding) => strong(finding) && finding.product !== null && SURVEILLANCE.has(finding.category));
  const device = deviceSigns > 0 ? { en: ` Also ${deviceSigns} strong sign${deviceSigns > 1 ? 's' : ''} about the device itself.`, fr: ` Aussi ${deviceSigns} signe${deviceSigns > 1 ? 's' : ''} fort${deviceSigns > 1 ? 's' : ''} sur l’appareil lui-même.` } : { en: '', fr: '' };
  if (stalkerware.length > 0) {
    return {
      verdict: 'stalkerware',
      stalkerware,
      askHer,
      deviceSigns,
      named,
      headline: { en: `Signs of stalkerware: ${list(stalkerware)}.${device.en}`, fr: `Signes de logiciel espion : ${list(stalkerware)}.${device.fr}` },
      certainty: named
        ? { en: 'We are sure of what it is: a list of known stalkerware names it.', fr: 'Nous savons ce que c’est : une liste de logiciels espions connus le nomme.' }
        : {
            en: 'Likely, not certain: no list names it, but it behaves the way stalkerware does. Ask an expert of your network to look at the evidence.',
            fr: 'Probable, pas certain : aucune liste ne le nomme, mais il se comporte comme un logiciel espion. Demandez à une personne experte de votre réseau d’examiner les preuves.',
          },
    };
  }
  if (askHer.length > 0 || deviceSigns > 0) {
    return {
      verdict: 'ask-her',
      stalkerware,
      askHer,
      deviceSigns,
      named,
      headline: askHer.length > 0 ? { en: `No sign of stalkerware. Apps to ask her about: ${list(askHer)}.${device.en}`, fr: `Aucun signe de logiciel espion. Applications à voir avec elle : ${list(askHer)}.${device.fr}` } : { en: `No stalkerware app found.${device.en}`, fr: `Aucune application espionne trouvée.${device.fr}` },
      certainty: {
        en: 'These have everyday uses (finding a phone, a password manager, a work app) and can also be used to watch someone: only she can tell whether she set them up.',
        fr: 'Elles ont des usages courants (retrouver un téléphone, un gestionnaire de mots de passe, une application de travail) et peuvent aussi servir à surveiller : elle seule peut dire si c’est elle qui les a installées.',
      },
    };
  }
  return {
    verdict: 'nothing',
    stalkerware,
    askHer,
    deviceSigns,
    named,
    headline: { en: 'Nothing found.', fr: 'Rien trouvé.' },
    certainty: {
      en: 'Nothing found does not prove the device is clean: some surveillance (a shared account, a tracker in a bag) leaves no trace on it. Trust what she tells you.',
      fr: 'Ne rien trouver ne prouve pas que l’appareil est sain : certaines surveillances (un compte partagé, un traceur dans un sac) n’y laissent aucune trace. Fiez-vous à ce qu’elle vous dit.',
    },
  };
}
