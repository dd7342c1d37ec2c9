// `sentinelle signatures info|import|verify|keygen|sign|trust`: what the installation detects with,
// importing a pack or feed (a USB stick at a shelter with no network), and the publisher's tools.
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { CliUsageError, EXIT_CHECK_FAILED } from '../errors.js';
import { fileArgument, keyPairDestination, readInputFile, writeKeyPair, writeNewFile } from '../files.js';

/** The detached signature next to a pack: `--signature FILE`, else `PACK.sig` when it exists. */
function signatureText(packFile: string, explicit: string | undefined): string | null {
  const candidate = explicit ?? `${packFile}.sig`;
  if (explicit === undefined && !fs.existsSync(candidate)) return null;
  return readInputFile(candidate, 64 * 1024).toString('utf8');
}

export const signaturesInfo: Command = {
  words: ['signatures', 'info'],
  summary: 'show the signature database, community feeds and imported sets in use, and the trusted keys',
  usage: 'signatures info [--json]',
  options: {},
  unlocks: true,
  async run({ app, print }) {
    const info = await app.call('signatures.info', {});
    const lines = [
      `Database: ${info.database.name} ${info.database.version} — ${info.database.signatures} products (sha256 ${info.database.sha256.slice(0, 16)}…)`,
      info.community
        ? `Community feeds (compiled ${info.community.compiledAt.slice(0, 10)}): ${info.community.sets.map((set) => `${set.name} (${set.signatures})`).join(', ')}`
        : 'Community feeds: none compiled (run `npm run signatures:update` when packaging).',
      `Imported into this vault: ${info.imported.length === 0 ? 'nothing' : info.imported.map((set) => `${set.name} ${set.version} (${set.signatures}${set.trusted ? '' : ', UNTRUSTED'})`).join(', ')}`,
      `In use: ${info.totalSignatures} signatures, ${info.totalIndicators} indicators`,
      `Trusted keys: ${info.trustedKeys.length === 0 ? 'none' : info.trustedKeys.map((key) => `${key.label} [${key.fingerprint}] (${key.origin})`).join('; ')}`,
      ...(info.credits.length > 0 ? ['Credits:', ...info.credits.map((credit) => `  ${credit}`)] : []),
    ];
    print(lines.join('\n'), info);
  },
};

export const signaturesImport: Command = {
  words: ['signatures', 'import'],
  summary: 'import signature packs (each with its .sig) or community feed files into the vault',
  usage: 'signatures import FILE… [--signature SIGFILE] [--untrusted] [--json]   (--signature with one FILE only)',
  options: { signature: { type: 'string' }, untrusted: { type: 'boolean', default: false } },
  unlocks: true,
  async run({ app, values, positionals, print }) {
    fileArgument(positionals, 'file to import');
    const explicit = stringOption(values, 'signature');
    if (explicit !== undefined && positionals.length > 1) throw new CliUsageError('--signature names the signature of one file: import the files one at a time, or put each FILE.sig beside its FILE.');
    // Each file in turn, as given; one that fails stops here, with those before it imported and said so.
    const results = [];
    const lines: string[] = [];
    for (const file of positionals) {
      const result = await app.call('signatures.import', {
        fileName: path.basename(file),
        content: readInputFile(file).toString('base64'),
        signature: signatureText(file, explicit),
        allowUntrusted: values.untrusted === true,
      });
      results.push(result);
      lines.push(
        result.alreadyShipped
          ? `${path.basename(file)}: everything in ${result.name} ${result.version} is already shipped with Sentinelle; nothing was added.`
          : result.alreadyImported
          ? `${path.basename(file)}: already imported as ${result.name} ${result.version}; nothing was changed.`
          : `Imported ${result.name} ${result.version} from ${path.basename(file)}: ${result.signatures} signatures${result.trusted ? '' : ' — imported as UNTRUSTED, and recorded as such'}.`,
        ...(result.alreadyImported ? [] : Object.entries(result.stats).map(([key, count]) => `  ${key}: ${count}`)),
        ...result.notes.filter((note) => !result.alreadyImported || !(note.startsWith('This file was already imported') || note.startsWith('Everything in this file'))).map((note) => `Note: ${note}`),
      );
    }
    print(lines.join('\n'), results.length === 1 ? results[0] : results);
  },
};

