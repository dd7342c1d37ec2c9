// Smartwatch and fitness-band companions: apps that read notifications and hold sensitive permissions for a
// watch, and whose plug-ins have no icon of their own (their icon is the companion's). A store app without
// an icon is part of a companion installed on the phone — not hiding from her — when the companion's maker
// names it as a plug-in (Galaxy Wearable's `com.samsung.android.<model>plugin`), or when it is signed with
// the companion's own certificate. Package names from Universal Android Debloater's lists (GPL-3.0) and the
// companions' store listings.
import type { AndroidPackage, ObservationSet } from './observation-set.js';

interface Companion {
  name: string;
  packages: readonly string[];
  /** Plug-ins the companion installs from the store, by package name. */
  plugins?: RegExp;
}

const COMPANIONS: readonly Companion[] = [
  { name: 'Galaxy Wearable', packages: ['com.samsung.android.app.watchmanager', 'com.samsung.android.app.watchmanager2'], plugins: /^com\.samsung\.android\.[a-z0-9]+plugin$/ },
  { name: 'Wear OS', packages: ['com.google.android.wearable.app'] },
  { name: 'Pixel Watch', packages: ['com.google.android.apps.wear.companion'] },
  { name: 'Fitbit', packages: ['com.fitbit.FitbitMobile'] },
  { name: 'Garmin Connect', packages: ['com.garmin.android.apps.connectmobile'] },
  { name: 'Mi Fitness', packages: ['com.xiaomi.wearable'] },
  { name: 'Zepp', packages: ['com.huami.watch.hmwatchmanager'] },
  { name: 'Zepp Life (Mi Fit)', packages: ['com.xiaomi.hm.health'] },
  { name: 'Huawei Health', packages: ['com.huawei.health'] },
];

/** The companion an app belongs to (its name), when one is installed in the same profile; else null. */
export function companionOf(pkg: AndroidPackage, observations: ObservationSet): string | null {
  for (const companion of COMPANIONS) {
    for (const companionPackage of companion.packages) {
      const installed = observations.packageIn(companionPackage, pkg.profile);
      if (!installed || companionPackage === pkg.packageName || (installed.data.profile?.id ?? 0) !== (pkg.profile?.id ?? 0)) continue;
      if (companion.plugins?.test(pkg.packageName)) return companion.name;
      const sameSigner = pkg.certSha256.some((fingerprint) => installed.data.certSha256.includes(fingerprint)) || pkg.certSha1.some((fingerprint) => installed.data.certSha1.includes(fingerprint));
      if (sameSigner) return companion.name;
    }
  }
  return null;
}
