// The typed API: every operation and event the back end offers, each with a runtime schema.
// One contract, three doors: the Electron preload (IPC), the headless host (loopback HTTP) and the CLI.
// Every request is validated against these schemas on the main side before it reaches a service.
import { z } from 'zod';
import { GUIDED_CHECK_IDS } from './guided-checks.js';
import { SensorUse } from './sensor-use.js';
import { CONSULTATION_PARTS, Consultation, ConsultationPart, DEFAULT_SHARED_PARTS } from './consultation.js';
import {
  ArtifactCapture,
  LocalizedText,
  AuditEntry,
  Finding,
  Observation,
  ReviewStatus,
  Scan,
  Case,
  CaseId,
  CaseLabel,
  CasePseudonym,
  CaseStatus,
  ChainReport,
  CustodyEntry,
  Device,
  Settings,
  Sha256Hex,
} from './model.js';
import {
  BackupSummary,
  ContainmentRecord,
  HostInfo,
  IosDeviceList,
  DemoPhoneInfo,
  PhoneSerial,
  PhoneAddress,
  DemoProfileInfo,
  DetectionCounts,
  DeviceList,
  ImportFormat,
  InstallTimeline,
  ResponseGuidance,
  ScanFinished,
  ScanOutcome,
  ScanProgress,
} from './acquisition.js';
import { BundleProgress, CaseContent, ExportOptions, ExportResult, ReaderCopy, VerifyVerdict } from './bundle.js';
import { ConnectionTest, FlushResult, ForwardingUpdate, ForwardStatus } from './forwarding.js';
import { DashboardSummary } from './dashboard.js';
import { DetectionResult } from './acquisition.js';
import { SignatureImportResult, SignatureInfo } from './signature-info.js';
import { LockReason, PurgeResult, UnlockResult, VaultCheckReport, VaultStatus } from './vault-status.js';
import { FindingFilter, FindingsOverview, FindingsPage, MAX_PAGE } from './findings-page.js';
import type { ApiErrorPayload } from './errors.js';
import type { EventName } from './event-names.js';
import { CustomRule, CustomRuleDefinition } from './rules.js';

/** A case as the list shows it: what its summary says (or that nothing was examined yet), and when it was last examined. */
export const CaseListItem = Case.extend({
  outcome: z.enum(['stalkerware', 'ask-her', 'nothing', 'not-examined']),
  lastExaminedAt: z.string().nullable(),
});
export type CaseListItem = z.infer<typeof CaseListItem>;

/** Long enough to resist guessing with the vault's key derivation; a phrase of several words is best. */
export const Passphrase = z.string().min(10, 'use at least 10 characters').max(1024);
/** Recovery keys are shown in groups (`ABCD-EFGH-…`); spaces, dashes and case do not matter. */
export const RecoveryKeyText = z.string().min(20).max(200);

const Empty = z.object({}).strict();
const Done = z.object({ done: z.literal(true) });

function operation<I extends z.ZodType, O extends z.ZodType>(input: I, output: O) {
  return { input, output };
}




/** A file sent through the API: base64, at most 32 MiB once decoded. */
const FileContent = z.string().max(Math.ceil((32 * 1024 * 1024 * 4) / 3) + 4).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');


