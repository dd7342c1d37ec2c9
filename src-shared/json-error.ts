// A JSON.parse failure in words, without the snippet of input the JavaScript engine puts in its message:
// a key file's content may be secret key material, and errors about it never quote it.

export function describeJsonError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/end of JSON input/i.test(message)) return 'not valid JSON (it ends too early)';
  const position = /position (\d+)/.exec(message)?.[1];
  return `not valid JSON${position ? ` (at character ${position})` : ''}`;
}
