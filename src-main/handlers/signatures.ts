// The API's handlers for the signature database: what it holds, importing and verifying packs and feeds,
// signing keys and the keys this installation trusts.
import { fingerprintOf, generateSigningKeyPair, readPublicKeyFile, readSecretKeyFile, signPack } from '../signatures/packs.js';
import type { AppContext, HandlersFor } from './app-context.js';

export function signatureHandlers(ctx: AppContext): HandlersFor<'signatures.'> {
  return {
    'signatures.info': () => ctx.signatures.info(ctx.requireVault()),
    'signatures.import': async ({ fileName, content, signature, allowUntrusted }) => {
      const imported = await ctx.signatures.importInto(ctx.requireVault(), { name: fileName, bytes: Buffer.from(content, 'base64') }, { signatureText: signature, allowUntrusted });
      return { setId: imported.setId, name: imported.name, version: imported.version, trusted: imported.trusted, signatures: imported.signatures.length, stats: imported.stats, notes: imported.notes, alreadyImported: imported.alreadyImported, alreadyShipped: imported.alreadyShipped };
    },
    'signatures.verify': ({ fileName, content, signature, extraKeys }) =>
      ctx.signatures.verify(
        { name: fileName, bytes: Buffer.from(content, 'base64') },
        signature,
        extraKeys.map((text, i) => readPublicKeyFile(text, `key ${i + 1}`)),
        ctx.openVault(),
      ),
    'signatures.generateKeyPair': ({ label }) => {
      const { publicFile, secretFile } = generateSigningKeyPair(label);
      return { publicKeyFile: `${JSON.stringify(publicFile, null, 2)}\n`, secretKeyFile: `${JSON.stringify(secretFile, null, 2)}\n`, fingerprint: fingerprintOf(publicFile.publicKey) };
    },
    'signatures.sign': ({ content, secretKeyFile }) => {
      const key = readSecretKeyFile(secretKeyFile, 'the signing key file');
      const signature = signPack(Buffer.from(content, 'base64'), key);
      return { signatureFile: `${JSON.stringify(signature, null, 2)}\n`, fingerprint: fingerprintOf(key.publicKey), signer: key.label };
    },
    'signatures.remove': ({ setId }) => {
      ctx.signatures.removeSet(ctx.requireVault(), setId);
      return { done: true as const };
    },
    'signatures.trustKey': ({ publicKeyFile }) => {
      const key = readPublicKeyFile(publicKeyFile, 'the public key file');
      ctx.requireVault().trustedKeys.add(key.publicKey, key.label);
      const trusted = ctx.signatures.trustStore(ctx.requireVault()).find((candidate) => candidate.publicKey === key.publicKey)!;
      return { label: trusted.label, fingerprint: trusted.fingerprint };
    },
    'signatures.untrustKey': ({ publicKey }) => {
      ctx.requireVault().trustedKeys.remove(publicKey);
      return { done: true as const };
    },
  };
}
