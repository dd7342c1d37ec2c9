// The evidence bundle's formats, shared by the writer, the verifier and the app: the clear header (who can
// open it), the signed manifest (what it holds), export options, and the verdict of a verification — every
// field checked with a schema, because a bundle comes from outside whoever verifies it.
import { z } from 'zod';
import { ArtifactCapture, CaseId, CustodyEntry, Device, Finding, IsoTimestamp, LocalizedText, Scan, Sha256Hex } from './model.js';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

export const BUNDLE_FORMAT = 'sentinelle-bundle';

/** A key's fingerprint as people read it aloud: five groups of four Crockford base32 characters (`PF7W-0GAN-2V47-4K4X-E6C9`). */
export const READABLE_FINGERPRINT = /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/i;
/** Version 2: canonical record payloads, the recipients signed in the manifest (docs/bundle-format.md). */
export const BUNDLE_VERSION = 2;

/** What anyone can read before decrypting: how to get the file key. Authenticated as the first chunk's additional data. */
export const BundleHeader = z
  .object({
    format: z.literal(BUNDLE_FORMAT),
    version: z.literal(BUNDLE_VERSION),
    /** Plaintext bytes per data chunk. */
    chunkSize: z.number().int().min(1024).max(16 * 1024 * 1024),
    /** The file key sealed (crypto_box_seal) to each recipient's X25519 public key. */
    /** 80 bytes: a 32-byte key sealed with crypto_box_seal. */
    recipients: z.array(z.object({ fingerprint: z.string().max(64), sealedKey: z.string().regex(/^[A-Za-z0-9+/]{107}=$/) })).max(100),
    /** The file key wrapped (XChaCha20-Poly1305) under an Argon2id key from a passphrase, when one was chosen. */
    passphrase: z
      // Bounded before anything is authenticated: a forged header must not make the verifier spend minutes or gigabytes.
      .object({
        algorithm: z.literal('argon2id13'),
        opslimit: z.number().int().min(1).max(8),
        memlimit: z.number().int().min(8 * 1024 * 1024).max(256 * 1024 * 1024),
        salt: z.string().regex(/^[A-Za-z0-9+/]{22}==$/),
        nonce: z.string().regex(/^[A-Za-z0-9+/]{32}$/),
        ciphertext: z.string().regex(/^[A-Za-z0-9+/]{64}$/),
      })
      .nullable(),
  })
  .strict()
  .refine((header) => header.recipients.length > 0 || header.passphrase !== null, 'a bundle needs a recipient or a passphrase');
export type BundleHeader = z.infer<typeof BundleHeader>;

/** Kinds of artifact an export may leave out (they stay listed in the manifest, marked as left out). */
export const ArtifactClass = z.enum(['apps', 'browsing-history', 'backup-files', 'listings', 'files']);
export type ArtifactClass = z.infer<typeof ArtifactClass>;

export const ManifestArtifact = z.object({
  sha256: Sha256Hex,
  size: z.number().int().nonnegative(),
  class: ArtifactClass,
  included: z.boolean(),
  captures: z.array(ArtifactCapture).max(10_000),
});
export type ManifestArtifact = z.infer<typeof ManifestArtifact>;

/** A custody entry of another case: only what links the chain, nothing of what it says. */
export const CustodyLink = z.object({ seq: z.number().int().positive(), prevHash: Sha256Hex, entryHash: Sha256Hex, signature: hex(64) });
export type CustodyLink = z.infer<typeof CustodyLink>;

export const ReportFile = z.object({ name: z.enum(['report.html', 'report.pdf']), sha256: Sha256Hex, size: z.number().int().nonnegative() });

/** Why a bundle holds no PDF report: no printer on the computer that made it, or printing failed (twice). */
export const PdfMissing = z.enum(['no-printer', 'printing-failed']);
export type PdfMissing = z.infer<typeof PdfMissing>;

/** Who a bundle was sealed for, as the signed manifest records it: recipients' fingerprints (sorted), and whether a passphrase opens it too. */
export const SealedFor = z.object({ recipients: z.array(z.string().max(64)).max(100), passphrase: z.boolean() }).strict();
export type SealedFor = z.infer<typeof SealedFor>;

/** What was read and how: each collector that ran in each scan (with its version and commands), and the heuristics applied. */
export const ManifestMethod = z.object({
  collectors: z
    .array(z.object({ scanId: z.string().max(100), platform: z.string().max(20), id: z.string().max(100), version: z.string().max(20), description: LocalizedText, commands: z.array(z.string().max(2000)).max(10) }))
    .max(10_000),
  heuristics: z.array(z.object({ id: z.string().max(100), version: z.string().max(20), platform: z.string().max(20), description: LocalizedText })).max(1000),
});
export type ManifestMethod = z.infer<typeof ManifestMethod>;

