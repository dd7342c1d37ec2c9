// The generated passphrase a lawyer is told by phone: enough entropy, words of the advocate's language that
// can be typed without accents, and never the same twice.
import { describe, expect, it } from 'vitest';
import { simplifiedPassphrase } from '../../src-shared/spoken-passphrase.js';
import { generateSpokenPassphrase, spokenWordList } from './spoken-passphrase.js';

describe('spoken passphrases', () => {
  it.each(['en', 'fr'] as const)('in %s: seven plain lower-case words from 2,048, at least 70 bits', (language) => {
    const list = spokenWordList(language);
    expect(list).toHaveLength(2048);
    expect(new Set(list).size).toBe(2048);
    for (const word of list) expect(word).toMatch(/^[a-z]{3,10}$/);
    const generated = generateSpokenPassphrase(language);
    expect(generated.bits).toBeGreaterThanOrEqual(70);
    const words = generated.passphrase.split(' ');
    expect(words).toHaveLength(generated.words);
    for (const word of words) expect(list).toContain(word);
    // What a listener types after hearing it, with a capital and a double space, reads as the same words.
    expect(simplifiedPassphrase(` ${words[0]!.toUpperCase()}  ${words.slice(1).join(' ')} `)).toBe(generated.passphrase);
  });

  it('draws new words each time', () => {
    const drawn = new Set(Array.from({ length: 50 }, () => generateSpokenPassphrase('fr').passphrase));
    expect(drawn.size).toBe(50);
  });

  it('uses French words for French', () => {
    const french = new Set(spokenWordList('fr'));
    const english = new Set(spokenWordList('en'));
    const shared = [...french].filter((word) => english.has(word)).length;
    // The lists are different languages: a few words (abandon, absurde…) coincide, most do not.
    expect(shared).toBeLessThan(200);
  });
});
