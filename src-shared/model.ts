// The domain model shared by the back end and the renderer: cases, devices, scans, artifacts,
// observations, findings, the custody log, the audit trail and settings, each with a runtime schema.
// No Node and no DOM here: this file is imported on both sides of every trust boundary.
import { z } from 'zod';

export const IsoTimestamp = z.iso.datetime({ offset: true });
export const Uuid = z.uuid();

/** Most severe first: `Severity.options` is the order findings are shown in. */
export const Severity = z.enum(['critical', 'high', 'medium', 'low']);
export type Severity = z.infer<typeof Severity>;
/** For comparing severities: the higher, the more severe. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { low: 0, medium: 1, high: 2, critical: 3 };

export const Platform = z.enum(['android', 'ios', 'windows', 'macos', 'linux']);
export type Platform = z.infer<typeof Platform>;

/** Case ids are short so an advocate can read one aloud or type it: `7K3M-QP4X`. */
export const CaseId = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/, 'a case id looks like 7K3M-QP4X');
export type CaseId = z.infer<typeof CaseId>;

export const CaseStatus = z.enum(['open', 'closed']);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CasePseudonym = z.string().trim().min(1).max(80);
export const CaseLabel = z.string().trim().max(200);

export const Case = z.object({
  id: CaseId,
  pseudonym: CasePseudonym,
  label: CaseLabel,
  status: CaseStatus,
  createdAt: IsoTimestamp,
  closedAt: IsoTimestamp.nullable(),
  /** When a closed case will be purged under the retention policy; null while open. */
  purgeAfter: IsoTimestamp.nullable(),
});
export type Case = z.infer<typeof Case>;

export const Device = z.object({
  id: Uuid,
  caseId: CaseId,
  platform: Platform,
  label: z.string().max(200),
  model: z.string().max(200).nullable(),
  osVersion: z.string().max(100).nullable(),
  serial: z.string().max(200).nullable(),
  facts: z.record(z.string(), z.string()),
  firstSeenAt: IsoTimestamp,
});
export type Device = z.infer<typeof Device>;

export const ScanStatus = z.enum(['running', 'completed', 'interrupted', 'cancelled', 'failed']);
export type ScanStatus = z.infer<typeof ScanStatus>;

export const Scan = z.object({
  id: Uuid,
  caseId: CaseId,
  deviceId: Uuid.nullable(),
  kind: z.string().min(1).max(60),
  status: ScanStatus,
  startedAt: IsoTimestamp,
  endedAt: IsoTimestamp.nullable(),
  /** Names of the collector steps already stored, so an interrupted scan can continue. */
  completedSteps: z.array(z.string()),
  error: z.string().nullable(),
});
export type Scan = z.infer<typeof Scan>;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex');

export const CaptureSource = z.enum(['adb', 'ios-backup', 'ios-live', 'host', 'import', 'demo']);
export type CaptureSource = z.infer<typeof CaptureSource>;

/** How one artifact was obtained: the evidence's provenance. */
export const ArtifactCapture = z.object({
  id: Uuid,
  sha256: Sha256Hex,
  size: z.number().int().nonnegative(),
  caseId: CaseId,
  deviceId: Uuid.nullable(),
  scanId: Uuid.nullable(),
  source: CaptureSource,
  /** The command that printed the bytes (`pm list packages -f -i -U`), when there was one: up to 64 KiB (`sha256sum` over many APKs). */
  command: z.string().max(65_536).nullable(),
  /** The file the bytes were read from (a backup's domain path, an APK path), when there was one. */
  path: z.string().max(4000).nullable(),
  capturedAt: IsoTimestamp,
});
export type ArtifactCapture = z.infer<typeof ArtifactCapture>;

export const Observation = z.object({
  id: z.number().int().positive(),
  caseId: CaseId,
  scanId: Uuid.nullable(),
  kind: z.string().min(1).max(80),
  subject: z.string().max(1000),
  data: z.record(z.string(), z.unknown()),
  artifactSha256s: z.array(Sha256Hex),
  observedAt: IsoTimestamp,
});
export type Observation = z.infer<typeof Observation>;

