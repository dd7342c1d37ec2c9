// Taking personal details out of the printable report when the advocate asks: e-mail addresses, phone
// numbers, and the names the evidence carries (a phone called "Maya's iPhone", a computer's or user's name).
// The manifest and artifacts are evidence and stay whole; only what is shown in the report is redacted.
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
/** International (+33 6 12 34 56 78, 0033…) or national (06 12 34 56 78, 0612345678) numbers: 9 to 15 digits. */
const PHONE = /(?<![\p{L}\p{N}+])(?:\+\d|0)(?:[\s.\-()]{0,2}\d){8,14}(?![\p{L}\p{N}])/gu;
export const REDACTED = '[redacted]';

export type Redactor = (text: string) => string;

export function redactor(names: readonly string[]): Redactor {
  // Longest first, so "Maya’s iPhone" goes before a shorter name inside it.
  const literal = [...new Set(names.map((name) => name.trim()).filter((name) => name.length >= 3))].sort((a, b) => b.length - a.length);
  return (text) => {
    let out = text;
    for (const name of literal) out = out.split(name).join(REDACTED);
    return out.replace(EMAIL, REDACTED).replace(PHONE, REDACTED);
  };
}

export const noRedaction: Redactor = (text) => text;
