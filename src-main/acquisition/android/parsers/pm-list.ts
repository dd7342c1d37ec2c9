// `pm list packages -f -i -U`: `package:<apk path>=<name>  installer=<installer> uid:<uid>` per line.
export interface ListedPackage {
  packageName: string;
  apkPath: string;
  /** null when the phone says `null` (installed by adb, a file manager, or preinstalled). */
  installer: string | null;
  uid: number | null;
}

export function parsePmList(text: string): ListedPackage[] {
  const packages: ListedPackage[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('package:')) continue;
    const [location = '', ...fields] = line.slice('package:'.length).split(/\s+/);
    const separator = location.lastIndexOf('=');
    if (separator <= 0) continue;
    const installer = fields.find((field) => field.startsWith('installer='))?.slice('installer='.length) ?? null;
    const uid = fields.find((field) => field.startsWith('uid:'))?.slice('uid:'.length);
    packages.push({
      packageName: location.slice(separator + 1),
      apkPath: location.slice(0, separator),
      installer: installer === null || installer === 'null' || installer === '' ? null : installer,
      uid: uid !== undefined && /^\d+$/.test(uid) ? Number(uid) : null,
    });
  }
  return packages;
}
