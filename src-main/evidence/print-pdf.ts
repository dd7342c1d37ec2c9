// Printing the report to PDF outside Electron: Debian's (or the system's) Chromium in headless mode, when
// there is one. The HTML is written for Chromium in a private folder (the vault's scratch folder, swept at
// unlock) and removed afterwards; no network is involved (the report loads nothing).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'];

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

/** A printer for exportCase, or null when no Chromium is installed. */
export function headlessChromiumPrinter(scratchDir: string, chromium = findChromium()): ((html: string) => Promise<Buffer | null>) | null {
  if (!chromium) return null;
  return async (html) => {
    fs.mkdirSync(scratchDir, { recursive: true, mode: 0o700 });
    const dir = fs.mkdtempSync(path.join(scratchDir, 'report-'));
    try {
      const page = path.join(dir, 'report.html');
      const pdf = path.join(dir, 'report.pdf');
      fs.writeFileSync(page, html, { mode: 0o600 });
      const args = ['--headless', '--disable-gpu', '--no-first-run', '--disable-extensions', '--disable-background-networking', `--user-data-dir=${path.join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`];
      // Chromium refuses to run as root inside its sandbox.
      if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
      await new Promise<void>((resolve) => {
        const child = spawn(chromium, [...args, pathToFileURL(page).href], { stdio: 'ignore' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
        child.on('error', () => resolve());
        child.on('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      return fs.existsSync(pdf) && fs.statSync(pdf).size > 0 ? fs.readFileSync(pdf) : null;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}
