// The network demo's stream: every event as the app's own schema wants it (no null, nothing but pseudonyms),
// the same stream for the same seed, a network that looks like one (every severity and kind of device,
// retirements after a finding, bundles for cases with findings, one status a day at most), scenarios where
// they were asked for, and a background that stays below the network-wide alerts whatever the seed.
import { describe, expect, it } from 'vitest';
import { WazuhEvent } from '../../src-shared/forwarding.js';
import { Platform, Severity } from '../../src-shared/model.js';
import { heuristics } from '../detection/engine.js';
import { BEHAVIOURS, isSerious } from './catalogue.js';
import { BURST_FINDINGS, CAMPAIGN_SHELTERS, generateNetwork, NETWORK_DEFAULTS, type NetworkDemoOptions } from './generate.js';
import { shippedProducts } from './shipped-products.js';
import { ALERT_COUNT, BURST_WINDOW_MS, CAMPAIGN_WINDOW_MS } from './quiet-windows.js';

const PRODUCTS = shippedProducts();
const END = new Date('2026-12-07T00:00:00Z');
const options = (changes: Partial<NetworkDemoOptions> = {}): NetworkDemoOptions => ({ shelters: NETWORK_DEFAULTS.shelters, weeks: NETWORK_DEFAULTS.weeks, seed: '7', end: END, campaign: null, burst: null, stale: false, ...changes });
const lines = (demo: ReturnType<typeof generateNetwork>) => demo.events.map((entry) => JSON.stringify(entry.event));
const findings = (events: readonly WazuhEvent[]) => events.flatMap((event) => (event.type === 'finding' ? [event] : []));

