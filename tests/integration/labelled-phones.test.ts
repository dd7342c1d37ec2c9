// Detection measured on labelled phones (tests/fixtures/labelled/, see its README): clean phones of at least
// ten makers — a de-Googled one, a carrier's, an Android Go one, a fully managed work phone, one set up days
// before — with the rights such phones normally hand out raise no alarm, and a question (medium) only where a
// person would ask one; phones with stalkerware — listed or not, updated by itself, installed from a computer,
// living in a work profile, reading notifications — give one verdict per stalkerware app, high or critical,
// with all its reasons; no false alarm, nothing missed. The same scoring is `npm run bench -- quality`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreLabelledPhones, type PhoneScore } from '../../bench/quality.bench.js';
import { SEVERITY_RANK } from '../../src-shared/model.js';
import { verdictOf } from '../../src-shared/verdicts.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';
import { slow } from '../helpers/slowdown.js';

describe('labelled phones', () => {
  let dir: string;
  let scores: PhoneScore[];
  beforeAll(async () => {
    dir = makeTempDir();
    scores = await scoreLabelledPhones(dir);
  }, slow(120_000));
  afterAll(() => removeDir(dir));

  it('raises no false alarm and misses no stalkerware', () => {
    expect(scores.map((score) => [score.phone, score.falseAlarms.map((finding) => finding.title.en), score.missed])).toEqual(scores.map((score) => [score.phone, [], []]));
    expect(new Set(scores.filter((score) => score.class === 'clean').map((score) => score.maker)).size).toBeGreaterThanOrEqual(10);
  });

  it('asks a question on a clean phone only where a person would: an employer’s management, an app with full rights installed the day before', () => {
    const questions = scores.filter((score) => score.class === 'clean').flatMap((score) => score.findings.filter((finding) => SEVERITY_RANK[finding.severity] > SEVERITY_RANK.low).map((finding) => `${score.phone}: ${finding.ruleId} ${String(finding.details.packageName ?? '')}`));
    expect(questions.sort()).toEqual(['oneplus-new: heuristic:android.accessibility-rights com.x8bit.bitwarden', 'sony-managed-work: heuristic:android.device-owner com.google.android.apps.work.clouddpc']);
    // Bitwarden from Aurora Store on the de-Googled phone, and the Galaxy Watch plug-in, are low at most.
    const about = (phone: string, packageName: string) => scores.find((score) => score.phone === phone)!.findings.filter((finding) => finding.details.packageName === packageName);
    for (const [phone, packageName] of [['fairphone-degoogled', 'com.x8bit.bitwarden'], ['samsung-watch', 'com.samsung.android.waterplugin']] as const) {
      const verdicts = about(phone, packageName);
      expect(verdicts.length, `${phone} ${packageName}`).toBeGreaterThan(0);
      expect(verdicts.every((finding) => finding.severity === 'low'), `${phone} ${packageName}`).toBe(true);
    }
  });

  it('gives one verdict per stalkerware app, critical when listed, with each of its reasons', () => {
    for (const score of scores.filter((candidate) => candidate.class === 'infected')) {
      const [spy] = score.caught;
      const verdicts = score.findings.filter((finding) => finding.details.packageName === spy);
      expect(verdicts, score.phone).toHaveLength(1);
      const reasons = verdictOf(verdicts[0]!)!.reasons.map((reason) => reason.ruleId);
      expect(reasons.length, score.phone).toBeGreaterThan(0);
      if (reasons.some((rule) => rule.startsWith('signature:'))) expect(verdicts[0]!.severity, score.phone).toBe('critical');
    }
    // The phones made after public analyses of commercial stalkerware: accessibility, administrator, hidden.
    for (const phone of ['pixel-flexispy', 'samsung-mspy', 'xiaomi-unlisted', 'honor-hoverwatch']) {
      const score = scores.find((candidate) => candidate.phone === phone)!;
      const reasons = verdictOf(score.findings.find((finding) => finding.details.packageName === score.caught[0])!)!.reasons.map((reason) => reason.ruleId);
      expect(reasons, phone).toEqual(expect.arrayContaining(['heuristic:android.accessibility-rights', 'heuristic:android.device-admin-rights', 'heuristic:android.hidden-app']));
    }
    // An app that updated itself: each sign medium on its own, high together.
    const selfUpdated = scores.find((score) => score.phone === 'oppo-selfupdated')!.findings.find((finding) => finding.details.packageName === 'com.phone.backup.sync')!;
    expect(selfUpdated.severity).toBe('high');
    expect(new Set(verdictOf(selfUpdated)!.reasons.map((reason) => reason.severity))).toEqual(new Set(['medium']));
    // Installed from a computer under Google Play's name: the verdict says so.
    const fromComputer = scores.find((score) => score.phone === 'motorola-adb')!.findings.find((finding) => finding.details.packageName === 'com.health.sync.agent')!;
    expect(fromComputer.explanation.en).toMatch(/installed from a computer over USB debugging.*names Google Play Store as its installer/s);
    // The unlisted one is caught by its behaviour alone.
    const unlisted = scores.find((score) => score.phone === 'xiaomi-unlisted')!;
    expect(unlisted.findings.find((finding) => finding.details.packageName === 'com.sync.helper.service')).toMatchObject({ severity: 'high', product: null });
  });
});
