// One place that follows every kind of scan: the cancel signal of each running scan (by its id), progress
// and end events with the advocate's activity kept alive, and detection on what was read — as the scan
// goes (partial passes that retire nothing) and at its end, also when it stopped half-way; and, once after
// an upgrade, again over the cases whose findings an older version recorded.
import type { DetectionCounts, ScanStepProgress } from '../../src-shared/acquisition.js';
import type { EventName, EventPayload } from '../../src-shared/api.js';
import { SentinelleError } from '../../src-shared/errors.js';
import { runDetection } from '../detection/run-detection.js';
import type { ForwardService } from '../forward/forward-service.js';
import type { SignatureService } from '../signatures/signature-service.js';
import type { RecordOutcome } from '../vault/repositories/findings.js';
import type { OpenVault } from '../vault/vault.js';

/** What a followed scan is given: its cancel signal and where it reports progress and stored observations. */
export interface ScanFollowing {
  signal: AbortSignal;
  onProgress: (progress: ScanStepProgress) => void;
  onObservations: () => void;
}

interface ScanSessionDeps {
  signatures: SignatureService;
  forward: ForwardService;
  openVault(): OpenVault | null;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  touch(): void;
}

export class ScanSession {
  /** Scans running, of every kind, by scan id. */
  private readonly cancellable = new Map<string, AbortController>();

  constructor(private readonly deps: ScanSessionDeps) {}

  /** Stops a running scan; what it read so far is kept. */
  cancel(scanId: string): void {
    const controller = this.cancellable.get(scanId);
    if (!controller) throw new SentinelleError('scan.not-found', 'This scan is not running.', { technical: scanId });
    controller.abort();
  }

  /** Stops every running scan (the vault is locking). */
  cancelAll(): void {
    for (const controller of this.cancellable.values()) controller.abort();
  }

  /**
   * Runs a scan so that it can be cancelled and followed: progress and end events, activity kept alive,
   * and `onObservations` called when it stored observations (for detection as it goes).
   */
  async follow<T>(caseId: string, onObservations: () => void, run: (follow: ScanFollowing) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let scanId: string | null = null;
    try {
      const onProgress = (progress: ScanStepProgress) => {
        if (scanId !== progress.scanId) {
          if (scanId) this.cancellable.delete(scanId);
          scanId = progress.scanId;
          this.cancellable.set(scanId, controller);
        }
        // A scan in progress is the advocate's work: the vault must not lock under it.
        this.deps.touch();
        this.deps.emit('scan.progress', { ...progress, caseId });
      };
      const result = await run({ signal: controller.signal, onProgress, onObservations });
      if (scanId) this.deps.emit('scan.finished', { scanId, caseId, status: 'completed', message: null });
      return result;
    } catch (error) {
      const vault = this.deps.openVault();
      const scan = scanId && vault ? vault.scans.get(scanId) : null;
      if (scan) this.deps.emit('scan.finished', { scanId: scan.id, caseId, status: scan.status, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      if (scanId) this.cancellable.delete(scanId);
    }
  }

  /**
   * Cases whose findings an older version recorded (one finding per rule, before verdicts) are detected
   * again once, so that each app has its verdict and the reviews carry over; a failure is left for the
   * next unlock and never keeps the advocate out.
   */
  detectAgainAfterUpgrade(vault: OpenVault): void {
    for (const caseId of vault.findings.casesToDetectAgain()) {
      try {
        runDetection(vault, this.deps.signatures.index(vault), caseId);
        vault.findings.detectedAgain(caseId);
      } catch (error) {
        vault.audit.record('detection.upgrade-failed', { caseId, error: error instanceof Error ? error.message.slice(0, 500) : String(error) });
      }
    }
  }

  /** Runs detection on the case and tells the UI what changed. */
  detect(vault: OpenVault, caseId: string, options: { partial?: boolean } = {}): RecordOutcome {
    const outcome = runDetection(vault, this.deps.signatures.index(vault), caseId, options);
    this.deps.emit('findings.changed', { caseId, ...detectionCounts(outcome) });
    if (outcome.created.length > 0) this.deps.forward.soon();
    return outcome;
  }

  /**
   * Acquires, then detects — also when acquisition stopped half-way, so what was read is analysed. The
   * acquisition may call `detectSoFar` when it has stored observations, so that findings show as they are
   * found: such a run retires nothing (the rest is not read yet), and its failure is left to the detection
   * at the end. The counts returned cover the whole scan: a finding found half-way counts as new.
   */
  async detectingAfter<T>(vault: OpenVault, caseId: string, acquire: (detectSoFar: () => void) => Promise<T>): Promise<T & { detection: DetectionCounts }> {
    const createdSoFar = new Set<string>();
    const detectSoFar = () => {
      try {
        if (vault.isOpen) for (const finding of this.detect(vault, caseId, { partial: true }).created) createdSoFar.add(finding.id);
      } catch {
        // the detection that follows the acquisition reports it
      }
    };
    let result: T;
    try {
      result = await acquire(detectSoFar);
    } catch (error) {
      if (vault.isOpen) {
        try {
          this.detect(vault, caseId);
        } catch {
          // the acquisition's own error is the one to report
        }
      }
      throw error;
    }
    const final = this.detect(vault, caseId);
    return {
      ...result,
      detection: detectionCounts({
        created: [...final.created, ...final.updated.filter((finding) => createdSoFar.has(finding.id))],
        updated: final.updated.filter((finding) => !createdSoFar.has(finding.id)),
        retired: final.retired,
      }),
    };
  }
}

export function detectionCounts(outcome: RecordOutcome): DetectionCounts {
  return { created: outcome.created.length, updated: outcome.updated.length, retired: outcome.retired.length };
}

/** New evidence goes only into an open case: a closed one is counting down to its purge. */
export function requireOpenCase(vault: OpenVault, caseId: string): void {
  if (vault.cases.get(caseId).status === 'closed') {
    throw new SentinelleError('case.already-closed', `Case ${caseId} is closed. Reopen it before adding a scan or an import to it.`);
  }
}
