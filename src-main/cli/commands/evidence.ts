// Evidence bundles on the command line: `keys generate` (a lawyer's or expert's recipient key pair),
// `keys installation` (this installation's public signing key, to check who made a bundle), `export`
// (a case sealed for recipients and/or a passphrase) and `verify` (no vault needed: decrypt, check, and
// optionally extract; exit 0 only when everything holds).
import fs from 'node:fs';
import path from 'node:path';
import type { ArtifactClass, ExportResult, VerifyVerdict } from '../../../src-shared/bundle.js';
import { ArtifactClass as ArtifactClassSchema, READABLE_FINGERPRINT } from '../../../src-shared/bundle.js';
import { verifyCommand } from '../format.js';
import type { Command } from '../command.js';
import { caseOption, stringList, stringOption, type OptionValues } from '../command.js';
import { CONSULTATION_PARTS, ConsultationPart } from '../../../src-shared/consultation.js';
import { CliUsageError, EXIT_CHECK_FAILED } from '../errors.js';
import { fileArgument, keyPairDestination, readInputFile, writeKeyPair, writeNewFile } from '../files.js';
import type { SecretRequest } from '../secrets.js';
import { version as toolVersion } from '../../package-info.js';

const BUNDLE_PASSPHRASE: SecretRequest = { name: 'bundlePassphrase', env: 'SENTINELLE_BUNDLE_PASSPHRASE', prompt: 'Bundle passphrase' };

export const keysGenerate: Command = {
  words: ['keys', 'generate'],
  summary: 'make a recipient key pair for evidence bundles: NAME.pub to share, NAME.key to keep (no vault needed)',
  usage: 'keys generate --out NAME [--label TEXT] [--json]',
  options: { out: { type: 'string' }, label: { type: 'string' } },
  unlocks: false,
  async run({ app, values, print }) {
    const out = stringOption(values, 'out');
    const files = keyPairDestination(out);
    const pair = await app.call('keys.generate', { label: stringOption(values, 'label') ?? path.basename(out!) });
    writeKeyPair(files, pair.publicKey, pair.secretKey);
    print(
      `Wrote ${files.publicFile} (send it to the advocate) and ${files.secretFile} (keep it secret: it opens the bundles sealed for you).\nFingerprint: ${pair.fingerprint} — read it to the advocate so she can check she has the right key.`,
      { ...files, fingerprint: pair.fingerprint },
    );
  },
};

export const keysInstallation: Command = {
  words: ['keys', 'installation'],
  summary: 'write this installation’s public signing key (NAME.pub), so a lawyer can check who made a bundle',
  usage: 'keys installation --out NAME [--json]',
  options: { out: { type: 'string' } },
  unlocks: true,
  async run({ app, values, print }) {
    const out = stringOption(values, 'out');
    if (!out) throw new CliUsageError('Where should the key go? Give --out NAME (writes NAME.pub).');
    const key = await app.call('keys.installation', {});
    writeNewFile(`${out}.pub`, key.publicKey);
    print(`Wrote ${out}.pub. Fingerprint: ${key.fingerprint}`, { publicKeyFile: `${out}.pub`, fingerprint: key.fingerprint });
  },
};

function exportText(result: ExportResult, generatedPassphrase: string | null): string {
  return [
    `Sealed ${result.path} (${result.size} bytes, ${result.artifacts} artifact(s)${result.excludedArtifacts ? `, ${result.excludedArtifacts} left out` : ''}${result.pdf ? ', report in HTML and PDF' : ', report in HTML only: no Chromium or Chrome could print it to PDF'}).`,
    `SHA-256: ${result.sha256}`,
    result.recipients.length ? `Recipients: ${result.recipients.join(', ')}` : 'Opened with the passphrase only.',
    `Signed by this installation: ${result.installationFingerprint}`,
    ...(result.reader?.path ? [`The lawyer opens it in any browser with ${result.reader.path} (SHA-256 ${result.reader.sha256}), or checks it with: ${verifyCommand(result, 'THEIR.key')}`] : [`The lawyer checks it with: ${verifyCommand(result, 'THEIR.key')}`]),
    ...(result.reader?.problem ? [`The reader page was not written beside it: ${result.reader.problem}`] : []),
    ...(generatedPassphrase ? ['', `Passphrase (shown this once; tell it to the lawyer by phone, never in the same message as the file):`, `  ${generatedPassphrase}`] : []),
  ].join('\n');
}

