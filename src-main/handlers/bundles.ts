// The API's handlers for evidence bundles: recipients' keys, this installation's key, a passphrase to say
// aloud, the report's preview, sealing a case (to a file, or as a download with the reader page beside it),
// the lawyer's reader page, and verifying a bundle (in a worker thread) or a folder extracted from one.
import path from 'node:path';
import sodium from 'sodium-native';
import { READABLE_FINGERPRINT, type ReaderCopy } from '../../src-shared/bundle.js';
import { caseContents, exportCase, previewReport, type SignatureVersions } from '../evidence/export-case.js';
import { READER_FILE_NAME, readerPage, writeReaderAs, writeReaderInto, type ReaderPage } from '../evidence/reader-page.js';
import { generateSpokenPassphrase } from '../evidence/spoken-passphrase.js';
import { generateRecipientKeyPair, installationKeyText, parseInstallationKeyText, parsePublicKeyText, parseSecretKeyText, publicKeyText, readableFingerprint, secretKeyText } from '../evidence/recipient-keys.js';
import { unverifiableVerdict, verifyExtractedFolder } from '../evidence/verify-bundle.js';
import { version as toolVersion } from '../package-info.js';
import type { VerifiedBundle, VerifyProgress } from '../evidence/verify-bundle.js';
import { ParseLimitError, parseInWorker } from '../system/parse-worker.js';
import type { AppContext, HandlersFor } from './app-context.js';

/** A bundle whose verification makes no progress for this long is given up on (a real one streams steadily). */
const BUNDLE_STALL_MS = 60_000;

export function bundleHandlers(ctx: AppContext): HandlersFor<'keys.' | 'bundles.' | 'reports.' | 'reader.'> {
  return {
    'keys.generate': ({ label }) => {
      const pair = generateRecipientKeyPair(label);
      return { publicKey: publicKeyText(pair), secretKey: secretKeyText(pair), fingerprint: pair.fingerprint };
    },
    'keys.describe': ({ publicKey }) => {
      const key = parsePublicKeyText(publicKey, 'This key');
      return { label: key.label, fingerprint: key.fingerprint };
    },
    'keys.installation': () => {
      const { signer } = ctx.requireVault();
      return { publicKey: installationKeyText(signer.publicKey), fingerprint: readableFingerprint(signer.publicKey) };
    },
    'bundles.export': async ({ caseId, out, download, withReader, recipients, passphrase, exclude, redact, consultation, language }) => {
      const vault = ctx.requireVault();
      const reader = readerIfBuilt();
      // A download is written into the vault's private download folder (it is sealed: nothing there is in clear).
      const target = download ? ctx.downloads.reserve() : null;
      const sealed = await exportCase(vault, {
        caseId,
        out: target ? target.file : path.resolve(out!),
        recipients: recipients.map((text, i) => parsePublicKeyText(text, `recipient key ${i + 1}`)),
        ...(passphrase === undefined ? {} : { passphrase }),
        exclude,
        redact,
        consultation,
        language,
        toolVersion,
        signatures: signatureVersions(ctx),
        readerSha256: reader?.sha256 ?? null,
        clock: ctx.clock,
        ...(ctx.printPdf ? { printPdf: ctx.printPdf } : {}),
        onProgress: (bytes, totalBytes) => {
          ctx.touch();
          ctx.emit('bundle.progress', { path: out ?? 'download', phase: 'export', bytes, totalBytes });
        },
      });
      ctx.forward.bundleExported(vault, caseId, sealed.sha256);
      return {
        ...sealed,
        path: target ? null : sealed.path,
        download: target ? target.offer(sealed.suggestedName) : null,
        reader: withReader ? copyReader(ctx, target ? { download: true } : { folder: path.dirname(sealed.path) }) : null,
      };
    },
    'bundles.passphrase': ({ language }) => generateSpokenPassphrase(language),
    'bundles.contents': ({ caseId }) => caseContents(ctx.requireVault(), caseId),
    'reports.preview': ({ caseId, language, redact, consultation }) => ({
      html: previewReport(ctx.requireVault(), { caseId, language, redact, consultation, toolVersion, signatures: signatureVersions(ctx), readerSha256: readerIfBuilt()?.sha256 ?? null, clock: ctx.clock }),
    }),
    'reader.info': () => {
      const page = readerPage();
      return { fileName: READER_FILE_NAME, sha256: page.sha256, size: page.bytes.length };
    },
    'reader.save': (where) => saveReader(ctx, where),
    'bundles.verifyFolder': ({ dir, signers }) => verifyExtractedFolder(path.resolve(dir), { knownSigners: trustedSigners(ctx, signers) }),
    'bundles.verify': async ({ path: file, upload, identity, passphrase, signers, extractTo, withReport }) => {
      const knownSigners = trustedSigners(ctx, signers);
      const identityPair = identity === undefined ? undefined : parseSecretKeyText(identity, 'the secret key file');
      try {
        // In a worker thread: a hostile bundle cannot hold the window, and a 100 GB one does not either.
        return await parseInWorker<VerifiedBundle>(
          {
            kind: 'bundle-verify',
            file: file === undefined ? null : path.resolve(file),
            spooled: upload === undefined ? null : ctx.uploads.spooled(upload),
            identity: identityPair ?? null,
            passphrase: passphrase ?? null,
            knownSigners,
            extractTo: extractTo ?? null,
            withReport,
          },
          {
            timeoutMs: BUNDLE_STALL_MS,
            onProgress: (progress) => {
              const { bytes, totalBytes } = progress as VerifyProgress;
              ctx.emit('bundle.progress', { path: file ?? ctx.uploads.describe(upload!)?.name ?? 'upload', phase: 'verify', bytes, totalBytes });
            },
          },
        );
      } catch (error) {
        if (error instanceof ParseLimitError) return unverifiableVerdict(`Sentinelle stopped reading it: ${error.message}.`);
        throw error;
      } finally {
        // The recipient's secret key lives only for the verification.
        if (identityPair) sodium.sodium_memzero(identityPair.secretKey);
      }
    },
  };
}

