// The shape of an Android collector: one artifact of the phone, described for the advocate and the report
// (id, version, one line in English and French), the exact read-only command it sends, the Android versions
// it applies to, the observation kinds it feeds, where the same data sits in an androidqf folder or a
// bugreport, and a pure reader that puts one output into the acquisition. The scan, the importers, the
// replayed phone and the report's method section all work from these declarations.
import type { LocalizedText } from '../../../../src-shared/model.js';
import type { AndroidAcquisition } from '../acquisition-data.js';

/** Where an offline acquisition holds the same data as the command. */
export type OfflineSource =
  /** A file of an androidqf folder, holding what the command prints. */
  | { file: string }
  /** A `DUMP OF SERVICE name:` section of androidqf's dumpsys.txt or of a bugreport. */
  | { dumpsys: string }
  /** A `------ TITLE (command) ------` section of a bugreport's dumpstate text. */
  | { dumpstate: string }
  /** A file androidqf writes in its own format, read by the importer (described here for the method). */
  | { file: string; format: 'androidqf-json' };

export interface CollectorOutput {
  text: string;
  sha256: string;
  /** The Android user the output is about (0 unless the command named another with `--user`). */
  user: number;
}

interface CollectorBase {
  /** The scan step's id, kept stable: an interrupted scan continues by these. */
  id: string;
  /** Raised whenever what is read or how it is parsed changes; recorded with each scan. */
  version: string;
  description: LocalizedText;
  /** Android versions (API levels) it applies to; on others it is not sent. */
  android: { minSdk: number };
  /** The observation kinds its data feeds. */
  yields: readonly string[];
  offline: { androidqf?: OfflineSource; bugreport?: OfflineSource };
}

/** A fixed listing: one command, its output read by `read`. */
export interface ListingCollector extends CollectorBase {
  type: 'listing';
  command: string;
  /** The same listing for another user or profile, `{user}` standing for its id; absent when it is the same for all. */
  perUser?: string;
  /** Read from offline acquisitions only: a live scan has the same data from another listing. */
  offlineOnly?: true;
  read(acquisition: AndroidAcquisition, output: CollectorOutput): void;
}

/** A step whose commands depend on what was listed (APK hashes, pulled APKs). */
export interface DerivedCollector extends CollectorBase {
  type: 'derived';
  /** The commands as the method section shows them (`sha256sum <APK path>…`). */
  commandShown: string;
}

export type AndroidCollector = ListingCollector | DerivedCollector;

export const t = (en: string, fr: string): LocalizedText => ({ en, fr });

/** What a phone prints instead of a listing: a missing service or program, or a command it refused (Samsung's Secure Folder refuses the shell). */
const ABSENT = [/^Can't find service: /, /: inaccessible or not found$/, /^\S+: not found$/, /^Unknown command: /, /^Error: unknown command/, /^Exception occurred while executing/, /^java\.lang\.\w*Exception/, /^Security exception: /];

/** Whether an output is only the phone saying it has nothing behind the command, or refused it. */
export function isUnavailable(text: string): boolean {
  const first = text.slice(0, 400).split('\n').map((line) => line.trim()).find((line) => line !== '');
  return first !== undefined && ABSENT.some((pattern) => pattern.test(first));
}
