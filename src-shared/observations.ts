// The observations collectors produce and detection reads: one schema per kind, so that the Android, iOS
// and host collectors (their own issues) and the detection rules agree on every field. An Observation's
// `data` holds one of these; `subject` is the short thing it is about (a package name, a domain…).
import { z } from 'zod';
import { Platform } from './model.js';
import { normalizeFingerprint, normalizeSha256 } from './normal-forms.js';
import { GUIDED_CHECK_IDS } from './guided-checks.js';

const text = z.string().max(4000);
const nullableText = text.nullable().default(null);
const names = z.array(z.string().max(500)).max(5000).default([]);
/** Hashes and fingerprints are stored in their normal form, so that detection compares them as they are. */
const fileHash = z.string().max(200).transform(normalizeSha256).nullable().default(null);
const fingerprints = z.array(z.string().max(200).transform(normalizeFingerprint)).max(50).default([]);

/** The user or profile an Android app or right belongs to, when it is not the phone's owner (user 0). */
export const AndroidProfile = z.object({
  id: z.number().int().positive(),
  name: z.string().max(200),
  /** Android's user type without `android.os.usertype.`: `profile.managed` (a work profile, Samsung's Secure Folder), `profile.private`, `profile.clone`, `full.secondary`, `full.guest`. */
  type: z.string().max(100),
});
export type AndroidProfile = z.infer<typeof AndroidProfile>;

/** A computer an Android phone lets in for debugging without asking (`dumpsys adb`). */
export const AndroidAdbKeyData = z.object({
  /** As the phone's prompt shows it: MD5 of the key, colon-separated hex. */
  fingerprint: z.string().regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){15}$/),
  comment: nullableText,
  source: z.enum(['adb_keys', 'keystore']),
  lastConnection: nullableText,
  /** The computer connected when the phone was read (the phone's last received key). */
  connectedNow: z.boolean(),
});

/** An account signed in on an Android phone (`dumpsys account`); its name is personal data, never forwarded. */
export const AndroidAccountData = z.object({ user: z.number().int().nonnegative(), type: z.string().max(200), name: z.string().max(500) });

/** A device paired with an Android phone over Bluetooth (`dumpsys bluetooth_manager`). */
export const AndroidPairedDeviceData = z.object({ address: z.string().max(64), type: nullableText, name: nullableText });

/** Where an Android user's backups go (`dumpsys backup`): the transport, whether it is the one in use, and its destination (the backup account). */
export const AndroidBackupTransportData = z.object({ user: z.number().int().nonnegative(), transport: z.string().max(300), current: z.boolean(), destination: nullableText, enabled: z.boolean() });

/** A trust agent (Smart Lock) of an Android user (`dumpsys trust`): whether it keeps the phone unlocked. */
export const AndroidTrustAgentData = z.object({ user: z.number().int().nonnegative(), component: z.string().max(500), managingTrust: z.boolean(), trusted: z.boolean(), message: nullableText });

/** Whether a screen lock protects an Android user (`dumpsys lock_settings`): none, pin, pattern, password, set… */
export const AndroidScreenLockData = z.object({ user: z.number().int().nonnegative(), credential: nullableText });

/** A guided check she answered with something worrying (the consultation): which check, and her answer in words. */
export const ConsultationAnswerData = z.object({ check: z.enum(GUIDED_CHECK_IDS), answer: text });

/** A user or profile of an Android phone (`pm list users`, `dumpsys user`). */
export const AndroidUserData = z.object({ id: z.number().int().nonnegative(), name: z.string().max(200), type: z.string().max(100), running: z.boolean() });

export const AndroidPackageData = z.object({
  packageName: z.string().max(255),
  label: nullableText,
  /** Who installed it (`com.android.vending` for Google Play); null when the phone does not say. */
  installer: nullableText,
  /** The app that asked for the install (a browser, a file manager; `com.android.shell` for adb), Android 11+. */
  initiatingInstaller: nullableText,
  /** The app the APK came from, Android 11+. */
  originatingInstaller: nullableText,
  /** What the installing app said of the file, Android 13+: opened on the phone, downloaded, from a store (its own claim). */
  packageSource: z.enum(['unspecified', 'other', 'store', 'local-file', 'downloaded-file']).nullable().default(null),
  uid: z.number().int().nullable().default(null),
  isSystem: z.boolean(),
  enabled: z.boolean().default(true),
  versionName: nullableText,
  versionCode: nullableText,
  firstInstallTime: nullableText,
  lastUpdateTime: nullableText,
  apkPath: nullableText,
  apkSha256: fileHash,
  certSha1: fingerprints,
  certSha256: fingerprints,
  requestedPermissions: names,
  grantedPermissions: names,
  /** Whether the app shows an icon in the launcher (an app without one hides from the phone's owner). */
  hasLauncherIcon: z.boolean(),
  /** Default roles it holds on the phone: `launcher`, `keyboard`, `sms`, `dialer`, `assistant`… */
  roles: names,
  /** The profile it is installed in; null for the phone's owner. */
  profile: AndroidProfile.nullable().default(null),
});
export type AndroidPackageData = z.infer<typeof AndroidPackageData>;

