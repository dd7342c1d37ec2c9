// Reading JSON that was signed or authenticated as canonical JSON (canonical-json.ts), strictly: the bytes
// must be valid UTF-8, valid JSON, hold no object with the same key twice (JSON readers disagree on which
// one wins: a forged first "findings" would show in one tool and not in another), and be exactly the
// canonical form of what they hold (no other spacing, key order or number spelling). Each refusal is
// named, so that a verifier can say what is wrong. docs/bundle-format.md describes the same rules.
import { canonicalJson } from './canonical-json.js';

export type StrictJsonResult = { ok: true; value: unknown } | { ok: false; problem: 'invalid' | 'duplicate-key' | 'not-canonical'; detail: string };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function parseCanonicalJson(bytes: Uint8Array): StrictJsonResult {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, problem: 'invalid', detail: 'it is not valid UTF-8' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: 'invalid', detail: `it is not valid JSON (${error instanceof Error ? error.message.slice(0, 120) : String(error)})` };
  }
  const duplicate = firstDuplicateKey(text);
  if (duplicate !== null) return { ok: false, problem: 'duplicate-key', detail: `an object holds the key ${JSON.stringify(duplicate).slice(0, 80)} twice` };
  let canonical: string;
  try {
    canonical = canonicalJson(value);
  } catch {
    return { ok: false, problem: 'not-canonical', detail: 'it holds a number canonical JSON cannot write' };
  }
  if (canonical !== text) return { ok: false, problem: 'not-canonical', detail: `it differs from its canonical form at character ${firstDifference(canonical, text)}` };
  return { ok: true, value };
}

/** The first key found twice in one object of `text` (valid JSON), or null. */
function firstDuplicateKey(text: string): string | null {
  // One set of keys per open object; null for an open array.
  const open: (Set<string> | null)[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '{') open.push(new Set());
    else if (char === '[') open.push(null);
    else if (char === '}' || char === ']') open.pop();
    else if (char === '"') {
      let end = i + 1;
      while (text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      const keys = open.at(-1);
      // A string directly followed (after spaces) by a colon is a key of the innermost object.
      let after = end + 1;
      while (after < text.length && ' \t\r\n'.includes(text[after]!)) after++;
      if (keys && text[after] === ':') {
        const key = JSON.parse(text.slice(i, end + 1)) as string;
        if (keys.has(key)) return key;
        keys.add(key);
      }
      i = end;
    }
  }
  return null;
}

function firstDifference(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