export const operations = {
  'vault.status': operation(Empty, VaultStatus),
  'vault.create': operation(z.object({ passphrase: Passphrase }).strict(), z.object({ recoveryKey: z.string() })),
  'vault.unlock': operation(z.object({ passphrase: z.string().min(1).max(1024) }).strict(), UnlockResult),
  'vault.unlockWithRecoveryKey': operation(
    z.object({ recoveryKey: RecoveryKeyText, newPassphrase: Passphrase }).strict(),
    UnlockResult,
  ),
  'vault.lock': operation(z.object({ reason: LockReason }).strict(), Done),
  'vault.changePassphrase': operation(
    z.object({ currentPassphrase: z.string().min(1).max(1024), newPassphrase: Passphrase }).strict(),
    Done,
  ),
  /**
   * For when the old passphrase may be known: a new data key, the vault re-encrypted under it, a new
   * passphrase and a new recovery key (shown once). An old copy of the header opens nothing written after.
   */
  'vault.rekey': operation(
    z.object({ currentPassphrase: z.string().min(1).max(1024), newPassphrase: Passphrase }).strict(),
    z.object({ recoveryKey: z.string() }),
  ),
  'vault.check': operation(Empty, VaultCheckReport),
  /** The renderer reports that the advocate is active, so the inactivity lock waits. */
  'session.activity': operation(Empty, Done),

  /** The cases, each with its outcome (what its summary says, or not examined yet) and when it was last examined. */
  'cases.list': operation(z.object({ status: CaseStatus.or(z.literal('all')).default('all') }).strict(), z.array(CaseListItem)),
  'cases.get': operation(z.object({ caseId: CaseId }).strict(), Case),
  'cases.create': operation(
    /** `checklist`: the consent and safety-planning items the advocate went through, recorded in the custody log. */
    z.object({ label: CaseLabel.default(''), pseudonym: CasePseudonym.optional(), checklist: z.array(z.string().regex(/^[a-z-]+\.[a-z-]+$/)).max(20).default([]) }).strict(),
    Case,
  ),
  /** The devices examined in a case (phones, iPhones, computers), with their facts. */
  'cases.devices': operation(z.object({ caseId: CaseId }).strict(), z.array(Device)),
  /** Per Android device of the case: the apps installed in the weeks before it was first examined, and where each came from. */
  'cases.installTimeline': operation(z.object({ caseId: CaseId }).strict(), z.array(InstallTimeline)),
  'cases.close': operation(z.object({ caseId: CaseId }).strict(), Case),
  'cases.reopen': operation(z.object({ caseId: CaseId }).strict(), Case),

  'settings.get': operation(Empty, Settings),
  'settings.update': operation(Settings.partial().strict(), Settings),
  /** What the About screen names: this version of Sentinelle and its licence (the lists it ships are in `signatures.info`). */
  'settings.about': operation(Empty, z.object({ version: z.string(), licence: z.string() })),

  'retention.purge': operation(Empty, PurgeResult),

  'custody.list': operation(
    z.object({ caseId: CaseId.optional(), limit: z.number().int().min(1).max(10_000).default(500) }).strict(),
    z.array(CustodyEntry),
  ),
  'custody.verify': operation(Empty, ChainReport),
  'signatures.info': operation(Empty, SignatureInfo),
  'signatures.import': operation(
    z
      .object({
        fileName: z.string().min(1).max(255),
        content: FileContent,
        /** The text of the pack's detached signature file (`FILE.sig`), when there is one. */
        signature: z.string().max(10_000).nullable().default(null),
        /** The advocate explicitly accepts a file not signed by a trusted key; this is recorded. */
        allowUntrusted: z.boolean().default(false),
      })
      .strict(),
    SignatureImportResult,
  ),
  /** Checks a pack or feed without importing it (no vault needed): contents, and signature against the trust store. */
  'signatures.verify': operation(
    z
      .object({
        fileName: z.string().min(1).max(255),
        content: FileContent,
        signature: z.string().max(10_000).nullable().default(null),
        /** Public key files (JSON text) to trust for this check only. */
        extraKeys: z.array(z.string().max(10_000)).max(20).default([]),
      })
      .strict(),
    z.object({
      name: z.string(),
      version: z.string(),
      signatures: z.number().int(),
      stats: z.record(z.string(), z.number()),
      notes: z.array(z.string()),
      signed: z.boolean(),
      trusted: z.boolean(),
      signer: z.string().nullable(),
      problem: z.enum(['unsigned', 'unknown-key', 'bad-signature']).nullable(),
      message: z.string().nullable(),
    }),
  ),
  'signatures.generateKeyPair': operation(
    z.object({ label: z.string().trim().min(1).max(200) }).strict(),
    z.object({ publicKeyFile: z.string(), secretKeyFile: z.string(), fingerprint: z.string() }),
  ),
  'signatures.sign': operation(
    z.object({ content: FileContent, secretKeyFile: z.string().max(10_000) }).strict(),
    z.object({ signatureFile: z.string(), fingerprint: z.string(), signer: z.string() }),
  ),
  'signatures.remove': operation(z.object({ setId: z.uuid() }).strict(), Done),
  'signatures.trustKey': operation(z.object({ publicKeyFile: z.string().max(10_000) }).strict(), z.object({ label: z.string(), fingerprint: z.string() })),
  'signatures.untrustKey': operation(z.object({ publicKey: z.string().max(100) }).strict(), Done),

  'detection.run': operation(z.object({ caseId: CaseId }).strict(), DetectionResult),
  'findings.list': operation(z.object({ caseId: CaseId }).strict(), z.array(Finding)),
  /** One page of the case's current findings (most severe first), filtered and counted in the vault. */
  'findings.page': operation(z.object({ caseId: CaseId, filter: FindingFilter.default({}), offset: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(MAX_PAGE).default(100) }).strict(), FindingsPage),
  /** The case's current findings at a glance: counts by severity, category and platform, and the summary. */
  'findings.overview': operation(z.object({ caseId: CaseId }).strict(), FindingsOverview),
  /** The case's consultation record (empty until saved); saving replaces it whole and is written to the custody log. */
  'consultation.get': operation(z.object({ caseId: CaseId }).strict(), Consultation),
  'consultation.save': operation(z.object({ caseId: CaseId, record: Consultation }).strict(), Consultation),
  /** Which apps used her location, camera or microphone, and when last (Android app operations), latest first. */
  'consultation.sensorUse': operation(z.object({ caseId: CaseId }).strict(), z.array(SensorUse).max(200)),
  /** The checks to go through with her (src-shared/guided-checks.ts) that what the case's scans saw suggests, each with why. */
  'consultation.suggested': operation(z.object({ caseId: CaseId }).strict(), z.array(z.object({ id: z.enum(GUIDED_CHECK_IDS), title: LocalizedText, because: LocalizedText }))),
  'findings.get': operation(z.object({ findingId: z.uuid() }).strict(), Finding),
  'findings.review': operation(
    z
      .object({ findingId: z.uuid(), status: ReviewStatus, note: z.string().trim().max(4000).nullable().default(null) })
      .strict()
      .refine((review) => review.status !== 'dismissed' || (review.note ?? '') !== '', { message: 'say why the finding is dismissed', path: ['note'] }),
    Finding,
  ),
  /** What a finding rests on: its observations, and where each of its artifacts was captured. */
  'findings.evidence': operation(z.object({ findingId: z.uuid() }).strict(), z.object({ observations: z.array(Observation), captures: z.array(ArtifactCapture) })),
  'observations.list': operation(
    z.object({ caseId: CaseId, kind: z.string().max(80).optional(), limit: z.number().int().min(1).max(100_000).default(1000) }).strict(),
    z.array(Observation),
  ),

  'rules.list': operation(Empty, z.array(CustomRule)),
  'rules.create': operation(z.object({ definition: CustomRuleDefinition }).strict(), CustomRule),
  'rules.update': operation(z.object({ ruleId: z.uuid(), definition: CustomRuleDefinition }).strict(), CustomRule),
  'rules.delete': operation(z.object({ ruleId: z.uuid() }).strict(), Done),
  'rules.setEnabled': operation(z.object({ ruleId: z.uuid(), enabled: z.boolean() }).strict(), CustomRule),

  /** Connected phones with their state and plain-language guidance; starts following plug and unplug. */
  'devices.list': operation(Empty, DeviceList),
  /** A phone in wireless debugging, reached at the address its Wireless debugging screen shows; answers its serial. */
  'devices.connect': operation(z.object({ address: PhoneAddress }).strict(), z.object({ serial: PhoneSerial })),
  /** Scans the connected phone (the only one, or the one named) into a case; continues an interrupted scan of it. Progress comes as `scan.progress` events. */
  'scans.android': operation(z.object({ caseId: CaseId, serial: PhoneSerial.optional() }).strict(), ScanOutcome),
  /** How each piece of evidence of a case was obtained (command or file, time, size, SHA-256). */
  'artifacts.list': operation(z.object({ caseId: CaseId, scanId: z.uuid().optional() }).strict(), z.array(ArtifactCapture)),
  'scans.cancel': operation(z.object({ scanId: z.uuid() }).strict(), Done),
  'scans.list': operation(z.object({ caseId: CaseId }).strict(), z.array(Scan)),
  /** Writes what a live Android scan read (each command's output with its SHA-256, the files pulled) into a new folder, to replay the phone elsewhere. */
  'scans.exportRecording': operation(
    z.object({ caseId: CaseId, scanId: z.uuid(), out: z.string().min(1).max(4096) }).strict(),
    z.object({ dir: z.string(), commands: z.number().int().nonnegative(), files: z.number().int().nonnegative(), indexSha256: z.string() }),
  ),
  /**
   * Imports an androidqf folder or zip, or an Android bugreport zip: from a path on this computer, or from
   * what the headless app's browser sent (a zip: one upload; a folder: its files' uploads).
   */
  'scans.import': operation(
    z
      .object({ caseId: CaseId, path: z.string().min(1).max(4096).optional(), uploads: z.array(z.uuid()).min(1).max(200_000).optional() })
      .strict()
      .refine((input) => (input.path === undefined) !== (input.uploads === undefined), { message: 'give a path or uploads', path: ['path'] }),
    z.object({ format: ImportFormat, scan: Scan, observations: z.number().int(), files: z.array(z.string()), detection: DetectionCounts, overview: FindingsOverview }),
  ),

  /** iPhone backups in the usual places on this computer (and the vault's work folder), plus any folders given. */
  'backups.list': operation(z.object({ folders: z.array(z.string().min(1).max(4096)).max(20).default([]) }).strict(), z.array(BackupSummary)),
  /** Scans an iPhone backup folder; an encrypted one needs its password once (the derived key is kept unless told not to). */
  'scans.iosBackup': operation(
    z
      .object({
        caseId: CaseId,
        /** The backup's folder on this computer, or the files of one the headless app's browser sent. */
        path: z.string().min(1).max(4096).optional(),
        uploads: z.array(z.uuid()).min(1).max(500_000).optional(),
        password: z.string().min(1).max(1024).optional(),
        rememberKey: z.boolean().default(true),
      })
      .strict()
      .refine((input) => (input.path === undefined) !== (input.uploads === undefined), { message: 'give a path or uploads', path: ['path'] }),
    ScanOutcome,
  ),
  'ios.devices': operation(Empty, IosDeviceList),
  /** A recipient key pair for a lawyer or expert: the public line to share, the secret file to keep. */
  'keys.generate': operation(z.object({ label: z.string().trim().max(200).default('') }).strict(), z.object({ publicKey: z.string(), secretKey: z.string(), fingerprint: z.string() })),
  /** A recipient's public key line, read back: its label and the fingerprint to compare aloud with its owner. */
  'keys.describe': operation(z.object({ publicKey: z.string().max(1000) }).strict(), z.object({ label: z.string(), fingerprint: z.string() })),
  /** This installation's public signing key, for a lawyer to check who made a bundle. */
  'keys.installation': operation(Empty, z.object({ publicKey: z.string(), fingerprint: z.string() })),
  /** What the case holds of each kind of artifact (only the kinds it has), for choosing what a bundle leaves out. */
  'bundles.contents': operation(z.object({ caseId: CaseId }).strict(), z.array(CaseContent)),
  /** Exports a case as a sealed evidence bundle; progress comes as `bundle.progress` events. Recorded in the custody log. */
  'bundles.export': operation(ExportOptions, ExportResult),
  /** A passphrase for the lawyer made of common words of the language, to read over the phone: shown once, never stored. */
  'bundles.passphrase': operation(z.object({ language: z.enum(['en', 'fr']) }).strict(), z.object({ passphrase: z.string(), words: z.number().int(), bits: z.number().int() })),
  /** The report a bundle of the case would carry if sealed now, in her language, to read and print before sealing. Nothing is written to disk. */
  'reports.preview': operation(
    z.object({ caseId: CaseId, language: z.enum(['en', 'fr']), redact: z.boolean().default(false), consultation: z.array(ConsultationPart).max(CONSULTATION_PARTS.length).default([...DEFAULT_SHARED_PARTS]) }).strict(),
    z.object({ html: z.string() }),
  ),
  /** The lawyer's reader page of this installation: its file name and SHA-256 (the fingerprint an expert compares). */
  'reader.info': operation(Empty, z.object({ fileName: z.string(), sha256: Sha256Hex, size: z.number().int().nonnegative() })),
  /** Saves the reader page as a file on this computer (never over another file), or (the headless app) as a download. */
  'reader.save': operation(
    z
      .object({ out: z.string().min(1).max(4096).optional(), download: z.literal(true).optional() })
      .strict()
      .refine((input) => (input.out === undefined) !== (input.download === undefined), { message: 'give where to save it or ask for a download', path: ['out'] }),
    ReaderCopy,
  ),
  /** Decrypts and checks a bundle (no vault needed); with `extractTo`, writes its verified content there. */
  'bundles.verify': operation(
    z
      .object({
        /** The bundle: a path on this computer, or what the headless app's browser sent. */
        path: z.string().min(1).max(4096).optional(),
        upload: z.uuid().optional(),
        identity: z.string().min(1).max(10_000).optional(),
        passphrase: z.string().min(1).max(1024).optional(),
        signers: z.array(z.string().min(1).max(1000)).max(100).default([]),
        extractTo: z.string().min(1).max(4096).optional(),
        /** Also answer with the report (HTML) of a bundle that verified, to show it. */
        withReport: z.boolean().default(false),
      })
      .strict()
      .refine((input) => (input.path === undefined) !== (input.upload === undefined), { message: 'give a path or an upload', path: ['path'] }),
    VerifyVerdict.extend({ reportHtml: z.string().nullable().optional() }),
  ),
  /** Checks again a folder that `bundles.verify` extracted: its signed manifest, and every file against it. */
  'bundles.verifyFolder': operation(z.object({ dir: z.string().min(1).max(4096), signers: z.array(z.string().min(1).max(1000)).max(100).default([]) }).strict(), VerifyVerdict),
  /** What the dashboard shows: cases, findings by severity, category and week, the latest findings, signature age, outbox. */
  'dashboard.summary': operation(Empty, DashboardSummary),
  /** Forwarding to a Wazuh server (off by default): settings without the password, and the outbox. */
  'forward.status': operation(Empty, ForwardStatus),
  'forward.configure': operation(ForwardingUpdate, ForwardStatus),
  /** Checks the file can be written or the server answers (authentication only: nothing is sent). */
  'forward.test': operation(Empty, ConnectionTest),
  /** Delivers the queued events now. */
  'forward.flush': operation(Empty, FlushResult),
  /** What the computer Sentinelle runs on is, and whether it can be scanned fully. */
  'host.info': operation(Empty, HostInfo),
  /** Scans the computer Sentinelle runs on: processes with their fingerprints, and what starts automatically. */
  'scans.host': operation(z.object({ caseId: CaseId }).strict(), ScanOutcome),
  /** Scans a connected iPhone: its facts and apps, then a fresh backup made into the vault's work folder. */
  'scans.ios': operation(z.object({ caseId: CaseId, udid: z.string().min(1).max(100).optional(), password: z.string().min(1).max(1024).optional() }).strict(), ScanOutcome),
  /** Turns on backup encryption on the iPhone — a change to its settings, so only with `confirmed: true`; recorded in the custody log. */
  'ios.enableBackupEncryption': operation(
    z
      .object({
        caseId: CaseId,
        udid: z.string().min(1).max(100).optional(),
        // What the iPhone tools accept at their prompt: printable ASCII (no accents), 4 to 255 characters.
        password: z.string().regex(/^[\x20-\x7e]{4,255}$/, 'use 4 to 255 plain characters (letters, digits, spaces, punctuation; no accents)'),
        confirmed: z.literal(true),
      })
      .strict(),
    z.object({ done: z.literal(true), phoneOutput: z.string() }),
  ),

  'demo.profiles': operation(Empty, z.array(DemoProfileInfo)),
  /**
   * Starts the demo phone (training mode) and plugs it into adb; it then appears in `devices.list`. The phone
   * is a shipped profile, a profile file, or a recorded phone replayed (an androidqf folder or zip, a
   * bugreport zip, or a recording exported with `scans.exportRecording`).
   */
  'demo.start': operation(
    z
      .object({
        profile: z.string().regex(/^[a-z0-9-]{1,60}$/).optional(),
        profileFile: z.string().min(1).max(4096).optional(),
        replay: z.string().min(1).max(4096).optional(),
        latencyMs: z.number().int().min(0).max(5000).optional(),
        /** Plug it in beside the demo phones already there (training with two phones), rather than in their place. */
        alongside: z.boolean().default(false),
      })
      .strict()
      .refine((input) => [input.profile, input.profileFile, input.replay].filter((given) => given !== undefined).length === 1, { message: 'give one of profile, profileFile or replay', path: ['profile'] }),
    DemoPhoneInfo,
  ),
  'demo.stop': operation(Empty, Done),

  'response.guidance': operation(z.object({ findingId: z.uuid() }).strict(), ResponseGuidance),
  /** The containment step: only with every checklist item confirmed; recorded in the custody log. */
  'response.contain': operation(
    z.object({ findingId: z.uuid(), serial: PhoneSerial.optional(), confirmations: z.record(z.string().max(60), z.boolean()) }).strict(),
    ContainmentRecord,
  ),
  'response.undo': operation(z.object({ containmentId: z.uuid(), serial: PhoneSerial.optional() }).strict(), ContainmentRecord),
  'response.list': operation(z.object({ caseId: CaseId }).strict(), z.array(ContainmentRecord)),

  'audit.list': operation(z.object({ limit: z.number().int().min(1).max(10_000).default(500) }).strict(), z.array(AuditEntry)),
} as const;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
export type OperationInput<N extends OperationName> = z.input<Operations[N]['input']>;
export type OperationParsedInput<N extends OperationName> = z.output<Operations[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<Operations[N]['output']>;

export const operationNames = Object.keys(operations) as OperationName[];

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(operations, name);
}

