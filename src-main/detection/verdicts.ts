// One verdict per app: every reason detection has about one app on one device — each list that names it,
// each heuristic that fired on it — becomes a single finding whose severity is the strongest reason, whose
// title names the product when a list knows it and the app as the phone shows it, and whose explanation
// lists each reason in plain words. Findings about the device as a whole (rooted, managed, a configuration
// profile, a trusted computer) and about no app at all (a website visit with no app) stay their own.
import { SEVERITY_RANK, type LocalizedText, type Observation } from '../../src-shared/model.js';
import { VerdictReason } from '../../src-shared/verdicts.js';
import { printable } from '../../src-shared/printable.js';
import type { NewFinding } from '../vault/repositories/findings.js';

/** The app a reason is about, when it is about one. */
export interface AppRef {
  platform: 'android' | 'ios';
  id: string;
}

/**
 * A finding from one rule (a list, a heuristic, a custom rule) before the reasons about one app are joined;
 * `note`: what holds for every reason about the app (how it came to the phone), said once in its verdict.
 */
export type Reason = NewFinding & { app: AppRef | null; note?: LocalizedText };

/** An explanation followed by notes, each said once. */
function withNotes(explanation: LocalizedText, notes: readonly LocalizedText[]): LocalizedText {
  return notes.length === 0 ? explanation : { en: [explanation.en, ...notes.map((note) => note.en)].join(' '), fr: [explanation.fr, ...notes.map((note) => note.fr)].join(' ') };
}

/** The app an observation belongs to: an Android package (its rights, its app-ops too) or an iPhone app. */
export function appOf(observation: Pick<Observation, 'kind' | 'data'>): AppRef | null {
  const data = observation.data;
  if (observation.kind.startsWith('android.') && typeof data.packageName === 'string') return { platform: 'android', id: data.packageName };
  if ((observation.kind === 'ios.app' || observation.kind === 'ios.data-usage') && typeof data.bundleId === 'string') return { platform: 'ios', id: data.bundleId };
  return null;
}

export const appKey = (app: AppRef): string => `${app.platform}:${app.id}`;

/**
 * A store app with powerful rights is "review with her" (low) — a smartwatch app reads notifications and
 * call logs — unless a sign that it hides adds up with them: no icon makes it medium (a store app installed
 * just before the consultation is medium by itself; sideloaded or listed apps weigh more anyway).
 */
const HIDING = new Set(['heuristic:android.hidden-app']);

/**
 * Signs that each could have an innocent reason on its own (a watch app reads notifications, a password
 * manager uses accessibility) but that stalkerware needs together: two or more of them on an app whose
 * origin nothing vouches for — it updated itself, was sideloaded or installed from a computer — reach high
 * (docs/detection.md, "signs add up"). Each reason keeps its own severity in the explanation.
 */
const STRONG_SIGNS = new Set([
  'heuristic:android.accessibility-rights',
  'heuristic:android.device-admin-rights',
  'heuristic:android.notification-access',
  'heuristic:android.hidden-app',
  'heuristic:android.location-and-communications',
  'heuristic:android.sideloaded-keyboard',
  'heuristic:android.system-impersonation',
]);
const UNVOUCHED_ORIGINS = new Set(['self', 'sideloaded', 'computer', 'unknown']);

