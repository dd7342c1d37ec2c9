// Detection: a case's observations in, findings out — signature matches, heuristics and custom rules,
// each finding with its evidence, the rule that fired and its version, advice and safety notes. Pure:
// the caller loads observations and records the findings.
import { adviceByClass } from '../../src-shared/advice.js';
import { matchKeysOf, type MatchKeys } from '../../src-shared/match-keys.js';
import { SEVERITY_RANK, type LocalizedText, type Observation, type Severity } from '../../src-shared/model.js';
import type { CustomRule } from '../../src-shared/rules.js';
import type { IndicatorKind, Signature } from '../../src-shared/signature-format.js';
import type { NewFinding } from '../vault/repositories/findings.js';
import { PROFILES, profileForCategory } from './advice.js';
import { evaluateRules } from './custom-rules.js';
import type { Heuristic, HeuristicHit } from './heuristic.js';
import { androidHeuristics } from './heuristics/android.js';
import { sharingHeuristics } from './heuristics/android-sharing.js';
import { worryingAnswer } from './heuristics/consultation.js';
import { computerHeuristics } from './heuristics/computer.js';
import { iosHeuristics } from './heuristics/ios.js';
import { iosSharingHeuristics } from './heuristics/ios-sharing.js';
import { ObservationSet } from './observation-set.js';
import { appKey, appOf, assembleVerdicts, productTitle, type AppRef, type Reason } from './verdicts.js';

/** What detection needs from the signature index (signatures/ implements it). */
export interface SignatureMatcher {
  readonly signatures: readonly Signature[];
  matchKeys(keys: MatchKeys, out: { signature: number; indicator: IndicatorKind; value: string }[]): void;
}

export const heuristics: readonly Heuristic[] = [...androidHeuristics, ...sharingHeuristics, ...iosHeuristics, ...iosSharingHeuristics, ...computerHeuristics, worryingAnswer];

export interface DetectionInput {
  caseId: string;
  scanId: string | null;
  /** With their stored match keys when read from the vault; computed here when missing. */
  observations: readonly (Observation & { matchKeys?: MatchKeys })[];
  matcher: SignatureMatcher;
  rules: readonly CustomRule[];
  /** The device a scan read (so that one app on two phones of a case is two verdicts); none when unknown. */
  deviceOf?: (scanId: string | null) => string | null;
}

const INDICATOR_WORDS: Record<IndicatorKind, LocalizedText> = {
  androidPackages: { en: 'app package', fr: 'paquet d’application' },
  certificateSha1: { en: 'signing certificate', fr: 'certificat de signature' },
  certificateSha256: { en: 'signing certificate', fr: 'certificat de signature' },
  fileSha256: { en: 'file fingerprint (SHA-256)', fr: 'empreinte de fichier (SHA-256)' },
  iosBundleIds: { en: 'iPhone app', fr: 'application iPhone' },
  profileIdentifiers: { en: 'configuration profile', fr: 'profil de configuration' },
  domains: { en: 'server it reports to', fr: 'serveur auquel il rend compte' },
  websites: { en: 'website', fr: 'site web' },
  ips: { en: 'server address', fr: 'adresse de serveur' },
  processNames: { en: 'program', fr: 'programme' },
  filePaths: { en: 'file', fr: 'fichier' },
  windowsServices: { en: 'Windows service', fr: 'service Windows' },
  launchdLabels: { en: 'macOS background service', fr: 'service d’arrière-plan macOS' },
  programNames: { en: 'installed program', fr: 'programme installé' },
};

/** Only the product's website was seen (in browsing history): weaker evidence than the app itself. */
const WEAKER: Record<Severity, Severity> = { critical: 'medium', high: 'medium', medium: 'low', low: 'low' };
/** A server the product reports to was reached or visited: high whatever else names the site (never more). */
const CONTACTED: Record<Severity, Severity> = { critical: 'high', high: 'high', medium: 'medium', low: 'low' };
const NETWORK_KINDS = new Set<IndicatorKind>(['websites', 'domains', 'ips']);

