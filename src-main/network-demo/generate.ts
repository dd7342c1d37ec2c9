// The network demo: a realistic stream of `sentinelle.event/1` events for a network of shelters over some
// weeks — built by the same code that builds a real installation's events (src-main/forward/events.ts),
// under the same kind of pseudonyms, so that a coordinator can show dashboards and alert thresholds before
// any shelter has sent a finding. Each shelter opens the app on most working days (its daily status, with
// its signatures' age), scans a few devices a week (findings of every severity and kind of device, some
// retired by a later scan of the case, bundles sealed for some), and updates its signatures. Scenarios: a
// product spreading across shelters within a week (a campaign), several critical findings at one shelter
// within a day (a burst), a few installations whose signatures go stale. The same seed gives the same stream.
import { SentinelleError } from '../../src-shared/errors.js';
import type { WazuhEvent } from '../../src-shared/forwarding.js';
import type { Platform } from '../../src-shared/model.js';
import type { Signature } from '../../src-shared/signature-format.js';
import { bundleEvent, pseudonym, statusEvent, verdictEventOf, type VerdictFacts } from '../forward/events.js';
import { BEHAVIOURS, DEVICE_MIX, FIND_RATES, isSerious, productFacts, productWeight } from './catalogue.js';
import { QuietWindows } from './quiet-windows.js';
import { CAMPAIGN_SHELTERS, placeBurst, placeCampaign, type PlannedScan, type Scenario } from './scenarios.js';
import { pickDistinct, SeededRandom } from './seeded-random.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './durations.js';

export interface NetworkDemoOptions {
  shelters: number;
  weeks: number;
  seed: string;
  /** When the stream ends (its last day); it starts `weeks` before. */
  end: Date;
  /** The product of a campaign (its id or name in the signature database). */
  campaign: string | null;
  /** The shelter (1 to `shelters`) with a burst of critical findings. */
  burst: number | null;
  stale: boolean;
}

export const NETWORK_DEFAULTS = { shelters: 12, weeks: 8, seed: '1' } as const;
export const NETWORK_LIMITS = { shelters: { min: 2, max: 200 }, weeks: { min: 1, max: 52 } } as const;
export { BURST_FINDINGS, CAMPAIGN_SHELTERS, type Scenario } from './scenarios.js';

export interface NetworkEvent {
  event: WazuhEvent;
  /** The shelter (1 to N) that sent it. */
  shelter: number;
  /** The scenario it belongs to, when it was placed by one. */
  scenario: Scenario | null;
}

export interface ShelterSummary {
  number: number;
  installation: string;
  scansPerWeek: number;
  stale: boolean;
}

export interface NetworkDemo {
  start: string;
  end: string;
  shelters: ShelterSummary[];
  events: NetworkEvent[];
  campaign: { product: string; shelters: number[]; from: string; to: string } | null;
  burst: { shelter: number; from: string; to: string } | null;
}

interface OpenCase {
  caseId: string;
  platform: Platform | null;
  lastScan: number;
  active: VerdictFacts[];
}

interface Shelter extends ShelterSummary {
  key: Buffer;
  /** Days between a signature release and its installation here. */
  lagDays: number;
  /** For a stale installation: the release it is stuck on. */
  stuckOn: number | null;
  cases: OpenCase[];
}

/** A scan somewhere in the network: at a shelter, at a time; a scenario's, with its case and what it finds. */
type Scan = { time: number; shelter: number; scenario: null; planned?: undefined } | PlannedScan;

/** The signature database's releases: every Monday (`YYYY.MM.DD`). */
function releaseBefore(time: number): number {
  const day = Math.floor(time / DAY_MS) * DAY_MS;
  const weekday = new Date(day).getUTCDay();
  return day - ((weekday + 6) % 7) * DAY_MS;
}

function versionOf(release: number): string {
  return new Date(release).toISOString().slice(0, 10).replaceAll('-', '.');
}

function findProduct(products: readonly Signature[], wanted: string): Signature {
  const key = wanted.trim().toLowerCase();
  const product = products.find((candidate) => candidate.id === key || candidate.name.toLowerCase() === key || candidate.aliases.some((alias) => alias.toLowerCase() === key));
  if (!product) throw new SentinelleError('input.invalid', `No product called “${wanted}” in the signature database (try mSpy, TheTruthSpy, FlexiSPY or Cocospy).`);
  if (!isSerious(product.severity)) {
    throw new SentinelleError('input.invalid', `${product.name} is a ${product.severity} finding: the network’s campaign alert counts high and critical findings only. Choose a stalkerware product, e.g. mSpy.`);
  }
  return product;
}

