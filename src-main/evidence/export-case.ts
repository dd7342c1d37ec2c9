// Exporting a case as a sealed evidence bundle: the manifest (case, devices, scans, versions, every artifact
// with its hash and capture, findings, the custody chain), signed with the installation's key; the report
// made from it (HTML, and PDF when a printer is available); then the bundle, streamed; and the export
// itself written to the custody log with the bundle's hash.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { canonicalJson } from '../../src-shared/canonical-json.js';
import { ArtifactClass, bundleFileName, type CaseContent, type BundleManifest, type ExportResult, type ManifestArtifact } from '../../src-shared/bundle.js';
import { CONSULTATION_PARTS, CONSULTATION_RULE, DEFAULT_SHARED_PARTS, sharedParts, type Consultation, type ConsultationPart } from '../../src-shared/consultation.js';
import { SentinelleError } from '../../src-shared/errors.js';
import type { ArtifactCapture } from '../../src-shared/model.js';
import { isoNow, type Clock } from '../clock.js';
import type { OpenVault } from '../vault/vault.js';
import { artifactClass } from './artifact-classes.js';
import { writeBundle, type BundleFile } from './bundle-writer.js';
import { installTimeline } from './install-timeline.js';
import { methodOf } from './method.js';
import { custodyExcerpt } from './custody-excerpt.js';
import type { RecipientPublicKey } from './recipient-keys.js';
import { readableFingerprint } from './recipient-keys.js';
import { renderReport } from './report.js';

export type SignatureVersions = BundleManifest['signatures'];

export interface ReportChoices {
  caseId: string;
  redact: boolean;
  language: 'en' | 'fr';
  toolVersion: string;
  signatures: SignatureVersions;
  clock: Clock;
  /** The SHA-256 of the reader page shipped with this release, printed in the report for an expert to compare. */
  readerSha256?: string | null;
  /** The parts of the consultation record she chose to share (default: all but her safety planning). */
  consultation?: readonly ConsultationPart[];
}

export interface ExportCaseOptions extends ReportChoices {
  out: string;
  recipients: readonly RecipientPublicKey[];
  passphrase?: string;
  exclude: readonly ArtifactClass[];
  /** Prints the report to PDF (Electron, or headless Chromium); null when no printer is available. */
  printPdf?: (html: string) => Promise<Buffer | null>;
  signal?: AbortSignal;
  onProgress?: (bytes: number, totalBytes: number) => void;
}

/** What sealing made: the bundle, where it is, what it holds and who can open it. */
export type SealedBundle = Omit<ExportResult, 'download' | 'reader'> & { path: string };

export async function exportCase(vault: OpenVault, options: ExportCaseOptions): Promise<SealedBundle> {
  const custodyReport = vault.checkCustody();
  if (!custodyReport.intact) {
    throw new SentinelleError('bundle.unreadable', `The custody log is broken at entry ${custodyReport.brokenAt?.seq}: a bundle made now could not be verified. See “Check the vault”.`, { technical: JSON.stringify(custodyReport.brokenAt) });
  }
  if (fs.existsSync(options.out)) throw new SentinelleError('bundle.exists', `${options.out} already exists. Choose another file name; Sentinelle never overwrites a bundle.`);
  const manifest = buildManifest(vault, options);
  const html = Buffer.from(reportOf(vault, manifest, options), 'utf8');
  const pdf = await printReport(options.printPdf, html.toString('utf8'));
  manifest.report.pdfMissing = pdf ? null : options.printPdf ? 'printing-failed' : 'no-printer';
  const reports = [{ name: 'report.html' as const, bytes: html }, ...(pdf ? [{ name: 'report.pdf' as const, bytes: pdf }] : [])];
  manifest.report.files = reports.map((report) => ({ name: report.name, sha256: sha256(report.bytes), size: report.bytes.length }));
  const body = canonicalJson(manifest);
  const signed = Buffer.from(canonicalJson({ manifest, signature: vault.signer.sign(Buffer.from(body, 'utf8')).toString('hex') }), 'utf8');

  const files: BundleFile[] = [
    ...reports.map((report) => ({ name: report.name, size: report.bytes.length, sha256: sha256(report.bytes), read: async function* () { yield report.bytes; } })),
    ...manifest.artifacts.filter((artifact) => artifact.included).map((artifact) => ({ name: `artifacts/${artifact.sha256}`, size: artifact.size, sha256: artifact.sha256, read: () => vault.artifacts.createReader(artifact.sha256) as AsyncIterable<Buffer> })),
  ];
  const written = await writeBundle({
    out: options.out,
    recipients: options.recipients,
    ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase }),
    manifest: signed,
    files,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const excluded = manifest.artifacts.filter((artifact) => !artifact.included).length;
  vault.custody.append('bundle.exported', options.caseId, {
    sha256: written.sha256,
    size: written.size,
    recipients: options.recipients.map((recipient) => recipient.fingerprint),
    passphrase: options.passphrase !== undefined,
    artifacts: files.length - reports.length,
    excludedArtifacts: excluded,
    excludedClasses: [...options.exclude],
    redacted: options.redact,
    custodyHead: manifest.custody.head.seq,
  });
  return {
    path: options.out,
    suggestedName: bundleFileName(manifest.case.pseudonym, manifest.createdAt),
    caseId: manifest.case.id,
    pseudonym: manifest.case.pseudonym,
    createdAt: manifest.createdAt,
    sha256: written.sha256,
    size: written.size,
    artifacts: files.length - reports.length,
    excludedArtifacts: excluded,
    recipients: options.recipients.map((recipient) => recipient.fingerprint),
    passphrase: options.passphrase !== undefined,
    installationFingerprint: readableFingerprint(vault.signer.publicKey),
    pdf: pdf !== null,
  };
}

