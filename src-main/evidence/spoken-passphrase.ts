// A passphrase for a lawyer that the advocate can read over the phone: seven common words of her language
// (English or French), drawn at random from a list of 2,048 — 77 bits, beyond what guessing through the
// bundle's Argon2id can reach — in lower case, separated by spaces, shown once and never stored.
//
// The word lists are BIP-39's English and French lists (bitcoin/bips, via @scure/bip39, MIT): 2,048 common
// words each, chosen so that no two share their first four letters; the French list's words differ even
// without their accents, which are removed here so that nobody has to type an accent heard on the phone.
import { randomInt } from 'node:crypto';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as french } from '@scure/bip39/wordlists/french.js';

export const SPOKEN_PASSPHRASE_WORDS = 7;

const withoutAccents = (word: string) => word.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
const LISTS: Record<'en' | 'fr', readonly string[]> = { en: english, fr: french.map(withoutAccents) };

export interface SpokenPassphrase {
  passphrase: string;
  words: number;
  /** The entropy: words × log2(list size). */
  bits: number;
}

export function generateSpokenPassphrase(language: 'en' | 'fr'): SpokenPassphrase {
  const list = LISTS[language];
  const words = Array.from({ length: SPOKEN_PASSPHRASE_WORDS }, () => list[randomInt(list.length)]!);
  return { passphrase: words.join(' '), words: words.length, bits: Math.floor(SPOKEN_PASSPHRASE_WORDS * Math.log2(list.length)) };
}

/** The list words are drawn from (for tests: its size, that it holds no accent or space, that words are unique). */
export function spokenWordList(language: 'en' | 'fr'): readonly string[] {
  return LISTS[language];
}
