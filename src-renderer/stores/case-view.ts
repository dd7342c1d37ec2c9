// One case as the window works on it: the phones adb sees (and the demo phone for training), the scan in
// progress with its step and elapsed time, its scans, reviews and imports; its findings live in
// the findings store, reloaded here when a scan or a review changes them. Follows the back end's events
// (devices, scan progress, findings); forgotten when the vault locks.
import { create } from 'zustand';
import type { BackupSummary, DemoProfileInfo, InstallTimeline, DeviceList, HostInfo, IosDeviceList, ScanFinished, ScanProgress } from '../../src-shared/acquisition.js';
import type { Case, ReviewStatus, Scan } from '../../src-shared/model.js';
import { asSentinelleError, type SentinelleError } from '../../src-shared/errors.js';
import { api } from '../api/context.js';
import { useFiles } from './files.js';
import { useConsultation } from './consultation.js';
import { useFindings } from './findings.js';

export interface ScanInProgress extends ScanProgress {
  /** The phone or backup being read, as the advocate knows it ("Google Pixel 7"), when known. */
  deviceName: string | null;
  startedAt: number;
  /** How many current findings the case had when the scan started: those above are new, found by this scan. */
  activeBefore: number;
  /** The steps this scan has gone through so far, in order (the last is the one in progress). */
  steps: readonly Pick<ScanProgress, 'step' | 'label' | 'index'>[];
}

interface CaseViewState {
  theCase: Case | null;
  devices: DeviceList | null;
  demoProfiles: DemoProfileInfo[];
  scan: ScanInProgress | null;
  lastScan: { observations: number; created: number } | null;
  /** The case's scans (any kind, any outcome): a case with one can be sealed, even with nothing found. */
  scans: Scan[];
  busy: boolean;
  error: SentinelleError | null;
  /** Why the phones could not be listed (adb missing…): shown where phones are, the rest of the case still works. */
  devicesError: SentinelleError | null;

  backups: BackupSummary[];
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
  /** Imports an acquisition chosen in the page (a zip, or a folder's files) or, on the desktop, a folder chosen with the system's dialog. */
  importAcquisition(chosen: readonly File[] | string): Promise<void>;
  /** How much of an acquisition the browser has sent so far (0 to 1), while it sends. */
  sending: number | null;
  /** An iPhone backup folder the browser sent, kept (encrypted) until it is scanned — its password may be asked. */
  sentBackup: { uploads: string[]; name: string } | null;
  /** Sends an iPhone backup folder chosen in the browser, then scans it. */
  sendBackupFolder(files: readonly File[]): Promise<void>;
  /** Scans the backup folder sent, with its password when it is encrypted. */
  scanSentBackup(password?: string): Promise<void>;
  refreshDevices(): Promise<void>;
  startDemo(profile: string): Promise<void>;
  /** Reaches a phone in wireless debugging at the address its screen shows. */
  connectWireless(address: string): Promise<void>;
  scanAndroid(serial: string): Promise<void>;
  cancelScan(): Promise<void>;
  review(findingId: string, status: ReviewStatus, note?: string): Promise<void>;
  reopen(): Promise<void>;
  /** Where and when each app of the case's Android phones came from. */
  installTimeline(): Promise<InstallTimeline[]>;
  forget(): void;
}

