// A recipient's secret key file (what `sentinelle keys generate` writes as NAME.key, docs/bundle-format.md
// section 4): JSON with the format's name, a version, a label, and the X25519 key pair in base64. Read the
// same way by the app, `sentinelle verify` and the lawyer's reader page; a reader never repeats its content
// in a message.
import { z } from 'zod';
import { base64ToBytes } from './bytes.js';
import { describeJsonError } from './json-error.js';

export const SECRET_KEY_FILE_FORMAT = 'sentinelle-recipient-secret';

export const SecretKeyFile = z.object({
  format: z.literal(SECRET_KEY_FILE_FORMAT),
  version: z.literal(1),
  label: z.string().max(200),
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  secretKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
});
export type SecretKeyFile = z.infer<typeof SecretKeyFile>;

/** The key pair in a secret key file's text, or what is wrong with the file (never its content). */
export function readSecretKeyFile(text: string): { ok: true; label: string; publicKey: Uint8Array; secretKey: Uint8Array } | { ok: false; problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: describeJsonError(error) };
  }
  const checked = SecretKeyFile.safeParse(json);
  if (!checked.success) return { ok: false, problem: checked.error.issues.map((issue) => `${issue.path.join('.') || '(the file)'}: ${issue.code}`).join('; ') };
  return { ok: true, label: checked.data.label, publicKey: base64ToBytes(checked.data.publicKey), secretKey: base64ToBytes(checked.data.secretKey) };
}