export function detect(input: DetectionInput): NewFinding[] {
  const listed = signatureFindings(input);
  const reasons = [...listed, ...heuristicFindings(input, listedNames(listed)), ...customRuleFindings(input)];
  // Each verdict's advice and safety notes fit its class (signs of stalkerware, a question for her, a setting, information).
  return placeInProfiles(assembleVerdicts(reasons, input.observations, input.deviceOf ?? (() => null)), input.observations).map((finding) => ({ ...finding, ...adviceByClass(finding) }));
}

const PROFILE_WORDS: Record<string, LocalizedText> = {
  'profile.managed': { en: 'the work profile', fr: 'le profil professionnel' },
  'profile.private': { en: 'the Private Space', fr: 'l’Espace privé' },
  'profile.clone': { en: 'the clone profile', fr: 'le profil cloné' },
  'full.guest': { en: 'the guest user', fr: 'l’utilisateur invité' },
  'full.secondary': { en: 'another user', fr: 'un autre utilisateur' },
};

/**
 * Says where on the phone each finding's app lives: an app found only in a profile (a work profile, Samsung's
 * Secure Folder, Private Space, a second user) has it in its title and details; one in several has every
 * place in its details (`profiles`, with `owner: true` when the phone's owner has it too).
 */
function placeInProfiles(findings: NewFinding[], observations: readonly Observation[]): NewFinding[] {
  const byId = new Map(observations.map((observation) => [observation.id, observation]));
  return findings.map((finding) => {
    const places = new Map<number, { id: number; name: string; type: string }>();
    let owner = false;
    for (const id of finding.observationIds) {
      const observation = byId.get(id);
      if (!observation || !observation.kind.startsWith('android.') || !('packageName' in observation.data)) continue;
      const profile = observation.data.profile as { id: number; name: string; type: string } | null | undefined;
      if (profile) places.set(profile.id, profile);
      else owner = true;
    }
    if (places.size === 0) return finding;
    const profiles = [...places.values()];
    const details = { ...finding.details, profiles, owner };
    if (owner || profiles.length !== 1) return { ...finding, details };
    const [profile] = profiles as [{ id: number; name: string; type: string }];
    const words = PROFILE_WORDS[profile.type] ?? { en: 'another profile', fr: 'un autre profil' };
    return { ...finding, details, title: { en: `${finding.title.en} — in ${words.en} “${profile.name}”`, fr: `${finding.title.fr} — dans ${words.fr} « ${profile.name} »` } };
  });
}

/** One finding per signature of one source: an imported pack reusing a built-in id cannot take its finding over. */
function signatureKey(signature: Signature): string {
  return `${signature.source.kind}/${signature.source.name}/${signature.id}`;
}

type SignatureHit = { signature: Signature; observations: Map<number, Observation>; indicators: Map<string, { kind: IndicatorKind; value: string }> };

const SOURCE_RANK: Record<Signature['source']['kind'], number> = { builtin: 0, feed: 1, pack: 2 };

/** Which list speaks for a thing several lists name: a trusted one, the most severe, ours before feeds before packs. */
function byAuthority(a: SignatureHit, b: SignatureHit): number {
  const x = a.signature;
  const y = b.signature;
  return Number(y.source.trusted) - Number(x.source.trusted) || SEVERITY_RANK[y.severity] - SEVERITY_RANK[x.severity] || SOURCE_RANK[x.source.kind] - SOURCE_RANK[y.source.kind] || signatureKey(x).localeCompare(signatureKey(y));
}

/**
 * The same app named by several lists (our signatures, Echap's feed, ISDi…) is one finding, not one per list:
 * the most authoritative list speaks for it and the others are named in it. A list's hit joins a finding
 * when it shares the leading list's evidence and brings nothing another list also names; one that spans
 * two things found here (an entry naming two apps) stays on its own, so that two different apps are never
 * folded into one finding.
 */