/** `--consultation`: the parts of the consultation she chose to share, or `none`; absent, all but her safety planning. */
function consultationParts(values: OptionValues): ConsultationPart[] | undefined {
  if (values.consultation === undefined) return undefined;
  const names = stringList(values, 'consultation', true);
  if (names.length === 1 && names[0] === 'none') return [];
  return names.map((name) => {
    const parsed = ConsultationPart.safeParse(name);
    if (!parsed.success) throw new CliUsageError(`--consultation ${name}: choose none, or among ${CONSULTATION_PARTS.join(', ')}.`);
    return parsed.data;
  });
}

export const exportBundle: Command = {
  words: ['export'],
  summary: 'seal a case as an evidence bundle for recipients (their .pub files) and/or a passphrase',
  usage: 'export --case ID --out FILE [--recipient KEYFILE…] [--passphrase | --generate-passphrase] [--with-reader] [--exclude apps,browsing-history,backup-files,listings,files] [--consultation none|concerns,devices,checks,vulnerabilities,safety-planning,changes,follow-ups] [--redact] [--lang en|fr] [--json]',
  options: {
    case: { type: 'string' },
    out: { type: 'string' },
    recipient: { type: 'string', multiple: true },
    passphrase: { type: 'boolean' },
    'generate-passphrase': { type: 'boolean' },
    'with-reader': { type: 'boolean' },
    exclude: { type: 'string', multiple: true },
    consultation: { type: 'string', multiple: true },
    redact: { type: 'boolean' },
    lang: { type: 'string' },
  },
  unlocks: true,
  secrets: async (_app, values) => (values.passphrase === true ? [{ ...BUNDLE_PASSPHRASE, confirm: true }] : []),
  async run({ app, values, positionals, secrets, print, note }) {
    const out = stringOption(values, 'out');
    if (!out) throw new CliUsageError('Where should the bundle go? Give --out FILE.');
    // `--recipient A.pub B.pub`: every file named after --recipient is a recipient's key (the shell leaves the
    // second one as a plain argument; export takes no other).
    if (positionals.length > 0 && values.recipient === undefined) throw new CliUsageError(`export takes no file of its own (${positionals[0]}): give recipients' keys after --recipient.`);
    const recipients = [...stringList(values, 'recipient'), ...positionals].map((file) => readInputFile(file, 64 * 1024).toString('utf8'));
    if (values.passphrase === true && values['generate-passphrase'] === true) throw new CliUsageError('Give --passphrase (yours, from standard input) or --generate-passphrase (one made for you), not both.');
    const lang = stringOption(values, 'lang') ?? 'en';
    if (lang !== 'en' && lang !== 'fr') throw new CliUsageError('--lang is en or fr.');
    const generated = values['generate-passphrase'] === true ? (await app.call('bundles.passphrase', { language: lang })).passphrase : null;
    const passphrase = generated ?? secrets.bundlePassphrase;
    if (recipients.length === 0 && !passphrase) throw new CliUsageError('Who may open it? Give --recipient KEYFILE (a lawyer’s .pub file), --passphrase or --generate-passphrase.');
    const exclude = stringList(values, 'exclude', true).map((name) => {
      const parsed = ArtifactClassSchema.safeParse(name);
      if (!parsed.success) throw new CliUsageError(`--exclude ${name}: choose among ${ArtifactClassSchema.options.join(', ')}.`);
      return parsed.data as ArtifactClass;
    });
    const consultation = consultationParts(values);
    let last = -1;
    const unsubscribe = app.subscribe((event, payload) => {
      if (event !== 'bundle.progress') return;
      const { bytes, totalBytes } = payload as { bytes: number; totalBytes: number };
      const percent = totalBytes > 0 ? Math.floor((bytes / totalBytes) * 10) * 10 : 100;
      if (percent !== last) note(`${percent}%`);
      last = percent;
    });
    try {
      const result = await app.call('bundles.export', { caseId: caseOption(values), out, withReader: values['with-reader'] === true, recipients, ...(passphrase ? { passphrase } : {}), exclude, ...(consultation ? { consultation } : {}), redact: values.redact === true, language: lang });
      print(exportText(result, generated), { ...result, ...(generated ? { generatedPassphrase: generated } : {}) });
    } finally {
      unsubscribe();
    }
  },
};