export const AndroidComponentGrant = z.object({ packageName: z.string().max(255), component: text, profile: AndroidProfile.nullable().default(null) });

export const AndroidAccessibilityData = AndroidComponentGrant.extend({ enabled: z.boolean(), bound: z.boolean().default(false) });
export const AndroidDeviceAdminData = AndroidComponentGrant.extend({ role: z.enum(['admin', 'device-owner', 'profile-owner']) });
export const AndroidNotificationListenerData = AndroidComponentGrant;

/** An app operation's mode and last use (`dumpsys appops`): recent location, camera, microphone or SMS use. */
export const AndroidAppOpData = z.object({ packageName: z.string().max(255), op: z.string().max(100), mode: z.string().max(50), lastAccess: nullableText, profile: AndroidProfile.nullable().default(null) });

export const AndroidSettingData = z.object({ namespace: z.enum(['secure', 'global', 'system']), key: z.string().max(255), value: text });
export const AndroidPropertyData = z.object({ key: z.string().max(255), value: text });
export const RootIndicatorData = z.object({
  indicator: z.enum(['su-binary', 'root-manager-app', 'test-keys', 'debuggable-build', 'selinux-permissive', 'unlocked-bootloader', 'jailbreak-app', 'jailbreak-file']),
  detail: text,
});

export const ProcessData = z.object({
  platform: Platform,
  pid: z.number().int().nonnegative(),
  ppid: z.number().int().nonnegative().nullable().default(null),
  user: nullableText,
  name: z.string().max(1000),
  executable: nullableText,
  commandLine: nullableText,
  sha256: fileHash,
  /** Whether the executable carries a valid code signature, where the platform tells (Windows, macOS); null otherwise. */
  signed: z.boolean().nullable().default(null),
  /** Who signed it, as the platform names the signer. */
  signer: nullableText,
  /** Sentinelle itself (it may run from a temporary folder: an AppImage, a portable build). */
  self: z.boolean().default(false),
});
export type ProcessData = z.infer<typeof ProcessData>;

export const IosAppData = z.object({
  bundleId: z.string().max(255),
  name: nullableText,
  version: nullableText,
  /** Where it came from, when the backup says: the App Store, an enterprise or developer profile. */
  source: z.enum(['app-store', 'enterprise', 'developer', 'unknown']).default('unknown'),
});

export const IosProfilePayload = z.object({ type: z.string().max(255), identifier: nullableText, displayName: nullableText });
export const IosProfileData = z.object({
  identifier: z.string().max(255),
  displayName: nullableText,
  organization: nullableText,
  isMdm: z.boolean().default(false),
  payloads: z.array(IosProfilePayload).max(500).default([]),
});
export type IosProfileData = z.infer<typeof IosProfileData>;

export const IosDeviceStateData = z.object({ supervised: z.boolean(), organization: nullableText });

/** Network use of one process on an iPhone (`DataUsage.sqlite`): bytes over Wi-Fi and mobile data, first and last seen. */
export const IosDataUsageData = z.object({
  process: z.string().max(1000),
  bundleId: nullableText,
  wifiIn: z.number().nonnegative(),
  wifiOut: z.number().nonnegative(),
  wwanIn: z.number().nonnegative(),
  wwanOut: z.number().nonnegative(),
  firstSeen: nullableText,
  lastSeen: nullableText,
});

/** A privacy permission an app holds or was refused on an iPhone (`TCC.db`): camera, microphone, location… */
/** An account on an iPhone (Accounts3.sqlite): its kind as iOS names it ("iCloud", "Gmail"), the user name, who set it up, and whether it is one of its own (not a service under another account). */
export const IosAccountData = z.object({ type: nullableText, typeId: nullableText, username: nullableText, owner: nullableText, created: nullableText, topLevel: z.boolean() });

