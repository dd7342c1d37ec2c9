// The evidence bundle's formats, shared by the writer, the verifier and the app: the clear header (who can
// open it), the signed manifest (what it holds), export options, and the verdict of a verification — every
// field checked with a schema, because a bundle comes from outside whoever verifies it.
import { z } from 'zod';
import { CONSULTATION_PARTS, ConsultationPart, DEFAULT_SHARED_PARTS, SharedConsultation } from './consultation.js';
import { SealedFor } from './bundle-verdict.js';
import { ArtifactCapture, CaseId, CustodyEntry, Device, Finding, IsoTimestamp, LocalizedText, Scan, Sha256Hex } from './model.js';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));

export { BUNDLE_FORMAT, BUNDLE_VERSION, BundleHeader, READABLE_FINGERPRINT } from './bundle-header.js';
export { SealedFor, unverifiableVerdict, VerifyProblemCode, VerifyVerdict } from './bundle-verdict.js';

/** Kinds of artifact an export may leave out (they stay listed in the manifest, marked as left out). */
export const ArtifactClass = z.enum(['apps', 'browsing-history', 'backup-files', 'listings', 'files']);
export type ArtifactClass = z.infer<typeof ArtifactClass>;

/** What a case holds of one kind of artifact, for the seal dialog: how many files, how large, how many findings rest on them. */
export const CaseContent = z.object({
  class: ArtifactClass,
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  findings: z.number().int().nonnegative(),
});
export type CaseContent = z.infer<typeof CaseContent>;

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
  /** The consultation recorded with her, the parts she chose to share; absent when none was recorded (or in older bundles). */
  consultation: SharedConsultation.optional(),
});
export type BundleManifest = z.infer<typeof BundleManifest>;

/** What the bundle's manifest records hold: exactly the manifest and its Ed25519 signature (hex), nothing beside them. */
export const SignedManifest = z.object({ manifest: z.unknown(), signature: hex(64) }).strict();

/** A file the back end made for the browser to download (the headless app: the bundle, the reader page). */
export const Download = z.object({ id: z.uuid(), name: z.string().min(1).max(255) });
export type Download = z.infer<typeof Download>;

export const ExportOptions = z
  .object({
    caseId: CaseId,
    /** Where to write the bundle on this computer (the desktop's Save dialog, the command line)… */
    out: z.string().min(1).max(4096).optional(),
    /** …or a download for the browser of the headless app. */
    download: z.literal(true).optional(),
    /** Also save the lawyer's reader page: beside the bundle, or as a second download. */
    withReader: z.boolean().default(false),
    /** Recipients' public keys, as their `.pub` files hold them. */
    recipients: z.array(z.string().min(1).max(1000)).max(100).default([]),
    passphrase: z.string().min(12).max(1024).optional(),
    exclude: z.array(ArtifactClass).default([]),
    redact: z.boolean().default(false),
    /** The parts of the consultation record she chose to share (her safety planning stays out unless chosen). */
    consultation: z.array(ConsultationPart).max(CONSULTATION_PARTS.length).default([...DEFAULT_SHARED_PARTS]),
    language: z.enum(['en', 'fr']).default('en'),
  })
  .strict()
  .refine((options) => options.recipients.length > 0 || options.passphrase !== undefined, { message: 'choose at least one recipient key or a passphrase', path: ['recipients'] })
  .refine((options) => (options.out === undefined) !== (options.download === undefined), { message: 'give where to save the bundle (out) or ask for a download, not both', path: ['out'] });

/** Where the reader page went with a bundle: beside it, or as a download; or why it could not be written. */
export const ReaderCopy = z.object({ path: z.string().nullable(), download: Download.nullable(), sha256: Sha256Hex, problem: z.string().nullable() });
export type ReaderCopy = z.infer<typeof ReaderCopy>;

export const ExportResult = z.object({
  /** Where the bundle was written (null for a download). */
  path: z.string().nullable(),
  download: Download.nullable(),
  /** The name the bundle is offered under: the case's pseudonym and the date. */
  suggestedName: z.string(),
  caseId: CaseId,
  pseudonym: z.string(),
  createdAt: IsoTimestamp,
  /** SHA-256 of the whole bundle file, as the custody log records it. */
  sha256: Sha256Hex,
  size: z.number().int().nonnegative(),
  artifacts: z.number().int().nonnegative(),
  excludedArtifacts: z.number().int().nonnegative(),
  recipients: z.array(z.string()),
  /** Whether a passphrase opens it. */
  passphrase: z.boolean(),
  installationFingerprint: z.string(),
  pdf: z.boolean(),
  reader: ReaderCopy.nullable(),
});
export type ExportResult = z.infer<typeof ExportResult>;

/** The name a bundle is offered under: the case's pseudonym in plain characters, and the day it was sealed. */
export function bundleFileName(pseudonym: string, at: string): string {
  const stem = pseudonym.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'case';
  return `${stem}-${at.slice(0, 10)}.sntl`;
}

export const BundleProgress = z.object({ path: z.string(), phase: z.enum(['export', 'verify']), bytes: z.number().int().nonnegative(), totalBytes: z.number().int().nonnegative() });
export type BundleProgress = z.infer<typeof BundleProgress>;
