// Strict canonical JSON, as docs/bundle-format.md (section 1) defines it, read by Sentinelle and by the
// Python verifier (tools/verify_bundle.py): what one writes the other accepts as canonical, and each refuses
// the same other spellings — numbers, escapes, key order by UTF-16 code units, keys repeated.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src-shared/canonical-json.js';
import { parseCanonicalJson } from '../../src-shared/strict-json.js';

const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const TOOLS = path.resolve(import.meta.dirname, '../../tools');

/** What the Python verifier says of each text: ok, or the problem it stops with. */
function pythonReads(texts: string[]): string[] {
  const script = [
    'import json, sys',
    `sys.path.insert(0, ${JSON.stringify(TOOLS)})`,
    'import verify_bundle as v',
    'out = []',
    'for text in json.load(sys.stdin):',
    '    try:',
    '        v.read_canonical(text.encode("utf-8", "surrogatepass"), "it")',
    '        out.append("ok")',
    '    except v.Stop as stop:',
    '        out.append(stop.code)',
    'print(json.dumps(out))',
  ].join('\n');
  // No bytecode cache written into the repository's tools/ folder.
  const run = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout) as string[];
}

function nodeReads(text: string): string {
  const parsed = parseCanonicalJson(Buffer.from(text, 'utf8'));
  return parsed.ok ? 'ok' : { invalid: 'manifest-invalid', 'duplicate-key': 'manifest-duplicate-key', 'not-canonical': 'manifest-not-canonical' }[parsed.problem];
}

describe('canonical JSON in both verifiers', () => {
  it('accepts what Sentinelle writes, however tricky the values', () => {
    const values: unknown[] = [
      [0, -1, 1.5, -0.5, 0.1, 1e21, 1.5e21, 1e-7, 1.2e-7, 0.000001, 123456789012345680000, 2 ** 53, 5e-324, 1.7976931348623157e308, 1e300, 100, 1e16],
      { b: 1, a: 2, A: 3, é: 4, '\uffff': 5, '😀': 6, '': 7, a_b: { z: [], y: {} } },
      ['quote " backslash \\ slash / tab \t newline \n nul \u0000 bell \u0007 del \u007f', 'emoji 😀 accents éàç', 'lone \ud800 surrogate'],
      { nested: [[[{ deep: [null, true, false] }]]] },
    ];
    const texts = values.map((value) => canonicalJson(value));
    expect(texts.map(nodeReads)).toEqual(texts.map(() => 'ok'));
    expect(pythonReads(texts)).toEqual(texts.map(() => 'ok'));
  });

  it('refuses the same other spellings, each by the same name', () => {
    const texts = [
      '{"a":1, "b":2}', // a space
      '{"b":1,"a":2}', // keys out of order
      '{"\uffff":2,"😀":1}', // ordered by code points, not UTF-16 code units
      '[1.0]',
      '[1E5]',
      '[1e5]',
      '[12345678901234567890]', // beyond a double's integers
      '[-0]',
      '["\\u0041"]', // an escape that is not needed
      '["\\/"]',
      '["\\u001F"]', // upper-case hex
      '[1e400]',
      '{"a":1,"a":1}', // the same key twice, even with the same value
      '{"a":{"x":1},"b":{"x":2,"c":"\\"x\\":","x":3}}', // twice in an inner object, after a string holding a colon
      '{"a":1,"b":[}', // not JSON
      '[NaN]',
      ' [1]',
    ];
    const node = texts.map(nodeReads);
    expect(node).toEqual(pythonReads(texts));
    expect(node.filter((code) => code === 'ok')).toEqual([]);
    expect(node.slice(12, 14)).toEqual(['manifest-duplicate-key', 'manifest-duplicate-key']);
    expect(node.slice(14, 16)).toEqual(['manifest-invalid', 'manifest-invalid']);
  });
});
