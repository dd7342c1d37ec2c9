// `dumpsys package`: the `Packages:` section, one `Package [name] (hash):` block per app — versions,
// flags (SYSTEM), install and update times, where it came from (the installer; from Android 11 the app that
// asked for the install and the one the APK came from: `initiatingPackageName=`, `originatingPackageName=`),
// requested permissions, and the permissions granted (install-time, and runtime per user 0). Android 14 and
// later print the first install time per user (`      firstInstallTime=` under `User 0:`).
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
  requestedPermissions: string[];
  grantedPermissions: string[];
  /** From `User 0: … enabled=N`: 0 default, 1 enabled, 2 and more disabled. */
  enabled: boolean;
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
  let inUserZero = false;
  for (const line of lines) {
    const header = /^ {2}Package \[([^\]]+)\] \(/.exec(line);
    if (header) {
      current = { packageName: header[1]!, userId: null, codePath: null, versionCode: null, versionName: null, isSystem: false, firstInstallTime: null, lastUpdateTime: null, installer: null, initiatingInstaller: null, originatingInstaller: null, requestedPermissions: [], grantedPermissions: [], enabled: true };
      packages.push(current);
      list = null;
      inUserZero = false;
      continue;
    }
    // The Packages: section ends at the first line that is not indented (another section).
    if (line.length > 0 && !line.startsWith(' ')) break;
    if (!current) continue;
    const field = /^ {4}([A-Za-z]+)=(.*)$/.exec(line);
    if (field) {
      list = null;
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
      continue;
    }
    // Per user (Android 14+): the owner's first install, else that of the first user who has the app.
    const perUser = /^ {6}firstInstallTime=(.+)$/.exec(line);
    if (perUser) {
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
      inUserZero = user[1] === '0';
      list = null;
      const enabled = /\benabled=(\d+)/.exec(user[2]!);
      if (inUserZero && enabled) current.enabled = Number(enabled[1]) <= 1;
      continue;
    }
    if (inUserZero && /^ {6}runtime permissions:/.test(line)) {
      list = 'runtime';
      continue;
    }
    if (/^ {4}\S/.test(line)) {
      list = null;
      continue;
    }
    const item = /^ {6,8}([A-Za-z0-9_.]+)(?::\s*granted=(true|false))?/.exec(line);
    if (!item || list === null) continue;
    if (list === 'requested') current.requestedPermissions.push(item[1]!);
    else if (item[2] === 'true') current.grantedPermissions.push(item[1]!);
  }
  return packages;
}
