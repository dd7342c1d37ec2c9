// The name an app shows on the phone (its label), read from a pulled APK with node-apk: the manifest's
// `android:label`, resolved through resources.arsc in the phone's language when the APK has it, else its
// default. The advocate then reads "System Service", as the survivor sees it, not `com.systemservice`. An
// APK whose manifest or resources cannot be read gives no label, never an error. node-apk parses; the files
// it parses are taken out of the zip by apk-entry.ts, with caps far above any real app's.
import nodeApk from 'node-apk';
import { readApkEntry } from './apk-entry.js';

const { Apk } = nodeApk;
const MAX_LABEL = 200;
/** The most read of each file node-apk asks for: a real manifest is tens of KiB, a real resource table a few MiB. */
const ENTRY_CAPS: Record<string, number> = { 'AndroidManifest.xml': 4 * 1024 * 1024, 'resources.arsc': 64 * 1024 * 1024 };

interface ResolvedValue {
  value: unknown;
  locale?: { language?: string; country?: string } | undefined;
}

const clean = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, MAX_LABEL) : null);

/** The APK's label in `language` (`fr`, from the phone's locale) when it has one, else its default; null when unreadable. */
export async function apkLabel(bytes: Buffer, language: string | null): Promise<string | null> {
  try {
    const apk = new Apk(bytes);
    apk.extract = (name: string) => readApkEntry(bytes, name, ENTRY_CAPS[name] ?? 0);
    const label: unknown = (await apk.getManifestInfo()).applicationLabel;
    if (typeof label !== 'number') return clean(label);
    const values = ((await apk.getResources()).resolve(label) as ResolvedValue[]).filter((candidate) => clean(candidate.value) !== null);
    const inLanguage = language ? values.find((candidate) => candidate.locale?.language === language && !candidate.locale.country) ?? values.find((candidate) => candidate.locale?.language === language) : undefined;
    const fallback = values.find((candidate) => !candidate.locale?.language) ?? values[0];
    return clean((inLanguage ?? fallback)?.value);
  } catch {
    return null;
  }
}

/** The phone's language (`fr`) from its properties (`persist.sys.locale`, else `ro.product.locale`). */
export function phoneLanguage(properties: ReadonlyMap<string, string>): string | null {
  const locale = properties.get('persist.sys.locale') || properties.get('ro.product.locale') || '';
  const language = /^([a-z]{2,3})\b/i.exec(locale)?.[1];
  return language ? language.toLowerCase() : null;
}