/**
 * The report a bundle of the case would carry if it were sealed now — the same page, made the same way,
 * from the same manifest (only the time it was made, and who it is sealed for, are not yet known). Kept in
 * memory: nothing is written to disk.
 */
export function previewReport(vault: OpenVault, choices: ReportChoices): string {
  return reportOf(vault, buildManifest(vault, { ...choices, recipients: [], exclude: [] }), choices);
}

function reportOf(vault: OpenVault, manifest: BundleManifest, choices: ReportChoices): string {
  const timeline = installTimeline(manifest.devices, manifest.scans, vault.observations.listByCase(choices.caseId, { kind: 'android.package' }));
  return renderReport(manifest, { language: choices.language, redact: choices.redact, timeline, readerSha256: choices.readerSha256 ?? null });
}

/** The case's artifacts, each with its captures and its kind. */
function caseArtifacts(vault: OpenVault, caseId: string): { sha256: string; size: number; class: ArtifactClass; captures: ArtifactCapture[] }[] {
  const byArtifact = new Map<string, ArtifactCapture[]>();
  for (const capture of vault.artifacts.capturesByCase(caseId)) {
    const list = byArtifact.get(capture.sha256) ?? [];
    list.push(capture);
    byArtifact.set(capture.sha256, list);
  }
  return [...byArtifact.entries()].map(([sha256, captures]) => ({ sha256, size: captures[0]!.size, class: artifactClass(captures), captures }));
}

/** What the case holds of each kind of artifact, in the order the kinds are listed; kinds it has none of are left out. */
export function caseContents(vault: OpenVault, caseId: string): CaseContent[] {
  vault.cases.get(caseId);
  const artifacts = caseArtifacts(vault, caseId);
  const findings = vault.findings.listByCase(caseId).filter((finding) => finding.retiredAt === null);
  return ArtifactClass.options.flatMap((kind) => {
    const ofKind = artifacts.filter((artifact) => artifact.class === kind);
    if (ofKind.length === 0) return [];
    const hashes = new Set(ofKind.map((artifact) => artifact.sha256));
    const resting = findings.filter((finding) => finding.artifactSha256s.some((sha) => hashes.has(sha))).length;
    return [{ class: kind, files: ofKind.length, bytes: ofKind.reduce((sum, artifact) => sum + artifact.size, 0), findings: resting }];
  });
}

function buildManifest(vault: OpenVault, options: ReportChoices & Pick<ExportCaseOptions, 'recipients' | 'passphrase' | 'exclude'>): BundleManifest {
  const theCase = vault.cases.get(options.caseId);
  const artifacts: ManifestArtifact[] = caseArtifacts(vault, options.caseId).map(({ sha256, size, class: kind, captures }) => ({ sha256, size, class: kind, included: !options.exclude.includes(kind), captures }));
  const devices = vault.devices.listByCase(options.caseId);
  const custody = custodyExcerpt(vault.custody, options.caseId);
  const shared = sharedConsultation(vault, options.caseId, options.consultation ?? DEFAULT_SHARED_PARTS);
  const findings = vault.findings.listByCase(options.caseId);
  // Her answers left out: so are the findings made from them, which quote them.
  const keptFindings = !shared || shared.parts.includes('checks') ? findings : findings.filter((finding) => finding.ruleId !== CONSULTATION_RULE);
  return {
    format: 'sentinelle-bundle-manifest',
    version: 2,
    createdAt: isoNow(options.clock),
    tool: { name: 'Sentinelle', version: options.toolVersion },
    installation: { publicKey: vault.signer.publicKey.toString('hex'), fingerprint: readableFingerprint(vault.signer.publicKey) },
    case: { id: theCase.id, pseudonym: theCase.pseudonym, status: theCase.status, createdAt: theCase.createdAt, closedAt: theCase.closedAt },
    devices,
    scans: vault.scans.listByCase(options.caseId),
    signatures: options.signatures,
    observations: vault.observations.countByCase(options.caseId),
    artifacts,
    findings: keptFindings,
    custody,
    report: { language: options.language, redacted: options.redact, files: [], pdfMissing: null },
    sealedFor: { recipients: options.recipients.map((recipient) => recipient.fingerprint).sort(), passphrase: options.passphrase !== undefined },
    excludedClasses: [...new Set(options.exclude)],
    method: methodOf(custody.entries, devices),
    ...(shared ? { consultation: { ...shared, findingsLeftOut: findings.length - keptFindings.length } } : {}),
  };
}

/** The parts of the case's consultation she chose to share; null when no consultation was recorded. */
function sharedConsultation(vault: OpenVault, caseId: string, parts: readonly ConsultationPart[]): { parts: ConsultationPart[]; record: Partial<Consultation> } | null {
  if (!vault.consultations.recorded(caseId)) return null;
  const chosen = CONSULTATION_PARTS.filter((part) => parts.includes(part));
  return { parts: chosen, record: sharedParts(vault.consultations.get(caseId), chosen) };
}

/**
 * The PDF of the report, printed a second time when the first attempt fails (a browser that did not start
 * in time under load), so that identical exports hold the same files; null when there is no printer or
 * both attempts failed (the manifest then says which).
 */
async function printReport(printPdf: ExportCaseOptions['printPdf'], html: string): Promise<Buffer | null> {
  if (!printPdf) return null;
  return (await printPdf(html)) ?? (await printPdf(html));
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