export function generateNetwork(options: NetworkDemoOptions, products: readonly Signature[]): NetworkDemo {
  const { shelters: count, weeks } = options;
  if (!Number.isInteger(count) || count < NETWORK_LIMITS.shelters.min || count > NETWORK_LIMITS.shelters.max) throw new SentinelleError('input.invalid', `The network needs ${NETWORK_LIMITS.shelters.min} to ${NETWORK_LIMITS.shelters.max} shelters.`);
  if (!Number.isInteger(weeks) || weeks < NETWORK_LIMITS.weeks.min || weeks > NETWORK_LIMITS.weeks.max) throw new SentinelleError('input.invalid', `The stream lasts ${NETWORK_LIMITS.weeks.min} to ${NETWORK_LIMITS.weeks.max} weeks.`);
  if (options.burst !== null && (!Number.isInteger(options.burst) || options.burst < 1 || options.burst > count)) throw new SentinelleError('input.invalid', `The burst’s shelter is a number from 1 to ${count}.`);
  const campaignProduct = options.campaign === null ? null : findProduct(products, options.campaign);
  if (campaignProduct && count - (options.burst === null ? 0 : 1) < CAMPAIGN_SHELTERS) throw new SentinelleError('input.invalid', `A campaign reaches ${CAMPAIGN_SHELTERS} shelters: the network needs more.`);
  // The campaign starts 12 to 20 days before the end, the burst 3 to 9 days before: both inside the stream.
  if (campaignProduct && weeks < 3) throw new SentinelleError('input.invalid', 'A campaign needs a stream of at least 3 weeks.');
  if (options.burst !== null && weeks < 2) throw new SentinelleError('input.invalid', 'A burst needs a stream of at least 2 weeks.');

  // The network and its background from the seed; the scenarios from a stream of their own, so that the same
  // seed gives the same shelters, and the same events until the first scenario's, with or without them.
  const random = new SeededRandom(options.seed);
  const scenarioRandom = new SeededRandom(`${options.seed}/scenarios`);
  const ids = () => random.uuid();
  const end = Math.floor(options.end.getTime() / MINUTE_MS) * MINUTE_MS;
  const start = end - weeks * 7 * DAY_MS;
  const staleCount = options.stale ? Math.max(1, Math.round(count / 6)) : 0;
  const shelters: Shelter[] = Array.from({ length: count }, (_, i) => {
    const key = random.bytes(32);
    return { number: i + 1, key, installation: pseudonym(key, 'inst', 'installation'), scansPerWeek: 1 + Math.round(random.next() * 40) / 10, stale: false, lagDays: random.int(1, 9), stuckOn: null, cases: [] };
  });
  for (const shelter of pickDistinct(scenarioRandom, shelters, staleCount)) {
    shelter.stale = true;
    shelter.stuckOn = releaseBefore(start - scenarioRandom.int(14, 28) * DAY_MS);
  }
  const versionAt = (shelter: Shelter, time: number) => versionOf(shelter.stuckOn ?? releaseBefore(time - shelter.lagDays * DAY_MS));

  const quiet = new QuietWindows();
  const serious = products.filter((product) => isSerious(product.severity));
  const scenarioScans: PlannedScan[] = [];
  let campaign: NetworkDemo['campaign'] = null;
  let burst: NetworkDemo['burst'] = null;

  if (options.burst !== null) {
    const placed = placeBurst(scenarioRandom, { shelter: options.burst, end, products: serious.filter((product) => product.id !== campaignProduct?.id) });
    scenarioScans.push(...placed.scans);
    burst = placed.burst;
  }
  if (campaignProduct) {
    const placed = placeCampaign(scenarioRandom, { product: campaignProduct, shelters: shelters.map((shelter) => shelter.number).filter((number) => number !== options.burst), end });
    scenarioScans.push(...placed.scans);
    campaign = placed.campaign;
  }
  for (const scan of scenarioScans) {
    for (const facts of scan.planned.findings) quiet.record({ time: scan.time, shelter: scan.shelter, severity: facts.severity, product: facts.product }, true);
  }

  const events: NetworkEvent[] = [];
  const emit = (event: WazuhEvent, shelter: number, scenario: Scenario | null) => events.push({ event, shelter, scenario });

  /** A finding the background would add, if it keeps the network below the alerts (another product is tried). */
  const drawProduct = (candidates: readonly Signature[], shelter: number, time: number): Signature | null => {
    const left = [...candidates];
    for (let attempt = 0; attempt < 4 && left.length > 0; attempt++) {
      const product = random.weighted(left, productWeight);
      if (!product) return null;
      if (quiet.allows({ time, shelter, severity: product.severity, product: product.name })) return product;
      left.splice(left.indexOf(product), 1);
    }
    return null;
  };

  const runScan = (scan: Scan) => {
    const shelter = shelters[scan.shelter - 1]!;
    const version = versionAt(shelter, scan.time);
    let time = scan.time + random.int(4, 12) * MINUTE_MS;
    const record = (facts: VerdictFacts, type: 'finding' | 'retired') => {
      emit(verdictEventOf(shelter.key, facts, version, type, new Date(time).toISOString(), ids), shelter.number, scan.scenario);
      time += random.int(1, 40) * 1000;
    };

    const followUp = scan.planned ? null : shelter.cases.find((open) => open.lastScan <= scan.time - 2 * DAY_MS && open.active.length > 0 && random.chance(0.15));
    if (followUp) {
      // A later scan of the case: what she and the advocate removed, after safety planning, is no longer seen.
      followUp.lastScan = scan.time;
      const gone = followUp.active.filter(() => random.chance(0.6));
      for (const facts of gone) record(facts, 'retired');
      followUp.active = followUp.active.filter((facts) => !gone.includes(facts));
      return;
    }

    const caseId = scan.planned?.caseId ?? random.uuid();
    const platform = scan.planned ? scan.planned.platform : random.weighted(DEVICE_MIX, (mix) => mix.weight)!.platform;
    const drawn: Omit<VerdictFacts, 'findingId' | 'caseId' | 'platform'>[] = scan.planned ? [...scan.planned.findings] : [];
    if (!scan.planned) {
      const asPlatform = platform ?? 'android';
      const rates = FIND_RATES[asPlatform === 'android' || asPlatform === 'ios' ? 'phone' : 'computer'];
      const forPlatform = products.filter((product) => product.platforms.includes(asPlatform));
      if (random.chance(rates.serious)) {
        const product = drawProduct(forPlatform.filter((candidate) => isSerious(candidate.severity)), shelter.number, scan.time);
        if (product) drawn.push(productFacts(product, platform, random));
      }
      if (random.chance(rates.dualUse)) {
        const product = drawProduct(forPlatform.filter((candidate) => !isSerious(candidate.severity)), shelter.number, scan.time);
        if (product) drawn.push(productFacts(product, platform, random));
      }
      if (random.chance(rates.behaviour)) {
        const behaviour = random.weighted(BEHAVIOURS.filter((candidate) => candidate.platform === asPlatform), (candidate) => candidate.weight);
        if (behaviour) drawn.push({ ruleId: `heuristic:${behaviour.heuristic}`, reasons: [behaviour.heuristic, ...behaviour.with.filter(() => random.chance(0.5))].map((id) => `heuristic:${id}`), severity: behaviour.severity, category: behaviour.category, product: null });
      }
    }
    const found: VerdictFacts[] = drawn.map((facts) => ({ ...facts, findingId: random.uuid(), caseId, platform }));
    for (const facts of found) {
      if (!scan.planned) quiet.record({ time: scan.time, shelter: shelter.number, severity: facts.severity, product: facts.product }, false);
      record(facts, 'finding');
    }
    const existing = shelter.cases.find((open) => open.caseId === caseId);
    if (existing) {
      existing.active.push(...found);
      existing.lastScan = scan.time;
    } else if (found.length > 0) shelter.cases.push({ caseId, platform, lastScan: scan.time, active: found });
    // Evidence sealed for a lawyer, for some of the cases with strong signs, within a few days.
    if (found.some((facts) => isSerious(facts.severity)) && !existing && random.chance(0.45)) {
      const sealedAt = time + random.int(1, 72) * HOUR_MS;
      if (sealedAt < end) emit(bundleEvent(shelter.key, caseId, random.hex(32), versionAt(shelter, sealedAt), new Date(sealedAt).toISOString(), ids), shelter.number, scan.scenario);
    }
  };

  // Day by day from midnight (UTC), the events of the first day before the start left out.
  for (let day = Math.floor(start / DAY_MS) * DAY_MS; day < end; day += DAY_MS) {
    const weekday = new Date(day).getUTCDay();
    const planned = scenarioScans.filter((scan) => scan.time >= day && scan.time < day + DAY_MS);
    const scans: Scan[] = [...planned];
    for (const shelter of shelters) {
      const hasPlanned = planned.some((scan) => scan.shelter === shelter.number);
      const usual = weekday >= 1 && weekday <= 5 ? random.chance(0.85) : weekday === 6 && random.chance(0.2);
      const opens = hasPlanned || usual;
      if (!opens) continue;
      // Unlocked in the morning: the installation's daily status, with its signatures' age.
      const unlock = day + 8 * HOUR_MS + random.int(0, 90) * MINUTE_MS;
      if (unlock >= start && unlock < end) emit(statusEvent(shelter.key, versionAt(shelter, unlock), new Date(unlock).toISOString(), ids), shelter.number, shelter.stale ? 'stale' : null);
      const many = random.poisson(shelter.scansPerWeek / 5);
      for (let i = 0; i < many; i++) {
        const time = day + 9 * HOUR_MS + 30 * MINUTE_MS + random.int(0, 8 * 60) * MINUTE_MS;
        if (time >= start && time < end) scans.push({ time, shelter: shelter.number, scenario: null });
      }
    }
    scans.sort((a, b) => a.time - b.time || a.shelter - b.shelter);
    for (const scan of scans) runScan(scan);
  }

  events.sort((a, b) => Date.parse(a.event.time) - Date.parse(b.event.time));
  return {
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    shelters: shelters.map(({ number, installation, scansPerWeek, stale }) => ({ number, installation, scansPerWeek, stale })),
    events,
    campaign,
    burst,
  };
}