/** The severity the reasons reach together, and the note that says why when it is more than the strongest alone. */
function combined(sorted: readonly Reason[], listed: Reason | undefined): { severity: NewFinding['severity']; note: LocalizedText | null } {
  const lead = sorted[0]!;
  const strong = new Set(sorted.filter((reason) => STRONG_SIGNS.has(reason.ruleId)).map((reason) => reason.ruleId)).size;
  const unvouched = sorted.some((reason) => typeof reason.details.source === 'string' && UNVOUCHED_ORIGINS.has(reason.details.source));
  if (strong >= 2 && unvouched && SEVERITY_RANK[lead.severity] < SEVERITY_RANK.high) {
    return {
      severity: 'high',
      note: {
        en: `Together, these ${strong} signs on an app that did not come from a store are what stalkerware looks like, although each alone could have another reason.`,
        fr: `Ensemble, ces ${strong} signes sur une application qui ne vient pas d’une boutique sont ceux d’un logiciel espion, même si chacun pris seul pourrait avoir une autre raison.`,
      },
    };
  }
  const hides = sorted.some((reason) => HIDING.has(reason.ruleId));
  const distinctSigns = new Set(sorted.map((reason) => reason.ruleId)).size;
  if (lead.severity === 'low' && distinctSigns > 1 && hides && !listed) return { severity: 'medium', note: null };
  return { severity: lead.severity, note: null };
}

const ORIGIN_RANK: Record<NewFinding['origin'], number> = { signature: 2, 'custom-rule': 1, heuristic: 0 };

function strongestFirst(a: Reason, b: Reason): number {
  return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || ORIGIN_RANK[b.origin] - ORIGIN_RANK[a.origin] || a.fingerprint.localeCompare(b.fingerprint);
}

const CATEGORY_TITLES: Record<string, (name: string) => LocalizedText> = {
  stalkerware: (name) => ({ en: `Stalkerware found: ${name}`, fr: `Logiciel espion détecté : ${name}` }),
  spyware: (name) => ({ en: `Spyware found: ${name}`, fr: `Logiciel espion détecté : ${name}` }),
  keylogger: (name) => ({ en: `Keylogger found: ${name}`, fr: `Enregistreur de frappe détecté : ${name}` }),
  monitoring: (name) => ({ en: `Monitoring app found: ${name}`, fr: `Application de surveillance détectée : ${name}` }),
  'remote-access': (name) => ({ en: `Remote-access tool found: ${name}`, fr: `Outil d’accès à distance détecté : ${name}` }),
  'dual-use': (name) => ({ en: `Check with the survivor: ${name}`, fr: `À vérifier avec la personne : ${name}` }),
};

/** The title a list's finding has: what the product is, by its category. */
export function productTitle(category: string, name: string): LocalizedText {
  return (CATEGORY_TITLES[category] ?? CATEGORY_TITLES.spyware!)(name);
}

/** How the phone shows each app: its label (Android) or name (iPhone), when it was read — as text (no control or reordering character). */
function shownNames(observations: readonly Observation[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const observation of observations) {
    const app = observation.kind === 'android.package' || observation.kind === 'ios.app' ? appOf(observation) : null;
    const name = observation.kind === 'android.package' ? observation.data.label : observation.data.name;
    if (app && typeof name === 'string' && name.trim()) names.set(appKey(app), printable(name.trim()));
  }
  return names;
}

function uniqueTexts(texts: readonly LocalizedText[]): LocalizedText[] {
  const seen = new Set<string>();
  return texts.filter((text) => !seen.has(text.en) && seen.add(text.en));
}

