// Where an Android app came from, read from every field the phone keeps about its install — the installer,
// the app that asked for the install (initiating) and the one the file came from (originating), Android 11+ —
// and a small sourced table of the apps that install others. Detection weighs an app's rights by it; the
// case screen and the report say it in plain words.
//
// Sources for the table (each package name checked against a public record of the app, not guessed):
// - Google Play, Galaxy Store, AppGallery, GetApps, OPPO/HeyTap, vivo, HONOR, Palm Store, RuStore, Amazon:
//   the stores' own listings and `installerPackageName` values collected by fluttercommunity/plus_plugins
//   (package_info_plus, `installerStore`) and Universal Android Debloater's lists (uad_lists.json, GPL-3.0).
// - F-Droid, F-Droid Basic, F-Droid Classic, Aurora Store, Obtainium, Droid-ify, Neo Store, Accrescent,
//   Aptoide, /e/OS's App Lounge, GrapheneOS's App Store: their application ids in f-droid/fdroiddata's
//   metadata and their own source (e/os/apps `foundation.e.apps`, GrapheneOS/AppStore `app.grapheneos.apps`);
//   MuntashirAkon/AppManager's SupportedAppStores.
// - Smart Switch, Google's Data Restore Tool, Clone Phone (OnePlus, OPPO), Mi Mover, Phone Clone (Huawei),
//   EasyShare (vivo), ASUS Data Transfer: Universal Android Debloater's lists, which describe each.
// - `com.android.shell` for `adb install`: AOSP, PackageManagerShellCommand (`-i` sets only the installer
//   field) and PackageInstallerService ("adb installs can override the installingPackageName, but not the
//   initiatingPackageName") — so an app installed from a computer under a store's name still shows the shell.
import type { LocalizedText } from './model.js';

/**
 * - `store`: a phone maker's or Google's app store;
 * - `open-store`: an app store she may use on a phone without Google (F-Droid, Aurora Store…): not sideloading;
 * - `restore`: a tool that put back the apps of her earlier phone (they came from a store there);
 * - `managed`: installed by her employer's device management (managed Google Play);
 * - `computer`: installed from a computer over USB debugging (`adb install`), whatever the installer field says;
 * - `self`: the app names itself as its installer (it updated itself): where it first came from is unknown;
 * - `sideloaded`: an APK file opened on the phone, another app, or nothing recorded.
 */
export type InstallOrigin = 'store' | 'open-store' | 'restore' | 'managed' | 'computer' | 'self' | 'sideloaded';

type Installer = { origin: Exclude<InstallOrigin, 'self' | 'sideloaded'>; name: LocalizedText } | { origin: 'sideloaded'; name: LocalizedText };

const same = (name: string): LocalizedText => ({ en: name, fr: name });
const restored = (name: string): LocalizedText => ({ en: `${name} (restored from an earlier phone)`, fr: `${name} (restaurée depuis un ancien téléphone)` });
const packageInstaller: LocalizedText = { en: 'the package installer (an APK file opened on the phone)', fr: 'l’installateur de paquets (un fichier APK ouvert sur le téléphone)' };

