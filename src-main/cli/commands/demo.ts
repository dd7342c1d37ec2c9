// `sentinelle demo [--vault DIR] [--profile P | --profile-file FILE | --replay PATH]`: the app's main job
// without a phone or a display, and with nothing to install (no adb, no browser). It starts the simulated
// phone (demo mode: a shipped profile, a profile file, or a recorded phone replayed — an androidqf folder or
// zip, a bugreport zip, a recording exported with `scan export-recording`) and reaches it over TCP
// as a phone in wireless debugging, creates a case in a fresh vault (or the one given), runs the full
// read-only triage, seals the evidence in a bundle for a throwaway lawyer's key, prints the findings and
// says where the vault and the bundle are, and how to open and verify them.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyCommand, withFindings } from '../format.js';
import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { writeKeyPair } from '../files.js';
import { CliUsageError } from '../errors.js';
import { checksText, findingsText, notesText } from '../format.js';
import { scanSummary, withProgress } from './android.js';

const UNLOCK = { name: 'passphrase', env: 'SENTINELLE_PASSPHRASE', prompt: 'Passphrase' } as const;

/** A passphrase for a throwaway demo vault: 20 random bytes as five groups of base32-like letters. */
function demoPassphrase(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const letters = [...randomBytes(25)].map((byte) => alphabet[byte % alphabet.length]).join('');
  return letters.match(/.{5}/g)!.join('-');
}

export const demo: Command = {
  words: ['demo'],
  summary: 'triage the simulated phone into a fresh vault and print the findings (training; needs nothing installed)',
  usage: 'demo [--vault DIR] [--profile stalkerware|unknown-app|clean|work-profile|shared-account|large|unauthorized|disconnect | --profile-file FILE | --replay PATH] [--latency MS] [--json]',
  options: { profile: { type: 'string' }, 'profile-file': { type: 'string' }, replay: { type: 'string' }, latency: { type: 'string' } },
  unlocks: false,
  defaultVaultDir: () => fs.mkdtempSync(path.join(os.tmpdir(), 'sentinelle-demo-')),
  secrets: async (app) => ((await app.call('vault.status', {})).state === 'absent' ? [] : [UNLOCK]),
  async run({ app, values, secrets, env, print, note }) {
    const profileFile = stringOption(values, 'profile-file');
    const replay = stringOption(values, 'replay');
    if ([stringOption(values, 'profile'), profileFile, replay].filter(Boolean).length > 1) throw new CliUsageError('Give one phone: --profile, --profile-file or --replay.');
    const profile = stringOption(values, 'profile') ?? 'stalkerware';
    const latency = stringOption(values, 'latency');
    const status = await app.call('vault.status', {});
    let createdPassphrase: string | null = null;
    if (status.state === 'absent') {
      createdPassphrase = env.SENTINELLE_PASSPHRASE || demoPassphrase();
      await app.call('vault.create', { passphrase: createdPassphrase });
      note(`Created a demo vault in ${app.vaultDir}.`);
    } else {
      await app.call('vault.unlock', { passphrase: secrets.passphrase ?? '' });
    }

    const which = replay ? { replay: path.resolve(replay) } : profileFile ? { profileFile: path.resolve(profileFile) } : { profile };
    const phone = await app.call('demo.start', { ...which, ...(latency === undefined ? {} : { latencyMs: Number(latency) }) });
    const shipped = (await app.call('demo.profiles', {})).find((candidate) => candidate.id === phone.profile);
    const name = replay ? `the phone recorded in ${path.basename(replay)}` : (shipped?.name.en ?? phone.profile);
    note(`Demo phone “${name}” connected as ${phone.serial} (over TCP, as a phone in wireless debugging).`);
    const created = await app.call('cases.create', { label: `Demo: ${name}`.slice(0, 200) });
    note(`Case ${created.id} (${created.pseudonym}) created.`);
    const outcome = await withProgress(app, note, () => app.call('scans.android', { caseId: created.id, serial: phone.serial }));
    await app.call('demo.stop', {});
    const checks = await app.call('consultation.suggested', { caseId: created.id });

    // The evidence, sealed for a throwaway "lawyer" key pair written beside the vault, as an advocate would.
    const lawyer = await app.call('keys.generate', { label: 'Demo lawyer' });
    const keyBase = path.join(path.dirname(app.vaultDir), `${path.basename(app.vaultDir)}-demo-lawyer`);
    writeKeyPair({ publicFile: `${keyBase}.pub`, secretFile: `${keyBase}.key` }, lawyer.publicKey, lawyer.secretKey);
    const bundlePath = `${keyBase.replace(/-demo-lawyer$/, '')}-${created.id}.sntl`;
    const bundle = await app.call('bundles.export', { caseId: created.id, out: bundlePath, withReader: true, recipients: [lawyer.publicKey] });
    note(`Evidence sealed in ${bundle.path} for the demo lawyer's key.`);
    if (!bundle.pdf) note('The report is in HTML only: printing it to PDF needs Chromium or Chrome, and none could print here.');

    const opening = [
      `The vault is in ${app.vaultDir}`,
      createdPassphrase && !env.SENTINELLE_PASSPHRASE ? `Its passphrase (a throwaway demo vault): ${createdPassphrase}` : null,
      `Open it with:  sentinelle serve --vault ${app.vaultDir}`,
      `Evidence bundle: ${bundle.path} (SHA-256 ${bundle.sha256})`,
      bundle.reader?.path ? `Read it as the lawyer would, in any browser: open ${bundle.reader.path}, choose the bundle and the key file ${keyBase}.key` : null,
      `Or verify it on the command line:  ${verifyCommand(bundle, `${keyBase}.key`)}`,
    ].filter((line): line is string => line !== null);
    const shown = await withFindings(app, outcome);
    print(
      [`Case ${created.id} — ${scanSummary(outcome.scan, outcome.observations, outcome.resumed)}${notesText(outcome.notes)}`, '', `${findingsText(shown.findings, outcome.detection.created)}${checksText(checks)}`, '', ...opening].join('\n'),
      { vault: app.vaultDir, checks, ...(createdPassphrase && !env.SENTINELLE_PASSPHRASE ? { passphrase: createdPassphrase } : {}), case: created, profile: phone.profile, ...shown, bundle, lawyerKey: `${keyBase}.key` },
    );
  },
};

/** This file's commands, in the order `sentinelle help` lists them. */
export const commands: readonly Command[] = [demo];
