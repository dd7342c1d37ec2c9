// Importing signatures into a vault: signed packs from a trusted publisher are accepted; hostile or
// doubtful files are refused cleanly with nothing half-imported — YAML alias bombs, oversized files, wrong
// types, __proto__ keys, invalid domains, a pack signed by an unknown key, a pack changed after signing —
// unless the advocate explicitly imports as untrusted, which is recorded.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { READABLE_FINGERPRINT } from '../../src-shared/bundle.js';
import { App } from '../../src-main/app.js';
import { importSignatureFile } from '../../src-main/signatures/import-file.js';
import { generateSigningKeyPair, signPack } from '../../src-main/signatures/packs.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';
import { builtinOnlySignatures, EXAMPLE_ENTRY, packJson } from '../helpers/signatures.js';

const PASSPHRASE = 'correct horse battery staple';

describe('importing signatures', () => {
  let dir: string;
  let app: App;
  beforeEach(async () => {
    dir = makeTempDir();
    app = new App({ vaultDir: `${dir}/vault`, kdfCost: FAST_KDF, signaturesDir: builtinOnlySignatures(dir) });
    await app.call('vault.create', { passphrase: PASSPHRASE });
  });
  afterEach(() => {
    app.dispose();
    removeDir(dir);
  });

  const importFile = (fileName: string, content: string | Buffer, extra: { signature?: string | null; allowUntrusted?: boolean } = {}) =>
    app.invoke('signatures.import', { fileName, content: Buffer.from(content).toString('base64'), signature: extra.signature ?? null, allowUntrusted: extra.allowUntrusted ?? false });

  async function nothingImported() {
    const info = await app.call('signatures.info', {});
    expect(info.imported).toEqual([]);
    expect(info.totalSignatures).toBe(info.database.signatures);
  }

  it('accepts a pack signed by a key trusted in this vault, and its signatures take effect', async () => {
    const { publicFile, secretFile } = generateSigningKeyPair('Shelter network');
    const trusted = await app.call('signatures.trustKey', { publicKeyFile: JSON.stringify(publicFile) });
    expect(trusted.fingerprint).toMatch(READABLE_FINGERPRINT);
    const pack = packJson([EXAMPLE_ENTRY]);
    const signature = JSON.stringify(signPack(Buffer.from(pack), secretFile));
    const answer = await importFile('network.pack.json', pack, { signature });
    expect(answer).toMatchObject({ ok: true, result: { name: 'Shelter network pack', trusted: true, signatures: 1 } });
    const info = await app.call('signatures.info', {});
    expect(info.imported).toEqual([expect.objectContaining({ trusted: true, signer: 'Shelter network', signatures: 1 })]);
    expect(info.totalSignatures).toBe(info.database.signatures + 1);
    const custody = await app.call('custody.list', { limit: 5 });
    expect(custody[0]).toMatchObject({ action: 'signatures.imported', details: { trusted: true, signatures: 1 } });

    // Withdrawing the key (it leaked, say) withdraws the trust of what it signed.
    await app.call('signatures.untrustKey', { publicKey: publicFile.publicKey });
    expect((await app.call('signatures.info', {})).imported).toEqual([expect.objectContaining({ trusted: false })]);
  });

  it('refuses a pack signed by an unknown key, an unsigned pack, and a pack changed after signing', async () => {
    const stranger = generateSigningKeyPair('Someone');
    const pack = packJson([EXAMPLE_ENTRY]);
    const signature = JSON.stringify(signPack(Buffer.from(pack), stranger.secretFile));
    expect(await importFile('p.json', pack, { signature })).toMatchObject({ ok: false, error: { code: 'signatures.untrusted', message: expect.stringMatching(/key this computer does not trust/) } });
    expect(await importFile('p.json', pack)).toMatchObject({ ok: false, error: { code: 'signatures.untrusted', message: expect.stringMatching(/not signed/) } });

    await app.call('signatures.trustKey', { publicKeyFile: JSON.stringify(stranger.publicFile) });
    const tampered = pack.replace('com.trackerx.agent', 'com.trackerx.agenu');
    expect(await importFile('p.json', tampered, { signature })).toMatchObject({ ok: false, error: { code: 'signatures.bad-signature', message: expect.stringMatching(/changed after it was signed/) } });
    await nothingImported();
  });

  it('imports an unsigned file only when the advocate explicitly accepts it, and records that', async () => {
    const feed = '- name: TrackerX\n  type: stalkerware\n  packages:\n  - com.trackerx.agent\n';
    expect(await importFile('ioc.yaml', feed)).toMatchObject({ ok: false, error: { code: 'signatures.untrusted' } });
    await nothingImported();
    expect(await importFile('ioc.yaml', feed, { allowUntrusted: true })).toMatchObject({ ok: true, result: { trusted: false, signatures: 1 } });
    const audit = await app.call('audit.list', { limit: 5 });
    expect(audit[0]).toMatchObject({ action: 'signatures.imported-untrusted', details: { trusted: false } });
  });

  it.each([
    ['a YAML alias bomb', 'bomb.yaml', 'a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\n', /YAML/],
    ['wrong types', 'ioc.yaml', '- name: TrackerX\n  type: stalkerware\n  packages: 42\n', /\[0\]\.packages/],
    ['a __proto__ key', 'ioc.yaml', '- name: TrackerX\n  type: stalkerware\n  __proto__:\n    polluted: true\n', /__proto__/],
    ['an invalid domain', 'ioc.yaml', '- name: TrackerX\n  type: stalkerware\n  websites:\n  - "not a domain!"\n', /entry "TrackerX": indicators\.websites\[0\]: a domain name/],
    ['a pack entry with a __proto__ key', 'p.json', packJson([EXAMPLE_ENTRY]).replace('"indicators"', '"__proto__":{"polluted":true},"indicators"'), /__proto__/],
    ['a damaged STIX bundle', 'x.stix2', '{"type":"bundle","objects":[{"type":"indicator","id":"indicator--1"}]}', /pattern/],
    ['an unknown format', 'notes.txt', 'hello', /does not recognise this file/],
  ])('refuses %s with a message naming the problem, and imports nothing', async (_what, fileName, content, problem) => {
    const answer = await importFile(fileName, content, { allowUntrusted: true });
    expect(answer).toMatchObject({ ok: false, error: { code: 'signatures.invalid' } });
    if (!answer.ok) expect(`${answer.error.message} ${answer.error.technical ?? ''}`).toMatch(problem);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await nothingImported();
  });

  it('refuses a 100 MB file before parsing it', async () => {
    const huge = Buffer.alloc(100 * 1024 * 1024, 0x61);
    await expect(importSignatureFile({ name: 'ioc.yaml', bytes: huge }, { trustStore: [], allowUntrusted: true })).rejects.toThrow(/too large to be a signature file/);
  });

  it('refuses an oversized file at the API door too', async () => {
    const answer = await app.invoke('signatures.import', { fileName: 'big.yaml', content: 'A'.repeat(48 * 1024 * 1024), signature: null, allowUntrusted: true });
    expect(answer).toMatchObject({ ok: false, error: { code: 'input.invalid' } });
  });
});
