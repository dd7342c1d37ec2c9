// Saying what is wrong with a key file without repeating it: errors about damaged or misplaced key files
// (a recipient's .key given as a .pub, a signing key that is not JSON) describe their shape — length,
// first word, where JSON broke — and never quote their content, which may be secret key material.

/** What a text that should have been a key looks like, without its content. */
export function describeKeyText(text: string): string {
  const firstWord = /^\s*([A-Za-z][A-Za-z0-9-]{0,40})/.exec(text)?.[1];
  return `${text.length} characters, ${firstWord ? `starting with the word "${firstWord}"` : text.trimStart().startsWith('{') ? 'a JSON object' : 'not starting with a word'}`;
}

/** Whether the text is (or contains) a secret key file, shared where a public one was expected. */
export function looksLikeSecretKey(text: string): boolean {
  return /"secretKey"\s*:|sentinelle-recipient-secret|sentinelle-signing-secret-key/.test(text);
}

export { describeJsonError } from '../../src-shared/json-error.js';
