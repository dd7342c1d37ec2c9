// Keeps the network demo's background below the network-wide alerts, so that the only campaign or burst
// alert a demo shows is the one its scenario asks for. The rules (resources/wazuh/sentinelle_rules.xml):
// a campaign is 3 serious findings of one product within 7 days, a burst 3 critical findings at one
// installation within a day. The background never has 3 serious findings of one product within
// CAMPAIGN_QUIET_MS, nor 3 critical findings at one shelter within BURST_QUIET_MS, nor any such finding
// that close to a scenario's. The margins over the rules' windows cover a replay at speed: the manager counts
// time in whole seconds as events arrive, so at a day per second a day's window is one to two days.
import type { Severity } from '../../src-shared/model.js';
import { isSerious } from './catalogue.js';
import { DAY_MS } from './durations.js';

/** The rules' own windows (SENTINELLE_CAMPAIGN_SECONDS, SENTINELLE_BURST_SECONDS) and counts. */
export const CAMPAIGN_WINDOW_MS = 7 * DAY_MS;
export const BURST_WINDOW_MS = DAY_MS;
export const ALERT_COUNT = 3;
export const CAMPAIGN_QUIET_MS = 10 * DAY_MS;
export const BURST_QUIET_MS = 3 * DAY_MS;

export interface CountedFinding {
  time: number;
  shelter: number;
  severity: Severity;
  product: string | null;
}

interface Mark {
  time: number;
  scenario: boolean;
}

/** Whether `times` (with `time` added) hold `ALERT_COUNT` within a window shorter than `windowMs`. */
function crowded(times: readonly number[], time: number, windowMs: number): boolean {
  const sorted = [...times, time].sort((a, b) => a - b);
  return sorted.some((start, i) => i + ALERT_COUNT - 1 < sorted.length && sorted[i + ALERT_COUNT - 1]! - start < windowMs);
}

export class QuietWindows {
  private readonly seriousByProduct = new Map<string, Mark[]>();
  private readonly criticalsByShelter = new Map<number, Mark[]>();

  record(finding: CountedFinding, scenario: boolean): void {
    const mark = { time: finding.time, scenario };
    if (isSerious(finding.severity) && finding.product) push(this.seriousByProduct, finding.product, mark);
    if (finding.severity === 'critical') push(this.criticalsByShelter, finding.shelter, mark);
  }

  /** Whether a background finding keeps the network below both alerts. */
  allows(finding: CountedFinding): boolean {
    if (isSerious(finding.severity) && finding.product && !this.quiet(this.seriousByProduct.get(finding.product), finding.time, CAMPAIGN_QUIET_MS)) return false;
    if (finding.severity === 'critical' && !this.quiet(this.criticalsByShelter.get(finding.shelter), finding.time, BURST_QUIET_MS)) return false;
    return true;
  }

  private quiet(marks: readonly Mark[] | undefined, time: number, marginMs: number): boolean {
    const near = (marks ?? []).filter((mark) => Math.abs(mark.time - time) < marginMs);
    if (near.some((mark) => mark.scenario)) return false;
    return !crowded(near.map((mark) => mark.time), time, marginMs);
  }
}

function push<K>(map: Map<K, Mark[]>, key: K, mark: Mark): void {
  const list = map.get(key) ?? [];
  list.push(mark);
  map.set(key, list);
}
