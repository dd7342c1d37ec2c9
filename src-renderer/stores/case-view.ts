// One case as the window works on it: its findings, the phones adb sees (and the demo phone for training),
// the scan in progress with its step and elapsed time, reviews, and sealing an evidence bundle. Follows the
// back end's events (devices, scan progress, findings); forgotten when the vault locks.
import { create } from 'zustand';
import type { BackupSummary, DemoProfileInfo, DeviceList, HostInfo, IosDeviceList, ScanProgress } from '../../src-shared/acquisition.js';
import type { ArtifactClass, ExportResult } from '../../src-shared/bundle.js';
import type { Case, Device, Finding, Platform, ReviewStatus, Scan } from '../../src-shared/model.js';
import { SentinelleError } from '../../src-shared/errors.js';
import { api } from '../api/context.js';

export interface ScanInProgress extends ScanProgress {
  startedAt: number;
  /** The findings the case already had when the scan started: the others are new, found by this scan. */
  knownBefore: readonly string[];
  /** The steps this scan has gone through so far, in order (the last is the one in progress). */
  steps: readonly Pick<ScanProgress, 'step' | 'label' | 'index'>[];
}

export interface ExportRequest {
  out: string;
  recipients: string[];
  passphrase?: string;
  exclude: ArtifactClass[];
  redact: boolean;
  language: 'en' | 'fr';
}

interface CaseViewState {
  theCase: Case | null;
  findings: Finding[];
  devices: DeviceList | null;
  demoProfiles: DemoProfileInfo[];
  scan: ScanInProgress | null;
  lastScan: { observations: number; created: number } | null;
  exported: ExportResult | null;
  busy: boolean;
  error: SentinelleError | null;

  backups: BackupSummary[];
  /** The platform of the device each finding's scan examined, by finding id (for the platform filter). */
  platforms: Record<string, Platform>;
  /** How far a bundle being sealed has gone (0 to 1), while it is. */
  exportProgress: number | null;
  iosDevices: IosDeviceList | null;
  host: HostInfo | null;

  open(caseId: string): Promise<void>;
  listBackups(folder?: string): Promise<void>;
  listIosDevices(): Promise<void>;
  loadHostInfo(): Promise<void>;
  scanBackup(path: string, password?: string): Promise<void>;
  scanIos(udid: string): Promise<void>;
  scanHost(): Promise<void>;
  importAcquisition(path: string): Promise<void>;
  refreshDevices(): Promise<void>;
  startDemo(profile: string): Promise<void>;
  scanAndroid(serial: string): Promise<void>;
  cancelScan(): Promise<void>;
  review(findingId: string, status: ReviewStatus, note?: string): Promise<void>;
  exportBundle(request: ExportRequest): Promise<ExportResult | null>;
  forget(): void;
}

let unsubscribe: (() => void) | null = null;
/** Findings are reloaded on every change a scan announces: only the latest reload's answer is kept. */
let findingsRequest = 0;

function platformsOf(findings: readonly Finding[], scans: readonly Scan[], devices: readonly Device[]): Record<string, Platform> {
  const deviceOf = new Map(scans.map((scan) => [scan.id, scan.deviceId]));
  const platformOf = new Map(devices.map((device) => [device.id, device.platform]));
  const out: Record<string, Platform> = {};
  for (const finding of findings) {
    const deviceId = finding.scanId ? deviceOf.get(finding.scanId) : null;
    const platform = deviceId ? platformOf.get(deviceId) : devices.length === 1 ? devices[0]!.platform : undefined;
    if (platform) out[finding.id] = platform;
  }
  return out;
}

