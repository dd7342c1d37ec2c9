// Verdicts as the screens, the report and the CLI read them: the reasons a verdict on one app gathers
// (each list that names it, each heuristic), and the summary at the top of a case — signs of stalkerware,
// apps to ask her about, or nothing found — with how sure we are, in plain words, English and French.
import { z } from 'zod';
import { CONSULTATION_RULE } from './consultation.js';
import { GUIDED_CHECK_IDS, guidedCheck } from './guided-checks.js';
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
  /** What holds for every reason (how the app came to the phone), said once after them; absent in older verdicts. */
  notes: z.array(LocalizedText).default([]),
});

/** The app a finding is the verdict on, and its reasons; null for findings about the device or a website. */
export function verdictOf(finding: Pick<Finding, 'details'>): z.infer<typeof VerdictDetails> | null {
  const parsed = VerdictDetails.safeParse(finding.details);
  return parsed.success ? parsed.data : null;
}

/** Categories that mean surveillance when a list names the app. */
const SURVEILLANCE = new Set(['stalkerware', 'spyware', 'keylogger', 'remote-access']);

/** Something the summary names: an app with a verdict, or another finding (a process, a server reached, a profile). */
export const SummaryApp = z.object({ findingId: z.string(), name: z.string(), severity: Severity, product: z.string().nullable() });
export type SummaryApp = z.infer<typeof SummaryApp>;

