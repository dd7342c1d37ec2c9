// The case's headline never contradicts its verdicts: over generated sets of findings (any severity, on an
// app or not, named by a list or not, reviewed, dismissed or retired), a critical or high finding always
// gives "signs of stalkerware" naming what was seen, and "nothing found" comes only when no finding stands.
import { describe, expect, it } from 'vitest';
import { CONSULTATION_RULE } from './consultation.js';
import type { Severity } from './model.js';
import { summarizeCase, type SummaryInput } from './verdicts.js';

/** A small deterministic generator (mulberry32), so that a failing set can be found again from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low'];
const PRODUCTS = ['TheTruthSpy', 'mSpy', 'FlexiSPY', 'Life360', null];

function finding(next: () => number, i: number): SummaryInput {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const severity = pick(SEVERITIES);
  const product = pick(PRODUCTS);
  const onApp = next() < 0.6;
  // One in six is an answer she gave in the consultation (medium, about a guided check).
  if (next() < 1 / 6) {
    return { id: `f${i}`, ruleId: CONSULTATION_RULE, severity: 'medium', category: 'account-sharing', product: null, title: { en: 'Found with her — Her Google account', fr: 'Trouvé avec elle — Son compte Google' }, details: { check: 'google-account', source: 'consultation' }, reviewStatus: pick(['new', 'confirmed', 'dismissed']), retiredAt: next() < 0.15 ? '2026-12-01T00:00:00.000Z' : null };
  }
  return {
    id: `f${i}`,
    ruleId: `rule-${i}`,
    severity,
    category: pick(['stalkerware', 'dual-use', 'suspicious-rights', 'device-management', 'tracking']),
    product: product ? { id: product.toLowerCase(), name: product } : null,
    title: { en: `Finding ${i} was seen`, fr: `Constat ${i} vu` },
    details: onApp ? { app: { platform: 'android', id: `com.example.app${i}`, label: next() < 0.5 ? `App ${i}` : null }, reasons: [] } : {},
    reviewStatus: pick(['new', 'new', 'confirmed', 'dismissed']),
    retiredAt: next() < 0.15 ? '2026-12-01T00:00:00.000Z' : null,
  };
}

describe('the case summary', () => {
  it('agrees with the verdicts on 2,000 generated cases', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const next = random(seed);
      const findings = Array.from({ length: Math.floor(next() * 7) }, (_, i) => finding(next, i));
      const standingAll = findings.filter((item) => item.retiredAt === null && item.reviewStatus !== 'dismissed');
      const withHer = standingAll.filter((item) => item.ruleId === CONSULTATION_RULE);
      const standing = standingAll.filter((item) => item.ruleId !== CONSULTATION_RULE);
      const strong = standing.filter((item) => item.severity === 'critical' || item.severity === 'high');
      const summary = summarizeCase(findings);
      const context = `seed ${seed}: ${JSON.stringify(findings.map((item) => [item.severity, item.reviewStatus, item.retiredAt !== null, item.product?.name ?? null, 'app' in item.details]))}`;
      if (strong.length > 0) {
        expect(summary.verdict, context).toBe('stalkerware');
        expect(summary.headline.en, context).toMatch(/^Signs of stalkerware: /);
        expect(summary.headline.fr, context).toMatch(/^Signes de logiciel espion : /);
        expect(summary.stalkerware.map((item) => item.findingId).sort(), context).toEqual(strong.map((item) => item.id).sort());
      } else if (standing.length > 0) {
        expect(summary.verdict, context).toBe('ask-her');
        expect(summary.headline.en, context).toMatch(/^No sign of stalkerware\. To look at with her: /);
      } else if (withHer.length > 0) {
        // Nothing on the devices, something with her: never "nothing found".
        expect(summary.verdict, context).toBe('ask-her');
        expect(summary.headline.en, context).toBe('Nothing found on the devices examined. Found with her: Her Google account.');
        expect(summary.headline.fr, context).toBe('Rien trouvé sur les appareils examinés. Trouvé avec elle : Son compte Google.');
      } else {
        expect(summary.verdict, context).toBe('nothing');
        expect(summary.headline.en, context).toBe('Nothing found.');
      }
      // What was found with her is said apart, after what was found on the devices.
      expect(summary.withHer.map((item) => item.findingId).sort(), context).toEqual(withHer.map((item) => item.id).sort());
      if (withHer.length > 0) expect(summary.headline.en, context).toMatch(/Found with her: Her Google account\.$/);
      else expect(summary.headline.en, context).not.toMatch(/with her: Her Google/);
      // Every standing finding is counted once, in one of the two lists; nothing else is.
      expect([...summary.stalkerware, ...summary.askHer].map((item) => item.findingId).sort(), context).toEqual(standing.map((item) => item.id).sort());
      // The headline never says "no sign" or "nothing" while a strong sign stands.
      if (strong.length > 0) expect(summary.headline.en, context).not.toMatch(/No sign|Nothing found|No stalkerware/);
    }
  });

  it('names what was found with her in the order of the checks, whatever order the findings come in', () => {
    const answer = (id: string, check: string): SummaryInput => ({ id, ruleId: CONSULTATION_RULE, severity: 'medium', category: 'account-sharing', product: null, title: { en: id, fr: id }, details: { check }, reviewStatus: 'new', retiredAt: null });
    const answers = [answer('plan', 'phone-plan'), answer('google', 'google-account'), answer('whatsapp', 'whatsapp')];
    for (const order of [answers, [...answers].reverse()]) {
      expect(summarizeCase(order).headline.en).toBe('Nothing found on the devices examined. Found with her: Her Google account, WhatsApp linked devices, Her phone plan.');
    }
  });

  it('gives "signs of stalkerware" for a stalkerware process alone and for a server of one reached', () => {
    const process: SummaryInput = { id: 'p', ruleId: 'process', severity: 'critical', category: 'stalkerware', product: { id: 'thetruthspy', name: 'TheTruthSpy' }, title: { en: 'Stalkerware running: TheTruthSpy', fr: 'Logiciel espion en cours : TheTruthSpy' }, details: {}, reviewStatus: 'new', retiredAt: null };
    expect(summarizeCase([process]).headline.en).toBe('Signs of stalkerware: TheTruthSpy.');
    const server: SummaryInput = { ...process, id: 's', severity: 'high', product: { id: 'mspy', name: 'mSpy' }, title: { en: 'A server of mSpy was reached from this device', fr: 'Un serveur de mSpy a été contacté depuis cet appareil' } };
    expect(summarizeCase([server])).toMatchObject({ verdict: 'stalkerware', named: true, headline: { en: 'Signs of stalkerware: mSpy.' } });
    const profile: SummaryInput = { ...process, id: 'm', severity: 'high', category: 'device-management', product: null, title: { en: 'A configuration profile manages this iPhone.', fr: 'Un profil de configuration gère cet iPhone.' } };
    expect(summarizeCase([profile]).headline).toEqual({ en: 'Signs of stalkerware: A configuration profile manages this iPhone.', fr: 'Signes de logiciel espion : Un profil de configuration gère cet iPhone.' });
  });
});
