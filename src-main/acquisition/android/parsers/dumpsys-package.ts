// `dumpsys package`: the `Packages:` section, one `Package [name] (hash):` block per app — versions,
// flags (SYSTEM), install and update times, where it came from (the installer; from Android 11 the app that
// asked for the install and the one the APK came from: `initiatingPackageName=`, `originatingPackageName=`),
// requested permissions, and the permissions granted: install-time ones for every user, runtime ones per
// user (`runtime permissions:` under each `User N:` line, which also says whether the app is installed and
// enabled for that user; Android 14 and later add its first install time there). The layout is AOSP's
// (PackageManagerService's dumpPackageLPr, then ComputerEngine's dumpPackagesLPr from Android 13).

/** What one user (the owner, a work profile, a second user) has of an app. */
export interface PackageUserState {
  /** `installed=`: whether the app is installed for this user; null when not printed. */
  installed: boolean | null;
  /** From `enabled=N`: 0 default, 1 enabled, 2 and more disabled; null when not printed. */
  enabled: boolean | null;
  firstInstallTime: string | null;
  /** The runtime permissions granted to the app for this user. */
  runtimeGranted: string[];
}

export type PackageSource = 'unspecified' | 'other' | 'store' | 'local-file' | 'downloaded-file';
/** PackageInstaller.PACKAGE_SOURCE_UNSPECIFIED (0) … PACKAGE_SOURCE_DOWNLOADED_FILE (4). */
const PACKAGE_SOURCES: Record<number, PackageSource> = { 0: 'unspecified', 1: 'other', 2: 'store', 3: 'local-file', 4: 'downloaded-file' };

export interface DumpsysPackage {
  packageName: string;
  userId: number | null;
  codePath: string | null;
  versionCode: string | null;
  versionName: string | null;
  isSystem: boolean;
  firstInstallTime: string | null;
  lastUpdateTime: string | null;
  installer: string | null;
  /** The app that asked for the install (a browser, a file manager, the shell for `adb install`), Android 11+. */
  initiatingInstaller: string | null;
  /** The app the APK came from (where the download started), Android 11+. */
  originatingInstaller: string | null;
  /**
   * What the installing app said of the file (Android 13+, `packageSource=`, PackageInstaller's
   * PACKAGE_SOURCE_*): a file opened on the phone, one downloaded, a store. The installer declares it,
   * so "store" vouches for nothing; a file is a fact about how it arrived.
   */
  packageSource: PackageSource | null;
  requestedPermissions: string[];
  /** Install-time permissions granted (the same for every user). */
  installPermissions: string[];
  /** The owner's view: install-time permissions and user 0's runtime ones. */
  grantedPermissions: string[];
  /** From `User 0: … enabled=N`: 0 default, 1 enabled, 2 and more disabled. */
  enabled: boolean;
  /** Each user's state of the app, by user id. */
  users: Map<number, PackageUserState>;
}

/** An app with nothing known of it yet but its package (and, when known, its APK and uid). */
export function emptyPackage(packageName: string, codePath: string | null = null, userId: number | null = null): DumpsysPackage {
  return {
    packageName,
    userId,
    codePath,
    versionCode: null,
    versionName: null,
    isSystem: false,
    firstInstallTime: null,
    lastUpdateTime: null,
    installer: null,
    initiatingInstaller: null,
    originatingInstaller: null,
    packageSource: null,
    requestedPermissions: [],
    installPermissions: [],
    grantedPermissions: [],
    enabled: true,
    users: new Map(),
  };
}

/** The permissions an app holds for `user`: install-time ones, and that user's runtime ones (the owner's when the dump has no section for the user). */
export function grantedFor(pkg: Pick<DumpsysPackage, 'installPermissions' | 'grantedPermissions' | 'users'>, user: number): string[] {
  const state = pkg.users.get(user);
  if (!state) return pkg.grantedPermissions;
  return [...new Set([...pkg.installPermissions, ...state.runtimeGranted])];
}

/** The text of one `DUMP OF SERVICE x:` section of a full dumpsys or bugreport, or the whole text. */
export function dumpsysSection(text: string, service: string): string {
  const start = text.indexOf(`DUMP OF SERVICE ${service}:`);
  if (start < 0) return text;
  const end = text.indexOf('\nDUMP OF SERVICE ', start + 1);
  return text.slice(start, end < 0 ? undefined : end);
}

/** What `dumpsys name` alone prints, taken from a full dumpsys or bugreport: its section without the header line or the separator after it; null when absent. */
export function dumpsysServiceText(text: string, service: string): string | null {
  if (!text.includes(`DUMP OF SERVICE ${service}:`)) return null;
  const section = dumpsysSection(text, service);
  const body = section.slice(section.indexOf('\n') + 1 || section.length);
  return `${body.replace(/\n-{20,}\n?$/, '')}\n`.replace(/\n\n$/, '\n');
}

