// Printing the report to PDF outside Electron: Debian's (or the system's) Chromium in headless mode, when
// there is one, driven over its DevTools pipe. The report goes to Chromium through the pipe and the PDF
// comes back through it: neither is ever a file. The browser profile Chromium insists on lives in a private
// temporary folder outside the vault, removed afterwards; no network is involved (the report loads nothing,
// and scripts are off).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { childEnvironment } from '../system/child-environment.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'];
const PRINT_TIMEOUT_MS = 60_000;
/** Prefix of the private folders holding Chromium's profile while it prints (swept if a crash left one). */
export const PRINTER_PROFILE_PREFIX = 'sentinelle-print-';

/**
 * The Chromium that prints reports: SENTINELLE_CHROMIUM when set (a path, or `none` to print no PDF), else
 * the first of the usual places; null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const chosen = env.SENTINELLE_CHROMIUM;
  if (chosen === 'none') return null;
  if (chosen) return fs.existsSync(chosen) ? chosen : null;
  return CANDIDATES.find((candidate) => fs.existsSync(candidate)) ?? null;
}

/** A printer for exportCase, or null when no Chromium is installed. It answers null when printing fails. */
export function headlessChromiumPrinter(chromium = findChromium()): ((html: string) => Promise<Buffer | null>) | null {
  if (!chromium) return null;
  return async (html) => {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), `${PRINTER_PROFILE_PREFIX}${process.pid}-`));
    try {
      const args = ['--headless', '--disable-gpu', '--no-first-run', '--disable-extensions', '--disable-background-networking', '--disable-sync', '--remote-debugging-pipe', `--user-data-dir=${profile}`, 'about:blank'];
      // Chromium refuses to run as root inside its sandbox.
      if (typeof process.getuid === 'function' && process.getuid() === 0) args.unshift('--no-sandbox');
      // Its own process group, so that its helper processes (which also write into the profile) end with it.
      const detached = process.platform !== 'win32';
      const child = spawn(chromium, args, { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'], env: childEnvironment(), detached });
      try {
        return await printOverPipe(child, html);
      } catch {
        return null;
      } finally {
        await endChromium(child, detached);
      }
    } finally {
      removeProfile(profile);
    }
  };
}

/** Gives Chromium (asked to close by the print) a moment to end, then ends it and its helpers for good. */
async function endChromium(child: ChildProcess, ownGroup: boolean): Promise<void> {
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  if (!ended()) await new Promise((resolve) => {
    const timer = setTimeout(resolve, 2_000);
    child.once('close', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  try {
    if (ownGroup && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    // Already gone.
  }
  if (!ended()) await new Promise((resolve) => child.once('close', resolve));
}

/** Removes the profile; a helper still finishing a write gets a few retries, and what remains is swept later. */
function removeProfile(profile: string): void {
  try {
    fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // sweepPrinterProfiles removes it once this process has ended.
  }
}

/** Removes the printer profiles that processes no longer running (killed while printing) left in the temporary folder. */
export function sweepPrinterProfiles(): void {
  let names: string[];
  try {
    names = fs.readdirSync(os.tmpdir());
  } catch {
    return;
  }
  for (const name of names) {
    const pid = name.startsWith(PRINTER_PROFILE_PREFIX) ? Number.parseInt(name.slice(PRINTER_PROFILE_PREFIX.length), 10) : Number.NaN;
    if (Number.isInteger(pid) && pid !== process.pid && !processRunning(pid)) fs.rmSync(path.join(os.tmpdir(), name), { recursive: true, force: true });
  }
}

function processRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The DevTools protocol over Chromium's pipe (fd 3 in, fd 4 out, messages ended by a NUL byte). */
async function printOverPipe(child: ChildProcess, html: string): Promise<Buffer | null> {
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  const pending = new Map<number, { resolve: (result: Record<string, unknown>) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let buffered = Buffer.alloc(0);
  const failAll = (error: Error) => {
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  fromBrowser.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    let end: number;
    while ((end = buffered.indexOf(0)) >= 0) {
      const message = JSON.parse(buffered.subarray(0, end).toString('utf8')) as { id?: number; result?: Record<string, unknown>; error?: { message?: string } };
      buffered = buffered.subarray(end + 1);
      const waiter = message.id === undefined ? undefined : pending.get(message.id);
      if (!waiter) continue;
      pending.delete(message.id!);
      if (message.error) waiter.reject(new Error(message.error.message ?? 'DevTools error'));
      else waiter.resolve(message.result ?? {});
    }
  });
  fromBrowser.on('error', failAll);
  toBrowser.on('error', failAll);
  child.once('close', () => failAll(new Error('Chromium ended before printing')));
  child.once('error', failAll);
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      toBrowser.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const timeout = new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error('Chromium did not print in time')), PRINT_TIMEOUT_MS).unref());
  const print = async () => {
    const { targetId } = (await send('Target.createTarget', { url: 'about:blank' })) as { targetId: string };
    const { sessionId } = (await send('Target.attachToTarget', { targetId, flatten: true })) as { sessionId: string };
    await send('Emulation.setScriptExecutionDisabled', { value: true }, sessionId);
    const { frameTree } = (await send('Page.getFrameTree', {}, sessionId)) as { frameTree: { frame: { id: string } } };
    await send('Page.setDocumentContent', { frameId: frameTree.frame.id, html }, sessionId);
    const { data } = (await send('Page.printToPDF', { printBackground: true, displayHeaderFooter: false, preferCSSPageSize: true }, sessionId)) as { data: string };
    await send('Browser.close').catch(() => undefined);
    const pdf = Buffer.from(data, 'base64');
    return pdf.length > 0 ? pdf : null;
  };
  return Promise.race([print(), timeout]);
}
