// Reading outputs into an acquisition: a line longer than any phone prints is not read, and counted, whatever
// else the output holds; the lines around it are read as usual.
import { describe, expect, it } from 'vitest';
import { emptyAcquisition, fillFromOutputs, MAX_LINE_CHARS, withoutLongLines } from './acquisition.js';

describe('outputs read into an acquisition', () => {
  it('leaves out the lines over 64 K characters, counts them, and keeps the others in order', () => {
    const long = 'x'.repeat(MAX_LINE_CHARS + 1);
    expect(withoutLongLines(`a\n${long}\nb\n${long}`)).toEqual({ text: 'a\nb', skipped: 2 });
    const exact = 'y'.repeat(MAX_LINE_CHARS);
    expect(withoutLongLines(`${exact}\n${exact}`)).toEqual({ text: `${exact}\n${exact}`, skipped: 0 });
  });

  it('reads the apps listed around an over-long line, and says how many lines it left out', () => {
    const listing = [
      'package:/data/app/~~a==/com.example.one-b==/base.apk=com.example.one  installer=com.android.vending uid:10123',
      `package:/data/app/~~${'z'.repeat(MAX_LINE_CHARS)}==/base.apk=com.example.hidden  installer=null uid:10124`,
      'package:/data/app/~~c==/com.example.two-d==/base.apk=com.example.two  installer=null uid:10125',
    ].join('\n');
    const acquisition = fillFromOutputs(emptyAcquisition(), [{ command: 'pm list packages -f -i -U', text: listing, sha256: '0'.repeat(64) }]);
    expect(acquisition.packages.map((pkg) => pkg.packageName)).toEqual(['com.example.one', 'com.example.two']);
    expect(acquisition.skippedLines).toEqual([{ command: 'pm list packages -f -i -U', lines: 1 }]);
  });
});
