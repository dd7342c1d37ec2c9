// The path from the laptop to an alert, through Wazuh's own manager daemon (wazuh-analysisd of Wazuh
// 4.14.7; tests/helpers/wazuh-manager.ts): `sentinelle network-demo` appends a network's events to the
// file a Wazuh agent reads, in time (--rate: a day a second, with the rules' windows shrunk by as much, as
// the command itself advises); each new line goes to the manager as its shelter's agent sent it; the
// manager's alerts.json is then read. Every event ends in the rule promised for its type and severity; the
// campaign and the burst each raise their network-wide rule once, at the shelters they were placed at; the
// plain stream raises neither. The daily statuses the rules keep silent are received, and end in their
// silent rule (checked with logtest, which shows rules of level 0).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { WazuhEvent } from '../../src-shared/forwarding.js';
import { requireBuiltCli, runSentinelle } from '../helpers/cli.js';
import { slow } from '../helpers/slowdown.js';
import { makeTempDir } from '../helpers/temp.js';
import { logtest, promisedRule, SILENT_RULES, wazuhHome } from '../helpers/wazuh-engine.js';
import { rulesForSpeed, WazuhManager, type ManagerAlert } from '../helpers/wazuh-manager.js';

const RULES = fs.readFileSync(fileURLToPath(new URL('../../resources/wazuh/sentinelle_rules.xml', import.meta.url)), 'utf8');
/** A day of the network a second: 8 weeks in 56 s. */
const SPEED = 86_400;
const END = '2026-12-07T00:00:00Z';
const CAMPAIGN = 100150;
const BURST = 100151;

interface Run {
  lines: string[];
  events: WazuhEvent[];
  alerts: ManagerAlert[];
  received: number;
  /** The agent each installation's lines came from. */
  agents: Map<string, string>;
  summary: string;
}

