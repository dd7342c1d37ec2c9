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
});
export type SignatureImportResult = z.infer<typeof SignatureImportResult>;
