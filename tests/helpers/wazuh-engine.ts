// Wazuh's own rule engine for the tests: wazuh-logtest-legacy of Wazuh 4.14.7, built from ../shared/wazuh by
// scripts/test-prerequisites.mjs into a cache outside the repository (build.sh lays out a minimal Wazuh home
// with the default ruleset). Each test gets its own copy of that home with Sentinelle's rules in it, and
// feeds it events — one at a time, or a sequence in one process, which keeps the state frequency rules count.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { WazuhEvent } from '../../src-shared/forwarding.js';
import { outputOf, type ProcessOutput } from './process-output.js';
import { makeTempDir } from './temp.js';

/** Where the engine is built (the same folder scripts/test-prerequisites.mjs builds into). */
export const WAZUH_CACHE = process.env.SENTINELLE_WAZUH_CACHE ?? path.join(os.homedir(), '.cache', 'sentinelle-wazuh');
const BUILT_HOME = path.join(WAZUH_CACHE, 'home');
const LOGTEST = 'bin/wazuh-logtest-legacy';

/** What the engine made of one event. */
export interface EngineVerdict {
  /** The decoder that read it (`json` for Sentinelle's events), or null. */
  decoder: string | null;
  /** The last rule it matched, or null when none did. */
  ruleId: number | null;
  level: number | null;
  description: string | null;
}

export function engineBuilt(): boolean {
  return fs.existsSync(path.join(BUILT_HOME, LOGTEST));
}

/** A fresh Wazuh home (a copy of the built one) with these rule files in etc/rules/. */
export function wazuhHome(ruleFiles: Record<string, string>): string {
  if (!engineBuilt()) throw new Error(`Wazuh's engine is not built in ${WAZUH_CACHE}: run \`node scripts/test-prerequisites.mjs\` (it builds it from ../shared/wazuh).`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) throw new Error('Wazuh’s engine runs as root only (it chroots into its home).');
  const home = path.join(makeTempDir('sentinelle-wazuh-'), 'home');
  fs.cpSync(BUILT_HOME, home, { recursive: true, verbatimSymlinks: true });
  for (const [name, text] of Object.entries(ruleFiles)) fs.writeFileSync(path.join(home, 'etc', 'rules', name), text);
  return home;
}

/** Runs the engine with `args`, writing each of `input`'s parts after its pause (the engine counts time as events arrive). */
function run(home: string, args: string[], input: string | { text: string; pauseMs: number }[]): Promise<ProcessOutput> {
  const child = spawn(path.join(home, LOGTEST), ['-D', home, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const output = outputOf(child);
  if (typeof input === 'string') child.stdin.end(input);
  else {
    void (async () => {
      for (const part of input) {
        if (part.pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, part.pauseMs));
        child.stdin.write(part.text);
      }
      child.stdin.end();
    })();
  }
  return output;
}

/**
 * The configuration check (`-t`): the rules load. Wazuh exits 0 even when it drops a rule (an unknown
 * parent, a duplicate id) and only warns: every warning or error it prints is returned as a problem.
 */
export async function checkConfiguration(home: string): Promise<{ code: number | null; problems: string[] }> {
  const { code, stdout, stderr } = await run(home, ['-t'], '');
  const problems = `${stdout}\n${stderr}`.split('\n').filter((line) => /\b(WARNING|ERROR|CRITICAL)\b/.test(line));
  return { code, problems };
}

/**
 * Runs events through the engine in one process, in order (frequency rules count across them): one verdict
 * each. `pauseBeforeLastMs` holds the last event back, for the rules that count within a time window.
 */
export async function logtest(home: string, events: readonly string[], options: { pauseBeforeLastMs?: number } = {}): Promise<EngineVerdict[]> {
  if (events.some((event) => event.includes('\n'))) throw new Error('an event is one line');
  const parts = events.map((event, i) => ({ text: `${event}\n`, pauseMs: i === events.length - 1 ? (options.pauseBeforeLastMs ?? 0) : 0 }));
  const { code, stderr } = await run(home, [], parts);
  if (code !== 0) throw new Error(`wazuh-logtest-legacy exited with ${code}:\n${stderr.slice(-2000)}`);
  // Each event's trace starts with the same line; what comes before the first is the start-up banner.
  const traces = stderr.split('**Phase 1: Completed pre-decoding.').slice(1);
  if (traces.length !== events.length) throw new Error(`${events.length} events sent, ${traces.length} traced:\n${stderr.slice(-2000)}`);
  return traces.map((trace) => {
    const decoding = trace.split('**Phase 2: Completed decoding.')[1] ?? '';
    const filtering = trace.split('**Phase 3: Completed filtering (rules).')[1] ?? '';
    const value = (text: string, name: string) => new RegExp(`^\\s*${name}: '([^']*)'`, 'm').exec(text)?.[1] ?? null;
    const ruleId = value(filtering, 'Rule id');
    const level = value(filtering, 'Level');
    return { decoder: value(decoding, 'decoder'), ruleId: ruleId === null ? null : Number(ruleId), level: level === null ? null : Number(level), description: value(filtering, 'Description') };
  });
}

/** The cases of a ruleset-test file (Wazuh's ruleset/testing format): a name, log lines, the rule, level and decoder expected. */
export interface RulesetCase {
  name: string;
  logs: { line: string; pass: boolean }[];
  rule: number;
  alert: number;
  decoder: string;
}

export function parseRulesetTests(text: string): RulesetCase[] {
  return text
    .split(/\n(?=\[)/)
    .filter((block) => block.startsWith('['))
    .map((block) => {
      const value = (key: string) => new RegExp(`^${key} = (.+)$`, 'm').exec(block)?.[1]?.trim();
      const logs = [...block.matchAll(/^log \d+ (pass|fail) = (.+)$/gm)].map((match) => ({ line: match[2]!, pass: match[1] === 'pass' }));
      return { name: block.slice(1, block.indexOf(']')), logs, rule: Number(value('rule')), alert: Number(value('alert')), decoder: value('decoder') ?? '' };
    });
}

/** The rule Sentinelle's rules promise for an event: by type, severity, and whether a product is named. */
export function promisedRule(event: WazuhEvent): number {
  switch (event.type) {
    case 'finding':
      return { low: 100110, medium: 100111, high: event.product ? 100116 : 100112, critical: event.product ? 100117 : 100113 }[event.severity];
    case 'retired':
      return 100115;
    case 'bundle':
      return 100120;
    case 'status':
      return (event.signatureAgeDays ?? 0) >= 30 ? 100131 : 100130;
  }
}

/** The rules of level 0: they match, but write no alert. */
export const SILENT_RULES: ReadonlySet<number> = new Set([100100, 100130]);