/** Runs `network-demo` in time into a file, and hands each line to a fresh manager as its shelter's agent. */
async function throughManager(args: string[]): Promise<Run> {
  const manager = await WazuhManager.start({ 'sentinelle_rules.xml': rulesForSpeed(RULES, SPEED) });
  try {
    const out = path.join(makeTempDir('sentinelle-network-'), 'events.jsonl');
    let finished = false;
    const producer = runSentinelle(['network-demo', '--seed', '7', '--end', END, ...args, '--rate', String(SPEED), '--out', out]).finally(() => (finished = true));
    const lines: string[] = [];
    let consumed = 0;
    // The agent's logcollector: each complete line appended to the file, as soon as it is there.
    const collect = () => {
      if (!fs.existsSync(out)) return;
      const text = fs.readFileSync(out, 'utf8');
      const end = text.lastIndexOf('\n');
      if (end < consumed) return;
      for (const line of text.slice(consumed, end).split('\n').filter(Boolean)) {
        manager.sendEvent(line);
        lines.push(line);
      }
      consumed = end + 1;
    };
    while (!finished) {
      collect();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    collect();
    const result = await producer;
    expect(result.code, result.stderr).toBe(0);
    await manager.settled(60_000);
    return { lines, events: lines.map((line) => WazuhEvent.parse(JSON.parse(line))), alerts: manager.alerts(), received: manager.archives().length, agents: manager.agents, summary: result.stdout + result.stderr };
  } finally {
    await manager.stop();
  }
}

const ofRule = (run: Run, rule: number) => run.alerts.filter((alert) => Number(alert.rule.id) === rule);

describe('a network’s events through Wazuh’s manager (wazuh-analysisd), in time', () => {
  let plain: Run;
  let campaign: Run;
  let burst: Run;

  beforeAll(async () => {
    requireBuiltCli();
    [plain, campaign, burst] = await Promise.all([throughManager([]), throughManager(['--campaign', 'mSpy']), throughManager(['--burst', '3', '--stale'])]);
  }, slow(240_000));

  it('receives every line, each from its shelter’s own agent', () => {
    for (const run of [plain, campaign, burst]) {
      expect(run.lines.length).toBeGreaterThan(300);
      expect(run.received).toBe(run.lines.length);
      // Each line is a valid event (parsed when read) and holds no null, which Wazuh would read as the text "null".
      expect(run.events).toHaveLength(run.lines.length);
      expect(run.lines.filter((line) => line.includes('null'))).toEqual([]);
      expect(run.agents.size).toBe(12);
    }
  });

  it('ends every event in the rule promised for its type and severity (or in the network-wide rule it completes)', () => {
    for (const run of [plain, campaign, burst]) {
      const byEvent = new Map<string, ManagerAlert[]>();
      for (const alert of run.alerts) {
        const id = String(alert.data?.eventId);
        byEvent.set(id, [...(byEvent.get(id) ?? []), alert]);
      }
      expect(run.alerts.every((alert) => alert.location.endsWith('/var/lib/sentinelle/events.jsonl') && alert.rule.groups.includes('sentinelle'))).toBe(true);
      for (const event of run.events) {
        const alerts = (byEvent.get(event.eventId) ?? []).map((alert) => Number(alert.rule.id));
        const promised = promisedRule(event);
        if (SILENT_RULES.has(promised)) expect(alerts, JSON.stringify(event)).toEqual([]);
        else if (alerts[0] === CAMPAIGN || alerts[0] === BURST) expect(alerts).toHaveLength(1);
        else expect(alerts, JSON.stringify(event)).toEqual([promised]);
      }
      // Findings of every severity reached the manager.
      expect(new Set(run.events.flatMap((event) => (event.type === 'finding' ? [event.severity] : [])))).toEqual(new Set(['low', 'medium', 'high', 'critical']));
    }
  });

  it('writes in time the same stream it writes at once, and says how to shrink the windows for its speed', async () => {
    const atOnce = await runSentinelle(['network-demo', '--seed', '7', '--end', END, '--campaign', 'mSpy']);
    expect(atOnce.code, atOnce.stderr).toBe(0);
    expect(atOnce.stdout.split('\n').filter(Boolean)).toEqual(campaign.lines);
    // The values this test gave the manager are the ones the command advises.
    const advice = /set SENTINELLE_CAMPAIGN_SECONDS to (\d+) and SENTINELLE_BURST_SECONDS to (\d+)/.exec(campaign.summary);
    expect(advice?.slice(1).map(Number)).toEqual([7 * 86_400, 86_400].map((seconds) => seconds / SPEED));
  });

  it('raises the campaign alert once, for the product at the shelters it reached, and no burst', () => {
    const alerts = ofRule(campaign, CAMPAIGN);
    expect(alerts).toHaveLength(1);
    expect(ofRule(campaign, BURST)).toEqual([]);
    expect(alerts[0]!.data?.product).toBe('mSpy');
    expect(campaign.summary).toMatch(/Campaign: mSpy at shelters/);
    // The findings it counted came from several agents: the rule counts across the network.
    const counted = campaign.events.filter((event) => event.type === 'finding' && event.product === 'mSpy' && Date.parse(event.time) <= Date.parse(String(alerts[0]!.data?.time)) && Date.parse(String(alerts[0]!.data?.time)) - Date.parse(event.time) < 7 * 86_400_000);
    expect(new Set(counted.map((event) => campaign.agents.get(event.installation))).size).toBeGreaterThanOrEqual(3);
  });

  it('raises the burst alert once, at the shelter chosen, and no campaign', () => {
    const alerts = ofRule(burst, BURST);
    expect(alerts).toHaveLength(1);
    expect(ofRule(burst, CAMPAIGN)).toEqual([]);
    const third = [...burst.agents.entries()].find(([, agent]) => agent === alerts[0]!.agent.id)![0];
    expect(burst.summary).toContain(`3 = ${third}`);
  });

  it('raises neither network-wide alert from the plain stream', () => {
    expect(ofRule(plain, CAMPAIGN)).toEqual([]);
    expect(ofRule(plain, BURST)).toEqual([]);
    expect(plain.alerts.length).toBeGreaterThan(50);
  });

  it('warns about the stale installations only, and keeps the others’ daily status silent', async () => {
    const stale = ofRule(burst, 100131);
    expect(stale.length).toBeGreaterThan(0);
    expect(ofRule(plain, 100131)).toEqual([]);
    expect(burst.summary).toMatch(/\(stale signatures\)/);
    // Level 0 leaves no alert: logtest shows the rule each status ends in.
    const statuses = plain.lines.filter((line) => line.includes('"type":"status"'));
    const verdicts = await logtest(wazuhHome({ 'sentinelle_rules.xml': RULES }), statuses);
    expect(new Set(verdicts.map((verdict) => verdict.ruleId))).toEqual(new Set([100130]));
  });
});

