// The guided checks: each has its why, steps and worrying answer in both languages; which are suggested
// follows from what the scans saw (a Google account, an iPhone, each messenger), and the phone plan and
// e-mail forwarding are always suggested.
import { describe, expect, it } from 'vitest';
import { GUIDED_CHECK_IDS, GUIDED_CHECKS } from '../../src-shared/guided-checks.js';
import { androidPackage, observation } from '../../tests/helpers/observations.js';
import { suggestChecks } from './suggest-checks.js';

describe('the guided checks', () => {
  it('are each written in English and French, with steps and what a worrying answer looks like', () => {
    expect(GUIDED_CHECKS.map((check) => check.id)).toEqual([...GUIDED_CHECK_IDS]);
    for (const check of GUIDED_CHECKS) {
      for (const text of [check.title, check.why, check.worrying, ...check.steps]) {
        expect(text.en.trim(), check.id).not.toBe('');
        expect(text.fr.trim(), check.id).not.toBe('');
        expect(text.fr, check.id).not.toBe(text.en);
      }
      expect(check.steps.length, check.id).toBeGreaterThan(0);
    }
  });

  it('suggests her Google account with what the phone said, each messenger found, and always the plan and forwarding', () => {
    const seen = [
      observation('android.account', { user: 0, type: 'com.google', name: 'a@gmail.com' }),
      observation('android.account', { user: 0, type: 'com.google', name: 'b@gmail.com' }),
      androidPackage('com.whatsapp'),
      androidPackage('org.telegram.messenger'),
    ];
    const suggested = suggestChecks(seen);
    expect(suggested.map((check) => check.id)).toEqual(['google-account', 'whatsapp', 'telegram', 'phone-plan', 'email-forwarding']);
    expect(suggested[0]!.because.en).toBe('2 Google accounts are signed in on her phone.');
  });

  it('suggests her Apple ID for an iPhone, and only what no scan can see when nothing was scanned', () => {
    expect(suggestChecks([observation('ios.app', { bundleId: 'com.burbn.instagram' }, 'com.burbn.instagram')]).map((check) => check.id)).toEqual(['apple-id', 'facebook-instagram', 'phone-plan', 'email-forwarding']);
    expect(suggestChecks([]).map((check) => check.id)).toEqual(['phone-plan', 'email-forwarding']);
  });
});
