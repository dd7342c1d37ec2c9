// `npm run bench -- quality`: detection quality on labelled phones (tests/fixtures/labelled/): each phone
// is scanned as a real one would be (the simulated phone over the adbd protocol, the app's own scan and
// detection, with every list it ships), and its verdicts are compared with the labels. Printed per class:
// phones, alarms raised on stalkerware, stalkerware missed, false alarms (high or critical on anything
// that is not labelled stalkerware, nor a sign about the device the labels expect), and mediums on clean
// apps (the questions a phone raises where nothing is wrong).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { App } from '../src-main/app.js';
import type { Finding } from '../src-shared/model.js';
import { report, type BenchContext } from './report.js';
import { callWithFindings } from '../tests/helpers/findings.js';

export const LABELLED_DIR = fileURLToPath(new URL('../tests/fixtures/labelled/', import.meta.url));

const Labels = z.object({
  phones: z.record(
    z.string(),
    z.object({
      class: z.enum(['clean', 'infected']),
      maker: z.string(),
      stalkerware: z.array(z.string()),
      /** Findings about the device as a whole that are true signs on this phone (a trusted computer the spy was installed from). */
      deviceSigns: z.array(z.string()).default([]),
    }),
  ),
});

export interface PhoneScore {
  phone: string;
  class: 'clean' | 'infected';
  maker: string;
  /** Labelled stalkerware apps with a high or critical verdict. */
  caught: string[];
  missed: string[];
  /** High or critical findings about anything else. */
  falseAlarms: Finding[];
  /** Medium findings about anything that is not labelled stalkerware. */
  mediums: Finding[];
  findings: Finding[];
}

const strong = (finding: Finding) => finding.retiredAt === null && (finding.severity === 'critical' || finding.severity === 'high');

/** Scans every labelled phone into a fresh vault and scores its findings against its labels. */
export async function scoreLabelledPhones(tempRoot: string): Promise<PhoneScore[]> {
  const labels = Labels.parse(JSON.parse(fs.readFileSync(path.join(LABELLED_DIR, 'labels.json'), 'utf8')));
  const scores: PhoneScore[] = [];
  for (const [phone, label] of Object.entries(labels.phones)) {
    const app = new App({ vaultDir: path.join(tempRoot, `quality-${phone}`), kdfCost: { opslimit: 1, memlimit: 8 * 1024 * 1024 } });
    try {
      await app.call('vault.create', { passphrase: 'labelled phones passphrase' });
      const { id: caseId } = await app.call('cases.create', { label: phone });
      const { serial } = await app.call('demo.start', { profileFile: path.join(LABELLED_DIR, `${phone}.json`) });
      const { findings } = await callWithFindings(app, 'scans.android', { caseId, serial });
      await app.call('demo.stop', {});
      const about = (finding: Finding) => String(finding.details.packageName ?? '');
      const caught = label.stalkerware.filter((name) => findings.some((finding) => strong(finding) && about(finding) === name));
      scores.push({
        phone,
        class: label.class,
        maker: label.maker,
        caught,
        missed: label.stalkerware.filter((name) => !caught.includes(name)),
        falseAlarms: findings.filter((finding) => strong(finding) && !label.stalkerware.includes(about(finding)) && !label.deviceSigns.some((sign) => finding.ruleId === `heuristic:${sign}`)),
        mediums: findings.filter((finding) => finding.retiredAt === null && finding.severity === 'medium' && !label.stalkerware.includes(about(finding))),
        findings,
      });
    } finally {
      app.dispose();
    }
  }
  return scores;
}

export async function benchQuality({ tempRoot }: BenchContext): Promise<void> {
  const scores = await scoreLabelledPhones(tempRoot);
  const sum = (of: PhoneScore[], count: (score: PhoneScore) => number) => of.reduce((total, score) => total + count(score), 0);
  const rows = (['clean', 'infected'] as const).map((kind): [string, string] => {
    const of = scores.filter((score) => score.class === kind);
    return [
      `${kind} phones`,
      `${of.length} (${[...new Set(of.map((score) => score.maker))].join(', ')}): alarms on stalkerware ${sum(of, (score) => score.caught.length)}, stalkerware missed ${sum(of, (score) => score.missed.length)}, false alarms (high/critical on clean apps) ${sum(of, (score) => score.falseAlarms.length)}, mediums on clean apps ${sum(of, (score) => score.mediums.length)}`,
    ];
  });
  report('Detection quality on labelled phones (tests/fixtures/labelled)', rows);
  for (const score of scores) {
    for (const alarm of score.falseAlarms) console.log(`  false alarm on ${score.phone}: ${alarm.severity} ${alarm.title.en}`);
    for (const name of score.missed) console.log(`  missed on ${score.phone}: ${name}`);
    for (const medium of score.mediums) console.log(`  medium on ${score.phone}: ${medium.title.en}`);
  }
}
