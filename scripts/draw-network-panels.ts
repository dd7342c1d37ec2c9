// Draws a picture of each panel of the Wazuh dashboard (resources/wazuh/dashboard.ndjson) as it looks with
// the network demo's data, for docs/network-demo.md: the demo stream (`network-demo --seed 7 --end
// 2026-12-07 --campaign mSpy --burst 3 --stale`) goes through Wazuh's manager daemon as in the tests (a day
// a second, the rules' windows shrunk as much; tests/helpers/wazuh-manager.ts, so root and the built engine:
// `node scripts/test-prerequisites.mjs`), and each panel's own aggregations — its query's group, its terms
// and their sizes, its weekly histogram — are run over the manager's alerts, then drawn with Vega-Lite.
// The histogram counts by the event's own time (data.time): a replay at speed is received within a minute,
// where a real network's manager receives each event within minutes of it.
//
//   node --import tsx scripts/draw-network-panels.ts [OUT_DIR]     (default docs/network-demo)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { generateNetwork } from '../src-main/network-demo/generate.js';
import { shippedProducts } from '../src-main/network-demo/shipped-products.js';
import { rulesForSpeed, WazuhManager, type ManagerAlert } from '../tests/helpers/wazuh-manager.js';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.resolve(process.argv[2] ?? path.join(ROOT, 'docs', 'network-demo'));
const SPEED = 86_400;
const SEVERITIES = ['critical', 'high', 'medium', 'low'];
const COLOURS = ['#a4161a', '#e85d04', '#f4a261', '#8ab17d'];

interface Aggregation {
  type: string;
  schema: string;
  params: { field?: string; size?: number; interval?: string };
}
interface Panel {
  id: string;
  title: string;
  type: string;
  group: string | null;
  perPage: number;
  aggs: Aggregation[];
}

function panels(): Panel[] {
  return fs
    .readFileSync(path.join(ROOT, 'resources', 'wazuh', 'dashboard.ndjson'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { id: string; type: string; attributes: { title: string; visState?: string; kibanaSavedObjectMeta?: { searchSourceJSON: string } } })
    .filter((object) => object.type === 'visualization' && object.attributes.visState)
    .map((object) => {
      const state = JSON.parse(object.attributes.visState!) as { type: string; params: { perPage?: number }; aggs: Aggregation[] };
      const query = (JSON.parse(object.attributes.kibanaSavedObjectMeta?.searchSourceJSON ?? '{}') as { query?: { query?: string } }).query?.query ?? '';
      return { id: object.id, title: object.attributes.title, type: state.type, group: /rule\.groups:(\S+)/.exec(query)?.[1] ?? null, perPage: state.params.perPage ?? 20, aggs: state.aggs };
    });
}

/** A field of an alert by its dotted path (`data.installation`, `rule.description`). */
function fieldOf(alert: ManagerAlert, field: string): string {
  const value = field.split('.').reduce<unknown>((at, key) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined), alert);
  return value === undefined ? '' : String(value);
}

