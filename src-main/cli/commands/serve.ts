// `sentinelle serve`: run the app without a display — the typed API and the renderer on 127.0.0.1, on a
// random port, behind a per-run token — and print the address to open in a browser on this computer.
import fs from 'node:fs';
import { startHost } from '../../host/server.js';
import { builtRendererDir } from '../../package-info.js';
import type { EarlyCommand } from '../command.js';
import { stringOption } from '../command.js';
import { CliUsageError } from '../errors.js';

export const serve: EarlyCommand = {
  words: ['serve'],
  summary: 'serve the app on this computer only (127.0.0.1) and print the address to open',
  usage: 'serve [--vault DIR] [--port N] [--json]',
  options: { port: { type: 'string', default: '0' } },
  unlocks: false,
  early: true,
  async run({ loadApp, values, print, note }) {
    const port = Number(stringOption(values, 'port'));
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliUsageError('--port is a number from 0 to 65535 (0 picks a free one).');
    const rendererDir = fs.existsSync(builtRendererDir) ? builtRendererDir : null;
    if (!rendererDir) note('The renderer is not built (run `npm run build`): only the API is served.');
    // The address first, then the app: loading it any earlier would hold up the address by as long again.
    let addressPrinted!: () => void;
    const app = new Promise<void>((resolve) => (addressPrinted = resolve)).then(loadApp);
    const host = await startHost({ app, rendererDir, port });
    print(`Sentinelle is running. Open this address in a browser on this computer:\n\n    ${host.url}\n\nPress Ctrl+C to lock the vault and stop.`, {
      url: host.url,
      origin: host.origin,
      token: host.token,
    });
    addressPrinted();
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await host.close();
    note('Vault locked. Stopped.');
  },
};

/** This file's commands, in the order `sentinelle help` lists them. */
export const commands: readonly EarlyCommand[] = [serve];
