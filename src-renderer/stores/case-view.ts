// One case as the window works on it: the phones adb sees (and the demo phone for training), the scan in
// progress with its step and elapsed time, reviews, and sealing an evidence bundle; its findings live in
// the findings store, reloaded here when a scan or a review changes them. Follows the back end's events
// (devices, scan progress, findings); forgotten when the vault locks.
import { create } from 'zustand';
import type { BackupSummary, DemoProfileInfo, InstallTimeline, DeviceList, HostInfo, IosDeviceList, ScanFinished, ScanProgress } from '../../src-shared/acquisition.js';
import type { ArtifactClass, ExportResult } from '../../src-shared/bundle.js';
import type { Case, ReviewStatus } from '../../src-shared/model.js';
import { asSentinelleError, type SentinelleError } from '../../src-shared/errors.js';
import { api } from '../api/context.js';
import { useFindings } from './findings.js';

export interface ScanInProgress extends ScanProgress {
  startedAt: number;
  /** How many current findings the case had when the scan started: those above are new, found by this scan. */
  activeBefore: number;
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
  devices: DeviceList | null;
  demoProfiles: DemoProfileInfo[];
  scan: ScanInProgress | null;
  lastScan: { observations: number; created: number } | null;
  exported: ExportResult | null;
  busy: boolean;
  error: SentinelleError | null;
  /** Why the phones could not be listed (adb missing…): shown where phones are, the rest of the case still works. */
  devicesError: SentinelleError | null;

  backups: BackupSummary[];
  /** How far a bundle being sealed has gone (0 to 1), while it is. */
  exportProgress: number | null;
  iosDevices: IosDeviceList | null;
  host: HostInfo | null;

  open(caseId: string): Promise<void>;
  listBackups(folder?: string): Promise<void>;
  listIosDevices(): Promise<void>;
  loadHostInfo(): Promise<void>;
  scanBackup(path: string, password?: string): Promise<void>;
  scanIos(udid: string, password?: string): Promise<void>;
  /** Turns on backup encryption on a connected iPhone (after the advocate confirmed it); true when done. */
  enableIosEncryption(udid: string, password: string): Promise<boolean>;
  scanHost(): Promise<void>;
  importAcquisition(path: string): Promise<void>;
  refreshDevices(): Promise<void>;
  startDemo(profile: string): Promise<void>;
  scanAndroid(serial: string): Promise<void>;
  cancelScan(): Promise<void>;
  review(findingId: string, status: ReviewStatus, note?: string): Promise<void>;
  exportBundle(request: ExportRequest): Promise<ExportResult | null>;
  /** A fresh export dialog: no result or error from the last one. */
  resetExport(): void;
  reopen(): Promise<void>;
  /** Where and when each app of the case's Android phones came from. */
  installTimeline(): Promise<InstallTimeline[]>;
  forget(): void;
}

let unsubscribe: (() => void) | null = null;
/** Which opening of a case is current: answers for an earlier one (a case left, the vault locked) are dropped. */
let opening = 0;

