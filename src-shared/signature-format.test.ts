// Indicators that would match everything are refused when a signature is read: /0 networks and wide
// blocks, public suffixes, drive roots and top folders, one- or two-letter process names.
import { describe, expect, it } from 'vitest';
import { IndicatorSet } from './signature-format.js';

const refused = (indicators: Record<string, string[]>) => !IndicatorSet.safeParse(indicators).success;

describe('indicator validation', () => {
  it('refuses networks that would cover whole providers, accepts addresses and narrow blocks', () => {
    expect(refused({ ips: ['0.0.0.0/0'] })).toBe(true);
    expect(refused({ ips: ['::/0'] })).toBe(true);
    expect(refused({ ips: ['10.0.0.0/8'] })).toBe(true);
    expect(refused({ ips: ['2001:db8::/16'] })).toBe(true);
    expect(refused({ ips: ['203.0.113.0/24', '198.51.100.7', '2001:db8::/32', '2001:db8::1'] })).toBe(false);
  });
  it('refuses public suffixes, accepts domains under them', () => {
    expect(refused({ domains: ['co.uk'] })).toBe(true);
    expect(refused({ websites: ['appspot.com'] })).toBe(true);
    expect(refused({ domains: ['bbc.co.uk', 'catwatchful-e03b8.appspot.com', 'evil.com'] })).toBe(false);
  });
  it('refuses drive roots, top folders and very short process names', () => {
    expect(refused({ filePaths: ['C:\\'] })).toBe(true);
    expect(refused({ filePaths: ['/usr'] })).toBe(true);
    expect(refused({ processNames: ['sh'] })).toBe(true);
    expect(refused({ filePaths: ['C:\\ProgramData\\MPK', '/etc/kidlogger'], processNames: ['llk'] })).toBe(false);
  });
});