/** The signature database and lists in use, as a bundle's manifest records them. */
function signatureVersions(ctx: AppContext): SignatureVersions {
  const info = ctx.signatures.info(ctx.requireVault());
  return {
    database: { name: info.database.name, version: info.database.version, sha256: info.database.sha256 },
    community: (info.community?.sets ?? []).map((set) => ({ name: set.name, version: set.version, credit: set.credit, source: set.source ? `${set.source.repository} at ${set.source.commit} (${set.source.licence})` : null })),
    imported: info.imported.map((set) => ({ name: set.name, version: set.version, trusted: set.trusted, signer: set.signer })),
  };
}

/** The reader page, or null on an installation that has none (a source checkout before `npm run build`). */
function readerIfBuilt(): ReaderPage | null {
  try {
    return readerPage();
  } catch {
    return null;
  }
}

/** The reader page saved as a file, into a folder (beside a bundle), or offered as a download. */
function saveReader(ctx: AppContext, where: { out?: string | undefined; folder?: string; download?: true | undefined }): ReaderCopy {
  const page = readerPage();
  if (where.download) return { path: null, download: ctx.downloads.offerBytes(page.bytes, READER_FILE_NAME), sha256: page.sha256, problem: null };
  const written = where.out !== undefined ? writeReaderAs(path.resolve(where.out)) : writeReaderInto(path.resolve(where.folder!));
  return { path: written, download: null, sha256: page.sha256, problem: null };
}

/** The same beside a bundle just sealed: what went wrong is said, never thrown (the bundle is sealed already). */
function copyReader(ctx: AppContext, where: { folder?: string; download?: true }): ReaderCopy {
  try {
    return saveReader(ctx, where);
  } catch (error) {
    return { path: null, download: null, sha256: readerIfBuilt()?.sha256 ?? '0'.repeat(64), problem: error instanceof Error ? error.message : String(error) };
  }
}

/** The installation keys a verification trusts: those given (key file text, or a fingerprint read aloud), and this vault's own. */
function trustedSigners(ctx: AppContext, signers: readonly string[]): (Buffer | string)[] {
  const known: (Buffer | string)[] = signers.map((text, i) => (READABLE_FINGERPRINT.test(text.trim()) ? text.trim().toUpperCase() : parseInstallationKeyText(text, `signer key ${i + 1}`)));
  // In the app, the vault's own key is a known signer: a bundle made here is recognised.
  const vault = ctx.openVault();
  if (vault) known.push(vault.signer.publicKey);
  return known;
}