/** Whether `times` hold ALERT_COUNT within a window shorter than `windowMs`. */
function crowded(times: number[], windowMs: number): boolean {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted.some((start, i) => i + ALERT_COUNT - 1 < sorted.length && sorted[i + ALERT_COUNT - 1]! - start < windowMs);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

describe('the network demo’s stream', () => {
  const plain = generateNetwork(options(), PRODUCTS);
  const events = plain.events.map((entry) => entry.event);

  it('is made of valid sentinelle.event/1 events without a null, in time order, within the weeks asked for', () => {
    for (const line of lines(plain)) {
      expect(WazuhEvent.safeParse(JSON.parse(line)).success, line).toBe(true);
      expect(line).not.toMatch(/null/);
    }
    const times = events.map((event) => Date.parse(event.time));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(END.getTime() - 8 * 7 * 86_400_000);
    expect(times.at(-1)).toBeLessThan(END.getTime());
  });

  it('keeps to working hours whenever it ends', () => {
    const evening = generateNetwork(options({ end: new Date('2026-12-07T19:00:00Z'), weeks: 2 }), PRODUCTS).events.map((entry) => entry.event);
    expect(evening.filter((event) => event.type === 'status').every((event) => Number(event.time.slice(11, 13)) >= 8 && Number(event.time.slice(11, 13)) < 10)).toBe(true);
    expect(Date.parse(evening[0]!.time)).toBeGreaterThanOrEqual(Date.parse('2026-11-23T19:00:00Z'));
  });

  it('is the same for the same seed, and another for another seed', () => {
    expect(lines(generateNetwork(options(), PRODUCTS))).toEqual(lines(plain));
    expect(lines(generateNetwork(options({ seed: '8' }), PRODUCTS))).not.toEqual(lines(plain));
  });

  it('comes from the shelters asked for, each under a pseudonym of its own', () => {
    expect(new Set(events.map((event) => event.installation)).size).toBe(12);
    expect(new Set(plain.shelters.map((shelter) => shelter.installation))).toEqual(new Set(events.map((event) => event.installation)));
    expect(new Set(generateNetwork(options({ shelters: 30, weeks: 2 }), PRODUCTS).events.map((entry) => entry.event.installation)).size).toBe(30);
  });

  it('looks like a network: every severity and kind of device, products and behaviours, retirements, bundles, statuses', () => {
    const found = findings(events);
    expect(new Set(found.map((event) => event.severity))).toEqual(new Set(Severity.options));
    // Linux computers and imports of unknown origin are rare: a larger network shows every kind of device.
    const larger = findings(generateNetwork(options({ shelters: 40 }), PRODUCTS).events.map((entry) => entry.event));
    expect(new Set(larger.map((event) => event.platform ?? 'unknown'))).toEqual(new Set([...Platform.options, 'unknown']));
    expect(found.some((event) => event.product !== undefined) && found.some((event) => event.product === undefined)).toBe(true);
    // Most findings are dual-use apps and behaviours; stalkerware is the smaller part.
    expect(found.filter((event) => event.category === 'stalkerware').length).toBeLessThan(found.length / 3);
    // A retirement follows its finding, at the same installation, in the same case.
    const recorded = new Map(found.map((event) => [event.findingId, event]));
    const retired = events.flatMap((event) => (event.type === 'retired' ? [event] : []));
    expect(retired.length).toBeGreaterThan(0);
    for (const event of retired) {
      const first = recorded.get(event.findingId);
      expect(first && Date.parse(first.time) < Date.parse(event.time) && first.installation === event.installation && first.case === event.case).toBe(true);
    }
    // A bundle is sealed for a case that has findings.
    const bundles = events.flatMap((event) => (event.type === 'bundle' ? [event] : []));
    expect(bundles.length).toBeGreaterThan(0);
    for (const bundle of bundles) expect(found.some((event) => event.case === bundle.case && event.installation === bundle.installation)).toBe(true);
    // One status a day at most per installation, with its signatures' age: under 30 days without --stale.
    const statuses = events.flatMap((event) => (event.type === 'status' ? [event] : []));
    expect(groupBy(statuses, (event) => `${event.installation} ${event.time.slice(0, 10)}`).size).toBe(statuses.length);
    expect(statuses.every((event) => event.signatureAgeDays !== undefined && event.signatureAgeDays < 30)).toBe(true);
  });

  it('names only behaviours the app’s heuristics give, on their kind of device and in their category', () => {
    for (const behaviour of BEHAVIOURS) {
      for (const id of [behaviour.heuristic, ...behaviour.with]) expect(heuristics.some((heuristic) => heuristic.id === id), id).toBe(true);
      const heuristic = heuristics.find((candidate) => candidate.id === behaviour.heuristic)!;
      expect(heuristic.platform === behaviour.platform || (heuristic.platform === 'computer' && ['windows', 'macos', 'linux'].includes(behaviour.platform)), behaviour.heuristic).toBe(true);
      if (heuristic.scope === 'device' || !['suspicious-rights'].includes(behaviour.category)) expect(behaviour.category, behaviour.heuristic).toBe(heuristic.category);
    }
  });

  it('keeps its background below both network-wide alerts, whatever the seed', () => {
    for (let seed = 0; seed < 25; seed++) {
      const background = findings(generateNetwork(options({ seed: String(seed), shelters: 20 }), PRODUCTS).events.map((entry) => entry.event));
      for (const [product, same] of groupBy(background.filter((event) => isSerious(event.severity) && event.product), (event) => event.product!)) {
        expect(crowded(same.map((event) => Date.parse(event.time)), CAMPAIGN_WINDOW_MS), `seed ${seed}: ${product}`).toBe(false);
      }
      for (const [installation, same] of groupBy(background.filter((event) => event.severity === 'critical'), (event) => event.installation)) {
        expect(crowded(same.map((event) => Date.parse(event.time)), BURST_WINDOW_MS), `seed ${seed}: ${installation}`).toBe(false);
      }
    }
  });

  it('places a campaign: one product, serious, at distinct shelters within a week — the same shelters as without it', () => {
    const demo = generateNetwork(options({ campaign: 'mspy' }), PRODUCTS);
    const placed = demo.events.filter((entry) => entry.scenario === 'campaign').map((entry) => entry.event);
    const campaignFindings = findings(placed);
    expect(campaignFindings).toHaveLength(CAMPAIGN_SHELTERS);
    expect(new Set(campaignFindings.map((event) => event.product))).toEqual(new Set(['mSpy']));
    expect(campaignFindings.every((event) => isSerious(event.severity))).toBe(true);
    expect(new Set(campaignFindings.map((event) => event.installation)).size).toBe(CAMPAIGN_SHELTERS);
    const times = campaignFindings.map((event) => Date.parse(event.time));
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(CAMPAIGN_WINDOW_MS);
    expect(demo.campaign).toMatchObject({ product: 'mSpy' });
    expect(demo.shelters).toEqual(plain.shelters);
    // Up to the campaign's first finding, the network is the plain one.
    const before = (demo: ReturnType<typeof generateNetwork>) => lines(demo).filter((line) => Date.parse((JSON.parse(line) as WazuhEvent).time) < Math.min(...times));
    expect(before(demo)).toEqual(before(plain));
  });

  it('places a burst: critical findings at the shelter chosen within a day', () => {
    const demo = generateNetwork(options({ burst: 5 }), PRODUCTS);
    const placed = findings(demo.events.filter((entry) => entry.scenario === 'burst').map((entry) => entry.event));
    expect(placed).toHaveLength(BURST_FINDINGS);
    expect(placed.every((event) => event.severity === 'critical' && event.installation === demo.shelters[4]!.installation)).toBe(true);
    const times = placed.map((event) => Date.parse(event.time));
    expect(Math.max(...times) - Math.min(...times)).toBeLessThan(BURST_WINDOW_MS);
  });

  it('makes a few installations stale: their signatures grow old past 30 days, the others stay up to date', () => {
    const demo = generateNetwork(options({ stale: true }), PRODUCTS);
    const stale = new Set(demo.shelters.filter((shelter) => shelter.stale).map((shelter) => shelter.installation));
    expect(stale.size).toBe(2);
    const statuses = demo.events.flatMap((entry) => (entry.event.type === 'status' ? [entry.event] : []));
    const old = statuses.filter((event) => (event.signatureAgeDays ?? 0) >= 30);
    expect(old.length).toBeGreaterThan(0);
    expect(old.every((event) => stale.has(event.installation))).toBe(true);
  });

  it('refuses what it cannot build, saying why', () => {
    expect(() => generateNetwork(options({ campaign: 'Life360' }), PRODUCTS)).toThrow(/high and critical findings only/);
    expect(() => generateNetwork(options({ campaign: 'NoSuchSpy' }), PRODUCTS)).toThrow(/No product called “NoSuchSpy”/);
    expect(() => generateNetwork(options({ burst: 13 }), PRODUCTS)).toThrow(/number from 1 to 12/);
    expect(() => generateNetwork(options({ shelters: 1 }), PRODUCTS)).toThrow(/2 to 200 shelters/);
    expect(() => generateNetwork(options({ shelters: 4, campaign: 'mSpy', burst: 1 }), PRODUCTS)).toThrow(/needs more/);
    expect(() => generateNetwork(options({ weeks: 2, campaign: 'mSpy' }), PRODUCTS)).toThrow(/at least 3 weeks/);
  });
});
