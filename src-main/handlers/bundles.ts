// The API's handlers for evidence bundles: recipients' keys, this installation's key, sealing a case, and
// verifying a bundle (in a worker thread) or a folder extracted from one.
import path from 'node:path';
import sodium from 'sodium-native';
import { READABLE_FINGERPRINT } from '../../src-shared/bundle.js';
import { exportCase } from '../evidence/export-case.js';
import { generateRecipientKeyPair, installationKeyText, parseInstallationKeyText, parsePublicKeyText, parseSecretKeyText, publicKeyText, readableFingerprint, secretKeyText } from '../evidence/recipient-keys.js';
import { unverifiableVerdict, verifyExtractedFolder } from '../evidence/verify-bundle.js';
import { version as toolVersion } from '../package-info.js';
import type { VerifyProgress } from '../system/parse-tasks.js';
import { ParseLimitError, parseInWorker } from '../system/parse-worker.js';
import type { AppContext, HandlersFor } from './app-context.js';

/** A bundle whose verification makes no progress for this long is given up on (a real one streams steadily). */
const BUNDLE_STALL_MS = 60_000;

export function bundleHandlers(ctx: AppContext): HandlersFor<'keys.' | 'bundles.'> {
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
    'bundles.export': async ({ caseId, out, recipients, passphrase, exclude, redact, language }) => {
      const vault = ctx.requireVault();
      const info = ctx.signatures.info(vault);
      const signatures = {
        database: { name: info.database.name, version: info.database.version, sha256: info.database.sha256 },
        community: (info.community?.sets ?? []).map((set) => ({ name: set.name, version: set.version, credit: set.credit, source: set.source ? `${set.source.repository} at ${set.source.commit} (${set.source.licence})` : null })),
        imported: info.imported.map((set) => ({ name: set.name, version: set.version, trusted: set.trusted, signer: set.signer })),
      };
      const exported = await exportCase(vault, {
        caseId,
        out: path.resolve(out),
        recipients: recipients.map((text, i) => parsePublicKeyText(text, `recipient key ${i + 1}`)),
        ...(passphrase === undefined ? {} : { passphrase }),
        exclude,
        redact,
        language,
        toolVersion,
        signatures,
        clock: ctx.clock,
        ...(ctx.printPdf ? { printPdf: ctx.printPdf } : {}),
        onProgress: (bytes, totalBytes) => {
          ctx.touch();
          ctx.emit('bundle.progress', { path: out, phase: 'export', bytes, totalBytes });
        },
      });
      ctx.forward.bundleExported(vault, caseId, exported.sha256);
      return exported;
    },
    'bundles.verifyFolder': ({ dir, signers }) => verifyExtractedFolder(path.resolve(dir), { knownSigners: trustedSigners(ctx, signers) }),
    'bundles.verify': async ({ path: file, identity, passphrase, signers, extractTo }) => {
      const knownSigners = trustedSigners(ctx, signers);
      const identityPair = identity === undefined ? undefined : parseSecretKeyText(identity, 'the secret key file');
      try {
        // In a worker thread: a hostile bundle cannot hold the window, and a 100 GB one does not either.
        return await parseInWorker(
          {
            kind: 'bundle-verify',
            file: path.resolve(file),
            identity: identityPair ?? null,
            passphrase: passphrase ?? null,
            knownSigners,
            extractTo: extractTo ?? null,
          },
          {
            timeoutMs: BUNDLE_STALL_MS,
            onProgress: (progress) => {
              const { bytes, totalBytes } = progress as VerifyProgress;
              ctx.emit('bundle.progress', { path: file, phase: 'verify', bytes, totalBytes });
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

/** The installation keys a verification trusts: those given (key file text, or a fingerprint read aloud), and this vault's own. */
function trustedSigners(ctx: AppContext, signers: readonly string[]): (Buffer | string)[] {
  const known: (Buffer | string)[] = signers.map((text, i) => (READABLE_FINGERPRINT.test(text.trim()) ? text.trim().toUpperCase() : parseInstallationKeyText(text, `signer key ${i + 1}`)));
  // In the app, the vault's own key is a known signer: a bundle made here is recognised.
  const vault = ctx.openVault();
  if (vault) known.push(vault.signer.publicKey);
  return known;
}