export const signaturesVerify: Command = {
  words: ['signatures', 'verify'],
  summary: 'check a pack or feed file without importing it: format, contents and signature',
  usage: 'signatures verify FILE [--signature SIGFILE] [--key PUBFILE] [--json]   (exit 0 only for a pack signed by a trusted key)',
  options: { signature: { type: 'string' }, key: { type: 'string', multiple: true } },
  unlocks: false,
  async run({ app, values, positionals, print }) {
    const file = fileArgument(positionals, 'file to verify');
    const keyFiles = (values.key as unknown as string[] | undefined) ?? [];
    const outcome = await app.call('signatures.verify', {
      fileName: path.basename(file),
      content: readInputFile(file).toString('base64'),
      signature: signatureText(file, stringOption(values, 'signature')),
      extraKeys: keyFiles.map((keyFile) => readInputFile(keyFile, 64 * 1024).toString('utf8')),
    });
    const verdict = outcome.trusted ? `signed by ${outcome.signer}` : `NOT TRUSTED: ${outcome.message}`;
    print([`${path.basename(file)}: ${outcome.name} ${outcome.version}, ${outcome.signatures} valid signatures.`, `Signature: ${verdict}`, ...outcome.notes.map((note) => `Note: ${note}`)].join('\n'), outcome);
    return outcome.trusted ? undefined : EXIT_CHECK_FAILED;
  },
};

export const signaturesKeygen: Command = {
  words: ['signatures', 'keygen'],
  summary: 'make a key pair for signing packs: NAME.pub to share, NAME.key to keep secret',
  usage: 'signatures keygen --out NAME [--label TEXT] [--json]',
  options: { out: { type: 'string' }, label: { type: 'string' } },
  unlocks: false,
  async run({ app, values, print }) {
    const out = stringOption(values, 'out');
    const files = keyPairDestination(out);
    const pair = await app.call('signatures.generateKeyPair', { label: stringOption(values, 'label') ?? path.basename(out!) });
    writeKeyPair(files, pair.publicKeyFile, pair.secretKeyFile);
    print(`Wrote ${files.publicFile} (share it) and ${files.secretFile} (keep it secret, offline).\nFingerprint: ${pair.fingerprint}`, { ...files, fingerprint: pair.fingerprint });
  },
};

export const signaturesSign: Command = {
  words: ['signatures', 'sign'],
  summary: 'sign a pack with a secret key, writing PACK.sig next to it',
  usage: 'signatures sign PACK --key NAME.key [--out SIGFILE] [--json]',
  options: { key: { type: 'string' }, out: { type: 'string' } },
  unlocks: false,
  async run({ app, values, positionals, print }) {
    const pack = fileArgument(positionals, 'pack to sign');
    const keyFile = stringOption(values, 'key');
    if (!keyFile) throw new CliUsageError('Which key signs it? Give --key NAME.key.');
    const out = stringOption(values, 'out') ?? `${pack}.sig`;
    if (fs.existsSync(out)) throw new CliUsageError(`${out} already exists; nothing was overwritten.`);
    const signed = await app.call('signatures.sign', { content: readInputFile(pack).toString('base64'), secretKeyFile: readInputFile(keyFile, 64 * 1024).toString('utf8') });
    writeNewFile(out, signed.signatureFile);
    print(`Wrote ${out}, signed by ${signed.signer} [${signed.fingerprint}].`, { signatureFile: out, fingerprint: signed.fingerprint });
  },
};

export const signaturesTrust: Command = {
  words: ['signatures', 'trust'],
  summary: 'trust a publisher’s public key (a shelter network) for packs imported into this vault',
  usage: 'signatures trust KEYFILE.pub [--json]',
  options: {},
  unlocks: true,
  async run({ app, positionals, print }) {
    const keyFile = fileArgument(positionals, 'public key file');
    const trusted = await app.call('signatures.trustKey', { publicKeyFile: readInputFile(keyFile, 64 * 1024).toString('utf8') });
    print(`Trusted ${trusted.label} [${trusted.fingerprint}]. Compare this fingerprint with the publisher's, read aloud.`, trusted);
  },
};

/** This file's commands, in the order `sentinelle help` lists them. */
export const commands: readonly Command[] = [signaturesInfo, signaturesImport, signaturesVerify, signaturesKeygen, signaturesSign, signaturesTrust];
