// `sentinelle network-demo [--shelters N] [--weeks W] [--seed S] [--end DATE] [--campaign PRODUCT]
// [--burst SHELTER] [--stale] [--out FILE] [--rate SPEED]`: a network of shelters' worth of events
// (sentinelle.event/1, built as the app builds them, under pseudonyms), for a coordinator to show the
// Wazuh dashboard and the network-wide alerts before any shelter has sent a finding. JSON lines on standard
// output, or appended to FILE as the app's forwarding does (the file a Wazuh agent reads); with --rate, in
// time, SPEED times faster than the network's clock. What was generated (the shelters' pseudonyms, the
// scenarios, the counts) goes to standard error, or is printed with --json when the events go to a file.
import { SentinelleError } from '../../../src-shared/errors.js';
import { generateNetwork, NETWORK_DEFAULTS, type NetworkDemo } from '../../network-demo/generate.js';
import { BURST_WINDOW_MS, CAMPAIGN_WINDOW_MS } from '../../network-demo/quiet-windows.js';
import { writeNetworkEvents } from '../../network-demo/replay.js';
import { shippedProducts } from '../../network-demo/shipped-products.js';
import type { EarlyCommand, OptionValues } from '../command.js';
import { stringOption } from '../command.js';
import { CliUsageError } from '../errors.js';

function wholeNumber(values: OptionValues, name: string, fallback: number): number {
  const text = stringOption(values, name);
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text.trim())) throw new CliUsageError(`--${name} is a whole number (got “${text}”).`);
  return Number(text);
}

function endOf(values: OptionValues): Date {
  const text = stringOption(values, 'end');
  if (text === undefined) return new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const end = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(end.getTime())) throw new CliUsageError(`--end is a date, e.g. 2026-12-07 or 2026-12-07T18:00:00Z (got “${text}”).`);
  return end;
}

function rateOf(values: OptionValues): number | null {
  const text = stringOption(values, 'rate');
  if (text === undefined) return null;
  const rate = Number(text);
  if (!Number.isFinite(rate) || rate < 1 || rate > 10_000_000) throw new CliUsageError('--rate is how many times faster than real time the events come, from 1 to 10,000,000 (e.g. 10080: a week a minute).');
  return rate;
}

/** What was generated, for the person running the demo. */
export function networkSummary(demo: NetworkDemo) {
  const counts: Record<string, number> = {};
  for (const { event } of demo.events) {
    const key = event.type === 'finding' ? `finding:${event.severity}` : event.type;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return {
    from: demo.start,
    to: demo.end,
    events: demo.events.length,
    counts,
    shelters: demo.shelters.map(({ number, installation, stale }) => ({ number, installation, stale })),
    campaign: demo.campaign,
    burst: demo.burst,
  };
}

function summaryText(demo: NetworkDemo, rate: number | null): string {
  const summary = networkSummary(demo);
  const count = (key: string) => summary.counts[key] ?? 0;
  const lines = [
    `${summary.events} events from ${demo.shelters.length} shelters, ${summary.from.slice(0, 10)} to ${summary.to.slice(0, 10)}: ` +
      `${count('finding:critical')} critical, ${count('finding:high')} high, ${count('finding:medium')} medium and ${count('finding:low')} low findings, ` +
      `${count('retired')} no longer seen, ${count('bundle')} bundles sealed, ${count('status')} daily statuses.`,
    `Shelters: ${demo.shelters.map((shelter) => `${shelter.number} = ${shelter.installation}${shelter.stale ? ' (stale signatures)' : ''}`).join(', ')}.`,
  ];
  if (demo.campaign) lines.push(`Campaign: ${demo.campaign.product} at shelters ${demo.campaign.shelters.join(', ')}, ${demo.campaign.from.slice(0, 16)} to ${demo.campaign.to.slice(0, 16)} (expect rule 100150 once).`);
  if (demo.burst) lines.push(`Burst: critical findings at shelter ${demo.burst.shelter}, ${demo.burst.from.slice(0, 16)} to ${demo.burst.to.slice(0, 16)} (expect rule 100151 once).`);
  if (rate !== null) {
    // The manager counts its windows from when each event arrives: at speed, they must shrink by as much.
    lines.push(
      `At ${rate}× the manager’s windows must shrink as much: set SENTINELLE_CAMPAIGN_SECONDS to ${Math.max(1, Math.round(CAMPAIGN_WINDOW_MS / 1000 / rate))} and SENTINELLE_BURST_SECONDS to ${Math.max(1, Math.round(BURST_WINDOW_MS / 1000 / rate))} in sentinelle_rules.xml on the demo manager.`,
    );
  }
  return lines.join('\n');
}

export const networkDemo: EarlyCommand = {
  words: ['network-demo'],
  summary: 'write a demo network’s events (shelters, weeks, scenarios) for a Wazuh manager and its dashboard',
  usage: 'network-demo [--shelters N] [--weeks W] [--seed S] [--end DATE] [--campaign PRODUCT] [--burst SHELTER] [--stale] [--out FILE] [--rate SPEED] [--json]',
  options: {
    shelters: { type: 'string' },
    weeks: { type: 'string' },
    seed: { type: 'string' },
    end: { type: 'string' },
    campaign: { type: 'string' },
    burst: { type: 'string' },
    stale: { type: 'boolean', default: false },
    out: { type: 'string' },
    rate: { type: 'string' },
  },
  unlocks: false,
  early: true,
  async run({ values, json, print, note, stdout }) {
    const burst = stringOption(values, 'burst');
    const rate = rateOf(values);
    const out = stringOption(values, 'out') ?? null;
    const signatures = shippedProducts();
    let demo: NetworkDemo;
    try {
      demo = generateNetwork(
        {
          shelters: wholeNumber(values, 'shelters', NETWORK_DEFAULTS.shelters),
          weeks: wholeNumber(values, 'weeks', NETWORK_DEFAULTS.weeks),
          seed: stringOption(values, 'seed') ?? NETWORK_DEFAULTS.seed,
          end: endOf(values),
          campaign: stringOption(values, 'campaign') ?? null,
          burst: burst === undefined ? null : wholeNumber(values, 'burst', 0),
          stale: values.stale === true,
        },
        signatures,
      );
    } catch (error) {
      if (error instanceof SentinelleError) throw new CliUsageError(error.message);
      throw error;
    }
    const text = summaryText(demo, rate);
    if (out === null) note(text);
    else if (rate !== null) note(`${text}\nAppending to ${out} in time; Ctrl+C stops.`);
    await writeNetworkEvents(demo.events, { out, rate, stdout });
    if (out !== null) print(`${text}\nWritten to ${out}.`, { ...networkSummary(demo), out });
  },
};

export const commands = [networkDemo];