/** The apps that install others, by package. */
export const INSTALLERS: ReadonlyMap<string, Installer> = new Map<string, Installer>([
  ['com.android.vending', { origin: 'store', name: same('Google Play Store') }],
  // Older Play installs recorded Google's feedback app as the installer.
  ['com.google.android.feedback', { origin: 'store', name: same('Google Play Store') }],
  ['com.sec.android.app.samsungapps', { origin: 'store', name: same('Samsung Galaxy Store') }],
  ['com.amazon.venezia', { origin: 'store', name: same('Amazon Appstore') }],
  ['com.huawei.appmarket', { origin: 'store', name: same('Huawei AppGallery') }],
  ['com.xiaomi.mipicks', { origin: 'store', name: same('Xiaomi GetApps') }],
  ['com.xiaomi.market', { origin: 'store', name: same('Xiaomi GetApps') }],
  ['com.oppo.market', { origin: 'store', name: same('OPPO App Market') }],
  ['com.heytap.market', { origin: 'store', name: same('OPPO / realme App Market') }],
  ['com.bbk.appstore', { origin: 'store', name: same('vivo App Store') }],
  ['com.vivo.appstore', { origin: 'store', name: same('vivo V-Appstore') }],
  ['com.hihonor.appmarket', { origin: 'store', name: same('HONOR App Market') }],
  ['com.transsnet.store', { origin: 'store', name: same('Palm Store (Tecno, Infinix, itel)') }],
  ['ru.vk.store', { origin: 'store', name: same('RuStore') }],
  ['org.fdroid.fdroid', { origin: 'open-store', name: same('F-Droid') }],
  ['org.fdroid.basic', { origin: 'open-store', name: same('F-Droid Basic') }],
  ['eu.bubu1.fdroidclassic', { origin: 'open-store', name: same('F-Droid Classic') }],
  ['com.aurora.store', { origin: 'open-store', name: same('Aurora Store') }],
  ['dev.imranr.obtainium', { origin: 'open-store', name: same('Obtainium') }],
  ['dev.imranr.obtainium.fdroid', { origin: 'open-store', name: same('Obtainium') }],
  ['com.looker.droidify', { origin: 'open-store', name: same('Droid-ify') }],
  ['com.machiav3lli.fdroid', { origin: 'open-store', name: same('Neo Store') }],
  ['app.accrescent.client', { origin: 'open-store', name: same('Accrescent') }],
  ['cm.aptoide.pt', { origin: 'open-store', name: same('Aptoide') }],
  ['foundation.e.apps', { origin: 'open-store', name: same('App Lounge (/e/OS)') }],
  ['app.grapheneos.apps', { origin: 'open-store', name: same('GrapheneOS App Store') }],
  ['com.sec.android.easyMover', { origin: 'restore', name: restored('Samsung Smart Switch') }],
  ['com.google.android.apps.restore', { origin: 'restore', name: { en: 'Google’s restore tool (restored from an earlier phone)', fr: 'l’outil de restauration de Google (restaurée depuis un ancien téléphone)' } }],
  ['com.oneplus.backuprestore', { origin: 'restore', name: restored('OnePlus Clone Phone') }],
  ['com.coloros.backuprestore', { origin: 'restore', name: restored('OPPO Clone Phone') }],
  ['com.miui.huanji', { origin: 'restore', name: restored('Xiaomi Mi Mover') }],
  ['com.hicloud.android.clone', { origin: 'restore', name: restored('Huawei Phone Clone') }],
  ['com.vivo.easyshare', { origin: 'restore', name: restored('vivo EasyShare') }],
  ['com.futuredial.asusdatatransfer', { origin: 'restore', name: restored('ASUS Data Transfer') }],
  ['com.google.android.apps.work.clouddpc', { origin: 'managed', name: { en: 'Android Device Policy (a managed profile)', fr: 'Android Device Policy (un profil géré)' } }],
  ['com.android.shell', { origin: 'computer', name: { en: 'a computer, over USB debugging (adb)', fr: 'un ordinateur, par le débogage USB (adb)' } }],
  ['com.google.android.packageinstaller', { origin: 'sideloaded', name: packageInstaller }],
  ['com.android.packageinstaller', { origin: 'sideloaded', name: packageInstaller }],
]);

const SHELL = 'com.android.shell';

/** The fields of an install the phone keeps (see AndroidPackageData). */
export interface InstallFields {
  packageName: string;
  installer: string | null;
  initiatingInstaller?: string | null;
  originatingInstaller?: string | null;
}

/**
 * Where an app came from. The shell in any field means a computer (`adb install -i com.android.vending`
 * sets the installer field to Play, not the initiating one); then the installer field as the table knows
 * it (or, when the phone recorded none, the app that asked for the install); the app itself; else sideloaded.
 */
export function installOrigin(app: InstallFields): InstallOrigin {
  if (app.installer === SHELL || app.initiatingInstaller === SHELL || app.originatingInstaller === SHELL) return 'computer';
  const known = INSTALLERS.get(app.installer ?? app.initiatingInstaller ?? '');
  if (known) return known.origin;
  if (app.installer === app.packageName) return 'self';
  return 'sideloaded';
}

/** Origins that vouch for an app the way a store does (an open store, her earlier phone's apps, her employer's store). */
export const STORE_LIKE: ReadonlySet<InstallOrigin> = new Set(['store', 'open-store', 'restore', 'managed']);

/** Whether an installer package is a store, an open store, a restore tool or device management. */
export function isStoreLikeInstaller(installer: string | null): boolean {
  const known = installer ? INSTALLERS.get(installer) : undefined;
  return known !== undefined && STORE_LIKE.has(known.origin);
}

/** An installer in plain words (for the report and the case screen): a known store or tool by name, another app by its package, none as "not recorded". */
export function installSourceWords(packageName: string | null): LocalizedText {
  if (!packageName) return { en: 'not recorded (adb, or preinstalled)', fr: 'non enregistré (adb, ou préinstallé)' };
  return INSTALLERS.get(packageName)?.name ?? same(packageName);
}
