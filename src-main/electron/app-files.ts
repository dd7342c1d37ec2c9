// The desktop window's own address space: the renderer is served under `sentinelle://app/…` (a custom,
// standard and secure scheme) rather than file://, so that the page has no file-system reach. This module
// decides, without Electron, which file of the built renderer an address names — never one outside its
// folder (no `..`, no encoded separators, no symbolic link leading out) — and what type it is served as.
import fs from 'node:fs';
import path from 'node:path';

export const APP_SCHEME = 'sentinelle';
export const APP_HOST = 'app';
/** The page the window opens, and the only one whose frame may call the API. */
export const APP_PAGE_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

export interface AppFile {
  file: string;
  type: string;
}

/** The file an address names inside `root`, or null for anything else (another scheme or host, a path leading out, a missing file). */
export function resolveAppFile(root: string, address: string): AppFile | null {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password || url.port) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative === '/' || relative === '') relative = '/index.html';
  // Encoded separators, backslashes and NUL bytes have no business in the renderer's addresses.
  if (/[\\\0]/.test(relative) || relative.split('/').some((part) => part === '..' || part === '.')) return null;
  const type = TYPES[path.extname(relative).toLowerCase()];
  if (!type) return null;
  let realRoot: string;
  let real: string;
  try {
    realRoot = fs.realpathSync(root);
    real = fs.realpathSync(path.join(root, ...relative.split('/').filter(Boolean)));
  } catch {
    return null;
  }
  if (!real.startsWith(realRoot + path.sep) || !fs.statSync(real).isFile()) return null;
  return { file: real, type };
}
