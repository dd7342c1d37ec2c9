// Phone profiles for the simulated phone and demo mode (`resources/demo/*.json`): the device, its apps
// (with installer, permissions, launcher icon, APK certificate), accessibility services, administrators,
// notification listeners, settings, root traces, app-operation history and how the phone behaves on the
// cable (slow, unauthorised, unplugged after N commands). Every profile shares a base of system apps.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SentinelleError } from '../../src-shared/errors.js';

const name = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/);
const component = z.string().regex(/^[A-Za-z][\w.]*\/[\w.$]+$/);

export const PackageSpec = z
  .object({
    name,
    label: z.string(),
    installer: z.string().nullable().default('com.android.vending'),
    /** The app that asked for the install (Android 11+: a browser, a file manager, `com.android.shell` for adb); the installer unless given. */
    initiator: z.string().nullable().optional(),
    system: z.boolean().default(false),
    versionName: z.string().default('1.0'),
    versionCode: z.number().int().default(1),
    firstInstall: z.string().default('2026-01-10 09:00:00'),
    /** Installed this many days before the phone is started (its time of day from `firstInstall`): a demo that stays recent. */
    installedDaysAgo: z.number().int().min(0).max(3650).optional(),
    lastUpdate: z.string().optional(),
    launcher: z.boolean().default(true),
    /** Permissions without the `android.permission.` prefix are taken as Android's. */
    requested: z.array(z.string()).default([]),
    granted: z.array(z.string()).default([]),
    /** Which demo certificate signs its APK (resources/demo/certificates/NAME.der). */
    certificate: z.string().default('demo-publisher'),
    running: z.boolean().default(false),
  })
  .strict();
export type PackageSpec = z.infer<typeof PackageSpec>;

export const PhoneProfile = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.object({ en: z.string(), fr: z.string() }),
    description: z.object({ en: z.string(), fr: z.string() }),
    device: z
      .object({
        manufacturer: z.string(),
        model: z.string(),
        device: z.string(),
        serial: z.string(),
        android: z.string(),
        sdk: z.number().int(),
        securityPatch: z.string(),
        buildTags: z.string().default('release-keys'),
        debuggable: z.boolean().default(false),
        selinux: z.enum(['Enforcing', 'Permissive']).default('Enforcing'),
      })
      .strict(),
    packages: z.array(PackageSpec).default([]),
    /** Other users and profiles (a work profile, Secure Folder, Private Space, a guest), each with its own apps and rights. */
    users: z
      .array(
        z
          .object({
            id: z.number().int().min(1).max(999_999),
            name: z.string().min(1).max(100),
            /** Android's user type without `android.os.usertype.`: `profile.managed`, `profile.private`, `profile.clone`, `full.secondary`, `full.guest`. */
            type: z.string().regex(/^(profile|full)\.[a-z_]+$/),
            packages: z.array(PackageSpec).default([]),
            accessibility: z.array(component).default([]),
            notificationListeners: z.array(component).default([]),
            /** The app that manages this profile (a work profile's owner). */
            profileOwner: component.optional(),
            /** False for a profile the shell may not see (Samsung's Secure Folder, user 150): commands naming it, and `pm list packages` without `--user`, are refused. */
            shellAccess: z.boolean().default(true),
          })
          .strict(),
      )
      .default([]),
    /** Ordinary store apps added to reach a realistic (or a large) phone. */
    generatedApps: z.number().int().min(0).max(5000).default(0),
    accessibility: z.object({ enabled: z.array(component).default([]), bound: z.array(component).default([]) }).strict().default({ enabled: [], bound: [] }),
    deviceAdmins: z.array(component).default([]),
    deviceOwner: name.nullable().default(null),
    notificationListeners: z.array(component).default([]),
    defaultKeyboard: component.default('com.google.android.inputmethod.latin/com.android.inputmethod.latin.LatinIME'),
    defaultLauncher: name.default('com.google.android.apps.nexuslauncher'),
    settings: z.object({ secure: z.record(z.string(), z.string()).default({}), global: z.record(z.string(), z.string()).default({}) }).strict().default({ secure: {}, global: {} }),
    rootPaths: z.array(z.string()).default([]),
    /** Installer files in shared storage: where, which app's APK it is (its bytes), and how many days ago it was saved. */
    storageFiles: z.array(z.object({ path: z.string().regex(/^\/sdcard\/(Download|Bluetooth|Documents)\/[^\n|]{1,200}\.apk$/i), package: name, savedDaysAgo: z.number().int().min(0).max(3650).default(0) }).strict()).default([]),
    /** Computers the phone lets in for debugging without asking (`dumpsys adb`): how each named itself, and how many days before now it last connected. */
    adbKeys: z.array(z.object({ comment: z.string().regex(/^[\w.@-]{1,100}$/), lastConnectionDaysAgo: z.number().int().min(0).max(3650) }).strict()).default([]),
    appops: z.array(z.object({ package: name, op: z.string(), mode: z.string().default('allow'), lastAccess: z.string().nullable().default(null) }).strict()).default([]),
    /** Accounts signed in for the owner (`dumpsys account`): type (`com.google`…) and name. */
    accounts: z.array(z.object({ type: z.string().regex(/^[\w.-]{1,100}$/), name: z.string().min(1).max(200) }).strict()).default([]),
    /** Devices paired over Bluetooth (`dumpsys bluetooth_manager`). */
    pairedDevices: z.array(z.object({ name: z.string().min(1).max(100), address: z.string().regex(/^[0-9A-F]{2}(:[0-9A-F]{2}){5}$/), type: z.enum(['BR/EDR', 'LE', 'DUAL']).default('BR/EDR') }).strict()).default([]),
    /** Trust agents of the owner (`dumpsys trust`): Smart Lock in charge when `managingTrust`, with what it says. */
    trustAgents: z.array(z.object({ component: component.default('com.google.android.gms/.auth.trustagent.GoogleTrustAgent'), managingTrust: z.boolean(), message: z.string().max(200).nullable().default(null) }).strict()).default([]),
    /** The owner's screen lock (`dumpsys lock_settings`). */
    screenLock: z.enum(['none', 'pin', 'pattern', 'password']).default('pin'),
    /** Where the owner's backups go (`dumpsys backup`): an account's address; absent, the first Google account (none: backup off). */
    backupAccount: z.string().min(1).max(200).nullable().optional(),
    behaviour: z
      .object({ latencyMs: z.number().min(0).max(5000).optional(), unauthorized: z.boolean().optional(), allowAfterMs: z.number().int().min(0).max(60_000).optional(), disconnectAfter: z.number().int().min(0).optional(), cutDuring: z.string().max(500).optional(), timing: z.enum(['realistic']).optional() })
      .strict()
      .default({}),
  })
  .strict();
