// Sentinelle's rules for a shelter network's Wazuh manager, run by Wazuh's own engine (wazuh-logtest-legacy
// of Wazuh 4.14.7, built from ../shared/wazuh; tests/helpers/wazuh-engine.ts): the configuration check is
// clean; every case of the ruleset-test file ends in its rule, level and decoder, and the file has a case
// for every shape of event the app sends; the network-wide rules fire on the sequences they are meant for
// and not on those just below their thresholds (in count, and in time with the thresholds scaled down).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { WazuhEvent } from '../../src-shared/forwarding.js';
import { Platform, Severity } from '../../src-shared/model.js';
import { checkConfiguration, logtest, parseRulesetTests, wazuhHome } from '../helpers/wazuh-engine.js';
import { slow } from '../helpers/slowdown.js';

const DIR = fileURLToPath(new URL('../../resources/wazuh/', import.meta.url));
const RULES = fs.readFileSync(path.join(DIR, 'sentinelle_rules.xml'), 'utf8');
const CASES = parseRulesetTests(fs.readFileSync(path.join(DIR, 'sentinelle_rules_test.ini'), 'utf8'));

/** Runs `work` over `items`, two at a time (each is a process of the engine loading 4,000 rules). */
async function twoAtATime<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

describe('Sentinelle’s rules on Wazuh’s own engine', () => {
  let home: string;
  beforeAll(() => {
    home = wazuhHome({ 'sentinelle_rules.xml': RULES });
  });

  it('load cleanly: the configuration check passes without a warning', async () => {
    expect(await checkConfiguration(home)).toEqual({ code: 0, problems: [] });
  });

  it('notices a broken rule file (a rule whose parent does not exist is dropped with a warning)', async () => {
    const broken = wazuhHome({ 'sentinelle_rules.xml': RULES.replace('<if_sid>100112</if_sid>', '<if_sid>100199</if_sid>') });
    const { problems } = await checkConfiguration(broken);
    expect(problems.join('\n')).toMatch(/100116|100199/);
  });

  it('passes every case of its ruleset-test file: rule, level and decoder', async () => {
    expect(CASES.length).toBeGreaterThanOrEqual(15);
    // As Wazuh's runtests.py does: each log line on its own, in a fresh engine.
    const runs = CASES.flatMap((test) => test.logs.map((log) => ({ test, log })));
    const verdicts = await twoAtATime(runs, async ({ log }) => (await logtest(home, [log.line]))[0]!);
    runs.forEach(({ test, log }, i) => {
      const verdict = verdicts[i]!;
      const ended = { rule: verdict.ruleId, alert: verdict.level, decoder: verdict.decoder };
      if (log.pass) expect(ended, test.name).toEqual({ rule: test.rule, alert: test.alert, decoder: test.decoder });
      else expect(ended.rule, test.name).not.toBe(test.rule);
    });
  });

  it('has a case for every shape of event the app sends', () => {
    const events = CASES.flatMap((test) => test.logs.filter((log) => log.pass).map((log) => WazuhEvent.parse(JSON.parse(log.line))));
    const verdicts = events.filter((event) => event.type === 'finding' || event.type === 'retired');
    const findings = verdicts.filter((event) => event.type === 'finding');
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(['finding', 'retired', 'bundle', 'status']));
    expect(new Set(findings.map((event) => event.severity))).toEqual(new Set(Severity.options));
    expect(new Set(findings.map((event) => event.platform ?? 'unknown'))).toEqual(new Set([...Platform.options, 'unknown']));
    for (const severity of ['high', 'critical'] as const) {
      expect(findings.some((event) => event.severity === severity && event.product !== undefined), `${severity} with a product`).toBe(true);
      expect(findings.some((event) => event.severity === severity && event.product === undefined), `${severity} without a product`).toBe(true);
    }
    expect(findings.some((event) => event.reasons.length > 1)).toBe(true);
    const statuses = events.filter((event) => event.type === 'status');
    expect(statuses.some((event) => event.signatureAgeDays === undefined)).toBe(true);
    expect(new Set(statuses.map((event) => CASES.find((test) => test.logs.some((log) => log.line.includes(event.eventId)))!.rule))).toEqual(new Set([100130, 100131]));
  });
});

/** A verdict event as the app sends it, from the ruleset-test file's first case, changed where a sequence needs it. */
function finding(installation: string, product: string | null, severity: Severity): string {
  const template = WazuhEvent.parse(JSON.parse(CASES[0]!.logs[0]!.line));
  if (template.type !== 'finding') throw new Error('the first case is a finding');
  const { product: _omitted, ...rest } = template;
  void _omitted;
  return JSON.stringify(WazuhEvent.parse({ ...rest, eventId: crypto.randomUUID(), installation: `inst-${installation.repeat(16).slice(0, 16)}`, severity, ...(product ? { product } : {}) }));
}