let unsubscribe: (() => void) | null = null;
/** The name of the phone the advocate just asked to scan, for the scan's header. */
let scanning: string | null = null;
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
        // "Done" is said once the summary and the list show what the scan found, not before.
        try {
          await useFindings.getState().reload();
        } finally {
          if (mine === opening) set({ lastScan: { observations: outcome.observations, created: outcome.detection.created } });
        }
        // What the scan saw may suggest other checks to go through with her.
        await useConsultation.getState().refreshSuggestions();
      } finally {
        if (mine === opening) set({ scan: null });
        await loadScans(theCase.id, mine);
      }
    });
  }

  async function loadScans(caseId: string, mine: number): Promise<void> {
    const scans = await api()
      .invoke('scans.list', { caseId })
      .catch(() => null);
    if (scans && mine === opening) set({ scans });
  }

  return {
    theCase: null,
    devices: null,
    demoProfiles: [],
    scan: null,
    lastScan: null,
    scans: [],
    sending: null,
    sentBackup: null,
    busy: false,
    error: null,
    devicesError: null,
    backups: [],
    iosDevices: null,
    host: null,

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
          set({ scan: { ...progress, deviceName: same?.deviceName ?? scanning, startedAt: same?.startedAt ?? Date.now(), activeBefore, steps } });
        }
        // The scan's answer may come before its last progress events: its end event closes the panel for good.
        if (event === 'scan.finished' && get().scan?.scanId === (payload as ScanFinished).scanId) set({ scan: null });
        if (event === 'findings.changed' && current && (payload as { caseId: string }).caseId === current.id) void useFindings.getState().reload().catch(() => undefined);
      });
      const mine = opening;
      await attempt(async () => {
        const theCase = await api().invoke('cases.get', { caseId });
        if (mine !== opening) return;
        set({ theCase });
        await useFindings.getState().show(caseId);
        await loadScans(caseId, mine);
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
    async connectWireless(address) {
      await attempt(async () => {
        await api().invoke('devices.connect', { address });
        await get().refreshDevices();
      });
    },
    scanAndroid: (serial) => {
      const device = get().devices?.devices.find((candidate) => candidate.serial === serial);
      scanning = device?.model ?? null;
      return runScan((caseId) => api().invoke('scans.android', { caseId, serial }));
    },
    scanBackup: (path, password) => runScan((caseId) => api().invoke('scans.iosBackup', { caseId, path, ...(password ? { password } : {}) })),
    scanIos: (udid, password) => runScan((caseId) => api().invoke('scans.ios', { caseId, udid, ...(password ? { password } : {}) })),
    async enableIosEncryption(udid, password) {
      const theCase = get().theCase;
      if (!theCase) return false;
      const done = await attempt(() => api().invoke('ios.enableBackupEncryption', { caseId: theCase.id, udid, password, confirmed: true }));
      return done !== null;
    },
    scanHost: () => runScan((caseId) => api().invoke('scans.host', { caseId })),
    importAcquisition: (chosen) =>
      runScan(async (caseId) => {
        if (typeof chosen === 'string') return api().invoke('scans.import', { caseId, path: chosen });
        set({ sending: 0 });
        try {
          const handed = await useFiles.getState().hand(chosen, (sent, total) => set({ sending: total > 0 ? sent / total : 1 }));
          set({ sending: null });
          return await api().invoke('scans.import', { caseId, ...handed });
        } finally {
          set({ sending: null });
        }
      }),
    async sendBackupFolder(files) {
      set({ sending: 0, sentBackup: null });
      const handed = await attempt(() => useFiles.getState().hand(files, (sent, total) => set({ sending: total > 0 ? sent / total : 1 })));
      set({ sending: null });
      if (!handed || !('uploads' in handed)) return;
      set({ sentBackup: { uploads: handed.uploads, name: files[0]?.webkitRelativePath.split('/')[0] || 'iPhone' } });
      await get().scanSentBackup();
    },
    async scanSentBackup(password) {
      const sent = get().sentBackup;
      if (!sent) return;
      await runScan((caseId) => api().invoke('scans.iosBackup', { caseId, uploads: sent.uploads, ...(password ? { password } : {}) }));
      // Scanned: the back end no longer keeps it (a password asked for keeps it until it is given).
      if (get().error?.code !== 'backup.password-needed' && get().error?.code !== 'backup.wrong-password') set({ sentBackup: null });
    },
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
      set({ theCase: null, devices: null, devicesError: null, demoProfiles: [], scan: null, lastScan: null, scans: [], sending: null, sentBackup: null, error: null, busy: false, backups: [], iosDevices: null, host: null });
      void useFindings.getState().show(null);
      useConsultation.getState().forget();
    },
  };
});