export const events = {
  'vault.locked': z.object({ reason: LockReason }),
  'vault.unlocked': z.object({}),
  'custody.alarm': ChainReport,
  'cases.changed': z.object({ caseId: CaseId }),
  'findings.changed': z.object({ caseId: CaseId, created: z.number().int(), updated: z.number().int(), retired: z.number().int() }),
  'devices.changed': DeviceList,
  'scan.progress': ScanProgress,
  'scan.finished': ScanFinished,
  'bundle.progress': BundleProgress,
  'forward.outbox': ForwardStatus.shape.outbox,
} as const satisfies Record<EventName, z.ZodType>;

/** Every event name has its schema, and no schema is left without its name. */
type SameNames<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const eventNamesMatch: SameNames<keyof typeof events, EventName> = true;
void eventNamesMatch;

export type Events = typeof events;
export { isEventName, type EventName } from './event-names.js';
export type EventPayload<E extends EventName> = z.output<Events[E]>;
export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** What a transport carries back for one request: a result or a typed error, never a thrown object. */
export type Envelope<T> = { ok: true; result: T } | { ok: false; error: ApiErrorPayload };

/** What the renderer (and any other client) programs against, whatever the door. */
export interface SentinelleClient {
  invoke<N extends OperationName>(name: N, input: OperationInput<N>): Promise<OperationOutput<N>>;
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void;
}
