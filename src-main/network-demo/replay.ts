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
}

/** Hands each item over at its own time (`timeOf`, in ms), `speed` times faster than real time, counted from the first. */
export async function inTime<T>(items: readonly T[], timeOf: (item: T) => number, speed: number, each: (item: T) => void | Promise<void>): Promise<void> {
  const first = items.length > 0 ? timeOf(items[0]!) : 0;
  const startedAt = performance.now();
  for (const item of items) {
    const wait = startedAt + (timeOf(item) - first) / speed - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    await each(item);
  }
}

export async function writeNetworkEvents(events: readonly NetworkEvent[], options: ReplayOptions): Promise<void> {
  const file = options.out === null ? null : new JsonFileTransport(options.out);
  const write = async (lines: string[]) => {
    if (file) await file.send(lines);
    else await new Promise<void>((resolve, reject) => options.stdout.write(lines.map((line) => `${line}\n`).join(''), (error) => (error ? reject(error) : resolve())));
  };
  if (options.rate !== null) return inTime(events, (entry) => Date.parse(entry.event.time), options.rate, (entry) => write([JSON.stringify(entry.event)]));
  const lines = events.map((entry) => JSON.stringify(entry.event));
  for (let i = 0; i < lines.length; i += BATCH) await write(lines.slice(i, i + BATCH));
}
