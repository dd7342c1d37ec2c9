// `sentinelle network-demo` from the command line: the events on standard output and what was generated on
// standard error (or appended to --out, as the app's forwarding appends, with the summary printed); no vault
// read or made; and a clear usage error for what it cannot build.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { WazuhEvent } from '../../src-shared/forwarding.js';
import { requireBuiltCli, runSentinelle } from '../helpers/cli.js';
import { makeTempDir } from '../helpers/temp.js';

const END = '2026-12-07';

describe('sentinelle network-demo', () => {
  beforeAll(() => requireBuiltCli());

  it('prints the events on standard output and what it made on standard error, touching no vault', async () => {
    const dir = makeTempDir('sentinelle-network-cli-');
    const vault = path.join(dir, 'vault');
    const result = await runSentinelle(['network-demo', '--shelters', '5', '--weeks', '3', '--seed', 'demo', '--end', END, '--vault', vault]);
    expect(result.code, result.stderr).toBe(0);
    const events = result.stdout.split('\n').filter(Boolean).map((line) => WazuhEvent.parse(JSON.parse(line)));
    expect(new Set(events.map((event) => event.installation)).size).toBe(5);
    expect(result.stderr).toMatch(/^\d+ events from 5 shelters, 2026-11-16 to 2026-12-07/);
    expect(fs.existsSync(vault)).toBe(false);
  });

  it('appends to --out as the app’s forwarding does, and prints the summary (JSON with --json)', async () => {
    const out = path.join(makeTempDir('sentinelle-network-cli-'), 'events.jsonl');
    fs.writeFileSync(out, '{"earlier":"line"}\n');
    const result = await runSentinelle(['network-demo', '--weeks', '2', '--burst', '2', '--end', END, '--out', out, '--json']);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { events: number; burst: { shelter: number }; shelters: unknown[]; out: string };
    expect(summary).toMatchObject({ burst: { shelter: 2 }, out });
    expect(summary.shelters).toHaveLength(12);
    const lines = fs.readFileSync(out, 'utf8').split('\n').filter(Boolean);
    expect(lines[0]).toBe('{"earlier":"line"}');
    expect(lines).toHaveLength(summary.events + 1);
  });

  it('refuses what it cannot build with a usage error that says why', async () => {
    const refusals: [string[], RegExp][] = [
      [['--campaign', 'Life360'], /high and critical findings only/],
      [['--campaign', 'NoSuchSpy'], /No product called “NoSuchSpy”/],
      [['--burst', '13'], /number from 1 to 12/],
      [['--weeks', 'eight'], /--weeks is a whole number/],
      [['--rate', '0'], /--rate is how many times faster/],
      [['--end', 'yesterday'], /--end is a date/],
    ];
    for (const [args, message] of refusals) {
      const result = await runSentinelle(['network-demo', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stdout).toBe('');
    }
  });
});
