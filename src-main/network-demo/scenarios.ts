// The network demo's scenarios, placed before the background is drawn: a campaign (one serious product found
// at CAMPAIGN_SHELTERS shelters within 5 days, 12 to 20 days before the end) and a burst (BURST_FINDINGS
// critical findings at one shelter within a few hours — her phone, a tablet, a child's phone — 3 to 9 days
// before the end). Each is a scan planned at a time, with its case and what it finds.
import type { Platform } from '../../src-shared/model.js';
import type { Signature } from '../../src-shared/signature-format.js';
import type { VerdictFacts } from '../forward/events.js';
import { phonePlatformOf, productFacts, productWeight } from './catalogue.js';
import { pickDistinct, type SeededRandom } from './seeded-random.js';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './durations.js';

/** How many shelters a campaign reaches, and how many critical findings make a burst. */
export const CAMPAIGN_SHELTERS = 4;
export const BURST_FINDINGS = 3;

export type Scenario = 'campaign' | 'burst' | 'stale';

export interface PlannedScan {
  time: number;
  shelter: number;
  scenario: 'campaign' | 'burst';
  planned: { caseId: string; platform: Platform | null; findings: Omit<VerdictFacts, 'findingId' | 'caseId' | 'platform'>[] };
}

/** A time on the working day of `day` (the next Monday for a weekend), between the hours given. */
function workingTime(random: SeededRandom, day: number, fromHour: number, toHour: number): number {
  let at = Math.floor(day / DAY_MS) * DAY_MS;
  while ([0, 6].includes(new Date(at).getUTCDay())) at += DAY_MS;
  return at + fromHour * HOUR_MS + Math.floor(random.next() * (toHour - fromHour) * 60) * MINUTE_MS;
}

/** Critical findings at one shelter within hours: one abuser's stalkerware on several of the family's devices. */
export function placeBurst(random: SeededRandom, options: { shelter: number; end: number; products: readonly Signature[] }) {
  const criticals = options.products.filter((product) => product.severity === 'critical');
  const main = random.weighted(criticals, productWeight)!;
  const caseId = random.uuid();
  const first = workingTime(random, options.end - random.int(3, 9) * DAY_MS, 10, 12);
  const scans: PlannedScan[] = [];
  let time = first;
  for (let i = 0; i < BURST_FINDINGS; i++) {
    const product = i === 0 || random.chance(0.6) ? main : random.weighted(criticals, productWeight)!;
    const platform = phonePlatformOf(product);
    scans.push({ time, shelter: options.shelter, scenario: 'burst', planned: { caseId, platform, findings: [productFacts(product, platform, random)] } });
    time += random.int(40, 80) * MINUTE_MS;
  }
  return { scans, burst: { shelter: options.shelter, from: new Date(first).toISOString(), to: new Date(scans.at(-1)!.time).toISOString() } };
}

/** One product at several shelters within days: a campaign, or one abuser moving between shelters' clients. */
export function placeCampaign(random: SeededRandom, options: { product: Signature; shelters: readonly number[]; end: number }) {
  const reached = pickDistinct(random, options.shelters, CAMPAIGN_SHELTERS);
  const firstDay = options.end - random.int(12, 20) * DAY_MS;
  const times = [0, 1, 2, 4].map((offset) => workingTime(random, firstDay + offset * DAY_MS, 10, 17)).sort((a, b) => a - b);
  const platform = phonePlatformOf(options.product);
  const scans: PlannedScan[] = times.map((time, i) => ({ time, shelter: reached[i]!, scenario: 'campaign', planned: { caseId: random.uuid(), platform, findings: [productFacts(options.product, platform, random)] } }));
  return { scans, campaign: { product: options.product.name, shelters: reached, from: new Date(times[0]!).toISOString(), to: new Date(times.at(-1)!).toISOString() } };
}