/** The verdict on one app from all the reasons about it. */
function verdictOn(app: AppRef, device: string | null, reasons: Reason[], label: string | null): NewFinding {
  const sorted = [...reasons].sort(strongestFirst);
  const lead = sorted[0]!;
  const listed = sorted.find((reason) => reason.product !== null);
  const { severity, note: together } = combined(sorted, listed);
  // Named as the phone shows it, else as a list knows it; the package only when neither is known.
  const shown = label ?? listed?.product?.name ?? null;
  const appWords = shown ? { en: `“${shown}”`, fr: `« ${shown} »` } : { en: app.id, fr: app.id };
  let title: LocalizedText;
  if (listed) {
    const named = productTitle(listed.category, listed.product!.name);
    title = label && label.toLowerCase() !== listed.product!.name.toLowerCase() ? { en: `${named.en} — the app ${appWords.en}`, fr: `${named.fr} — l’application ${appWords.fr}` } : named;
  } else if (sorted.length === 1) {
    title = lead.title;
  } else {
    const others = sorted.length - 1;
    title = { en: `${lead.title.en} — and ${others} other sign${others > 1 ? 's' : ''}`, fr: `${lead.title.fr} — et ${others} autre${others > 1 ? 's' : ''} signe${others > 1 ? 's' : ''}` };
  }
  // How the app came to the phone holds for every reason: said once, after them.
  const notes = uniqueTexts([...sorted.flatMap((reason) => (reason.note ? [reason.note] : [])), ...(together ? [together] : [])]);
  const explanation: LocalizedText =
    sorted.length === 1
      ? withNotes(lead.explanation, notes)
      : {
          en: [`${sorted.length} reasons point at ${appWords.en}:`, ...sorted.map((reason) => `• ${reason.title.en}. ${reason.explanation.en}`), ...notes.map((note) => note.en)].join('\n'),
          fr: [`${sorted.length} raisons visent ${appWords.fr} :`, ...sorted.map((reason) => `• ${reason.title.fr}. ${reason.explanation.fr}`), ...notes.map((note) => note.fr)].join('\n'),
        };
  const category = listed?.category ?? lead.category;
  return {
    caseId: lead.caseId,
    scanId: lead.scanId,
    severity,
    category,
    product: listed?.product ?? null,
    origin: lead.origin,
    ruleId: lead.ruleId,
    ruleVersion: lead.ruleVersion,
    title,
    explanation,
    advice: uniqueTexts(sorted.flatMap((reason) => reason.advice)),
    safety: uniqueTexts(sorted.flatMap((reason) => reason.safety)),
    observationIds: [...new Set(sorted.flatMap((reason) => reason.observationIds))],
    artifactSha256s: [...new Set(sorted.flatMap((reason) => reason.artifactSha256s))],
    // Every reason's details, the strongest's last so that they win; then the app and the reasons (the
    // shared schema's fields only).
    details: Object.assign({}, ...[...sorted].reverse().map((reason) => reason.details), {
      app: { platform: app.platform, id: app.id, label },
      ...(app.platform === 'android' ? { packageName: app.id } : { bundleId: app.id }),
      reasons: sorted.map((reason) => VerdictReason.parse(reason)),
      notes,
    }),
    fingerprint: `app:${appKey(app)}${device ? `@${device}` : ''}`,
    formerFingerprints: sorted.map((reason) => reason.fingerprint),
  };
}

/**
 * Joins the reasons about each app (on each device) into one verdict; the rest pass through unchanged.
 * `deviceOf` tells which device a scan read, so that the same app on two phones of a case is two verdicts.
 */
export function assembleVerdicts(reasons: readonly Reason[], observations: readonly Observation[], deviceOf: (scanId: string | null) => string | null): NewFinding[] {
  const byId = new Map(observations.map((observation) => [observation.id, observation]));
  const byApp = new Map<string, { app: AppRef; device: string | null; reasons: Reason[] }>();
  const names = shownNames(observations);
  const findings: NewFinding[] = [];
  for (const reason of reasons) {
    if (!reason.app) {
      const { app: _none, note, ...finding } = reason;
      findings.push({ ...finding, explanation: withNotes(finding.explanation, note ? [note] : []) });
      continue;
    }
    const first = reason.observationIds.map((id) => byId.get(id)).find((observation) => observation && appOf(observation)?.id === reason.app!.id);
    const device = deviceOf(first?.scanId ?? null);
    const key = `${appKey(reason.app)}@${device ?? ''}`;
    const group = byApp.get(key) ?? { app: reason.app, device, reasons: [] };
    group.reasons.push(reason);
    byApp.set(key, group);
  }
  for (const { app, device, reasons: about } of byApp.values()) findings.push(verdictOn(app, device, about, names.get(appKey(app)) ?? null));
  return findings;
}