const last = async (home: string, events: string[], pauseBeforeLastMs = 0) => (await logtest(home, events, { pauseBeforeLastMs })).at(-1)!.ruleId;

describe('network-wide thresholds on Wazuh’s own engine', () => {
  let home: string;
  beforeAll(() => {
    home = wazuhHome({ 'sentinelle_rules.xml': RULES });
  });

  it('sees a campaign: the same product in three serious findings within a week, the last at another shelter', async () => {
    expect(await last(home, [finding('a', 'TheTruthSpy', 'high'), finding('b', 'TheTruthSpy', 'critical'), finding('c', 'TheTruthSpy', 'high')])).toBe(100150);
    expect(await last(home, [finding('a', 'TheTruthSpy', 'high'), finding('a', 'TheTruthSpy', 'high'), finding('b', 'TheTruthSpy', 'high')])).toBe(100150);
  });

  it('counts what Wazuh counts: findings at other shelters than the last one’s, each counted in one alert only', async () => {
    // Wazuh 4.x cannot count distinct values: two earlier findings at one other shelter are enough.
    expect(await last(home, [finding('a', 'mSpy', 'high'), finding('a', 'mSpy', 'high'), finding('b', 'mSpy', 'high')])).toBe(100150);
    expect(await last(home, [finding('a', 'mSpy', 'high'), finding('b', 'mSpy', 'high'), finding('a', 'mSpy', 'high')])).toBe(100116);
    // After an alert, the next needs as many new findings again.
    const spread = ['a', 'b', 'c', 'd', 'e', 'f', '0'].map((shelter) => finding(shelter, 'mSpy', 'critical'));
    const verdicts = await logtest(home, spread);
    expect(verdicts.map((verdict) => verdict.ruleId)).toEqual([100117, 100117, 100150, 100117, 100117, 100150, 100117]);
  });

  it('sees no campaign just below it: two findings, one shelter, other products, or findings that are not serious', async () => {
    expect(await last(home, [finding('a', 'TheTruthSpy', 'high'), finding('b', 'TheTruthSpy', 'high')])).toBe(100116);
    expect(await last(home, [finding('a', 'TheTruthSpy', 'high'), finding('a', 'TheTruthSpy', 'high'), finding('a', 'TheTruthSpy', 'high')])).toBe(100116);
    expect(await last(home, [finding('a', 'TheTruthSpy', 'high'), finding('b', 'mSpy', 'high'), finding('c', 'TheTruthSpy', 'high')])).toBe(100116);
    expect(await last(home, [finding('a', 'Life360', 'medium'), finding('b', 'Life360', 'medium'), finding('c', 'Life360', 'medium')])).toBe(100111);
    expect(await last(home, [finding('a', null, 'high'), finding('b', null, 'high'), finding('c', null, 'high')])).toBe(100112);
  });

  it('sees a burst: three critical findings at one shelter within a day — and not two, nor three spread over shelters or severities', async () => {
    expect(await last(home, [finding('a', 'mSpy', 'critical'), finding('a', 'FlexiSPY', 'critical'), finding('a', null, 'critical')])).toBe(100151);
    expect(await last(home, [finding('a', 'mSpy', 'critical'), finding('a', 'FlexiSPY', 'critical')])).toBe(100117);
    expect(await last(home, [finding('a', 'mSpy', 'critical'), finding('b', 'FlexiSPY', 'critical'), finding('a', 'Cocospy', 'critical')])).toBe(100117);
    expect(await last(home, [finding('a', 'mSpy', 'critical'), finding('a', 'FlexiSPY', 'high'), finding('a', 'Cocospy', 'critical')])).toBe(100117);
  });

  it('takes its thresholds from the one place that sets them, time windows included', async () => {
    const scaled = RULES.replace(/(<var name="SENTINELLE_CAMPAIGN_SECONDS">)\d+/, '$12').replace(/(<var name="SENTINELLE_BURST_CRITICALS">)\d+/, '$12');
    expect(scaled).not.toBe(RULES);
    const quick = wazuhHome({ 'sentinelle_rules.xml': scaled });
    const campaign = [finding('a', 'TheTruthSpy', 'high'), finding('b', 'TheTruthSpy', 'high'), finding('c', 'TheTruthSpy', 'high')];
    expect(await last(quick, campaign)).toBe(100150);
    // The third finding comes after the two-second window: no campaign.
    expect(await last(quick, campaign, 5000)).toBe(100116);
    // Two criticals now make a burst.
    expect(await last(quick, [finding('a', 'mSpy', 'critical'), finding('a', 'FlexiSPY', 'critical')])).toBe(100151);
  }, slow(30_000));
});
