// What an imported set keeps on top of the shipped lists: what is new, or says more than they do; never a
// product or an indicator a shipped list already holds (entries written by hand in the signature format).
import { describe, expect, it } from 'vitest';
import type { SignatureEntry } from '../../src-shared/signature-format.js';
import type { ImportedSet } from './imported-set.js';
import { withoutShipped } from './shipped-overlap.js';

const entry = (name: string, category: SignatureEntry['category'], severity: SignatureEntry['severity'], indicators: Partial<SignatureEntry['indicators']>): SignatureEntry => ({
  id: name.toLowerCase(),
  name,
  aliases: [],
  category,
  platforms: ['android'],
  severity,
  description: { en: name, fr: name },
  references: [],
  indicators: { androidPackages: [], certificateSha1: [], certificateSha256: [], fileSha256: [], iosBundleIds: [], profileIdentifiers: [], domains: [], websites: [], ips: [], processNames: [], filePaths: [], windowsServices: [], launchdLabels: [], programNames: [], ...indicators },
});
const set = (format: ImportedSet['format'], signatures: SignatureEntry[]): ImportedSet => ({ kind: 'feed', format, name: 'x', version: '1', credit: null, trusted: true, signer: null, signerKey: null, contentSha256: '0'.repeat(64), signatures, stats: {}, notes: [] });

describe('an imported set on top of the shipped lists', () => {
  const shipped = [entry('mSpy', 'stalkerware', 'critical', { websites: ['mspy.com'], androidPackages: ['com.mspy.lite'] }), entry('Family Tracker', 'dual-use', 'low', { androidPackages: ['com.family.tracker'] })];

  it('leaves out a domain already shipped as a website, and keeps what is new under the shipped category', () => {
    const { set: kept, productsLeftOut } = withoutShipped(set('stix2', [entry('mSpy', 'spyware', 'critical', { domains: ['mspy.com', 'upload.mspy.example'] })]), shipped, ['shipped']);
    expect(productsLeftOut).toBe(0);
    expect(kept.signatures).toMatchObject([{ category: 'stalkerware', indicators: { domains: ['upload.mspy.example'] } }]);
  });

  it('keeps an indicator it names more severely than the shipped lists, and drops one they already name as severely', () => {
    const { set: kept } = withoutShipped(set('pack', [entry('Spy Kit', 'stalkerware', 'critical', { androidPackages: ['com.family.tracker'] }), entry('Other name', 'spyware', 'critical', { androidPackages: ['com.mspy.lite'] })]), shipped, ['shipped']);
    expect(kept.signatures.map((signature) => signature.name)).toEqual(['Spy Kit']);
    expect(kept.notes.join(' ')).toMatch(/1 product\(s\) of this file are already shipped/);
  });
});