export const LocalizedText = z.object({ en: z.string(), fr: z.string() });
export type LocalizedText = z.infer<typeof LocalizedText>;

export const ReviewStatus = z.enum(['new', 'confirmed', 'dismissed']);
export type ReviewStatus = z.infer<typeof ReviewStatus>;

export const FindingOrigin = z.enum(['signature', 'heuristic', 'custom-rule']);

export const Finding = z.object({
  id: Uuid,
  caseId: CaseId,
  scanId: Uuid.nullable(),
  severity: Severity,
  category: z.string().min(1).max(60),
  /** The product, when a signature named it (mSpy, TheTruthSpy…). */
  product: z.object({ id: z.string(), name: z.string() }).nullable(),
  origin: FindingOrigin,
  /** The signature, heuristic or custom rule that fired, and its version. */
  ruleId: z.string().min(1).max(200),
  ruleVersion: z.string().max(100),
  title: LocalizedText,
  explanation: LocalizedText,
  /** What to do next, in order; never "uninstall it now". */
  advice: z.array(LocalizedText),
  /** Safety notes: what could alert the abuser, what to check with the survivor first. */
  safety: z.array(LocalizedText),
  /** The evidence: the observations that prove it and the artifacts they were read from. */
  observationIds: z.array(z.number().int().positive()),
  artifactSha256s: z.array(Sha256Hex),
  details: z.record(z.string(), z.unknown()),
  reviewStatus: ReviewStatus,
  reviewNote: z.string().max(4000).nullable(),
  createdAt: IsoTimestamp,
  reviewedAt: IsoTimestamp.nullable(),
  /** When detection stopped finding it (a rule disabled, a signature list removed); kept as history. */
  retiredAt: IsoTimestamp.nullable(),
});
export type Finding = z.infer<typeof Finding>;

export const CustodyEntry = z.object({
  seq: z.number().int().positive(),
  recordedAt: IsoTimestamp,
  action: z.string().min(1).max(80),
  caseId: CaseId.nullable(),
  details: z.record(z.string(), z.unknown()),
  prevHash: Sha256Hex,
  entryHash: Sha256Hex,
  signature: z.string().regex(/^[0-9a-f]{128}$/),
});
export type CustodyEntry = z.infer<typeof CustodyEntry>;

export const ChainBreakReason = z.enum([
  'sequence-gap',
  'previous-hash-mismatch',
  'entry-hash-mismatch',
  'signature-invalid',
  'unreadable-entry',
]);
export type ChainBreakReason = z.infer<typeof ChainBreakReason>;

export const ChainReport = z.object({
  intact: z.boolean(),
  entries: z.number().int().nonnegative(),
  /** The first entry that does not hold, named so an advocate (or an expert) can find it. */
  brokenAt: z
    .object({ seq: z.number().int(), action: z.string(), recordedAt: z.string(), reason: ChainBreakReason })
    .nullable(),
  checkedAt: IsoTimestamp,
});
export type ChainReport = z.infer<typeof ChainReport>;

export const AuditEntry = z.object({
  id: z.number().int().positive(),
  at: IsoTimestamp,
  action: z.string(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const Settings = z.object({
  /** Days a closed case is kept before it is purged. */
  retentionDays: z.number().int().min(1).max(3650),
  /** Minutes without activity before the vault locks itself. */
  autoLockMinutes: z.number().int().min(1).max(240),
  /** Whom a lawyer calls at the shelter about a bundle (name and phone), printed on the hand-over sheet. */
  handoverContact: z.string().trim().max(300),
});
export type Settings = z.infer<typeof Settings>;

export const defaultSettings: Settings = { retentionDays: 90, autoLockMinutes: 10, handoverContact: '' };

export const VaultState = z.enum(['absent', 'locked', 'unlocked']);
export type VaultState = z.infer<typeof VaultState>;