export const BundleManifest = z.object({
  format: z.literal('sentinelle-bundle-manifest'),
  version: z.literal(2),
  createdAt: IsoTimestamp,
  tool: z.object({ name: z.string(), version: z.string() }),
  installation: z.object({ publicKey: hex(32), fingerprint: z.string() }),
  case: z.object({ id: CaseId, pseudonym: z.string(), status: z.string(), createdAt: IsoTimestamp, closedAt: IsoTimestamp.nullable() }),
  devices: z.array(Device).max(1000),
  scans: z.array(Scan).max(10_000),
  signatures: z.object({
    database: z.object({ name: z.string(), version: z.string(), sha256: Sha256Hex }),
    /** The community lists shipped with the app: credit and where they come from (repository, commit, licence), when pinned. */
    community: z.array(z.object({ name: z.string(), version: z.string(), credit: z.string().nullable().optional(), source: z.string().max(500).nullable().optional() })).max(100),
    imported: z.array(z.object({ name: z.string(), version: z.string(), trusted: z.boolean(), signer: z.string().nullable() })).max(1000),
  }),
  observations: z.number().int().nonnegative(),
  artifacts: z.array(ManifestArtifact).max(1_000_000),
  findings: z.array(Finding).max(100_000),
  /** The case's custody entries in full, and the links of every other entry up to the head, so the chain can be checked. */
  custody: z.object({ head: z.object({ seq: z.number().int().nonnegative(), entryHash: Sha256Hex }), entries: z.array(CustodyEntry).max(1_000_000), links: z.array(CustodyLink).max(10_000_000) }),
  report: z.object({ language: z.enum(['en', 'fr']), redacted: z.boolean(), files: z.array(ReportFile).max(2), pdfMissing: PdfMissing.nullable() }),
  sealedFor: SealedFor,
  excludedClasses: z.array(ArtifactClass),
  /** Absent from bundles made before collectors recorded their versions. */
  method: ManifestMethod.optional(),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

/** What the bundle's manifest records hold: exactly the manifest and its Ed25519 signature (hex), nothing beside them. */
export const SignedManifest = z.object({ manifest: z.unknown(), signature: hex(64) }).strict();

export const ExportOptions = z
  .object({
    caseId: CaseId,
    out: z.string().min(1).max(4096),
    /** Recipients' public keys, as their `.pub` files hold them. */
    recipients: z.array(z.string().min(1).max(1000)).max(100).default([]),
    passphrase: z.string().min(12).max(1024).optional(),
    exclude: z.array(ArtifactClass).default([]),
    redact: z.boolean().default(false),
    language: z.enum(['en', 'fr']).default('en'),
  })
  .strict()
  .refine((options) => options.recipients.length > 0 || options.passphrase !== undefined, { message: 'choose at least one recipient key or a passphrase', path: ['recipients'] });

export const ExportResult = z.object({
  path: z.string(),
  /** SHA-256 of the whole bundle file, as the custody log records it. */
  sha256: Sha256Hex,
  size: z.number().int().nonnegative(),
  artifacts: z.number().int().nonnegative(),
  excludedArtifacts: z.number().int().nonnegative(),
  recipients: z.array(z.string()),
  installationFingerprint: z.string(),
  pdf: z.boolean(),
});
export type ExportResult = z.infer<typeof ExportResult>;

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

export const BundleProgress = z.object({ path: z.string(), phase: z.enum(['export', 'verify']), bytes: z.number().int().nonnegative(), totalBytes: z.number().int().nonnegative() });
export type BundleProgress = z.infer<typeof BundleProgress>;

/** A path as one shell word: quoted when it holds spaces or shell characters (the same in sh and cmd for ordinary paths). */
function shellWord(word: string): string {
  return /^[\w@%+=:,./\\-]+$/.test(word) ? word : `"${word.replace(/"/g, '\\"')}"`;
}

/** The command a lawyer runs to check a bundle: with their secret key file, or the passphrase, and this installation's fingerprint. */
export function verifyCommand(bundle: Pick<ExportResult, 'path' | 'recipients' | 'installationFingerprint'>, identityFile: string): string {
  const opening = bundle.recipients.length > 0 ? `--identity ${shellWord(identityFile)}` : '--passphrase';
  return `sentinelle verify ${shellWord(bundle.path)} ${opening} --signer ${bundle.installationFingerprint}`;
}
