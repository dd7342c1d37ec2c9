// Names from a phone shown as text: terminal sequences, carriage returns and bidi overrides made visible.
import { describe, expect, it } from 'vitest';
import { printable } from './printable.js';

describe('printable text', () => {
  it('shows control and reordering characters, and keeps every other character as it is', () => {
    expect(printable('\u001b[2JSystem Service')).toBe('\\u{001B}[2JSystem Service');
    expect(printable('Notes\u202Eerawreklats')).toBe('Notes\\u{202E}erawreklats');
    expect(printable('a\rb\nc')).toBe('a\\u{000D}b\\u{000A}c');
    expect(printable('line one\n\tline two\r', { keepLines: true })).toBe('line one\n\tline two\\u{000D}');
    expect(printable('Élodie – 日本語 📱')).toBe('Élodie – 日本語 📱');
    expect(printable('\u0085\u009b31m')).toBe('\\u{0085}\\u{009B}31m');
  });
});
