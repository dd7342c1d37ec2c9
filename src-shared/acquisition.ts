// Types of the acquisition side of the API: connected phones and their state, scan progress and outcomes,
// offline imports, demo phones, and the response to a finding (guidance, and the one containment step the
// advocate may take after confirming — never automatic, always reversible, always logged).
import { CONTROL_OR_REORDERING } from './printable.js';
import { z } from 'zod';
import { FindingsOverview } from './findings-page.js';
import { CaseId, Finding, IsoTimestamp, LocalizedText, Scan, ScanStatus, Uuid } from './model.js';
import { AndroidProfile } from './observations.js';

/**
 * `busy`: another program on the computer holds the phone's USB connection; `no-permission`: the computer
 * does not let Sentinelle open it (a Linux udev rule, a Windows driver).
 */
export const DeviceState = z.enum(['device', 'unauthorized', 'offline', 'connecting', 'busy', 'no-permission', 'other']);
export type DeviceState = z.infer<typeof DeviceState>;

/** How Sentinelle reaches the phone: itself over USB, through an adb server already running here, or over TCP. */
export const PhoneTransport = z.enum(['usb', 'adb-server', 'tcp']);
export type PhoneTransport = z.infer<typeof PhoneTransport>;

/** Each way a phone is reached, in words (the command line and the report; the screens have their own catalogue). */
export const PHONE_TRANSPORT_WORDS: Record<PhoneTransport, LocalizedText> = {
  usb: { en: 'over USB, directly', fr: 'par USB, directement' },
  'adb-server': { en: 'through this computer’s adb server', fr: 'par le serveur adb de cet ordinateur' },
  tcp: { en: 'over the network (TCP), directly', fr: 'par le réseau (TCP), directement' },
};

/** How the advocate sees the phone reached: by a USB cable, over wireless debugging, or the demo phone of training. */
export const PhoneConnection = z.enum(['usb', 'wireless', 'demo']);
export type PhoneConnection = z.infer<typeof PhoneConnection>;

/**
 * adb's serial (USB serial, or host:port for a phone reached over TCP): the phone chooses it, so it is kept
 * whole to connect to it (a real one is under 130 characters) and clipped only for display.
 */
export const PhoneSerial = z.string().min(1).max(1024);

/**
 * A phone's address in wireless debugging, typed by the advocate: `HOST:PORT` — an IPv4 address or a host
 * name, and the port the phone's Wireless debugging screen shows (`[IPv6]:PORT` also accepted).
 */
export const PhoneAddress = z
  .string()
  .trim()
  .max(300)
  .regex(/^(?:\[[0-9A-Fa-f:.]{2,45}\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?):([1-9][0-9]{0,4})$/, 'an address such as 192.168.1.23:37099')
  .refine((address) => Number(address.slice(address.lastIndexOf(':') + 1)) <= 65_535, 'a port number up to 65535');

/** The host and port of a phone's address (checked with PhoneAddress). */
export function splitAddress(address: string): { host: string; port: number } {
  const at = address.lastIndexOf(':');
  return { host: address.slice(0, at).replace(/^\[|\]$/g, ''), port: Number(address.slice(at + 1)) };
}

export const ConnectedDevice = z.object({
  /** adb's serial (USB serial, or host:port for a phone reached over TCP, such as the demo phone). */
  serial: PhoneSerial,
  state: DeviceState,
  transport: PhoneTransport,
  /** Maker and model as the phone (or its USB descriptor) gives them before any scan ("Google Pixel 7"), when known. */
  model: z.string().max(120).nullable().default(null),
  connection: PhoneConnection.default('usb'),
  /**
   * The fingerprint the phone's "Allow USB debugging?" prompt shows for this computer's key (`AB:12:…`,
   * sixteen pairs), when known: Sentinelle's own key, or the key of the adb server it goes through.
   */
  keyFingerprint: z.string().regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){15}$/).nullable(),
  /** What the advocate should do, in plain words. */
  guidance: LocalizedText,
});
export type ConnectedDevice = z.infer<typeof ConnectedDevice>;

export const DeviceList = z.object({
  devices: z.array(ConnectedDevice),
  /** When no phone is connected: how to enable USB debugging, in plain steps. */
  guidance: LocalizedText.nullable(),
  /** Why this computer's USB ports could not be read, when they could not (for the advocate's details). */
  technical: z.string().max(2000).nullable().default(null),
});
export type DeviceList = z.infer<typeof DeviceList>;

