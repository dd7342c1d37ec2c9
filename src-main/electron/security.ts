// The Electron security checklist, applied before any window exists: sandbox everywhere, no permissions,
// no navigation, no new windows or webviews, and no network — only the app's own files load (through its
// sentinelle:// scheme; file:// is refused, and the fuses turn off its extra privileges).
import { app, session, type WebContents } from 'electron';
import { RENDERER_CSP } from '../../src-shared/content-security-policy.js';

/** data: only for the hidden window that prints a report to PDF (it runs no script). */
const ALLOWED_SCHEMES = new Set(['sentinelle:', 'devtools:', 'data:']);

export function hardenBeforeReady(): void {
  app.enableSandbox();
}

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setSpellCheckerEnabled(false);
  // Nothing leaves the laptop: any request that is not for the app's own files is cancelled.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !ALLOWED_SCHEMES.has(new URL(details.url).protocol) });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
}

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
