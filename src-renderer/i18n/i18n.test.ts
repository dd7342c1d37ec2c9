// Every error the back end can send has a plain-language text in both languages, and the French catalogue
// keeps every placeholder of the English one.
import { describe, expect, it } from 'vitest';
import { errorCodes } from '../../src-shared/errors.js';
import { en, type MessageKey } from './en.js';
import { fr } from './fr.js';

describe('translations', () => {
  it('has an English and a French text for every error code', () => {
    for (const code of errorCodes) {
      const key = `error.${code}` as MessageKey;
      expect(en[key], code).toBeTruthy();
      expect(fr[key], code).toBeTruthy();
    }
  });

  it('keeps the same {placeholders} in French as in English', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(placeholders(fr[key]), key).toEqual(placeholders(en[key]));
    }
  });
});
