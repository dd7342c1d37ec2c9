// Errors about key files never print key material (issue 16, point 7): a secret key given where a public
// one belongs, a damaged secret key file, a signing key that is not JSON — each gets a clear message and a
// technical detail that describes the file's shape, and neither contains any piece of the secret.
import { describe, expect, it } from 'vitest';
import { SentinelleError } from '../../src-shared/errors.js';
import { generateRecipientKeyPair, parseInstallationKeyText, parsePublicKeyText, parseSecretKeyText, secretKeyText } from '../../src-main/evidence/recipient-keys.js';
import { generateSigningKeyPair, readPublicKeyFile, readSecretKeyFile } from '../../src-main/signatures/packs.js';

function refusal(parse: () => unknown): SentinelleError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(SentinelleError);
    return error as SentinelleError;
  }
  throw new Error('the parser accepted it');
}

/** Every run of 8 characters of the secret: none may appear in what the error says. */
function pieces(secret: string): string[] {
  return Array.from({ length: secret.length - 7 }, (_, i) => secret.slice(i, i + 8));
}

function expectNoPieceOf(secret: string, error: SentinelleError): void {
  const said = `${error.message}\n${error.technical ?? ''}`;
  expect(pieces(secret).filter((piece) => said.includes(piece))).toEqual([]);
}

describe('errors about key files', () => {
  const recipient = generateRecipientKeyPair('Maître Dupont');
  const secretFile = secretKeyText(recipient);
  const secret = recipient.secretKey.toString('base64');

  it('a recipient’s secret .key given as a .pub or as an installation key is named for what it is', () => {
    for (const parse of [() => parsePublicKeyText(secretFile, 'lawyer.key'), () => parseInstallationKeyText(secretFile, 'lawyer.key')]) {
      const error = refusal(parse);
      expect(error.message).toMatch(/SECRET key file.*\.pub/);
      expectNoPieceOf(secret, error);
    }
  });

  it('a damaged secret key file (cut, or a field mangled) is described without its content', () => {
    const cut = refusal(() => parseSecretKeyText(secretFile.slice(0, secretFile.indexOf(secret) + 30), 'lawyer.key'));
    expect(cut.technical).toMatch(/not valid JSON/);
    expectNoPieceOf(secret, cut);
    const mangled = refusal(() => parseSecretKeyText(secretFile.replace('"version": 1', '"version": "one"'), 'lawyer.key'));
    expect(mangled.technical).toMatch(/version/);
    expectNoPieceOf(secret, mangled);
    const broken = refusal(() => parseSecretKeyText(secretFile.replace(secret, `${secret}"x`), 'lawyer.key'));
    expectNoPieceOf(secret, broken);
  });

  it('a signing key: the secret file given as the public one, or not JSON any more', () => {
    const { secretFile: signing } = generateSigningKeyPair('Shelter network');
    const text = JSON.stringify(signing, null, 2);
    const asPublic = refusal(() => readPublicKeyFile(text, 'network.key'));
    expect(asPublic.message).toMatch(/SECRET signing key file/);
    expectNoPieceOf(signing.secretKey, asPublic);
    const damaged = refusal(() => readSecretKeyFile(text.replace(`"${signing.secretKey}"`, `${signing.secretKey}`), 'network.key'));
    expect(damaged.message).toMatch(/not valid JSON/);
    expectNoPieceOf(signing.secretKey, damaged);
  });
});