function groupByEvidence(hits: readonly SignatureHit[]): { leader: SignatureHit; members: SignatureHit[]; observations: Map<number, Observation>; indicators: Map<string, { kind: IndicatorKind; value: string }> }[] {
  type Group = ReturnType<typeof groupByEvidence>[number] & { spans: boolean };
  const namedBy = new Map<number, number>();
  for (const hit of hits) for (const id of hit.observations.keys()) namedBy.set(id, (namedBy.get(id) ?? 0) + 1);
  const groups: Group[] = [];
  for (const hit of [...hits].sort(byAuthority)) {
    const ids = [...hit.observations.keys()];
    // Compared with what each leading list itself matched; a finding that spans others takes no members.
    const overlapping = groups.filter((group) => !group.spans && ids.some((id) => group.leader.observations.has(id)));
    const joins = overlapping.length === 1 && ids.every((id) => overlapping[0]!.leader.observations.has(id) || namedBy.get(id) === 1);
    if (!joins) {
      groups.push({ leader: hit, members: [], observations: new Map(hit.observations), indicators: new Map(hit.indicators), spans: overlapping.length > 0 });
      continue;
    }
    const group = overlapping[0]!;
    group.members.push(hit);
    for (const [id, observation] of hit.observations) group.observations.set(id, observation);
    for (const [key, indicator] of hit.indicators) group.indicators.set(key, indicator);
  }
  return groups;
}

/**
 * Apps a dual-use listing says nothing about from their presence alone: the phone's own apps (a system
 * package; Apple's apps, `com.apple.*`, Find My among them) and the parent side of a parental-control app,
 * which watches another phone from this one. What they can be used for is a question for the consultation;
 * a "low, ask her" on every phone would drown what matters. A stalkerware listing still speaks for them.
 */
const WATCHES_OTHER_PHONES = new Set(['com.google.android.apps.kids.familylink', 'com.google.familylink']);

function platformOwnApps(observations: readonly Observation[]): Set<string> {
  const own = new Set(WATCHES_OTHER_PHONES);
  for (const observation of observations) {
    if (observation.kind === 'android.package' && observation.data.isSystem === true) own.add(String(observation.data.packageName).toLowerCase());
  }
  return own;
}

function isPlatformOwn(own: ReadonlySet<string>, indicator: IndicatorKind, value: string): boolean {
  if (indicator === 'iosBundleIds') return value.startsWith('com.apple.') || own.has(value);
  return indicator === 'androidPackages' && own.has(value);
}

