// Text from a phone, a backup or a bundle shown to a person: control characters (C0 and C1: ESC[2J clears a
// terminal, a carriage return overwrites what was printed) and the characters that reorder text on screen
// (bidi overrides and isolates: U+202E turns "Signs of stalkerware: …" around) are shown as `\u{…}`, so
// that what the abuser named an app can neither hide nor rewrite what Sentinelle says about it. Line breaks
// and tabs stay where the text is ours (`keepLines`).
const HOSTILE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Every control and reordering character, line breaks and tabs included. */
export const CONTROL_OR_REORDERING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const visible = (char: string) => `\\u{${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`;

/** The text with every control and reordering character shown as `\u{XXXX}`; line breaks and tabs too unless `keepLines`. */
export function printable(text: string, options: { keepLines?: boolean } = {}): string {
  return text.replace(options.keepLines ? HOSTILE : CONTROL_OR_REORDERING, visible);
}
