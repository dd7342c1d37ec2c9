// Evidence bundles from the command line, as an advocate's script and a lawyer would use them: the lawyer
// makes a key pair (no vault), the advocate exports a case for that key and a passphrase, leaving the
// command listings out; the lawyer verifies (exit 0), extracts, and is told exactly what is wrong with a
// damaged copy (exit 3) or when using a key the bundle was not sealed for.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireBuiltCli, runSentinelle } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const PASSPHRASE = 'a long shelter passphrase';
const unlock = { SENTINELLE_PASSPHRASE: PASSPHRASE };

describe('export and verify on the command line', () => {
  let dir: string;
  let vault: string;
  let caseId: string;

  beforeAll(async () => {
    requireBuiltCli();
    dir = makeTempDir();
    vault = path.join(dir, 'vault');
    expect((await runSentinelle(['vault', 'init', '--vault', vault], { stdin: `${PASSPHRASE}\n` })).code).toBe(0);
    caseId = (JSON.parse((await runSentinelle(['case', 'create', '--vault', vault, '--pseudonym', 'Bleuet', '--json'], { env: unlock })).stdout) as { id: string }).id;
    expect((await runSentinelle(['scan', 'host', '--case', caseId, '--vault', vault], { env: unlock })).code).toBe(0);
  }, slow(60_000));
  afterAll(() => removeDir(dir));

  it('seals a case for a lawyer’s key and a passphrase; the lawyer verifies and extracts it', async () => {
    const lawyer = path.join(dir, 'lawyer');
    const made = await runSentinelle(['keys', 'generate', '--out', lawyer, '--label', 'Maître Dupont', '--vault', path.join(dir, 'none')]);
    expect(made.code, made.stderr).toBe(0);
    expect(fs.statSync(`${lawyer}.key`).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(`${lawyer}.pub`, 'utf8')).toMatch(/^sentinelle-recipient-v1 \S{44} Maître Dupont\n$/);
    const fingerprint = /Fingerprint: (\S+)/.exec(made.stdout)![1]!;
    expect(fingerprint).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect((await runSentinelle(['keys', 'installation', '--out', path.join(dir, 'shelter'), '--vault', vault], { env: unlock })).code).toBe(0);

    const bundle = path.join(dir, 'case.sntl');
    const exported = await runSentinelle(['export', '--case', caseId, '--out', bundle, '--recipient', `${lawyer}.pub`, '--passphrase', '--exclude', 'listings', '--vault', vault, '--json'], { env: { ...unlock, SENTINELLE_BUNDLE_PASSPHRASE: 'the lawyer’s own passphrase' } });
    expect(exported.code, exported.stderr).toBe(0);
    const result = JSON.parse(exported.stdout) as { recipients: string[]; excludedArtifacts: number; sha256: string };
    expect(result.recipients).toEqual([fingerprint]);
    expect(result.excludedArtifacts).toBeGreaterThan(0);
    expect((await runSentinelle(['export', '--case', caseId, '--out', bundle, '--recipient', `${lawyer}.pub`, '--vault', vault], { env: unlock })).stderr).toContain('already exists');

    // The lawyer has no vault.
    const noVault = path.join(dir, 'lawyer-vault');
    const verified = await runSentinelle(['verify', bundle, '--identity', `${lawyer}.key`, '--signer', path.join(dir, 'shelter.pub'), '--extract', path.join(dir, 'out'), '--vault', noVault]);
    expect(verified.code, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain('VERIFIED');
    expect(verified.stdout).toContain('(known)');
    expect(verified.stdout).toMatch(/left out by the sender/);
    expect(fs.existsSync(path.join(dir, 'out', 'report.html'))).toBe(true);
    expect(fs.existsSync(noVault)).toBe(false);
    expect(verified.stdout).toMatch(/Sealed for: [0-9A-Z]{4}-.*a passphrase/);
    // Later, the extracted folder is checked again from the signed manifest it keeps.
    const again = await runSentinelle(['verify', '--dir', path.join(dir, 'out'), '--signer', path.join(dir, 'shelter.pub'), '--vault', noVault]);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain('VERIFIED');
    fs.appendFileSync(path.join(dir, 'out', 'report.html'), '<!-- edited -->');
    const edited = await runSentinelle(['verify', '--dir', path.join(dir, 'out'), '--signer', path.join(dir, 'shelter.pub'), '--vault', noVault]);
    expect(edited.code).toBe(3);
    expect(edited.stdout).toMatch(/The report was changed/);
    expect((await runSentinelle(['verify', bundle, '--dir', path.join(dir, 'out'), '--vault', noVault])).code).toBe(2);
    const installation = (JSON.parse(exported.stdout) as { installationFingerprint: string }).installationFingerprint;
    // The same read-aloud form everywhere: `vault check` shows the fingerprint `verify --signer` takes.
    const checked = JSON.parse((await runSentinelle(['vault', 'check', '--vault', vault, '--json'], { env: unlock })).stdout) as { installationKey: string };
    expect(checked.installationKey).toBe(installation);
    const withPassphrase = await runSentinelle(['verify', bundle, '--passphrase', '--signer', installation, '--vault', noVault], { stdin: 'the lawyer’s own passphrase\n' });
    expect(withPassphrase.code, withPassphrase.stdout).toBe(0);
    // Without saying who should have signed it, a bundle is not verified: anyone can seal for a public key.
    const unchecked = await runSentinelle(['verify', bundle, '--identity', `${lawyer}.key`, '--extract', path.join(dir, 'unchecked-out'), '--vault', noVault]);
    expect(unchecked.code).toBe(3);
    expect(unchecked.stdout).toContain('not checked');
    // And a bundle that did not verify is not extracted: nothing is left, not even a partial folder.
    expect(unchecked.stdout).toContain('Nothing was extracted');
    expect(fs.readdirSync(dir).filter((name) => name.includes('unchecked-out'))).toEqual([]);
  }, slow(60_000));

  it('exits 3 and says what is wrong with a damaged copy or the wrong key', async () => {
    const lawyer = path.join(dir, 'lawyer2');
    const generated = await runSentinelle(['keys', 'generate', '--out', lawyer, '--vault', path.join(dir, 'none')]);
    expect(generated.code, generated.stderr).toBe(0);
    const bundle = path.join(dir, 'second.sntl');
    const exported = await runSentinelle(['export', '--case', caseId, '--out', bundle, '--recipient', `${lawyer}.pub`, '--vault', vault], { env: unlock });
    expect(exported.code, exported.stderr).toBe(0);
    const bytes = fs.readFileSync(bundle);
    fs.writeFileSync(path.join(dir, 'cut.sntl'), bytes.subarray(0, bytes.length - 100));
    const cut = await runSentinelle(['verify', path.join(dir, 'cut.sntl'), '--identity', `${lawyer}.key`, '--vault', path.join(dir, 'none')]);
    expect(cut.code).toBe(3);
    expect(cut.stdout).toContain('NOT VERIFIED');
    expect(cut.stdout).toContain('cut short');
    const other = path.join(dir, 'other');
    const otherKey = await runSentinelle(['keys', 'generate', '--out', other, '--vault', path.join(dir, 'none')]);
    expect(otherKey.code, otherKey.stderr).toBe(0);
    const wrong = await runSentinelle(['verify', bundle, '--identity', `${other}.key`, '--vault', path.join(dir, 'none'), '--json']);
    expect(wrong.code).toBe(3);
    expect((JSON.parse(wrong.stdout) as { problems: { code: string }[] }).problems[0]!.code).toBe('wrong-key');
    expect((await runSentinelle(['verify', bundle, '--vault', path.join(dir, 'none')])).code).toBe(2);
  }, slow(60_000));
  it('seals for every key named after --recipient, or refuses clearly; a generated passphrase is printed once and opens it', async () => {
    const keys = [path.join(dir, 'first'), path.join(dir, 'second')];
    for (const key of keys) expect((await runSentinelle(['keys', 'generate', '--out', key, '--vault', path.join(dir, 'none')])).code).toBe(0);
    // `--recipient A.pub B.pub`, as the usage line suggests: both are recipients.
    const both = path.join(dir, 'both.sntl');
    const sealed = await runSentinelle(['export', '--case', caseId, '--out', both, '--recipient', `${keys[0]}.pub`, `${keys[1]}.pub`, '--vault', vault, '--json'], { env: unlock });
    expect(sealed.code, sealed.stderr).toBe(0);
    expect((JSON.parse(sealed.stdout) as { recipients: string[] }).recipients).toHaveLength(2);
    for (const key of keys) expect((await runSentinelle(['verify', both, '--identity', `${key}.key`, '--vault', path.join(dir, 'none')])).stdout).not.toContain('not sealed for');
    // A stray file with no --recipient is not silently ignored.
    const stray = await runSentinelle(['export', '--case', caseId, '--out', path.join(dir, 'stray.sntl'), '--passphrase', `${keys[0]}.pub`, '--vault', vault], { env: { ...unlock, SENTINELLE_BUNDLE_PASSPHRASE: 'a long enough passphrase' } });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--recipient');
    expect(fs.existsSync(path.join(dir, 'stray.sntl'))).toBe(false);

    // A passphrase made for the advocate: seven French words, printed once, with the reader page beside the bundle.
    const spoken = path.join(dir, 'spoken', 'case.sntl');
    fs.mkdirSync(path.dirname(spoken));
    const generated = await runSentinelle(['export', '--case', caseId, '--out', spoken, '--generate-passphrase', '--with-reader', '--lang', 'fr', '--vault', vault, '--json'], { env: unlock });
    expect(generated.code, generated.stderr).toBe(0);
    const result = JSON.parse(generated.stdout) as { generatedPassphrase: string; passphrase: boolean; reader: { path: string; sha256: string } };
    expect(result.generatedPassphrase).toMatch(/^[a-z]+( [a-z]+){6}$/);
    expect(result.passphrase).toBe(true);
    expect(result.reader.path).toBe(path.join(dir, 'spoken', 'sentinelle-reader.html'));
    const human = await runSentinelle(['export', '--case', caseId, '--out', path.join(dir, 'spoken', 'again.sntl'), '--generate-passphrase', '--with-reader', '--vault', vault], { env: unlock });
    expect(human.stdout).toMatch(/by phone/);
    // The reader page already there (the same page) is left as it is.
    expect(human.stdout).toContain(path.join(dir, 'spoken', 'sentinelle-reader.html'));
    const opened = await runSentinelle(['verify', spoken, '--passphrase', '--vault', path.join(dir, 'none')], { env: { SENTINELLE_BUNDLE_PASSPHRASE: result.generatedPassphrase } });
    expect(opened.stdout).not.toContain('passphrase is not the one');
    expect(opened.stdout).toContain('Signed by installation');
    expect((await runSentinelle(['export', '--case', caseId, '--out', path.join(dir, 'x.sntl'), '--generate-passphrase', '--passphrase', '--vault', vault], { env: { ...unlock, SENTINELLE_BUNDLE_PASSPHRASE: 'a long enough passphrase' } })).code).toBe(2);
  }, slow(120_000));

  it('writes the lawyer’s reader page with its SHA-256, and never over another file', async () => {
    const out = path.join(dir, 'reader.html');
    const written = await runSentinelle(['reader', '--out', out, '--json', '--vault', path.join(dir, 'none')]);
    expect(written.code, written.stderr).toBe(0);
    const { sha256 } = JSON.parse(written.stdout) as { sha256: string };
    expect(createHash('sha256').update(fs.readFileSync(out)).digest('hex')).toBe(sha256);
    expect(fs.readFileSync(out, 'utf8')).toContain("default-src 'none'");
    const again = await runSentinelle(['reader', '--out', out, '--vault', path.join(dir, 'none')]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already exists');
  });
});
