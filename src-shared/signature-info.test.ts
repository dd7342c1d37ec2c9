// How old the signatures are, list by list and in words: the oldest list first, so that the one to update
// is the one she sees.
import { describe, expect, it } from 'vitest';
import { ageInWords, signatureListAges } from './signature-info.js';

describe('signature lists’ ages', () => {
  it('gives every list its age in days, the oldest first', () => {
    const ages = signatureListAges(
      {
        database: { name: 'Sentinelle signatures', version: '2026.11.23', sha256: '0'.repeat(64), signatures: 43 },
        community: {
          compiledAt: '2026-12-01T00:00:00Z',
          sets: [
            { name: 'ISDi app flags', version: '6de92d147cf7', credit: null, source: { repository: 'https://github.com/stopipv/isdi', commit: '6de92d147cf7', date: '2026-07-22T10:00:00Z', licence: 'MIT' }, signatures: 5770, notes: [] },
            { name: 'Echap stalkerware-indicators', version: 'a04c5c1958bf', credit: null, source: { repository: 'https://github.com/AssoEchap/stalkerware-indicators', commit: 'a04c5c1958bf', date: '2026-06-21T10:00:00Z', licence: 'CC BY 4.0' }, signatures: 193, notes: [] },
          ],
        },
        imported: [{ id: 'x', kind: 'pack', name: 'Shelter network pack', version: 'v7', trusted: true, signer: null, credit: null, signatures: 1, readable: true, importedAt: '2026-12-05T09:00:00Z' }],
      },
      new Date('2026-12-07T12:00:00Z'),
    );
    expect(ages.map((list) => [list.name, list.ageDays])).toEqual([
      ['Echap stalkerware-indicators', 169],
      ['ISDi app flags', 138],
      ['Sentinelle signatures', 14],
      ['Shelter network pack', 2],
    ]);
  });

  it('says an age in words, in English and French', () => {
    expect(ageInWords(1, 'en')).toBe('1 day');
    expect(ageInWords(9, 'fr')).toBe('9 jours');
    expect(ageInWords(38, 'en')).toBe('38 days (about 5 weeks)');
    expect(ageInWords(138, 'en')).toBe('138 days (about 4½ months)');
    expect(ageInWords(169, 'fr')).toBe('169 jours (environ 5½ mois)');
  });
});