export const useCaseView = create<CaseViewState>((set, get) => {
  /** Runs work for the case open now; what it sets once another case is open (or none) is dropped. */
  async function attempt<T>(work: () => Promise<T>): Promise<T | null> {
    const mine = opening;
    set({ busy: true, error: null });
    try {
      return await work();
    } catch (error) {
      if (mine === opening) set({ error: asSentinelleError(error) });
      return null;
    } finally {
      if (mine === opening) set({ busy: false });
    }
  }

  /** Runs one kind of scan on the open case: progress comes through events; the outcome updates the findings. */
  async function runScan(scan: (caseId: string) => Promise<{ observations: number; detection: { created: number } }>): Promise<void> {
    const theCase = get().theCase;
    if (!theCase) return;
    const mine = opening;
    set({ lastScan: null });
    await attempt(async () => {
      try {
        const outcome = await scan(theCase.id);
        if (mine !== opening) return;
        set({ lastScan: { observations: outcome.observations, created: outcome.detection.created } });
        await useFindings.getState().reload();
      } finally {
        if (mine === opening) set({ scan: null });
      }
    });
  }

  return {
    theCase: null,
    devices: null,
    demoProfiles: [],
    scan: null,
    lastScan: null,
    exported: null,
    busy: false,
    error: null,
    devicesError: null,
    backups: [],
    iosDevices: null,
    host: null,
    exportProgress: null,

    async open(caseId) {
      get().forget();
      unsubscribe = api().subscribe((event, payload) => {
        const current = get().theCase;
        if (event === 'devices.changed') set({ devices: payload as DeviceList });
        if (event === 'scan.progress' && current && (payload as ScanProgress).caseId === current.id) {
          const progress = payload as ScanProgress;
          const same = get().scan?.scanId === progress.scanId ? get().scan : null;
          const activeBefore = same?.activeBefore ?? useFindings.getState().overview?.active ?? 0;
          const seen = (same?.steps ?? []).filter((step) => step.step !== progress.step);
          const steps = [...seen, { step: progress.step, label: progress.label, index: progress.index }];
          set({ scan: { ...progress, startedAt: same?.startedAt ?? Date.now(), activeBefore, steps } });
        }
        // The scan's answer may come before its last progress events: its end event closes the panel for good.
        if (event === 'scan.finished' && get().scan?.scanId === (payload as ScanFinished).scanId) set({ scan: null });
        if (event === 'findings.changed' && current && (payload as { caseId: string }).caseId === current.id) void useFindings.getState().reload().catch(() => undefined);
        if (event === 'bundle.progress' && (payload as { phase: string }).phase === 'export') {
          const { bytes, totalBytes } = payload as { bytes: number; totalBytes: number };
          set({ exportProgress: totalBytes > 0 ? bytes / totalBytes : 1 });
        }
      });
      const mine = opening;
      await attempt(async () => {
        const theCase = await api().invoke('cases.get', { caseId });
        if (mine !== opening) return;
        set({ theCase });
        await useFindings.getState().show(caseId);
      });
      // Phones and the demo phone are one source among others: without adb, iPhones, this computer and imports still work.
      await get().refreshDevices();
      const demoProfiles = await api()
        .invoke('demo.profiles', {})
        .catch(() => []);
      if (mine === opening) set({ demoProfiles });
    },
    async refreshDevices() {
      const mine = opening;
      try {
        const devices = await api().invoke('devices.list', {});
        if (mine === opening) set({ devices, devicesError: null });
      } catch (error) {
        if (mine === opening) set({ devices: null, devicesError: asSentinelleError(error) });
      }
    },
    async startDemo(profile) {
      await attempt(async () => {
        await api().invoke('demo.start', { profile });
        await get().refreshDevices();
      });
    },
    scanAndroid: (serial) => runScan((caseId) => api().invoke('scans.android', { caseId, serial })),
    scanBackup: (path, password) => runScan((caseId) => api().invoke('scans.iosBackup', { caseId, path, ...(password ? { password } : {}) })),
    scanIos: (udid, password) => runScan((caseId) => api().invoke('scans.ios', { caseId, udid, ...(password ? { password } : {}) })),
    async enableIosEncryption(udid, password) {
      const theCase = get().theCase;
      if (!theCase) return false;
      const done = await attempt(() => api().invoke('ios.enableBackupEncryption', { caseId: theCase.id, udid, password, confirmed: true }));
      return done !== null;
    },
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
      if (theCase) await attempt(() => useFindings.getState().review(findingId, status, note));
    },
    async exportBundle(request) {
      const theCase = get().theCase;
      if (!theCase) return null;
      set({ exported: null, exportProgress: 0 });
      const result = await attempt(() => api().invoke('bundles.export', { caseId: theCase.id, ...request }));
      set({ exportProgress: null, ...(result ? { exported: result } : {}) });
      return result;
    },
    resetExport() {
      set({ exported: null, exportProgress: null, error: null });
    },
    async reopen() {
      const theCase = get().theCase;
      if (!theCase) return;
      const reopened = await attempt(() => api().invoke('cases.reopen', { caseId: theCase.id }));
      if (reopened) set({ theCase: reopened });
    },
    async installTimeline() {
      const theCase = get().theCase;
      return theCase ? api().invoke('cases.installTimeline', { caseId: theCase.id }) : [];
    },
    forget() {
      opening += 1;
      unsubscribe?.();
      unsubscribe = null;
      set({ theCase: null, devices: null, devicesError: null, demoProfiles: [], scan: null, lastScan: null, exported: null, error: null, busy: false, backups: [], iosDevices: null, host: null, exportProgress: null });
      void useFindings.getState().show(null);
    },
  };
});
