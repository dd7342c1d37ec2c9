// Makes the bundle test vectors of docs/bundle-format.md (section 9) into tests/fixtures/bundle-vectors/:
// small bundles sealed by Sentinelle's own exporter from a fresh vault with one case (no scan: nothing of a
// real phone or of this computer is in them), the recipient's key files, the installation's public key, the
// passphrase, and expected.json (verdict, the bundle's and the signed manifest's SHA-256, each file's hash).
// One vector is a copy re-sealed for the recipient alone, whose expected verdict is `recipients-changed`.
// Run: npx tsx scripts/make-bundle-vectors.ts   (the files are committed; run it again only to remake them).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App } from '../src-main/app.js';
import { parsePublicKeyText, parseSecretKeyText } from '../src-main/evidence/recipient-keys.js';
import { readContent, writeContent } from '../tests/helpers/bundles.js';

const OUT = path.resolve('tests/fixtures/bundle-vectors');
const PASSPHRASE = 'a passphrase for the test vectors';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function main(): Promise<void> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'sentinelle-vectors-'));
  const app = new App({ vaultDir: path.join(work, 'vault'), kdfCost: { opslimit: 1, memlimit: 8 * 1024 * 1024 }, printPdf: null });
  try {
    fs.rmSync(OUT, { recursive: true, force: true });
    fs.mkdirSync(OUT, { recursive: true });
    await app.call('vault.create', { passphrase: 'vault passphrase for the vectors' });
    const { id: caseId } = await app.call('cases.create', { label: 'Test vector', pseudonym: 'Vecteur' });
    const recipient = await app.call('keys.generate', { label: 'Test vector recipient' });
    const installation = await app.call('keys.installation', {});
    fs.writeFileSync(path.join(OUT, 'recipient.pub'), recipient.publicKey);
    fs.writeFileSync(path.join(OUT, 'recipient.key'), recipient.secretKey);
    fs.writeFileSync(path.join(OUT, 'installation.pub'), installation.publicKey);
    fs.writeFileSync(path.join(OUT, 'passphrase.txt'), `${PASSPHRASE}\n`);
    await app.call('bundles.export', { caseId, out: path.join(OUT, 'recipient.sntl'), recipients: [recipient.publicKey], language: 'en' });
    await app.call('bundles.export', { caseId, out: path.join(OUT, 'passphrase.sntl'), recipients: [], passphrase: PASSPHRASE, language: 'fr' });
    // The first, re-sealed by its recipient for the recipient and a stranger: everything holds but who it is sealed for.
    const pair = parseSecretKeyText(recipient.secretKey, 'recipient');
    const stranger = await app.call('keys.generate', { label: 'Someone else' });
    await writeContent(path.join(OUT, 'resealed.sntl'), await readContent(path.join(OUT, 'recipient.sntl'), pair), [parsePublicKeyText(recipient.publicKey, 'recipient'), parsePublicKeyText(stranger.publicKey, 'stranger')]);

    const expected: Record<string, unknown> = {};
    for (const [name, opening, problems] of [
      ['recipient.sntl', 'recipient.key', []],
      ['passphrase.sntl', 'passphrase.txt', []],
      ['resealed.sntl', 'recipient.key', ['recipients-changed']],
    ] as const) {
      const file = path.join(OUT, name);
      const content = name === 'passphrase.sntl' ? null : await readContent(file, pair);
      expected[name] = {
        openWith: opening,
        ok: problems.length === 0,
        problems,
        sha256: sha256(fs.readFileSync(file)),
        signer: installation.fingerprint,
        ...(content ? { files: Object.fromEntries(content.files.map((entry) => [entry.name, entry.sha256])) } : {}),
      };
    }
    fs.writeFileSync(path.join(OUT, 'expected.json'), `${JSON.stringify(expected, null, 2)}\n`);
  } finally {
    await app.dispose();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