/** Kibana's nested terms: the top `size` values of the first field by count, then within each the second's. */
function termsRows(alerts: ManagerAlert[], terms: Aggregation[]): { values: string[]; count: number }[] {
  const [first, ...rest] = terms;
  if (!first) return [{ values: [], count: alerts.length }];
  const groups = new Map<string, ManagerAlert[]>();
  for (const alert of alerts) {
    const value = fieldOf(alert, first.params.field!);
    if (value === '') continue;
    groups.set(value, [...(groups.get(value) ?? []), alert]);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
    .slice(0, first.params.size ?? 10)
    .flatMap(([value, members]) => termsRows(members, rest).map((row) => ({ values: [value, ...row.values], count: row.count })));
}

function mondayOf(time: string): string {
  const day = new Date(time.slice(0, 10));
  day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
  return day.toISOString().slice(0, 10);
}

function tableSpec(panel: Panel, alerts: ManagerAlert[]): TopLevelSpec {
  const terms = panel.aggs.filter((agg) => agg.type === 'terms');
  const columns = [...terms.map((agg) => agg.params.field!), 'Count'];
  const rows = termsRows(alerts, terms).slice(0, panel.perPage);
  const values = rows.flatMap((row, i) => [...row.values, String(row.count)].map((value, c) => ({ row: i, column: columns[c], value: value.length > 120 ? `${value.slice(0, 117)}…` : value })));
  const wide = columns.map((column) => (column === 'rule.description' ? 780 : column === 'Count' ? 60 : 190));
  return {
    title: { text: panel.title, anchor: 'start', fontSize: 14 },
    data: { values: values.length > 0 ? values : [{ row: 0, column: columns[0], value: 'No results found' }] },
    hconcat: columns.map((column, c) => ({
      width: wide[c],
      height: Math.max(1, rows.length) * 18,
      transform: [{ filter: { field: 'column', equal: column } }],
      mark: { type: 'text', align: column === 'Count' ? 'right' : 'left', x: column === 'Count' ? wide[c] : 0, font: 'monospace', fontSize: 11 },
      encoding: { y: { field: 'row', type: 'ordinal', axis: null }, text: { field: 'value' } },
      title: { text: column, fontSize: 11, anchor: column === 'Count' ? 'end' : 'start' },
    })),
    spacing: 12,
    config: { view: { stroke: null } },
  } as TopLevelSpec;
}

function histogramSpec(panel: Panel, alerts: ManagerAlert[]): TopLevelSpec {
  const values = alerts.map((alert) => ({ week: mondayOf(fieldOf(alert, 'data.time')), severity: fieldOf(alert, 'data.severity') }));
  return {
    title: { text: panel.title, anchor: 'start', fontSize: 14, subtitle: 'weeks starting on Monday, by the event’s own time' },
    data: { values },
    width: 560,
    height: 260,
    mark: 'bar',
    encoding: {
      x: { field: 'week', type: 'ordinal', title: 'week of', axis: { labelAngle: -35 } },
      y: { aggregate: 'count', type: 'quantitative', title: 'Count' },
      color: { field: 'severity', type: 'nominal', scale: { domain: SEVERITIES, range: COLOURS }, title: 'data.severity' },
      order: { field: 'severity', sort: 'ascending' },
    },
  } as TopLevelSpec;
}

async function draw(spec: TopLevelSpec, file: string): Promise<void> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  fs.writeFileSync(file, `${await view.toSVG()}\n`);
}

const demo = generateNetwork(
  { shelters: 12, weeks: 8, seed: '7', end: new Date('2026-12-07T00:00:00Z'), campaign: 'mSpy', burst: 3, stale: true },
  shippedProducts(),
);
const lines = demo.events.map((entry) => JSON.stringify(entry.event));
const rules = rulesForSpeed(fs.readFileSync(path.join(ROOT, 'resources', 'wazuh', 'sentinelle_rules.xml'), 'utf8'), SPEED);
const manager = await WazuhManager.start({ 'sentinelle_rules.xml': rules });
let alerts: ManagerAlert[];
try {
  console.error(`Replaying ${lines.length} events through wazuh-analysisd at a day a second…`);
  await manager.replay(lines, SPEED);
  await manager.settled(60_000);
  alerts = manager.alerts();
} finally {
  await manager.stop();
}
fs.mkdirSync(OUT, { recursive: true });
for (const panel of panels()) {
  if (panel.type !== 'table' && panel.type !== 'histogram') continue;
  const matching = alerts.filter((alert) => panel.group === null || alert.rule.groups.includes(panel.group));
  const file = path.join(OUT, `${panel.id}.svg`);
  await draw(panel.type === 'table' ? tableSpec(panel, matching) : histogramSpec(panel, matching), file);
  console.error(`${path.relative(ROOT, file)}: ${panel.title} (${matching.length} alerts)`);
}
console.error(`Shelters: ${demo.shelters.map((shelter) => `${shelter.number} = ${shelter.installation}`).join(', ')}`);
