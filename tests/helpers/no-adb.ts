// A computer without adb, for the tests that show Sentinelle needs none: a folder to put on PATH holding
// only an `adb` that leaves a mark if anything runs it, and a loopback port on which no adb server answers.
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { makeTempDir, removeDir } from './temp.js';

/** A loopback port nothing listens on. */
export async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export interface NoAdb {
  /** The folder holding the marking `adb`. */
  bin: string;
  /** Where an adb server would be looked for, and is not. */
  serverPort: number;
  adbWasRun(): boolean;
  remove(): void;
}

export async function computerWithoutAdb(): Promise<NoAdb> {
  const bin = makeTempDir('no-adb-bin-');
  const mark = path.join(bin, 'adb-was-run');
  fs.writeFileSync(path.join(bin, 'adb'), `#!/bin/sh\ntouch '${mark}'\n`, { mode: 0o755 });
  return { bin, serverPort: await closedPort(), adbWasRun: () => fs.existsSync(mark), remove: () => removeDir(bin) };
}