export const useCaseView = create<CaseViewState>((set, get) => {
  async function attempt<T>(work: () => Promise<T>): Promise<T | null> {
    set({ busy: true, error: null });
    try {
      return await work();
    } catch (error) {
      set({ error: error instanceof SentinelleError ? error : new SentinelleError('internal', String(error)) });
      return null;
    } finally {
      set({ busy: false });
    }
  }

  /** Runs one kind of scan on the open case: progress comes through events; the outcome updates the findings. */
  async function runScan(scan: (caseId: string) => Promise<{ observations: number; detection: { created: number }; findings: Finding[] }>): Promise<void> {
    const theCase = get().theCase;
    if (!theCase) return;
    set({ lastScan: null });
    await attempt(async () => {
      try {
        const outcome = await scan(theCase.id);
        set({ lastScan: { observations: outcome.observations, created: outcome.detection.created } });
        await loadFindings(theCase.id);
      } finally {
        set({ scan: null });
      }
    });
  }

  async function loadFindings(caseId: string): Promise<void> {
    const request = ++findingsRequest;
    const [findings, scans, devices] = await Promise.all([api().invoke('findings.list', { caseId }), api().invoke('scans.list', { caseId }), api().invoke('cases.devices', { caseId })]);
    if (request === findingsRequest && get().theCase?.id === caseId) set({ findings, platforms: platformsOf(findings, scans, devices) });
  }

  return {
    theCase: null,
    findings: [],
    devices: null,
    demoProfiles: [],
    scan: null,
    lastScan: null,
    exported: null,
    busy: false,
    error: null,
    backups: [],
    iosDevices: null,
    host: null,
    platforms: {},
    exportProgress: null,

    async open(caseId) {
      get().forget();
      unsubscribe = api().subscribe((event, payload) => {
        const current = get().theCase;
        if (event === 'devices.changed') set({ devices: payload as DeviceList });
        if (event === 'scan.progress' && current && (payload as ScanProgress).caseId === current.id) {
          const progress = payload as ScanProgress;
          const same = get().scan?.scanId === progress.scanId ? get().scan : null;
          const knownBefore = same?.knownBefore ?? get().findings.filter((finding) => finding.retiredAt === null).map((finding) => finding.id);
          const seen = (same?.steps ?? []).filter((step) => step.step !== progress.step);
          const steps = [...seen, { step: progress.step, label: progress.label, index: progress.index }];
          set({ scan: { ...progress, startedAt: same?.startedAt ?? Date.now(), knownBefore, steps } });
        }
        if (event === 'findings.changed' && current && (payload as { caseId: string }).caseId === current.id) void loadFindings(current.id);
        if (event === 'bundle.progress' && (payload as { phase: string }).phase === 'export') {
          const { bytes, totalBytes } = payload as { bytes: number; totalBytes: number };
          set({ exportProgress: totalBytes > 0 ? bytes / totalBytes : 1 });
        }
      });
      await attempt(async () => {
        const [theCase, devices, demoProfiles] = await Promise.all([api().invoke('cases.get', { caseId }), api().invoke('devices.list', {}), api().invoke('demo.profiles', {})]);
        set({ theCase, devices, demoProfiles });
        await loadFindings(caseId);
      });
    },
    async refreshDevices() {
      await attempt(async () => set({ devices: await api().invoke('devices.list', {}) }));
    },
    async startDemo(profile) {
      await attempt(async () => {
        await api().invoke('demo.start', { profile });
        set({ devices: await api().invoke('devices.list', {}) });
      });
    },
    scanAndroid: (serial) => runScan((caseId) => api().invoke('scans.android', { caseId, serial })),
    scanBackup: (path, password) => runScan((caseId) => api().invoke('scans.iosBackup', { caseId, path, ...(password ? { password } : {}) })),
    scanIos: (udid) => runScan((caseId) => api().invoke('scans.ios', { caseId, udid })),
    scanHost: () => runScan((caseId) => api().invoke('scans.host', { caseId })),
    importAcquisition: (path) => runScan((caseId) => api().invoke('scans.import', { caseId, path })),
    async listBackups(folder) {
      await attempt(async () => set({ backups: await api().invoke('backups.list', { folders: folder ? [folder] : [] }) }));
    },
    async listIosDevices() {
      await attempt(async () => set({ iosDevices: await api().invoke('ios.devices', {}) }));
    },
    async loadHostInfo() {
      await attempt(async () => set({ host: await api().invoke('host.info', {}) }));
    },
    async cancelScan() {
      const scan = get().scan;
      if (scan) await attempt(() => api().invoke('scans.cancel', { scanId: scan.scanId }));
    },
    async review(findingId, status, note) {
      const theCase = get().theCase;
      await attempt(async () => {
        await api().invoke('findings.review', { findingId, status, ...(note ? { note } : {}) });
        if (theCase) await loadFindings(theCase.id);
      });
    },
    async exportBundle(request) {
      const theCase = get().theCase;
      if (!theCase) return null;
      set({ exported: null, exportProgress: 0 });
      const result = await attempt(() => api().invoke('bundles.export', { caseId: theCase.id, ...request }));
      set({ exportProgress: null, ...(result ? { exported: result } : {}) });
      return result;
    },
    forget() {
      unsubscribe?.();
      unsubscribe = null;
      set({ theCase: null, findings: [], devices: null, demoProfiles: [], scan: null, lastScan: null, exported: null, error: null, backups: [], iosDevices: null, host: null, platforms: {}, exportProgress: null });
    },
  };
});
