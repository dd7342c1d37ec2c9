// Wazuh's manager daemon for the tests: wazuh-analysisd of Wazuh 4.14.7 (built from ../shared/wazuh with
// the logtest program, tests/helpers/wazuh-engine.ts), in its own Wazuh home with Sentinelle's rules, fed
// the way a Wazuh agent's lines reach it — each line its agent's logcollector read from the events file,
// sent on the analysis queue socket as wazuh-remoted does (wazuh-queue-sender.py) — and read back from
// what it writes: logs/alerts/alerts.json (the alerts) and logs/archives/archives.json (every event
// received, with logall_json on).
//
// What the daemon needs here that a manager's other services give it: wazuh-db, asked for the MITRE
// matrix at start-up and for each agent's labels. Without it the daemon retries for 15 s at start and for
// each new agent; a socket at queue/db/wdb that answers "err" (as wazuh-db does for what it does not hold)
// lets it go on at once, with no MITRE data and no labels, neither of which Sentinelle's rules use.
// Its rule matching runs in one thread: a replay at speed sends events milliseconds apart, which several
// threads could match out of order; a network's events, seconds apart at least, never are.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inTime } from '../../src-main/network-demo/replay.js';
import { WazuhEvent } from '../../src-shared/forwarding.js';
import { until } from './slowdown.js';
import { promisedRule, SILENT_RULES, wazuhHome } from './wazuh-engine.js';

const SENDER = fileURLToPath(new URL('./wazuh-queue-sender.py', import.meta.url));
/** Where the agent's <localfile> reads Sentinelle's events (resources/wazuh/localfile.xml). */
export const EVENTS_LOCATION = '/var/lib/sentinelle/events.jsonl';

export interface ManagerAlert {
  rule: { id: string; level: number; description: string; groups: string[] };
  agent: { id: string; name: string };
  location: string;
  data?: Record<string, unknown>;
}

/**
 * Sentinelle's rules with their time windows shrunk for a replay `speed` times faster than real time: the
 * manager counts its windows from when it receives each event (what `network-demo --rate` advises).
 */
export function rulesForSpeed(rules: string, speed: number): string {
  const seconds = (name: string, value: number) => (text: string) => text.replace(new RegExp(`(<var name="${name}">)\\d+`), `$1${Math.max(1, Math.round(value / speed))}`);
  const scaled = [seconds('SENTINELLE_CAMPAIGN_SECONDS', 7 * 86_400), seconds('SENTINELLE_BURST_SECONDS', 86_400)].reduce((text, change) => change(text), rules);
  if (scaled === rules) throw new Error('the rules’ windows were not found');
  return scaled;
}

function jsonLines<T>(file: string): T[] {
  if (!fs.existsSync(file)) return [];
  // The daemon may be writing: only whole lines count.
  const lines = fs.readFileSync(file, 'utf8').split('\n').slice(0, -1);
  return lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as T);
}

/** A socket that answers every wazuh-db query with an error, at once (length-prefixed, as wazuh-db speaks). */
function absentWazuhDb(socketPath: string): Promise<net.Server> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('data', () => {
      const answer = Buffer.from('err Not available here');
      const header = Buffer.alloc(4);
      header.writeUInt32LE(answer.length);
      socket.write(Buffer.concat([header, answer]));
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve(server));
  });
}

export class WazuhManager {
  private sent = 0;
  private queued = 0;
  /** The last event handed over that raises an alert (its rule's level is above 0). */
  private lastAlerting: string | null = null;
  private log = '';
  private exited: number | null | undefined = undefined;

  private constructor(
    readonly home: string,
    private readonly daemon: ChildProcessWithoutNullStreams,
    private readonly sender: ChildProcessWithoutNullStreams,
    private readonly wazuhDb: net.Server,
  ) {
    const collect = (chunk: Buffer) => (this.log += chunk.toString('utf8'));
    daemon.stdout.on('data', collect);
    daemon.stderr.on('data', collect);
    daemon.on('exit', (code) => (this.exited = code));
    sender.stdout.on('data', (chunk: Buffer) => {
      const counts = [...chunk.toString('utf8').matchAll(/sent (\d+)/g)];
      if (counts.length > 0) this.sent = Number(counts.at(-1)![1]);
    });
    sender.stderr.on('data', collect);
  }