/** A device paired with an iPhone over Bluetooth (the LE paired-devices database, or the classic devices list). */
export const IosPairedDeviceData = z.object({ name: nullableText, address: nullableText, source: z.enum(['le-paired', 'classic']), lastSeen: nullableText });

export const IosPermissionData = z.object({ service: z.string().max(200), client: z.string().max(500), allowed: z.boolean(), lastModified: nullableText });

/** `source` says where the domain was seen: `safari-history`, `chrome-history`… (pages visited), `datausage`, `dns`… */
export const NetworkDomainData = z.object({ domain: z.string().max(253), source: z.string().max(100), count: z.number().int().nonnegative().default(1) });

export const NetworkAddressData = z.object({ ip: z.string().max(64), port: z.number().int().min(0).max(65535).nullable().default(null), source: z.string().max(100) });

export const PersistenceData = z.object({
  platform: Platform,
  mechanism: z.enum(['run-key', 'scheduled-task', 'startup-folder', 'service', 'launch-agent', 'launch-daemon', 'login-item', 'systemd-unit', 'xdg-autostart', 'crontab', 'ld-preload', 'kernel-extension', 'system-extension']),
  name: z.string().max(1000),
  executable: nullableText,
  commandLine: nullableText,
  /** launchd label, Windows service name… when the mechanism has one. */
  label: nullableText,
  /** Where the entry is written: its file, its registry key, its task folder. */
  location: nullableText,
  /** False when the entry is present but switched off (a disabled service, a hidden autostart). */
  enabled: z.boolean().nullable().default(null),
});
export type PersistenceData = z.infer<typeof PersistenceData>;

/** A program installed on a computer (Windows' Uninstall keys, a macOS application): its name as it registers itself. */
export const ProgramData = z.object({
  platform: Platform,
  name: z.string().max(1000),
  version: nullableText,
  publisher: nullableText,
  location: nullableText,
  installDate: nullableText,
});
export type ProgramData = z.infer<typeof ProgramData>;

/** A file found on a device: where, its SHA-256 when it was computed, and (on phones) its size and last change. */
export const FileData = z.object({
  path: z.string().max(4000),
  sha256: fileHash,
  source: z.string().max(100),
  size: z.number().int().nonnegative().nullable().default(null),
  modifiedAt: nullableText,
});

/** Every kind of observation there is, and the schema of its data. */
export const observationSchemas = {
  'android.package': AndroidPackageData,
  'android.user': AndroidUserData,
  'android.adb-key': AndroidAdbKeyData,
  'android.accessibility-service': AndroidAccessibilityData,
  'android.device-admin': AndroidDeviceAdminData,
  'android.notification-listener': AndroidNotificationListenerData,
  'android.appop': AndroidAppOpData,
  'android.setting': AndroidSettingData,
  'android.property': AndroidPropertyData,
  'android.account': AndroidAccountData,
  'android.paired-device': AndroidPairedDeviceData,
  'android.backup-transport': AndroidBackupTransportData,
  'android.trust-agent': AndroidTrustAgentData,
  'android.screen-lock': AndroidScreenLockData,
  'consultation.answer': ConsultationAnswerData,
  'root-indicator': RootIndicatorData,
  process: ProcessData,
  'ios.app': IosAppData,
  'ios.profile': IosProfileData,
  'ios.device-state': IosDeviceStateData,
  'ios.data-usage': IosDataUsageData,
  'ios.permission': IosPermissionData,
  'ios.account': IosAccountData,
  'ios.paired-device': IosPairedDeviceData,
  'network.domain': NetworkDomainData,
  'network.address': NetworkAddressData,
  persistence: PersistenceData,
  program: ProgramData,
  /** A configuration profile installed on a Mac: the same shape as an iPhone's. */
  'macos.profile': IosProfileData,
  file: FileData,
} as const;

export type ObservationKind = keyof typeof observationSchemas;
export type ObservationData<K extends ObservationKind> = z.infer<(typeof observationSchemas)[K]>;
export const observationKinds = Object.keys(observationSchemas) as ObservationKind[];

export function isObservationKind(kind: string): kind is ObservationKind {
  return Object.prototype.hasOwnProperty.call(observationSchemas, kind);
}
