// The consultation record of a case (issue 32), after ISDi's consultation form: what she is worried about,
// the devices she brought, the guided checks done with her and her answers, the vulnerabilities found, the
// safety planning done, the changes made on site (with her consent) and what to follow up. Stored encrypted
// in the vault with the case, each save in the custody log; forwarding never sends it.
import { z } from 'zod';
import { GUIDED_CHECK_IDS } from './guided-checks.js';

/** Her chief concerns, as ISDi's form lists them. */
export const CONCERNS = ['spyware-or-tracking', 'hacked-accounts', 'location', 'harassment-unknown-numbers', 'childs-devices', 'financial', 'other'] as const;

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

export const Consultation = z
  .object({
    concerns: z.array(z.enum(CONCERNS)).max(CONCERNS.length).default([]),
    concernsNote: note.default(''),
    devicesBrought: z.array(line).max(50).default([]),
    checks: z.array(CheckAnswer).max(GUIDED_CHECK_IDS.length).default([]),
    vulnerabilities: z.array(line).max(100).default([]),
    safetyPlanning: note.default(''),
    /** Each change made on site, and that she agreed to it. */
    changes: z.array(z.object({ what: line, withHerConsent: z.literal(true) }).strict()).max(100).default([]),
    followUps: z.array(line).max(100).default([]),
  })
  .strict()
  .refine((record) => new Set(record.checks.map((answer) => answer.check)).size === record.checks.length, { message: 'each check is answered once', path: ['checks'] });
export type Consultation = z.infer<typeof Consultation>;

export const EMPTY_CONSULTATION: Consultation = Consultation.parse({});

/** The rule of findings made from her answers: kept in the case, never forwarded (the consultation is hers). */
export const CONSULTATION_RULE = 'heuristic:consultation.worrying-answer';
