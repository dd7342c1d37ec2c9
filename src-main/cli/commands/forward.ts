// `sentinelle forward status|test|flush|configure`: forwarding findings (pseudonymous, never personal data)
// to a shelter network's Wazuh server, through a JSON-lines file a local agent reads or the server API.
import type { ForwardStatus } from '../../../src-shared/forwarding.js';
import type { Command } from '../command.js';
import { stringOption } from '../command.js';
import { CliUsageError, EXIT_CHECK_FAILED } from '../errors.js';
import { readInputFile } from '../files.js';

function statusText(status: ForwardStatus): string {
  const { settings, outbox } = status;
  const where = settings.transport === 'json-file' ? `file ${settings.file ?? '(none)'}` : `Wazuh API ${settings.api?.url ?? '(none)'} as ${settings.api?.user ?? '?'}`;
  return [
    `Forwarding: ${settings.enabled ? 'on' : 'off'} — ${where}`,
    `Outbox: ${outbox.pending} waiting${outbox.oldestPendingAt ? ` (oldest ${outbox.oldestPendingAt})` : ''}, ${outbox.delivered} delivered${outbox.lastDeliveredAt ? ` (last ${outbox.lastDeliveredAt})` : ''}`,
    ...(outbox.lastError ? [`Last error: ${outbox.lastError}${outbox.nextAttemptAt ? ` — next try ${outbox.nextAttemptAt}` : ''}`] : []),
  ].join('\n');
}

export const forwardStatus: Command = {
  words: ['forward', 'status'],
  summary: 'show the forwarding settings and what waits in the outbox',
  usage: 'forward status [--json]',
  options: {},
  unlocks: true,
  async run({ app, print }) {
    const status = await app.call('forward.status', {});
    print(statusText(status), status);
  },
};

export const forwardTest: Command = {
  words: ['forward', 'test'],
  summary: 'check the events file can be written, or that the Wazuh server accepts the user (nothing is sent)',
  usage: 'forward test [--json]',
  options: {},
  unlocks: true,
  async run({ app, print }) {
    const result = await app.call('forward.test', {});
    print(`${result.ok ? 'OK' : 'FAILED'}: ${result.message}`, result);
    return result.ok ? undefined : EXIT_CHECK_FAILED;
  },
};

export const forwardFlush: Command = {
  words: ['forward', 'flush'],
  summary: 'deliver the queued events now',
  usage: 'forward flush [--json]',
  options: {},
  unlocks: true,
  async run({ app, print }) {
    const result = await app.call('forward.flush', {});
    print(`${result.delivered} event(s) delivered, ${result.pending} waiting.${result.error ? `\nNot delivered: ${result.error}` : ''}`, result);
    return result.error ? EXIT_CHECK_FAILED : undefined;
  },
};

export const forwardConfigure: Command = {
  words: ['forward', 'configure'],
  summary: 'turn forwarding on or off: to a JSON-lines file, or to the Wazuh API (password from SENTINELLE_WAZUH_PASSWORD or stdin)',
  usage: 'forward configure (--on | --off) --transport json-file --file PATH | --transport wazuh-api --url https://HOST:55000 --user USER --ca CA.pem [--json]',
  options: { on: { type: 'boolean' }, off: { type: 'boolean' }, transport: { type: 'string' }, file: { type: 'string' }, url: { type: 'string' }, user: { type: 'string' }, ca: { type: 'string' } },
  unlocks: true,
  secrets: async (_app, values) => (values.transport === 'wazuh-api' ? [{ name: 'wazuhPassword', env: 'SENTINELLE_WAZUH_PASSWORD', prompt: 'Wazuh API password (empty keeps the one stored)', optional: true }] : []),
  async run({ app, values, secrets, print }) {
    if (values.on === values.off) throw new CliUsageError('Say --on or --off.');
    const transport = stringOption(values, 'transport') ?? 'json-file';
    if (transport !== 'json-file' && transport !== 'wazuh-api') throw new CliUsageError('--transport is json-file or wazuh-api.');
    const file = stringOption(values, 'file');
    const url = stringOption(values, 'url');
    const user = stringOption(values, 'user');
    const ca = stringOption(values, 'ca');
    if (values.on === true && transport === 'json-file' && !file) throw new CliUsageError('Give --file PATH (the file the Wazuh agent reads).');
    if (values.on === true && transport === 'wazuh-api' && (!url || !user || !ca)) throw new CliUsageError('Give --url, --user and --ca (the Wazuh server’s CA certificate, PEM).');
    const status = await app.call('forward.configure', {
      enabled: values.on === true,
      transport,
      ...(file ? { file } : {}),
      ...(transport === 'wazuh-api' && url && user && ca ? { api: { url: url!, user: user!, caPem: readInputFile(ca!, 64 * 1024).toString('utf8'), ...(secrets.wazuhPassword ? { password: secrets.wazuhPassword } : {}) } } : {}),
    });
    print(statusText(status), status);
  },
};

/** This file's commands, in the order `sentinelle help` lists them. */
export const commands: readonly Command[] = [forwardStatus, forwardTest, forwardFlush, forwardConfigure];