const packageOrNull = (value: string) => (/^[A-Za-z][\w.]*$/.test(value.trim()) && value.trim() !== 'null' ? value.trim() : null);

export function parseDumpsysPackage(text: string): DumpsysPackage[] {
  const section = dumpsysSection(text, 'package');
  const start = section.search(/^Packages:\s*$/m);
  if (start < 0) return [];
  const lines = section.slice(start).split('\n').slice(1);
  const packages: DumpsysPackage[] = [];
  let current: DumpsysPackage | null = null;
  let list: 'requested' | 'install' | 'runtime' | null = null;
  let userState: PackageUserState | null = null;
  let inUserZero = false;
  for (const line of lines) {
    const header = /^ {2}Package \[([^\]]+)\] \(/.exec(line);
    if (header) {
      current = emptyPackage(header[1]!);
      packages.push(current);
      list = null;
      userState = null;
      inUserZero = false;
      continue;
    }
    // The Packages: section ends at the first line that is not indented (another section).
    if (line.length > 0 && !line.startsWith(' ')) break;
    if (!current) continue;
    const field = /^ {4}([A-Za-z]+)=(.*)$/.exec(line);
    if (field) {
      list = null;
      userState = null;
      const [, key, value] = field as unknown as [string, string, string];
      if (key === 'userId') current.userId = /^\d+$/.test(value) ? Number(value) : null;
      else if (key === 'codePath') current.codePath = value;
      else if (key === 'versionCode') current.versionCode = value.split(/\s+/)[0] ?? null;
      else if (key === 'versionName') current.versionName = value;
      else if (key === 'flags' || key === 'pkgFlags') current.isSystem ||= /\bSYSTEM\b/.test(value);
      else if (key === 'firstInstallTime') current.firstInstallTime = value;
      else if (key === 'lastUpdateTime') current.lastUpdateTime = value;
      else if (key === 'installerPackageName') current.installer = packageOrNull(value);
      else if (key === 'initiatingPackageName') current.initiatingInstaller = packageOrNull(value);
      else if (key === 'originatingPackageName') current.originatingInstaller = packageOrNull(value);
      else if (key === 'packageSource') current.packageSource = PACKAGE_SOURCES[Number(value.trim())] ?? null;
      continue;
    }
    // Per user (Android 14+): the owner's first install, else that of the first user who has the app.
    const perUser = /^ {6}firstInstallTime=(.+)$/.exec(line);
    if (perUser) {
      if (userState) userState.firstInstallTime = perUser[1]!.trim();
      if (inUserZero) current.firstInstallTime = perUser[1]!.trim();
      else current.firstInstallTime ??= perUser[1]!.trim();
      continue;
    }
    if (/^ {4}requested permissions:/.test(line)) {
      list = 'requested';
      continue;
    }
    if (/^ {4}install permissions:/.test(line)) {
      list = 'install';
      continue;
    }
    const user = /^ {4}User (\d+):(.*)$/.exec(line);
    if (user) {
      const id = Number(user[1]);
      inUserZero = id === 0;
      list = null;
      const enabled = /\benabled=(\d+)/.exec(user[2]!);
      const installed = /\binstalled=(true|false)\b/.exec(user[2]!);
      // A system app updated from a store has two blocks: the later one's state for a user wins.
      userState = { installed: installed ? installed[1] === 'true' : null, enabled: enabled ? Number(enabled[1]) <= 1 : null, firstInstallTime: null, runtimeGranted: [] };
      current.users.set(id, userState);
      if (inUserZero && enabled) current.enabled = Number(enabled[1]) <= 1;
      continue;
    }
    if (userState && /^ {6}runtime permissions:/.test(line)) {
      list = 'runtime';
      continue;
    }
    if (/^ {4}\S/.test(line)) {
      list = null;
      userState = null;
      continue;
    }
    const item = /^ {6,8}([A-Za-z0-9_.]+)(?::\s*granted=(true|false))?/.exec(line);
    if (!item || list === null) continue;
    if (list === 'requested') current.requestedPermissions.push(item[1]!);
    else if (item[2] !== 'true') continue;
    else if (list === 'install') current.installPermissions.push(item[1]!);
    else userState?.runtimeGranted.push(item[1]!);
  }
  // The owner's view: install-time permissions and the owner's runtime ones.
  for (const pkg of packages) pkg.grantedPermissions = [...new Set([...pkg.installPermissions, ...(pkg.users.get(0)?.runtimeGranted ?? [])])];
  return packages;
}
