// "We examined this phone on this date, this way, and found nothing" is evidence too: a phone on which
// nothing is found (the clean demo phone's makers' apps) is triaged and sealed like any other, and
// its report — as the lawyer extracts it — says nothing was found, what was examined and how, with which
// signatures, and that nothing found does not prove the phone is clean.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runSentinelle } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('a phone where nothing was found', () => {
  const dir = makeTempDir('sentinelle-clean-');
  afterAll(() => removeDir(dir));

  it('is sealed, and its report says what was examined, how, and that nothing was found', async () => {
    requireBuiltCli();
    const vault = path.join(dir, 'vault');
    // The shipped clean phone, without the watch app's notification access (a "low, ask her" on its own):
    // a phone on which Sentinelle finds nothing at all.
    const clean = JSON.parse(fs.readFileSync(path.join(ROOT, 'resources', 'demo', 'clean.json'), 'utf8')) as Record<string, unknown>;
    const profile = path.join(dir, 'nothing-found.json');
    fs.writeFileSync(profile, JSON.stringify({ ...clean, id: 'nothing-found', notificationListeners: [] }));
    const demo = await runSentinelle(['demo', '--profile-file', profile, '--vault', vault, '--json'], { env: { SENTINELLE_PASSPHRASE: 'a throwaway demo passphrase' } });
    expect(demo.code, demo.stderr).toBe(0);
    const result = JSON.parse(demo.stdout) as { findings: unknown[]; bundle: { path: string; installationFingerprint: string; reader: { path: string } }; lawyerKey: string };
    expect(result.findings).toEqual([]);
    expect(fs.existsSync(result.bundle.reader.path)).toBe(true);
    const out = path.join(dir, 'extracted');
    const verified = await runSentinelle(['verify', result.bundle.path, '--identity', result.lawyerKey, '--signer', result.bundle.installationFingerprint, '--extract', out, '--vault', path.join(dir, 'none')]);
    expect(verified.code, verified.stdout).toBe(0);
    const report = fs.readFileSync(path.join(out, 'report.html'), 'utf8');
    const text = report.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toContain('Nothing found');
    expect(text).toContain('does not prove');
    // What was examined, when and how, and against which lists.
    expect(text).toContain('What was examined');
    expect(text).toMatch(/Android phone read over USB debugging \(ADB\), read-only: \d{1,2} \w+ \d{4}/);
    expect(text).toMatch(/Compared with: .*Sentinelle/);
    // The method section: each thing read, with the command sent to the phone.
    expect(text).toContain('What was read, and how');
    expect(report).toContain('<code>getprop</code>');
    // The reader page's fingerprint for this release, for an expert to compare with the page handed over.
    expect(text).toMatch(/Reader page for this release [0-9a-f]{64}/);
  }, slow(180_000));
});