function signatureFindings({ caseId, scanId, observations, matcher }: DetectionInput): Reason[] {
  const hits = new Map<string, SignatureHit>();
  const platformOwn = platformOwnApps(observations);
  const matches: { signature: number; indicator: IndicatorKind; value: string }[] = [];
  for (const observation of observations) {
    matches.length = 0;
    matcher.matchKeys(observation.matchKeys ?? matchKeysOf(observation.kind, observation.data), matches);
    for (const match of matches) {
      const signature = matcher.signatures[match.signature]!;
      if (signature.category === 'dual-use' && isPlatformOwn(platformOwn, match.indicator, match.value.toLowerCase())) continue;
      const key = signatureKey(signature);
      const hit = hits.get(key) ?? { signature, observations: new Map(), indicators: new Map() };
      hit.observations.set(observation.id, observation);
      hit.indicators.set(`${match.indicator}:${match.value}`, { kind: match.indicator, value: match.value });
      hits.set(key, hit);
    }
  }
  return groupByEvidence([...hits.values()]).flatMap(({ leader, members, observations: matched, indicators }) => {
    const signature = leader.signature;
    // Every list that names it counts: ours adds to the community's lists, never lowers what they say.
    const listed = [signature, ...members.map((member) => member.signature)].reduce((most, next) => (SEVERITY_RANK[next.severity] > SEVERITY_RANK[most] ? next.severity : most), signature.severity);
    const kinds = new Set([...indicators.values()].map((indicator) => indicator.kind));
    const networkOnly = [...kinds].every((kind) => NETWORK_KINDS.has(kind));
    const contacted = networkOnly && (kinds.has('domains') || kinds.has('ips'));
    const websiteOnly = networkOnly && !contacted;
    const severity = contacted ? CONTACTED[listed] : websiteOnly ? WEAKER[listed] : listed;
    const name = signature.name;
    const title = websiteOnly
      ? { en: `The website of ${name} was visited`, fr: `Le site de ${name} a été consulté` }
      : contacted
        ? { en: `A server of ${name} was reached from this device`, fr: `Un serveur de ${name} a été joint depuis cet appareil` }
        : productTitle(signature.category, name);
    const shown = [...indicators.values()].slice(0, 5);
    const how = (language: 'en' | 'fr') => shown.map((indicator) => `${INDICATOR_WORDS[indicator.kind][language]} ${indicator.value}`).join(', ');
    const untrusted = signature.source.trusted ? null : { en: ' This signature comes from a list imported as untrusted.', fr: ' Cette signature provient d’une liste importée comme non vérifiée.' };
    const others = members.slice(0, 5).map((member) => `${member.signature.name} (${member.signature.source.name})`).join(', ') + (members.length > 5 ? ', …' : '');
    const alsoListed = members.length === 0 ? null : { en: ` Also listed by other lists as: ${others}.`, fr: ` Également répertorié par d’autres listes comme : ${others}.` };
    const profile = websiteOnly ? PROFILES.website : PROFILES[profileForCategory(signature.category)];
    const reason = (app: AppRef | null, observationsOfIt: Observation[], fingerprint: string): Reason => ({
      caseId,
      scanId,
      severity,
      category: signature.category,
      product: { id: signature.id, name },
      origin: 'signature',
      ruleId: `signature:${signature.id}`,
      ruleVersion: `${signature.source.name} ${signature.source.version}`,
      title,
      explanation: {
        en: `${signature.description.en} Found by: ${how('en')}.${untrusted?.en ?? ''}${alsoListed?.en ?? ''}`,
        fr: `${signature.description.fr} Repéré par : ${how('fr')}.${untrusted?.fr ?? ''}${alsoListed?.fr ?? ''}`,
      },
      advice: profile.advice,
      safety: profile.safety,
      observationIds: observationsOfIt.map((observation) => observation.id),
      artifactSha256s: [...new Set(observationsOfIt.flatMap((observation) => observation.artifactSha256s))],
      details: {
        indicators: [...indicators.values()],
        source: signature.source,
        websiteOnly,
        contacted,
        alsoListed: members.map((member) => ({ id: member.signature.id, name: member.signature.name, severity: member.signature.severity, category: member.signature.category, source: member.signature.source })),
      },
      fingerprint,
      app,
    });
    // One reason per app the list names here (an entry can name two apps found on the phone), each with
    // the evidence that is about no app (a server contacted, a website visited).
    const apps = new Map<string, { app: AppRef; observations: Observation[] }>();
    const aboutNoApp: Observation[] = [];
    for (const observation of matched.values()) {
      const app = appOf(observation);
      if (!app) {
        aboutNoApp.push(observation);
        continue;
      }
      const entry = apps.get(appKey(app)) ?? { app, observations: [] };
      entry.observations.push(observation);
      apps.set(appKey(app), entry);
    }
    const fingerprint = `signature:${signatureKey(signature)}`;
    if (apps.size === 0) return [reason(null, aboutNoApp, fingerprint)];
    return [...apps.values()].map(({ app, observations: ofApp }) => reason(app, [...ofApp, ...aboutNoApp], apps.size === 1 ? fingerprint : `${fingerprint}:${appKey(app)}`));
  });
}

