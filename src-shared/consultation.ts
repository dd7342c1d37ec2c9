// The consultation record of a case (issue 32), after ISDi's consultation form: what she is worried about,
// the devices she brought, the guided checks done with her and her answers, the vulnerabilities found, the
// safety planning done, the changes made on site (with her consent) and what to follow up. Stored encrypted
// in the vault with the case, each save in the custody log; forwarding never sends it.
import { z } from 'zod';
import { GUIDED_CHECK_IDS } from './guided-checks.js';
import type { LocalizedText } from './model.js';

/** Her chief concerns, as ISDi's form lists them. */
export const CONCERNS = ['spyware-or-tracking', 'hacked-accounts', 'location', 'harassment-unknown-numbers', 'childs-devices', 'financial', 'other'] as const;

const t = (en: string, fr: string): LocalizedText => ({ en, fr });

/** Her concerns in words, for the form and the report. */
export const CONCERN_WORDS: Record<(typeof CONCERNS)[number], LocalizedText> = {
  'spyware-or-tracking': t('Spyware or being tracked', 'Logiciel espion ou être suivie'),
  'hacked-accounts': t('Accounts broken into', 'Comptes piratés'),
  location: t('Someone knows where she is', 'Quelqu’un sait où elle se trouve'),
  'harassment-unknown-numbers': t('Harassment from unknown numbers or accounts', 'Harcèlement par des numéros ou comptes inconnus'),
  'childs-devices': t('Her children’s devices', 'Les appareils de ses enfants'),
  financial: t('Money: bank, cards, shared accounts', 'L’argent : banque, cartes, comptes partagés'),
  other: t('Something else', 'Autre chose'),
};

/** What each check showed, in words. */
export const OUTCOME_WORDS: Record<CheckAnswer['outcome'], LocalizedText> = {
  fine: t('Nothing of concern', 'Rien d’inquiétant'),
  worrying: t('Something worrying', 'Quelque chose d’inquiétant'),
  'not-done': t('Not done', 'Pas faite'),
};

const note = z.string().trim().max(4000);
const line = z.string().trim().min(1).max(500);

export const CheckAnswer = z
  .object({
    check: z.enum(GUIDED_CHECK_IDS),
    /** What the check showed: nothing of concern, something worrying, or not done (she chose not to, no access…). */
    outcome: z.enum(['fine', 'worrying', 'not-done']),
    /** Her answer in words ("unknown device 'Galaxy S21' signed into her Google account"). */
    answer: note.default(''),
  })
  .strict();
export type CheckAnswer = z.infer<typeof CheckAnswer>;

/** Each field's schema, without its default: a bundle carries only the parts she chose. */
const FIELDS = {
  concerns: z.array(z.enum(CONCERNS)).max(CONCERNS.length),
  concernsNote: note,
  devicesBrought: z.array(line).max(50),
  checks: z.array(CheckAnswer).max(GUIDED_CHECK_IDS.length),
  vulnerabilities: z.array(line).max(100),
  safetyPlanning: note,
  /** Each change made on site, and that she agreed to it. */
  changes: z.array(z.object({ what: line, withHerConsent: z.literal(true) }).strict()).max(100),
  followUps: z.array(line).max(100),
};

const answeredOnce = (checks: readonly CheckAnswer[] | undefined) => checks === undefined || new Set(checks.map((answer) => answer.check)).size === checks.length;

export const Consultation = z
  .object({
    concerns: FIELDS.concerns.default([]),
    concernsNote: FIELDS.concernsNote.default(''),
    devicesBrought: FIELDS.devicesBrought.default([]),
    checks: FIELDS.checks.default([]),
    vulnerabilities: FIELDS.vulnerabilities.default([]),
    safetyPlanning: FIELDS.safetyPlanning.default(''),
    changes: FIELDS.changes.default([]),
    followUps: FIELDS.followUps.default([]),
  })
  .strict()
  .refine((record) => answeredOnce(record.checks), { message: 'each check is answered once', path: ['checks'] });
export type Consultation = z.infer<typeof Consultation>;

export const EMPTY_CONSULTATION: Consultation = Consultation.parse({});

/** The parts of the record a bundle can carry: she chooses which (safety planning stays out unless she asks). */
export const CONSULTATION_PARTS = ['concerns', 'devices', 'checks', 'vulnerabilities', 'safety-planning', 'changes', 'follow-ups'] as const;
export const ConsultationPart = z.enum(CONSULTATION_PARTS);
export type ConsultationPart = z.infer<typeof ConsultationPart>;

/** Each part's name, for the choice of what to share and the report's headings. */
export const PART_WORDS: Record<ConsultationPart, LocalizedText> = {
  concerns: t('What she is worried about', 'Ce qui l’inquiète'),
  devices: t('Devices she brought', 'Appareils apportés'),
  checks: t('Guided checks and her answers', 'Vérifications guidées et ses réponses'),
  vulnerabilities: t('Weaknesses found', 'Failles trouvées'),
  'safety-planning': t('Safety planning', 'Plan de sécurité'),
  changes: t('Changes made with her consent', 'Changements faits avec son accord'),
  'follow-ups': t('To follow up', 'À suivre'),
};
/** What a bundle carries when nobody chose: everything but her safety planning (where she may go, who helps her). */
export const DEFAULT_SHARED_PARTS: readonly ConsultationPart[] = CONSULTATION_PARTS.filter((part) => part !== 'safety-planning');

/** The record's fields that make up each part. */
const FIELDS_OF: Record<ConsultationPart, readonly (keyof Consultation)[]> = {
  concerns: ['concerns', 'concernsNote'],
  devices: ['devicesBrought'],
  checks: ['checks'],
  vulnerabilities: ['vulnerabilities'],
  'safety-planning': ['safetyPlanning'],
  changes: ['changes'],
  'follow-ups': ['followUps'],
};

/** The record with only the parts she chose to share (the others left out whole, not emptied). */
export function sharedParts(record: Consultation, parts: readonly ConsultationPart[]): Partial<Consultation> {
  const shared: Record<string, unknown> = {};
  for (const part of CONSULTATION_PARTS) {
    if (!parts.includes(part)) continue;
    for (const field of FIELDS_OF[part]) shared[field] = record[field];
  }
  return shared as Partial<Consultation>;
}

/** The consultation as a bundle carries it: which parts she chose, and those parts of the record. */
export const SharedConsultation = z
  .object({
    parts: z.array(ConsultationPart).max(CONSULTATION_PARTS.length),
    record: z
      .object(FIELDS)
      .partial()
      .strict()
      .refine((record) => answeredOnce(record.checks), { message: 'each check is answered once', path: ['checks'] }),
    /** Findings made from her answers, left out with her answers when she chose not to share them. */
    findingsLeftOut: z.number().int().nonnegative(),
  })
  .strict();
export type SharedConsultation = z.infer<typeof SharedConsultation>;

/** The rule of findings made from her answers: kept in the case, never forwarded (the consultation is hers). */
export const CONSULTATION_RULE = 'heuristic:consultation.worrying-answer';