function verdictText(verdict: VerifyVerdict, extractAsked: boolean): string {
  const lines = [verdict.ok ? 'VERIFIED: the bundle is complete, unaltered and signed.' : 'NOT VERIFIED:', ...verdict.problems.map((problem) => `  - ${problem.message}`)];
  if (verdict.case) lines.push(`Case ${verdict.case.id} (${verdict.case.pseudonym}), made ${verdict.createdAt}`);
  if (verdict.sealedFor) lines.push(`Sealed for: ${[...verdict.sealedFor.recipients, ...(verdict.sealedFor.passphrase ? ['a passphrase'] : [])].join(', ')} (as the signed manifest says)`);
  if (verdict.signer) lines.push(`Signed by installation ${verdict.signer.fingerprint}${verdict.signer.known === null ? ' (not checked: pass --signer with its key file or fingerprint)' : verdict.signer.known ? ' (known)' : ' (NOT a known key)'}`);
  lines.push(`Files: ${verdict.files.verified} of ${verdict.files.expected} verified${verdict.files.excluded ? `, ${verdict.files.excluded} left out by the sender` : ''}; ${verdict.findings} finding(s); ${verdict.custodyEntries} custody entr${verdict.custodyEntries === 1 ? 'y' : 'ies'} for the case.`);
  if (verdict.extractedTo) lines.push(`Extracted to ${verdict.extractedTo}`);
  else if (extractAsked && !verdict.ok) lines.push('Nothing was extracted: only a bundle that verifies is extracted.');
  return lines.join('\n');
}

export const verifyBundle: Command = {
  words: ['verify'],
  summary: 'decrypt and check an evidence bundle (no vault needed); exit 0 only when everything holds',
  usage: 'verify FILE [--identity KEYFILE | --passphrase] [--signer KEYFILE|FINGERPRINT…] [--extract DIR] [--json]  |  verify --dir DIR [--signer …]',
  options: { identity: { type: 'string' }, passphrase: { type: 'boolean' }, signer: { type: 'string', multiple: true }, extract: { type: 'string' }, dir: { type: 'string' } },
  unlocks: false,
  secrets: async (_app, values) => (values.passphrase === true ? [BUNDLE_PASSPHRASE] : []),
  async run({ app, values, positionals, secrets, print }) {
    // A signer's key file, or its fingerprint as the advocate read it aloud (PF7W-0GAN-…).
    const signers = stringList(values, 'signer').map((signer) => (READABLE_FINGERPRINT.test(signer) ? signer : readInputFile(signer, 64 * 1024).toString('utf8')));
    const dir = stringOption(values, 'dir');
    if (dir !== undefined) {
      if (positionals.length > 0 || values.identity !== undefined || values.passphrase === true || values.extract !== undefined) throw new CliUsageError('--dir checks a folder that --extract made: give only the folder (and --signer).');
      const verdict = await app.call('bundles.verifyFolder', { dir, signers });
      print(verdictText(verdict, false), verdict);
      return verdict.ok ? undefined : EXIT_CHECK_FAILED;
    }
    const file = fileArgument(positionals, 'bundle to verify');
    const identityFile = stringOption(values, 'identity');
    if (!identityFile && values.passphrase !== true) throw new CliUsageError('How to open it? Give --identity KEYFILE (your .key file) or --passphrase.');
    const extract = stringOption(values, 'extract');
    const verdict = await app.call('bundles.verify', {
      path: file,
      ...(identityFile ? { identity: readInputFile(identityFile, 64 * 1024).toString('utf8') } : {}),
      ...(secrets.bundlePassphrase ? { passphrase: secrets.bundlePassphrase } : {}),
      signers,
      ...(extract ? { extractTo: extract } : {}),
    });
    print(verdictText(verdict, extract !== undefined), verdict);
    return verdict.ok ? undefined : EXIT_CHECK_FAILED;
  },
};

export const readerPage: Command = {
  words: ['reader'],
  summary: 'write the lawyer’s reader page (one HTML file that opens bundles in any browser, offline) and print its SHA-256',
  usage: 'reader --out FILE [--json]',
  options: { out: { type: 'string' } },
  unlocks: false,
  async run({ app, values, print }) {
    const out = stringOption(values, 'out');
    if (!out) throw new CliUsageError('Where should the page go? Give --out FILE (for example sentinelle-reader.html).');
    if (fs.existsSync(out)) throw new CliUsageError(`${out} already exists; nothing was overwritten.`);
    const saved = await app.call('reader.save', { out });
    const info = await app.call('reader.info', {});
    print(`Wrote ${saved.path}: the reader page of Sentinelle ${toolVersion}, SHA-256 ${saved.sha256}.\nOpen it in any browser (nothing to install, no network needed), choose the bundle, type the passphrase or choose the key file.`, { path: saved.path, sha256: saved.sha256, size: info.size });
  },
};

/** This file's commands, in the order `sentinelle help` lists them. */
export const commands: readonly Command[] = [keysGenerate, keysInstallation, exportBundle, verifyBundle, readerPage];