/**
 * One hit per heuristic and subject: an app judged in two profiles (the owner's and a work profile) is one
 * reason, as strong as the stronger of the two, with the evidence of both.
 */
function strongestPerSubject(hits: readonly HeuristicHit[]): HeuristicHit[] {
  const bySubject = new Map<string, HeuristicHit>();
  for (const hit of hits) {
    const kept = bySubject.get(hit.subject);
    if (!kept) {
      bySubject.set(hit.subject, hit);
      continue;
    }
    const [strong, weak] = SEVERITY_RANK[hit.severity] > SEVERITY_RANK[kept.severity] ? [hit, kept] : [kept, hit];
    bySubject.set(hit.subject, {
      ...strong,
      observationIds: [...new Set([...strong.observationIds, ...weak.observationIds])],
      artifactSha256s: [...new Set([...strong.artifactSha256s, ...weak.artifactSha256s])],
    });
  }
  return [...bySubject.values()];
}

/** What the lists call each Android app they name (the most authoritative list first): its name when the phone's label was not read. */
function listedNames(reasons: readonly Reason[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const reason of reasons) if (reason.app?.platform === 'android' && reason.product && !names.has(reason.app.id)) names.set(reason.app.id, reason.product.name);
  return names;
}

function heuristicFindings({ caseId, scanId, observations }: DetectionInput, names: ReadonlyMap<string, string>): Reason[] {
  const set = new ObservationSet(observations, names);
  return heuristics.flatMap((heuristic) =>
    strongestPerSubject(heuristic.evaluate(set)).map((hit): Reason => ({
      caseId,
      scanId,
      severity: hit.severity,
      category: heuristic.category,
      product: null,
      origin: 'heuristic' as const,
      ruleId: `heuristic:${heuristic.id}`,
      ruleVersion: heuristic.version,
      title: hit.title,
      explanation: hit.explanation,
      advice: PROFILES[heuristic.profile].advice,
      safety: PROFILES[heuristic.profile].safety,
      observationIds: hit.observationIds,
      artifactSha256s: hit.artifactSha256s,
      details: hit.details,
      fingerprint: `heuristic:${heuristic.id}:${hit.subject}`,
      app: heuristic.scope === 'app' ? { platform: heuristic.platform === 'ios' ? 'ios' : 'android', id: hit.subject } : null,
      ...(hit.note ? { note: hit.note } : {}),
    })),
  );
}

function customRuleFindings({ caseId, scanId, observations, rules }: DetectionInput): Reason[] {
  return evaluateRules(rules, observations).map(({ rule, matches }): Reason => {
    const definition = rule.definition;
    const profile = PROFILES[profileForCategory(definition.category)];
    return {
      caseId,
      scanId,
      severity: definition.severity,
      category: definition.category,
      product: null,
      origin: 'custom-rule' as const,
      ruleId: `rule:${rule.id}`,
      ruleVersion: String(rule.version),
      title: definition.message,
      explanation: definition.explanation ?? {
        en: `The rule “${definition.name}” of your network matched ${matches.length} observation(s) (at least ${definition.threshold} needed).`,
        fr: `La règle « ${definition.name} » de votre réseau correspond à ${matches.length} observation(s) (au moins ${definition.threshold} requise(s)).`,
      },
      advice: profile.advice,
      safety: profile.safety,
      observationIds: matches.map((observation) => observation.id),
      artifactSha256s: [...new Set(matches.flatMap((observation) => observation.artifactSha256s))],
      details: { rule: definition.name, matched: matches.length, threshold: definition.threshold },
      fingerprint: `rule:${rule.id}`,
      app: null,
    };
  });
}

/** Most severe first, for display and tests. */
export function bySeverity<T extends { severity: Severity }>(findings: T[]): T[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}
