// What a verification of an evidence bundle concludes (docs/bundle-format.md, section 7): each problem by
// its code, who signed, what the bundle holds and for whom it was sealed. The same in `sentinelle verify`,
// the app and the lawyer's reader page.
import { z } from 'zod';

/** Who a bundle was sealed for, as the signed manifest records it: recipients' fingerprints (sorted), and whether a passphrase opens it too. */
export const SealedFor = z.object({ recipients: z.array(z.string().max(64)).max(100), passphrase: z.boolean() }).strict();
export type SealedFor = z.infer<typeof SealedFor>;

export const VerifyProblemCode = z.enum([
  'not-a-bundle',
  'unsupported-version',
  'wrong-key',
  'header-altered',
  'truncated',
  'chunk-altered',
  'chunks-reordered',
  'manifest-invalid',
  'signature-invalid',
  'unknown-signer',
  'artifact-changed',
  'artifact-missing',
  'unexpected-file',
  'custody-broken',
  'manifest-duplicate-key',
  'manifest-not-canonical',
  'end-counts-wrong',
  'trailing-bytes',
  'recipients-changed',
]);
export type VerifyProblemCode = z.infer<typeof VerifyProblemCode>;

export const VerifyVerdict = z.object({
  ok: z.boolean(),
  problems: z.array(z.object({ code: VerifyProblemCode, message: z.string() })),
  /** Who signed the manifest, and whether the verifier knows that key (null: nothing to compare with). */
  signer: z.object({ fingerprint: z.string(), known: z.boolean().nullable() }).nullable(),
  case: z.object({ id: z.string(), pseudonym: z.string() }).nullable(),
  createdAt: z.string().nullable(),
  files: z.object({ expected: z.number().int(), verified: z.number().int(), excluded: z.number().int() }),
  findings: z.number().int().nonnegative(),
  custodyEntries: z.number().int().nonnegative(),
  /** Who the signed manifest says the bundle was sealed for (null when the manifest could not be read). */
  sealedFor: SealedFor.nullable(),
  extractedTo: z.string().nullable(),
});
export type VerifyVerdict = z.infer<typeof VerifyVerdict>;

/** The verdict on a bundle nothing could be verified in, with why. */
export function unverifiableVerdict(message: string): VerifyVerdict {
  return { ok: false, problems: [{ code: 'not-a-bundle', message }], signer: null, case: null, createdAt: null, files: { expected: 0, verified: 0, excluded: 0 }, findings: 0, custodyEntries: 0, sealedFor: null, extractedTo: null };
}