export const ScanProgress = z.object({
  scanId: Uuid,
  caseId: CaseId,
  step: z.string(),
  label: LocalizedText,
  index: z.number().int().nonnegative(),
  total: z.number().int().positive(),
  /** How far the step itself has gone, when it can tell (an encrypted backup's key derivation, a backup being made). */
  fraction: z.number().min(0).max(1).optional(),
});
export type ScanProgress = z.infer<typeof ScanProgress>;
/** Progress as a scan reports it; the app adds the case. */
export type ScanStepProgress = Omit<ScanProgress, 'caseId'>;

export const ScanFinished = z.object({
  scanId: Uuid,
  caseId: CaseId,
  status: ScanStatus,
  /** Why it stopped, when it did not complete. */
  message: z.string().nullable(),
});
export type ScanFinished = z.infer<typeof ScanFinished>;

export const DetectionCounts = z.object({ created: z.number().int(), updated: z.number().int(), retired: z.number().int() });
export type DetectionCounts = z.infer<typeof DetectionCounts>;

export const ScanOutcome = z.object({
  scan: Scan,
  /** True when this continued an interrupted scan of the same phone. */
  resumed: z.boolean(),
  observations: z.number().int().nonnegative(),
  detection: DetectionCounts,
  /** The case's findings at a glance after the scan — counts and the summary; the findings themselves are asked for (`findings.page`, `findings.list`). */
  overview: FindingsOverview,
  /** What could not be read (a file missing from a partial backup…), in plain words; the rest was. */
  notes: z.array(z.string()).default([]),
});
export type ScanOutcome = z.infer<typeof ScanOutcome>;

export const ImportFormat = z.enum(['androidqf', 'android-bugreport']);
export type ImportFormat = z.infer<typeof ImportFormat>;

export const DemoProfileInfo = z.object({ id: z.string(), name: LocalizedText, description: LocalizedText });
export type DemoProfileInfo = z.infer<typeof DemoProfileInfo>;

export const DemoPhoneInfo = z.object({ profile: z.string(), serial: z.string(), port: z.number().int() });
export type DemoPhoneInfo = z.infer<typeof DemoPhoneInfo>;

export const ContainmentKind = z.enum(['disable-app']);

export const ChecklistItem = z.object({ id: z.string(), text: LocalizedText });

export const ResponseGuidance = z.object({
  findingId: Uuid,
  /** In order: document first, plan safety, get help, and only then act. */
  steps: z.array(z.object({ title: LocalizedText, text: LocalizedText })),
  /** Who to call, in plain words. */
  contacts: z.array(LocalizedText),
  /** What the advocate must have done before any containment step. */
  checklist: z.array(ChecklistItem),
  containment: z.object({
    kind: ContainmentKind.nullable(),
    /** The app it would act on, when one can be named. */
    packageName: z.string().nullable(),
    /** What the step does, how it is undone, and what it may cause — or why none is offered. */
    explanation: LocalizedText,
  }),
});
export type ResponseGuidance = z.infer<typeof ResponseGuidance>;

export const ContainmentState = z.enum(['applied', 'undone', 'refused-by-phone']);

export const ContainmentRecord = z.object({
  id: Uuid,
  caseId: CaseId,
  findingId: Uuid,
  kind: ContainmentKind,
  packageName: z.string(),
  deviceId: Uuid,
  deviceSerial: z.string(),
  state: ContainmentState,
  /** What the phone answered, word for word. */
  phoneOutput: z.string(),
  appliedAt: IsoTimestamp,
  undoneAt: IsoTimestamp.nullable(),
});
export type ContainmentRecord = z.infer<typeof ContainmentRecord>;

/** An iPhone backup found on this computer (or in a folder given), as the list shows it. */
export const BackupSummary = z.object({
  path: z.string(),
  udid: z.string().nullable(),
  deviceName: z.string().nullable(),
  /** `iPhone14,5`… */
  productType: z.string().nullable(),
  iosVersion: z.string().nullable(),
  lastBackup: IsoTimestamp.nullable(),
  encrypted: z.boolean().nullable(),
  /** Why it cannot be used, when it cannot. */
  problem: z.string().nullable(),
});
export type BackupSummary = z.infer<typeof BackupSummary>;

export const IosDeviceState = z.enum(['paired', 'not-trusted', 'locked', 'other']);

