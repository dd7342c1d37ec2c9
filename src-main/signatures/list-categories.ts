// The one mapping from what a community list calls an app to the category and severity Sentinelle gives
// it, whatever format the list came in (Echap's YAML, its STIX form, ISDi's CSV): made to spy on a
// partner — stalkerware, spyware — is critical; watchware (monitoring sold for children or employees) and
// dual-use apps are low, "ask her whether she installed it". An app id names the app on both platforms, as
// STIX's `app:id` does: an id listed for Android is looked for among iPhone apps too.
import type { Severity } from '../../src-shared/model.js';
import { AndroidPackageName, ReverseDnsName } from '../../src-shared/signature-format.js';

export type ListCategory = 'stalkerware' | 'spyware' | 'monitoring' | 'dual-use';

export const LIST_SEVERITY: Readonly<Record<ListCategory, Severity>> = {
  stalkerware: 'critical',
  spyware: 'critical',
  monitoring: 'low',
  'dual-use': 'low',
};

export function listEntry(category: ListCategory): { category: ListCategory; severity: Severity } {
  return { category, severity: LIST_SEVERITY[category] };
}

/** What a list's own words say an app is (Echap's `type`, a STIX label or malware type, an ISDi flag). */
export function categoryFromWords(words: readonly string[], otherwise: ListCategory): ListCategory {
  const said = new Set(words.map((word) => word.trim().toLowerCase()));
  if (said.has('watchware') || said.has('monitoring')) return 'monitoring';
  if (said.has('dual-use') || said.has('dual use')) return 'dual-use';
  if (said.has('stalkerware')) return 'stalkerware';
  if (said.has('spyware')) return 'spyware';
  return otherwise;
}

/**
 * App ids as both platforms' indicators: each id that can be an Android package or an iPhone bundle id.
 * An id that is neither stays among the packages, so that validation names it instead of it vanishing.
 */
export function appIdIndicators(ids: readonly string[]): { androidPackages: string[]; iosBundleIds: string[] } {
  const ios = (id: string) => ReverseDnsName.safeParse(id).success;
  return {
    androidPackages: ids.filter((id) => AndroidPackageName.safeParse(id).success || !ios(id)),
    iosBundleIds: ids.filter(ios),
  };
}