  /** A manager with these rule files, started and ready for events. */
  static async start(ruleFiles: Record<string, string>): Promise<WazuhManager> {
    const home = wazuhHome(ruleFiles);
    const config = path.join(home, 'etc', 'ossec.conf');
    fs.writeFileSync(config, fs.readFileSync(config, 'utf8').replace('<logall_json>no</logall_json>', '<logall_json>yes</logall_json>'));
    fs.appendFileSync(path.join(home, 'etc', 'local_internal_options.conf'), '\nanalysisd.event_threads=1\nanalysisd.rule_matching_threads=1\n');
    const wazuhDb = await absentWazuhDb(path.join(home, 'queue', 'db', 'wdb'));
    const daemon = spawn(path.join(home, 'bin', 'wazuh-analysisd'), ['-f', '-D', home], { stdio: ['pipe', 'pipe', 'pipe'] });
    const sender = spawn('/usr/bin/python3', [SENDER, path.join(home, 'queue', 'sockets', 'queue')], { stdio: ['pipe', 'pipe', 'pipe'] });
    const manager = new WazuhManager(home, daemon, sender, wazuhDb);
    // The daemon says when its input threads start (right after it reports the EPS limit).
    await until(() => /EPS limit/.test(manager.log) || manager.exited !== undefined, 'wazuh-analysisd to start', 60_000);
    if (manager.exited !== undefined) throw new Error(`wazuh-analysisd exited with ${manager.exited}:\n${manager.log.slice(-3000)}`);
    return manager;
  }

  /** The agent (`001`…) each installation's events come from: one laptop, one agent. */
  readonly agents = new Map<string, string>();

  /** Hands one event's line to the manager as its installation's agent read it from the events file. */
  sendEvent(line: string): void {
    if (line.includes('\n') || line.includes('\t')) throw new Error('one line, no tabs');
    const event = WazuhEvent.parse(JSON.parse(line));
    const installation = event.installation;
    if (!SILENT_RULES.has(promisedRule(event))) this.lastAlerting = event.eventId;
    if (!this.agents.has(installation)) this.agents.set(installation, String(this.agents.size + 1).padStart(3, '0'));
    const agent = this.agents.get(installation)!;
    this.sender.stdin.write(`${agent}\tshelter-laptop-${agent}\t${EVENTS_LOCATION}\t${line}\n`);
    this.queued++;
  }

  /** Hands events (JSON lines, in time order) over in time, `speed` times faster than their own clock. */
  async replay(lines: readonly string[], speed: number): Promise<void> {
    await inTime(lines, (line) => Date.parse(String((JSON.parse(line) as { time?: unknown }).time)), speed, (line) => this.sendEvent(line));
  }

  /**
   * Resolves once every line handed over has reached the socket, the daemon has archived as many events,
   * and the last one that raises an alert has its alert written: the daemon writes alerts and archives from
   * two threads, and its one alert writer writes in order, so every earlier alert is there too.
   */
  async settled(limitMs: number): Promise<void> {
    await until(() => this.sent === this.queued, 'the lines to reach the queue socket', limitMs);
    await until(() => this.archives().length >= this.queued, `the manager to receive ${this.queued} events`, limitMs);
    const last = this.lastAlerting;
    if (last) await until(() => this.alerts().some((alert) => alert.data?.eventId === last), 'the last alert to be written', limitMs);
  }

  alerts(): ManagerAlert[] {
    return jsonLines<ManagerAlert>(path.join(this.home, 'logs', 'alerts', 'alerts.json'));
  }

  /** Every event the daemon received (archives.json), with its decoded fields. */
  archives(): { data?: Record<string, unknown>; full_log?: string }[] {
    return jsonLines(path.join(this.home, 'logs', 'archives', 'archives.json'));
  }

  get output(): string {
    return this.log;
  }

  async stop(): Promise<void> {
    this.sender.stdin.end();
    this.sender.kill();
    if (this.exited === undefined) {
      const gone = new Promise((resolve) => this.daemon.once('exit', resolve));
      this.daemon.kill('SIGTERM');
      await gone;
    }
    await new Promise((resolve) => this.wazuhDb.close(resolve));
  }
}
