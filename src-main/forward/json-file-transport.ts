// The JSON-lines transport: one event per line appended to a file that a Wazuh agent on the laptop reads
// (<localfile> with <log_format>json</log_format>), synced to disk before the events count as delivered.
import fs from 'node:fs';
import path from 'node:path';
import { TransportError, type Transport } from './transport.js';

export class JsonFileTransport implements Transport {
  readonly name: string;
  readonly batchSize = 1000;

  constructor(private readonly file: string) {
    this.name = `json-file:${file}`;
  }

  async send(events: readonly string[]): Promise<void> {
    let handle: fs.promises.FileHandle | null = null;
    try {
      handle = await fs.promises.open(this.file, 'a', 0o640);
      await handle.write(events.map((event) => `${event}\n`).join(''));
      await handle.sync();
    } catch (error) {
      throw new TransportError(`The events file ${this.file} cannot be written: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
    } finally {
      await handle?.close();
    }
  }

  async test(): Promise<string> {
    const dir = path.dirname(this.file);
    try {
      fs.accessSync(dir, fs.constants.W_OK);
    } catch {
      throw new TransportError(`The folder ${dir} does not exist or cannot be written.`);
    }
    return `Events will be appended to ${this.file}; point the Wazuh agent's <localfile> at it (log_format json).`;
  }
}
