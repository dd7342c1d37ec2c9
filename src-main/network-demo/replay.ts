// Writes the network demo's events as the app's JSON-lines transport does (appended, synced: the file a
// Wazuh agent's <localfile> reads), all at once, or in time at a chosen speed for a live demo: `rate` times
// faster than the network's own clock (86,400: a day a second).
import { JsonFileTransport } from '../forward/json-file-transport.js';
import type { NetworkEvent } from './generate.js';

const BATCH = 1000;

export interface ReplayOptions {
  /** The file to append to; standard output when null. */
  out: string | null;
  /** How much faster than real time; everything at once when null. */
  rate: number | null;
  stdout: NodeJS.WritableStream;
  /** Called as each event is written (the count so far). */
  progress?: (written: number) => void;
}

export async function writeNetworkEvents(events: readonly NetworkEvent[], options: ReplayOptions): Promise<void> {
  const file = options.out === null ? null : new JsonFileTransport(options.out);
  const write = async (lines: string[]) => {
    if (file) await file.send(lines);
    else await new Promise<void>((resolve, reject) => options.stdout.write(lines.map((line) => `${line}\n`).join(''), (error) => (error ? reject(error) : resolve())));
  };
  const lines = events.map((entry) => JSON.stringify(entry.event));
  if (options.rate === null) {
    for (let i = 0; i < lines.length; i += BATCH) {
      await write(lines.slice(i, i + BATCH));
      options.progress?.(Math.min(lines.length, i + BATCH));
    }
    return;
  }
  const first = events.length > 0 ? Date.parse(events[0]!.event.time) : 0;
  const startedAt = performance.now();
  for (let i = 0; i < lines.length; i++) {
    const due = startedAt + (Date.parse(events[i]!.event.time) - first) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await write([lines[i]!]);
    options.progress?.(i + 1);
  }
}