export const CaseSummary = z.object({
  verdict: z.enum(['stalkerware', 'ask-her', 'nothing']),
  /** What shows strong signs (critical or high): apps, and what else was seen (a process, a server reached, a profile). */
  stalkerware: z.array(SummaryApp),
  /** What has legitimate uses or a single weaker sign: questions for her (medium or low). */
  askHer: z.array(SummaryApp),
  /** Of the strong signs, those about the device itself or something seen on it rather than an installed app. */
  deviceSigns: z.number().int().nonnegative(),
  /** A list of known stalkerware names at least one strong sign (as opposed to behaviour alone). */
  named: z.boolean(),
  /** What was found with her (her answers to the guided checks), apart from what was found on the devices. */
  withHer: z.array(SummaryApp),
  headline: LocalizedText,
  certainty: LocalizedText,
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/** What the summary reads of a finding. */
export type SummaryInput = Pick<Finding, 'id' | 'ruleId' | 'severity' | 'category' | 'product' | 'title' | 'details' | 'reviewStatus' | 'retiredAt'>;

/**
 * How the summary names a finding: an app by its name (and the product a list knows it as); anything else
 * by the product a list names (TheTruthSpy's process, mSpy's server), or else by its title.
 */
function summaryItem(finding: SummaryInput, language: 'en' | 'fr'): string {
  const verdict = verdictOf(finding);
  const product = finding.product?.name ?? null;
  if (verdict) {
    const name = verdict.app.label ?? product ?? verdict.app.id;
    return product && product !== name ? `${name} (${product})` : name;
  }
  return product ?? finding.title[language].replace(/[.\s]+$/, '');
}

/** A finding from her answers is named by its guided check ("Her Google account"). */
function checkName(finding: SummaryInput, language: 'en' | 'fr'): string {
  const check = GUIDED_CHECK_IDS.find((id) => id === finding.details.check);
  return check ? guidedCheck(check).title[language] : finding.title[language];
}

/** Items named in a headline; more are counted (`+12`), the case screen lists them all. */
const NAMED_IN_HEADLINE = 8;

const list = (items: readonly string[]) => {
  const named = [...new Set(items)];
  const shown = named.slice(0, NAMED_IN_HEADLINE).join(', ');
  return named.length > NAMED_IN_HEADLINE ? `${shown} (+${named.length - NAMED_IN_HEADLINE})` : shown;
};

const strong = (finding: Pick<SummaryInput, 'severity'>) => finding.severity === 'critical' || finding.severity === 'high';

/**
 * The case at a glance, from every current finding — those retired (no longer found) and those she and
 * the advocate dismissed do not count — so that it never contradicts the verdicts below it: any critical
 * or high finding, on an app or not (a stalkerware process, a server of a stalkerware product reached, a
 * configuration profile), makes it "signs of stalkerware", naming what was seen; any other finding makes
 * it "to look at with her"; "nothing found" only when there is none.
 */
export function summarizeCase(findings: readonly SummaryInput[]): CaseSummary {
  const current = findings.filter((finding) => finding.retiredAt === null && finding.reviewStatus !== 'dismissed');
  // Her answers in the order the checks are gone through (whatever order the vault lists them in).
  const checkOrder = (finding: SummaryInput) => GUIDED_CHECK_IDS.findIndex((id) => id === finding.details.check);
  const herAnswers = current.filter((finding) => finding.ruleId === CONSULTATION_RULE).sort((a, b) => checkOrder(a) - checkOrder(b));
  const onDevices = summarizeDevices(current.filter((finding) => finding.ruleId !== CONSULTATION_RULE));
  if (herAnswers.length === 0) return { ...onDevices, withHer: [] };
  const withHer = herAnswers.map((finding) => ({ findingId: finding.id, name: checkName(finding, 'en'), severity: finding.severity, product: null }));
  const found = { en: ` Found with her: ${list(herAnswers.map((finding) => checkName(finding, 'en')))}.`, fr: ` Trouvé avec elle : ${list(herAnswers.map((finding) => checkName(finding, 'fr')))}.` };
  if (onDevices.verdict !== 'nothing') return { ...onDevices, withHer, headline: { en: onDevices.headline.en + found.en, fr: onDevices.headline.fr + found.fr } };
  // Nothing on the devices, something with her: never "nothing found".
  return {
    ...onDevices,
    verdict: 'ask-her',
    withHer,
    headline: { en: `Nothing found on the devices examined.${found.en}`, fr: `Rien trouvé sur les appareils examinés.${found.fr}` },
    certainty: {
      en: 'What she found with you is not on the phone, and is just as real: someone else may reach her accounts or see where she is. Go through the advice below with her before changing anything.',
      fr: 'Ce qu’elle a trouvé avec vous n’est pas sur le téléphone, et c’est tout aussi réel : quelqu’un d’autre peut accéder à ses comptes ou voir où elle est. Parcourez les conseils ci-dessous avec elle avant de changer quoi que ce soit.',
    },
  };
}

/** The summary of what was found on the devices (every finding but her answers). */
function summarizeDevices(current: readonly SummaryInput[]): Omit<CaseSummary, 'withHer'> {
  // Strongest first, apps before what else was seen, so that the headline names the worst.
  const ordered = [...current].sort((a, b) => SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) || Number(verdictOf(b) !== null) - Number(verdictOf(a) !== null));
  const toItem = (finding: SummaryInput): SummaryApp => ({ findingId: finding.id, name: summaryItem(finding, 'en'), severity: finding.severity, product: finding.product?.name ?? null });
  const strongFindings = ordered.filter(strong);
  const weakFindings = ordered.filter((finding) => !strong(finding));
  const stalkerware = strongFindings.map(toItem);
  const askHer = weakFindings.map(toItem);
  const deviceSigns = strongFindings.filter((finding) => verdictOf(finding) === null).length;
  const named = strongFindings.some((finding) => finding.product !== null && SURVEILLANCE.has(finding.category));
  const names = (chosen: readonly SummaryInput[], language: 'en' | 'fr') => list(chosen.map((finding) => summaryItem(finding, language)));
  if (strongFindings.length > 0) {
    const also = weakFindings.length > 0 ? { en: ` Also to look at with her: ${names(weakFindings, 'en')}.`, fr: ` À voir aussi avec elle : ${names(weakFindings, 'fr')}.` } : { en: '', fr: '' };
    return {
      verdict: 'stalkerware',
      stalkerware,
      askHer,
      deviceSigns,
      named,
      headline: { en: `Signs of stalkerware: ${names(strongFindings, 'en')}.${also.en}`, fr: `Signes de logiciel espion : ${names(strongFindings, 'fr')}.${also.fr}` },
      certainty: named
        ? { en: 'We are sure of what it is: a list of known stalkerware names it.', fr: 'Nous savons ce que c’est : une liste de logiciels espions connus le nomme.' }
        : {
            en: 'Likely, not certain: no list names it, but it behaves the way stalkerware does. Ask an expert of your network to look at the evidence.',
            fr: 'Probable, pas certain : aucune liste ne le nomme, mais il se comporte comme un logiciel espion. Demandez à une personne experte de votre réseau d’examiner les preuves.',
          },
    };
  }
  if (weakFindings.length > 0) {
    return {
      verdict: 'ask-her',
      stalkerware,
      askHer,
      deviceSigns,
      named,
      headline: { en: `No sign of stalkerware. To look at with her: ${names(weakFindings, 'en')}.`, fr: `Aucun signe de logiciel espion. À voir avec elle : ${names(weakFindings, 'fr')}.` },
      // Apps alone, or also a setting or a file: said in words that fit what is listed.
      certainty: weakFindings.every((finding) => verdictOf(finding) !== null)
        ? {
            en: 'These have everyday uses (finding a phone, a password manager, a work app) and can also be used to watch someone: only she can tell whether she set them up.',
            fr: 'Elles ont des usages courants (retrouver un téléphone, un gestionnaire de mots de passe, une application de travail) et peuvent aussi servir à surveiller : elle seule peut dire si c’est elle qui les a installées.',
          }
        : {
            en: 'Each of these can have an everyday explanation (an app she uses, a setting she changed, a file she saved) and can also be a trace of someone watching: only she can tell. Go through them with her.',
            fr: 'Chacun peut avoir une explication ordinaire (une application qu’elle utilise, un réglage qu’elle a changé, un fichier qu’elle a enregistré) et peut aussi être la trace d’une surveillance : elle seule peut le dire. Passez-les en revue avec elle.',
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

const SEVERITY_ORDER = Severity.options;
