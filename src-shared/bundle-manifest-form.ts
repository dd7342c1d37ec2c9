// The signed manifest's form as docs/bundle-format.md (section 5) defines it for a verifier: exactly these
// members, with these types and bounds, and nothing else at the top — so that a verifier written from the
// document alone accepts and refuses the same manifests as Sentinelle's. Devices, scans, findings,
// captures, signature versions and the method are objects whose inner members the document does not
// constrain: the signature covers them, and readers show them as they are. The app's own, fuller schema
// of what it writes is BundleManifest (bundle.ts).
import { z } from 'zod';
import { SealedFor } from './bundle-verdict.js';
import { CONSULTATION_PARTS } from './consultation.js';

const hex = (bytes: number) => z.string().regex(new RegExp(`^[0-9a-f]{${bytes * 2}}$`));
const sha256 = hex(32);
/** ISO 8601 with a UTC offset, as section 5 gives it: `2026-12-07T10:15:00.000Z`, `2026-12-07T11:15:00+01:00`. */
export const MANIFEST_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const time = z.string().regex(MANIFEST_TIME);
const anObject = z.record(z.string(), z.unknown());
const ARTIFACT_CLASSES = ['apps', 'browsing-history', 'backup-files', 'listings', 'files'] as const;

const CustodyEntryForm = z
  .object({
    seq: z.number().int().min(1),
    recordedAt: time,
    action: z.string().min(1).max(80),
    caseId: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/).nullable(),
    details: anObject,
    prevHash: sha256,
    entryHash: sha256,
    signature: hex(64),
  })
  .strict();
const CustodyLinkForm = z.object({ seq: z.number().int().min(1), prevHash: sha256, entryHash: sha256, signature: hex(64) }).strict();

export const ManifestForm = z
  .object({
    format: z.literal('sentinelle-bundle-manifest'),
    version: z.literal(2),
    createdAt: time,
    tool: z.object({ name: z.string().max(100), version: z.string().max(100) }).strict(),
    installation: z.object({ publicKey: sha256, fingerprint: z.string().max(64) }).strict(),
    case: z
      .object({
        id: z.string().regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
        pseudonym: z.string().max(200),
        status: z.enum(['open', 'closed']),
        createdAt: time,
        closedAt: time.nullable(),
      })
      .strict(),
    devices: z.array(anObject).max(1000),
    scans: z.array(anObject).max(10_000),
    signatures: anObject,
    observations: z.number().int().min(0),
    artifacts: z
      .array(z.object({ sha256, size: z.number().int().min(0), class: z.enum(ARTIFACT_CLASSES), included: z.boolean(), captures: z.array(anObject).max(10_000) }).strict())
      .max(1_000_000),
    findings: z.array(anObject).max(100_000),
    custody: z
      .object({
        head: z.object({ seq: z.number().int().min(0), entryHash: sha256 }).strict(),
        entries: z.array(CustodyEntryForm).max(1_000_000),
        links: z.array(CustodyLinkForm).max(10_000_000),
      })
      .strict(),
    report: z
      .object({
        language: z.enum(['en', 'fr']),
        redacted: z.boolean(),
        files: z.array(z.object({ name: z.enum(['report.html', 'report.pdf']), sha256, size: z.number().int().min(0) }).strict()).max(2),
        pdfMissing: z.enum(['no-printer', 'printing-failed']).nullable(),
      })
      .strict(),
    sealedFor: SealedFor,
    excludedClasses: z.array(z.enum(ARTIFACT_CLASSES)).max(ARTIFACT_CLASSES.length),
    method: anObject.optional(),
    consultation: z
      .object({ parts: z.array(z.enum(CONSULTATION_PARTS)).max(CONSULTATION_PARTS.length), record: anObject, findingsLeftOut: z.number().int().min(0) })
      .strict()
      .refine((shared) => new Set(shared.parts).size === shared.parts.length, { message: 'consultation.parts lists a part twice' })
      .optional(),
  })
  .strict()
  .superRefine((manifest, context) => {
    const problem = (message: string) => context.addIssue({ code: 'custom', message });
    const reports = manifest.report.files.map((file) => file.name);
    if (reports.filter((name) => name === 'report.html').length !== 1) problem('report.files must list report.html once');
    if (new Set(reports).size !== reports.length) problem('report.files lists a report twice');
    if ((manifest.report.pdfMissing === null) !== reports.includes('report.pdf')) problem('report.pdfMissing must be null exactly when report.pdf is listed');
    if (new Set(manifest.excludedClasses).size !== manifest.excludedClasses.length) problem('excludedClasses lists a class twice');
    const seen = new Set<string>();
    for (const artifact of manifest.artifacts) {
      if (seen.has(artifact.sha256)) problem(`artifact ${artifact.sha256.slice(0, 16)}… is listed twice`);
      seen.add(artifact.sha256);
      if (artifact.included === manifest.excludedClasses.includes(artifact.class)) problem(`artifact ${artifact.sha256.slice(0, 16)}… is marked ${artifact.included ? 'included' : 'left out'} against excludedClasses`);
    }
  });
export type ManifestForm = z.infer<typeof ManifestForm>;