export const IosDevice = z.object({
  udid: z.string(),
  state: IosDeviceState,
  name: z.string().nullable(),
  productType: z.string().nullable(),
  iosVersion: z.string().nullable(),
  guidance: LocalizedText,
});
export type IosDevice = z.infer<typeof IosDevice>;

export const IosDeviceList = z.object({ devices: z.array(IosDevice), guidance: LocalizedText.nullable() });
export type IosDeviceList = z.infer<typeof IosDeviceList>;

/** The computer Sentinelle runs on, as the "this computer" choice shows it. */
export const HostInfo = z.object({
  /** Null on a system Sentinelle cannot scan. */
  platform: z.enum(['windows', 'macos', 'linux']).nullable(),
  name: z.string(),
  osVersion: z.string(),
  /** Whether Sentinelle runs with administrator rights (needed to see other users' programs); null when it cannot tell. */
  elevated: z.boolean().nullable(),
  guidance: LocalizedText,
});
export type HostInfo = z.infer<typeof HostInfo>;

/** Where and when each app of an Android device came from, in the weeks before it was first examined (see src-main/evidence/install-timeline.ts). */
export const InstallTimeline = z.object({
  deviceId: Uuid,
  label: z.string(),
  /** The window's first day and the day the phone was first examined (UTC dates). */
  from: z.string(),
  to: z.string(),
  entries: z.array(
    z.object({
      /** `YYYY-MM-DD HH:MM:SS`, the phone's local time. */
      at: z.string(),
      event: z.enum(['installed', 'updated']),
      packageName: z.string(),
      label: z.string().nullable(),
      installer: z.string().nullable(),
      initiatingInstaller: z.string().nullable(),
      originatingInstaller: z.string().nullable(),
      profile: AndroidProfile.nullable(),
    }),
  ),
});
export type InstallTimeline = z.infer<typeof InstallTimeline>;

/** Who asked for an install and where the file came from (Android 11+), when they are not the installer itself. */
export function installRequesters(entry: Pick<InstallTimeline['entries'][number], 'installer' | 'initiatingInstaller' | 'originatingInstaller'>): string[] {
  return [entry.initiatingInstaller, entry.originatingInstaller].filter((name): name is string => name !== null && name !== entry.installer);
}

/** The answer of a detection pass run on demand: what changed, and the case's findings. */
/** What a detection run changed, and the case's findings at a glance after it (counts and the summary). */
export const DetectionResult = z.object({ created: z.number().int(), updated: z.number().int(), retired: z.number().int(), overview: FindingsOverview });
export type DetectionResult = z.infer<typeof DetectionResult>;

/**
 * A phone's maker and model as one name to show ("Google Pixel 7", "Samsung SM-A546B"): what a phone says
 * of itself is text, never markup or control characters, and bounded; adb's underscores become spaces; the
 * maker is left out when the model already starts with it. Null when neither is known.
 */
export function phoneName(maker: string | null | undefined, model: string | null | undefined): string | null {
  const clean = (text: string | null | undefined) => (text ?? '').replace(CONTROL_OR_REORDERING, '').replace(/_/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60);
  const cleanModel = clean(model);
  const rawMaker = clean(maker);
  const cleanMaker = rawMaker ? rawMaker[0]!.toUpperCase() + rawMaker.slice(1) : '';
  if (!cleanModel) return cleanMaker || null;
  return cleanMaker && !cleanModel.toLowerCase().startsWith(cleanMaker.toLowerCase()) ? `${cleanMaker} ${cleanModel}` : cleanModel;
}

/** How a phone reached this way looks to the advocate: a TCP address is wireless debugging, the rest a cable. */
export function connectionOf(transport: PhoneTransport, serial: string): PhoneConnection {
  return transport === 'tcp' || /^[\w.-]+:\d{1,5}$|^adb-[\w-]+\._adb-tls-connect\._tcp/.test(serial) ? 'wireless' : 'usb';
}


/**
 * A guidance text's parts: its first line is a short sentence, the lines after it the steps to take in
 * order (the screens and the command line number them).
 */
export function guidanceParts(text: string): { sentence: string; steps: string[] } {
  const [sentence = '', ...steps] = text.split('\n').map((line) => line.trim()).filter(Boolean);
  return { sentence, steps };
}

/** A guidance text as one line (an error message). */
export function guidanceLine(text: string): string {
  return text.split('\n').map((line) => line.trim()).filter(Boolean).join(' ');
}
