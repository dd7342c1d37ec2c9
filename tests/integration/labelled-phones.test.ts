// Detection measured on labelled phones (tests/fixtures/labelled/, see its README): clean phones of four
// makers with the rights such phones normally hand out give nothing above low; phones with stalkerware —
// listed or not — give one verdict per stalkerware app, critical when a list names it, with all its
// reasons; no false alarm, nothing missed. The same scoring is `npm run bench -- quality`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreLabelledPhones, type PhoneScore } from '../../bench/quality.bench.js';
import { SEVERITY_RANK } from '../../src-shared/model.js';
import { verdictOf } from '../../src-shared/verdicts.js';
import { makeTempDir, removeDir } from '../helpers/temp.js';

describe('labelled phones', () => {
  let dir: string;
  let scores: PhoneScore[];
  beforeAll(async () => {
    dir = makeTempDir();
    scores = await scoreLabelledPhones(dir);
  }, 120_000);
  afterAll(() => removeDir(dir));

  it('raises no false alarm and misses no stalkerware', () => {
    expect(scores.map((score) => [score.phone, score.falseAlarms.map((finding) => finding.title.en), score.missed])).toEqual(scores.map((score) => [score.phone, [], []]));
    expect(new Set(scores.filter((score) => score.class === 'clean').map((score) => score.maker)).size).toBe(4);
  });

  it('gives nothing above low on the clean phone of each maker', () => {
    for (const score of scores.filter((candidate) => candidate.class === 'clean')) {
      const above = score.findings.filter((finding) => SEVERITY_RANK[finding.severity] > SEVERITY_RANK.low);
      expect(above.map((finding) => `${finding.severity} ${finding.title.en}`), score.phone).toEqual([]);
    }
  });

  it('gives one verdict per stalkerware app, critical when listed, with each of its reasons', () => {
    for (const score of scores.filter((candidate) => candidate.class === 'infected')) {
      const [spy] = score.caught;
      const verdicts = score.findings.filter((finding) => finding.details.packageName === spy);
      expect(verdicts, score.phone).toHaveLength(1);
      const reasons = verdictOf(verdicts[0]!)!.reasons.map((reason) => reason.ruleId);
      expect(reasons, score.phone).toEqual(expect.arrayContaining(['heuristic:android.accessibility-rights', 'heuristic:android.device-admin-rights', 'heuristic:android.hidden-app']));
      if (reasons.some((rule) => rule.startsWith('signature:'))) expect(verdicts[0]!.severity, score.phone).toBe('critical');
    }
    // The unlisted one is caught by its behaviour alone.
    const unlisted = scores.find((score) => score.phone === 'xiaomi-unlisted')!;
    expect(unlisted.findings.find((finding) => finding.details.packageName === 'com.sync.helper.service')).toMatchObject({ severity: 'high', product: null });
  });
});
