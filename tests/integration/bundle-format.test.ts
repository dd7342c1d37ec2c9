// The bundle format as docs/bundle-format.md specifies it, checked with three verifiers: Sentinelle's own
// (`sentinelle verify`), the lawyer's reader page in Debian's Chromium (the same shared code, given
// libsodium-wrappers, from file://) and tools/verify_bundle.py (written from the document alone, with
// Debian's python3-nacl). All run on the test vectors (tests/fixtures/bundle-vectors/), on fresh exports of a
// real case, and on a matrix of altered bundles — bytes flipped, cut, moved, removed, added, and content
// re-sealed as a recipient holding the file key could (another recipient list, a header or manifest not in
// canonical form or with a key twice, wrong end counts, forms section 5 refuses) — and must give the same
// verdict on every one. Also: `verify --extract` keeps the signed manifest and
// `verify --dir` checks the folder again; identical exports hold the same files, and say why a PDF is missing.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import sodium from 'sodium-native';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleManifest, VerifyVerdict } from '../../src-shared/bundle.js';
import { canonicalJson } from '../../src-shared/canonical-json.js';
import type { Browser } from 'playwright-core';
import { App } from '../../src-main/app.js';
import { parsePublicKeyText, parseSecretKeyText, readableFingerprint, type RecipientKeyPair } from '../../src-main/evidence/recipient-keys.js';
import { verifyBundle } from '../../src-main/evidence/verify-bundle.js';
import { messageSpans, readContent, writeContent, type BundleContent } from '../helpers/bundles.js';
import { launchChromium } from '../helpers/browser.js';
import { openReader, type ReaderSession } from '../helpers/reader-page.js';
import { builtinOnlySignatures } from '../helpers/signatures.js';
import { FAST_KDF, makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PYTHON_VERIFIER = path.join(ROOT, 'tools/verify_bundle.py');
const VECTORS = path.join(ROOT, 'tests/fixtures/bundle-vectors');
// Debian's Python, where python3-nacl is installed (another python3 may come first on PATH).
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

interface Opening {
  identityFile?: string;
  passphrase?: string;
  signers: string[];
}

interface Compared {
  ok: boolean;
  codes: string[];
}

function pythonVerify(file: string, opening: Opening): Compared & { fileHashes: Record<string, string> } {
  const args = [PYTHON_VERIFIER, file, '--json', ...(opening.identityFile ? ['--identity', opening.identityFile] : ['--passphrase']), ...opening.signers.flatMap((signer) => ['--signer', signer])];
  const run = spawnSync(PYTHON, args, { input: opening.passphrase === undefined ? '' : `${opening.passphrase}\n`, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect([0, 3]).toContain(run.status);
  const verdict = JSON.parse(run.stdout) as { ok: boolean; problems: { code: string }[]; fileHashes: Record<string, string> };
  expect(run.status).toBe(verdict.ok ? 0 : 3);
  return { ok: verdict.ok, codes: verdict.problems.map((problem) => problem.code), fileHashes: verdict.fileHashes };
}

async function nodeVerify(file: string, opening: Opening): Promise<Compared & { verdict: VerifyVerdict }> {
  const identity = opening.identityFile ? parseSecretKeyText(fs.readFileSync(opening.identityFile, 'utf8'), 'identity') : undefined;
  const verdict = await verifyBundle({ file }, {
    ...(identity ? { identity } : {}),
    ...(opening.passphrase === undefined ? {} : { passphrase: opening.passphrase }),
    knownSigners: opening.signers.map((signer) => Buffer.from(/ ([A-Za-z0-9+/=]+)\s*$/.exec(fs.readFileSync(signer, 'utf8'))![1]!, 'base64')),
  });
  return { ok: verdict.ok, codes: verdict.problems.map((problem) => problem.code), verdict };
}

let browser: Browser;
let reader: ReaderSession;
beforeAll(async () => {
  browser = await launchChromium();
  reader = await openReader(browser);
});
afterAll(async () => {
  // The reader never asked for anything but itself, through every vector and every altered bundle.
  expect(reader.requests).toEqual([]);
  await browser?.close();
});

/** The reader page's verdict, given what `sentinelle verify` was given (a signer key file is read aloud as its fingerprint). */
function readerVerify(file: string, opening: Opening): Promise<Compared> {
  const signer = opening.signers[0] ? readableFingerprint(Buffer.from(/ ([A-Za-z0-9+/=]+)\s*$/.exec(fs.readFileSync(opening.signers[0], 'utf8'))![1]!, 'base64')) : undefined;
  return reader.verify(file, { ...(opening.identityFile ? { keyFile: opening.identityFile } : { passphrase: opening.passphrase! }), ...(signer ? { signer } : {}) });
}

describe('the test vectors', () => {
  const expected = JSON.parse(fs.readFileSync(path.join(VECTORS, 'expected.json'), 'utf8')) as Record<string, { openWith: string; ok: boolean; problems: string[]; sha256: string; signer: string; files?: Record<string, string> }>;

  it.each(Object.keys(expected))('%s gives its expected verdict in every verifier', async (name) => {
    const vector = expected[name]!;
    const file = path.join(VECTORS, name);
    expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(vector.sha256);
    const opening: Opening = vector.openWith.endsWith('.key')
      ? { identityFile: path.join(VECTORS, vector.openWith), signers: [path.join(VECTORS, 'installation.pub')] }
      : { passphrase: fs.readFileSync(path.join(VECTORS, vector.openWith), 'utf8').split('\n')[0]!, signers: [path.join(VECTORS, 'installation.pub')] };
    const node = await nodeVerify(file, opening);
    const python = pythonVerify(file, opening);
    const page = await readerVerify(file, opening);
    expect(node.codes).toEqual(vector.problems);
    expect(python.codes).toEqual(vector.problems);
    expect(page.codes).toEqual(vector.problems);
    expect(page.ok).toBe(vector.ok);
    expect(node.ok).toBe(vector.ok);
    expect(python.ok).toBe(vector.ok);
    expect(node.verdict.signer?.fingerprint).toBe(vector.signer);
    if (vector.files) expect(python.fileHashes).toEqual(vector.files);
  }, slow(60_000));
});

describe('fresh exports and altered copies', () => {
  let dir: string;
  let app: App;
  let caseId: string;
  let bundle: string;
  let lawyerPair: RecipientKeyPair;
  let lawyerKeyFile: string;
  let installationFile: string;
  let recipients: { publicKey: string }[];
  const PASSPHRASE = 'correct horse battery staple';

  beforeAll(async () => {
    dir = makeTempDir('sentinelle-format-');
    app = new App({ vaultDir: path.join(dir, 'vault'), kdfCost: FAST_KDF, signaturesDir: builtinOnlySignatures(dir), printPdf: null });
    await app.call('vault.create', { passphrase: PASSPHRASE });
    caseId = (await app.call('cases.create', { label: 'Maya', pseudonym: 'Bleuet' })).id;
    await app.call('scans.host', { caseId });
    const lawyer = await app.call('keys.generate', { label: 'Maître Dupont' });
    const expert = await app.call('keys.generate', { label: 'Expert' });
    recipients = [lawyer, expert];
    lawyerPair = parseSecretKeyText(lawyer.secretKey, 'lawyer');
    lawyerKeyFile = path.join(dir, 'lawyer.key');
    fs.writeFileSync(lawyerKeyFile, lawyer.secretKey);
    installationFile = path.join(dir, 'installation.pub');
    fs.writeFileSync(installationFile, (await app.call('keys.installation', {})).publicKey);
    bundle = path.join(dir, 'case.sntl');
    await app.call('bundles.export', { caseId, out: bundle, recipients: [lawyer.publicKey, expert.publicKey], language: 'en' });
  }, slow(120_000));
  afterAll(async () => {
    await app.dispose();
    removeDir(dir);
  });

  const asLawyer = (): Opening => ({ identityFile: lawyerKeyFile, signers: [installationFile] });
  const sealedForBoth = () => recipients.map((recipient, i) => parsePublicKeyText(recipient.publicKey, `recipient ${i}`));

  it('a fresh export verifies in every verifier, and the passphrase opens one in each', async () => {
    expect(await nodeVerify(bundle, asLawyer())).toMatchObject({ ok: true, codes: [] });
    expect(pythonVerify(bundle, asLawyer())).toMatchObject({ ok: true, codes: [] });
    const withPassphrase = path.join(dir, 'passphrase.sntl');
    await app.call('bundles.export', { caseId, out: withPassphrase, recipients: [], passphrase: 'a passphrase for the lawyer', language: 'fr' });
    for (const passphrase of ['a passphrase for the lawyer', 'not the passphrase']) {
      const opening = { passphrase, signers: [installationFile] };
      const node = await nodeVerify(withPassphrase, opening);
      expect(pythonVerify(withPassphrase, opening)).toMatchObject({ ok: node.ok, codes: node.codes });
      expect(await readerVerify(withPassphrase, opening)).toMatchObject({ ok: node.ok, codes: node.codes });
      expect(node.ok).toBe(passphrase === 'a passphrase for the lawyer');
    }
  }, slow(120_000));

  it('refuses each of these by its own name: a manifest not canonical, a key twice, wrong end counts, bytes after the end, another recipient list, the first chunks swapped', async () => {
    const content = await readContent(bundle, lawyerPair);
    const canonical = Buffer.from(canonicalJson(content.signed), 'utf8');
    const cases: [string, (out: string) => Promise<void>, string[]][] = [
      ['pretty', (out) => writeContent(out, content, sealedForBoth(), { manifestBytes: Buffer.from(JSON.stringify(content.signed, null, 1)) }), ['manifest-not-canonical']],
      // A forged empty "findings" before the real one: a reader keeping the first key would show no findings.
      ['duplicate', (out) => writeContent(out, content, sealedForBoth(), { manifestBytes: Buffer.from(canonical.toString('utf8').replace('{"manifest":{', '{"manifest":{"findings":[],')) }), ['manifest-duplicate-key']],
      ['end-files', (out) => writeContent(out, content, sealedForBoth(), { endCounts: { files: content.files.length - 1, bytes: content.files.reduce((sum, file) => sum + file.bytes.length, 0) } }), ['end-counts-wrong']],
      ['end-bytes', (out) => writeContent(out, content, sealedForBoth(), { endCounts: { files: content.files.length, bytes: 1 } }), ['end-counts-wrong']],
      ['appended', async (out) => fs.writeFileSync(out, Buffer.concat([fs.readFileSync(bundle), Buffer.from('appended')])), ['trailing-bytes']],
      ['resealed', (out) => writeContent(out, content, [sealedForBoth()[0]!]), ['recipients-changed']],
      ['first-swapped', async (out) => fs.writeFileSync(out, swapMessages(bundle, 0)), ['chunks-reordered']],
      ['faithful', (out) => writeContent(out, content, sealedForBoth()), []],
    ];
    for (const [name, make, codes] of cases) {
      const out = path.join(dir, `named-${name}.sntl`);
      await make(out);
      const node = await nodeVerify(out, asLawyer());
      expect(node.codes, name).toEqual(codes);
      expect(pythonVerify(out, asLawyer()).codes, name).toEqual(codes);
      expect((await readerVerify(out, asLawyer())).codes, name).toEqual(codes);
    }
  }, slow(120_000));

  it('gives the same verdict in every verifier on a matrix of more than 200 altered bundles', async () => {
    const variants = await tamperMatrix(bundle, path.join(dir, 'matrix'), await readContent(bundle, lawyerPair), sealedForBoth());
    expect(variants.length).toBeGreaterThanOrEqual(200);
    const disagreements: string[] = [];
    const verdicts = new Map<string, number>();
    for (const variant of variants) {
      const node = await nodeVerify(variant.file, asLawyer());
      const python = pythonVerify(variant.file, asLawyer());
      const page = await readerVerify(variant.file, asLawyer());
      if (node.ok !== python.ok || node.codes.join() !== python.codes.join()) disagreements.push(`${variant.name}: node ${node.codes.join('+') || 'ok'}, python ${python.codes.join('+') || 'ok'}`);
      if (node.ok !== page.ok || node.codes.join() !== page.codes.join()) disagreements.push(`${variant.name}: node ${node.codes.join('+') || 'ok'}, reader page ${page.codes.join('+') || 'ok'}`);
      const key = node.ok ? 'verified' : node.codes.join('+');
      verdicts.set(key, (verdicts.get(key) ?? 0) + 1);
      // Only a faithful copy verifies.
      if (node.ok) expect(variant.name, 'only a faithful copy verifies').toMatch(/^faithful/);
    }
    console.log(`tamper matrix: ${variants.length} altered bundles, ${verdicts.size} distinct verdicts: ${[...verdicts].map(([key, count]) => `${key} ×${count}`).join(', ')}`);
    expect(disagreements).toEqual([]);
    // The matrix reaches most of the problem codes (not one code for every alteration).
    expect(verdicts.size).toBeGreaterThanOrEqual(12);
  }, slow(300_000));

  it('keeps the signed manifest when extracting, and checks the folder again later with verify --dir', async () => {
    const out = path.join(dir, 'extracted');
    const lawyerText = fs.readFileSync(lawyerKeyFile, 'utf8');
    const signer = fs.readFileSync(installationFile, 'utf8');
    expect((await app.call('bundles.verify', { path: bundle, identity: lawyerText, signers: [signer], extractTo: out })).ok).toBe(true);
    const signed = fs.readFileSync(path.join(out, 'manifest.signed.json'));
    expect(signed.equals(Buffer.from(canonicalJson((await readContent(bundle, lawyerPair)).signed), 'utf8'))).toBe(true);
    expect(await app.call('bundles.verifyFolder', { dir: out, signers: [signer] })).toMatchObject({ ok: true, problems: [], sealedFor: { passphrase: false } });
    // Later, someone changes an artifact and adds a file.
    const artifacts = fs.readdirSync(path.join(out, 'artifacts'));
    fs.appendFileSync(path.join(out, 'artifacts', artifacts[0]!), 'x');
    fs.writeFileSync(path.join(out, 'artifacts', 'note.txt'), 'added');
    const again = await app.call('bundles.verifyFolder', { dir: out, signers: [signer] });
    expect(again.problems.map((problem) => problem.code).sort()).toEqual(['artifact-changed', 'unexpected-file']);
    // A manifest edited in the folder no longer holds.
    const manifest = JSON.parse(signed.toString('utf8')) as { manifest: BundleManifest; signature: string };
    manifest.manifest.case.pseudonym = 'Someone else';
    fs.writeFileSync(path.join(out, 'manifest.signed.json'), canonicalJson(manifest));
    expect((await app.call('bundles.verifyFolder', { dir: out, signers: [signer] })).problems.map((problem) => problem.code)).toContain('signature-invalid');
  }, slow(60_000));

  it('says in the manifest why there is no PDF, and identical exports hold the same files', async () => {
    const first = path.join(dir, 'same-1.sntl');
    const second = path.join(dir, 'same-2.sntl');
    for (const out of [first, second]) await app.call('bundles.export', { caseId, out, recipients: [recipients[0]!.publicKey], language: 'en' });
    const [one, two] = [await readContent(first, lawyerPair), await readContent(second, lawyerPair)];
    expect(one.files.map((file) => file.name)).toEqual(two.files.map((file) => file.name));
    expect((one.signed.manifest as BundleManifest).report).toMatchObject({ pdfMissing: 'no-printer', files: [{ name: 'report.html' }] });

    // A printer that fails once (a browser slow to start) is asked again: the PDF is there both times.
    let calls = 0;
    await app.call('vault.lock', { reason: 'user' });
    const flaky = new App({ vaultDir: path.join(dir, 'vault'), kdfCost: FAST_KDF, signaturesDir: builtinOnlySignatures(dir), printPdf: async () => (++calls % 2 === 1 ? null : Buffer.from('%PDF-1.7 test')) });
    try {
      await flaky.call('vault.unlock', { passphrase: PASSPHRASE });
      for (const name of ['flaky-1.sntl', 'flaky-2.sntl']) {
        await flaky.call('bundles.export', { caseId, out: path.join(dir, name), recipients: [recipients[0]!.publicKey], language: 'en' });
        const exported = await readContent(path.join(dir, name), lawyerPair);
        expect(exported.files.map((file) => file.name).slice(0, 2)).toEqual(['report.html', 'report.pdf']);
        expect((exported.signed.manifest as BundleManifest).report.pdfMissing).toBeNull();
      }
    } finally {
      await flaky.dispose();
    }
  }, slow(120_000));
});

/** The bundle with message i and message i+1 exchanged. */
function swapMessages(file: string, i: number): Buffer {
  const bytes = fs.readFileSync(file);
  const { preludeEnd, spans } = messageSpans(file);
  const order = spans.map((span) => bytes.subarray(span.start, span.end));
  [order[i], order[i + 1]] = [order[i + 1]!, order[i]!];
  return Buffer.concat([bytes.subarray(0, preludeEnd), ...order]);
}

/** Altered copies of `file`: bytes flipped, cut, moved, removed, repeated, appended; content re-sealed. */
async function tamperMatrix(file: string, dir: string, content: BundleContent, sealedFor: ReturnType<typeof parsePublicKeyText>[]): Promise<{ name: string; file: string }[]> {
  fs.mkdirSync(dir, { recursive: true });
  const original = fs.readFileSync(file);
  const { preludeEnd, spans } = messageSpans(file);
  const variants: { name: string; file: string }[] = [];
  const add = (name: string, bytes: Buffer) => {
    const out = path.join(dir, `${name}.sntl`);
    fs.writeFileSync(out, bytes);
    variants.push({ name, file: out });
  };
  const flipped = (at: number) => {
    const copy = Buffer.from(original);
    copy[at] = copy[at]! ^ 0x5a;
    return copy;
  };
  // Flipped bytes: the magic, version, header length, across the header, the stream header, and in each message's length and body.
  for (const at of [0, 7, 9, 12, 13]) add(`flip-fixed-${at}`, flipped(at));
  for (let k = 1; k <= 8; k++) add(`flip-header-${k}`, flipped(14 + Math.floor(((preludeEnd - 38) * k) / 9)));
  add('flip-stream-header', flipped(preludeEnd - 5));
  spans.forEach((span, i) => {
    add(`flip-length-${i}`, flipped(span.start + 3));
    add(`flip-body-${i}`, flipped(Math.floor((span.start + 4 + span.end) / 2)));
    add(`flip-tag-${i}`, flipped(span.end - 1));
  });
  // Cut: inside the fixed part, the header, the stream header, at each message boundary and inside each message.
  for (const at of [0, 4, 11, 20, preludeEnd - 1, preludeEnd]) add(`cut-${at}`, original.subarray(0, at));
  spans.forEach((span, i) => {
    if (i < spans.length - 1) add(`cut-after-${i}`, original.subarray(0, span.end));
    add(`cut-inside-${i}`, original.subarray(0, span.start + 2 + Math.floor((span.end - span.start) / 2)));
  });
  // Moved, removed, repeated messages.
  const pieces = spans.map((span) => original.subarray(span.start, span.end));
  const assemble = (order: Buffer[]) => Buffer.concat([original.subarray(0, preludeEnd), ...order]);
  for (let i = 0; i < pieces.length - 1; i++) add(`swap-${i}`, swapMessages(file, i));
  for (let i = 0; i < pieces.length; i++) add(`remove-${i}`, assemble(pieces.filter((_, j) => j !== i)));
  for (let i = 0; i < pieces.length; i += 2) add(`repeat-${i}`, assemble(pieces.flatMap((piece, j) => (j === i ? [piece, piece] : [piece]))));
  // Appended: a byte, a block, the last message again.
  add('append-byte', Buffer.concat([original, Buffer.from([0])]));
  add('append-block', Buffer.concat([original, Buffer.alloc(4096, 7)]));
  add('append-last', Buffer.concat([original, pieces.at(-1)!]));
  // Re-sealed content, as a recipient holding the file key could.
  const reseal = async (name: string, changed: BundleContent, options: Parameters<typeof writeContent>[3] = {}, to = sealedFor) => {
    const out = path.join(dir, `${name}.sntl`);
    await writeContent(out, changed, to, options);
    variants.push({ name, file: out });
  };
  const clone = (): BundleContent => ({ signed: JSON.parse(JSON.stringify(content.signed)) as BundleContent['signed'], files: content.files.map((entry) => ({ ...entry, bytes: Buffer.from(entry.bytes) })) });
  await reseal('faithful', clone());
  await reseal('resealed-one', clone(), {}, [sealedFor[0]!]);
  await reseal('resealed-stranger', clone(), {}, [...sealedFor, parsePublicKeyText(`sentinelle-recipient-v1 ${Buffer.alloc(32, 9).toString('base64')} stranger`, 'stranger')]);
  await reseal('no-end', clone(), { dropEnd: true });
  await reseal('end-counts', clone(), { endCounts: { files: 99, bytes: 0 } });
  const canonical = canonicalJson(content.signed);
  await reseal('not-canonical-spaces', clone(), { manifestBytes: Buffer.from(JSON.stringify(content.signed, null, 2)) });
  await reseal('not-canonical-order', clone(), { manifestBytes: Buffer.from(JSON.stringify({ signature: content.signed.signature, manifest: content.signed.manifest })) });
  await reseal('not-canonical-number', clone(), { manifestBytes: Buffer.from(canonical.replace(/"observations":(\d+)/, '"observations":$1.0')) });
  await reseal('duplicate-key', clone(), { manifestBytes: Buffer.from(canonical.replace('{"manifest":{', '{"manifest":{"findings":[],')) });
  await reseal('not-json', clone(), { manifestBytes: Buffer.from(canonical.slice(0, -1)) });
  await reseal('not-utf8', clone(), { manifestBytes: Buffer.concat([Buffer.from(canonical.slice(0, 20)), Buffer.from([0xff]), Buffer.from(canonical.slice(20))]) });
  const edited = clone();
  (edited.signed.manifest.case as { pseudonym: string }).pseudonym = 'Someone else';
  await reseal('manifest-edited', edited);
  const extraMember = clone();
  (extraMember.signed as unknown as Record<string, unknown>).note = 'added';
  await reseal('signed-extra-member', extraMember);
  const replaced = clone();
  const artifact = replaced.files.find((entry) => entry.name.startsWith('artifacts/'))!;
  artifact.bytes = Buffer.concat([artifact.bytes.subarray(1), Buffer.from('X')]);
  await reseal('artifact-replaced', replaced);
  const missing = clone();
  missing.files.pop();
  await reseal('artifact-removed', missing);
  const extra = clone();
  extra.files.push({ name: `artifacts/${'a'.repeat(64)}`, sha256: 'a'.repeat(64), size: 1, bytes: Buffer.from('x') });
  await reseal('file-added', extra);
  const outside = clone();
  outside.files.push({ name: '../escape.txt', sha256: 'b'.repeat(64), size: 1, bytes: Buffer.from('x') });
  await reseal('file-outside', outside);
  const twice = clone();
  twice.files.push({ ...twice.files[0]! });
  await reseal('file-twice', twice);
  // Re-signed by another key: the signature holds, but not the signer, nor the custody chain.
  const other = { publicKey: Buffer.alloc(sodium.crypto_sign_PUBLICKEYBYTES), secretKey: Buffer.alloc(sodium.crypto_sign_SECRETKEYBYTES) };
  sodium.crypto_sign_keypair(other.publicKey, other.secretKey);
  const resigned = clone();
  resigned.signed.manifest.installation = { publicKey: other.publicKey.toString('hex'), fingerprint: readableFingerprint(other.publicKey) };
  const signature = Buffer.alloc(sodium.crypto_sign_BYTES);
  sodium.crypto_sign_detached(signature, Buffer.from(canonicalJson(resigned.signed.manifest), 'utf8'), other.secretKey);
  resigned.signed.signature = signature.toString('hex');
  await reseal('resigned', resigned);
  // A custody entry of the case edited (and the manifest signed again by the installation is impossible here: left unsigned).
  const custody = clone();
  const entries = (custody.signed.manifest.custody as { entries: { action: string }[] }).entries;
  entries[0]!.action = 'case.forged';
  await reseal('custody-edited', custody);
  // What docs/bundle-format.md settles, each as a recipient holding the file key could make it.
  // The clear header not in canonical form: spaces, members reordered, a member twice, a \u escape.
  await reseal('header-spaces', clone(), { headerText: (text) => JSON.stringify(JSON.parse(text), null, 1) });
  await reseal('header-reordered', clone(), { headerText: (text) => JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(text) as object).reverse())) });
  await reseal('header-repeated', clone(), { headerText: (text) => text.replace('{"chunkSize":', '{"chunkSize":1024,"chunkSize":') });
  await reseal('header-escaped', clone(), { headerText: (text) => text.replace('"sentinelle-bundle"', '"\\u0073entinelle-bundle"') });
  // Fingerprints in lower case where the manifest has them in capitals: the same fingerprints.
  await reseal('faithful-lowercase-fingerprints', clone(), { fingerprintText: (fingerprint) => fingerprint.toLowerCase() });
  // Tags the writer never uses.
  await reseal('tag-push', clone(), { tagOf: (i, last) => (last ? 3 : i === 2 ? 1 : 0) });
  await reseal('tag-rekey', clone(), { tagOf: (i, last) => (last ? 3 : i === 1 ? 2 : 0) });
  // A record of a kind the format does not define.
  await reseal('record-unknown', clone(), { extraRecordType: 0x58 });
  // The manifest's forms (section 5): each refused before its signature is looked at.
  const edit = async (name: string, change: (manifest: Record<string, unknown>) => void) => {
    const changed = clone();
    change(changed.signed.manifest);
    await reseal(name, changed);
  };
  const artifacts = (manifest: Record<string, unknown>) => manifest.artifacts as Record<string, unknown>[];
  await edit('form-extra-member', (manifest) => (manifest.note = 'added'));
  await edit('form-missing-member', (manifest) => delete manifest.excludedClasses);
  await edit('form-created-at', (manifest) => (manifest.createdAt = '7 December 2026'));
  await edit('form-artifact-twice', (manifest) => artifacts(manifest).push({ ...artifacts(manifest)[0]! }));
  await edit('form-artifact-class', (manifest) => (artifacts(manifest)[0]!.class = 'photos'));
  await edit('form-included-against-excluded', (manifest) => (manifest.excludedClasses = [artifacts(manifest)[0]!.class]));
  await edit('form-report-name', (manifest) => ((manifest.report as { files: { name: string }[] }).files[0]!.name = 'report.txt'));
  await edit('form-pdf-missing', (manifest) => ((manifest.report as { pdfMissing: string | null }).pdfMissing = null));
  await edit('form-fingerprint', (manifest) => ((manifest.installation as { fingerprint: string }).fingerprint = 'PF7W-0GAN-2V47-4K4X-E6C9'));
  await edit('form-custody-entry', (manifest) => ((manifest.custody as { entries: Record<string, unknown>[] }).entries[0]!.seq = 'one'));
  await edit('form-custody-signature', (manifest) => ((manifest.custody as { entries: Record<string, unknown>[] }).entries[0]!.signature = 'abc'));
  return variants;
}