export type PhoneProfile = z.infer<typeof PhoneProfile>;

const BaseSystem = z.object({ packages: z.array(PackageSpec) }).strict();

export function demoProfilesDir(resourcesDir: string): string {
  return path.join(resourcesDir, 'demo');
}

export function listDemoProfiles(resourcesDir: string): string[] {
  return fs
    .readdirSync(demoProfilesDir(resourcesDir))
    .filter((file) => file.endsWith('.json') && file !== 'base-system-apps.json')
    .map((file) => file.replace(/\.json$/, ''))
    .sort();
}

export interface LoadedProfile {
  profile: PhoneProfile;
  /** Base system apps, then the profile's own, then generated store apps. */
  packages: PackageSpec[];
  certificates: Map<string, Buffer>;
}

export function loadDemoProfile(resourcesDir: string, id: string): LoadedProfile {
  const file = path.join(demoProfilesDir(resourcesDir), `${id}.json`);
  if (!/^[a-z0-9-]+$/.test(id) || !fs.existsSync(file)) {
    throw new SentinelleError('input.invalid', `There is no demo phone called "${id}". Choose one of: ${listDemoProfiles(resourcesDir).join(', ')}.`);
  }
  return loadProfileFile(resourcesDir, file);
}

/** A phone profile from any file (`sentinelle demo --profile-file FILE`), checked like the shipped ones. */
export function loadProfileFile(resourcesDir: string, file: string): LoadedProfile {
  const dir = demoProfilesDir(resourcesDir);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SentinelleError('input.invalid', `The phone profile ${path.basename(file)} could not be read as JSON.`, { cause: error });
  }
  const parsed = PhoneProfile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SentinelleError('input.invalid', `The phone profile ${path.basename(file)} is not valid: ${issue?.path.join('.') || 'the file'}: ${issue?.message ?? ''}.`, { technical: parsed.error.message });
  }
  const profile = parsed.data;
  const base = BaseSystem.parse(JSON.parse(fs.readFileSync(path.join(dir, 'base-system-apps.json'), 'utf8'))).packages;
  const packages = [...base, ...profile.packages, ...generatedApps(profile.generatedApps)];
  const certificates = new Map<string, Buffer>();
  for (const spec of [...packages, ...profile.users.flatMap((user) => user.packages)]) {
    if (!/^[a-z0-9-]+$/.test(spec.certificate) || !fs.existsSync(path.join(dir, 'certificates', `${spec.certificate}.der`))) {
      throw new SentinelleError('input.invalid', `The phone profile ${path.basename(file)} names a certificate Sentinelle does not have: ${spec.certificate}.`);
    }
    if (!certificates.has(spec.certificate)) certificates.set(spec.certificate, fs.readFileSync(path.join(dir, 'certificates', `${spec.certificate}.der`)));
  }
  return { profile, packages, certificates };
}

const VENDORS = ['acme', 'blueline', 'cityapps', 'dailytools', 'easyfit', 'foodnow', 'greenleaf', 'homely', 'inkwell', 'joyplay'];
const KINDS = ['notes', 'weather', 'recipes', 'transit', 'podcasts', 'budget', 'puzzle', 'reader', 'fitness', 'scanner'];

/** Ordinary store apps with icons and unremarkable permissions, the same for the same count. */
function generatedApps(count: number): PackageSpec[] {
  return Array.from({ length: count }, (_, i) =>
    PackageSpec.parse({
      name: `com.${VENDORS[i % VENDORS.length]}.${KINDS[Math.floor(i / VENDORS.length) % KINDS.length]}${i}`,
      label: `${KINDS[Math.floor(i / VENDORS.length) % KINDS.length]} ${i}`,
      versionName: `${1 + (i % 5)}.${i % 10}.${i % 7}`,
      versionCode: 100 + i,
      firstInstall: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')} 1${i % 10}:2${i % 10}:00`,
      requested: ['INTERNET', 'ACCESS_NETWORK_STATE', ...(i % 3 === 0 ? ['CAMERA'] : [])],
      granted: ['INTERNET', 'ACCESS_NETWORK_STATE'],
    }),
  );
}
