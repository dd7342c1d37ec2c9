// The Electron main process: one hardened window showing the renderer (served from the app's own files
// under sentinelle://app/, never file://), the typed API over IPC, single instance, and the vault locked
// when the app quits. Everything else lives in plain Node modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app as electronApp, BrowserWindow, Menu, protocol } from 'electron';
import { RENDERER_CSP } from '../../src-shared/content-security-policy.js';
import type { App } from '../app.js';
import { builtRendererDir } from '../package-info.js';
import { defaultVaultDir } from '../paths.js';
import { APP_PAGE_URL, APP_SCHEME, resolveAppFile } from './app-files.js';
import { wireIpc } from './ipc.js';
import { electronPdfPrinter } from './print-pdf.js';
import { hardenBeforeReady, hardenContents, hardenSession } from './security.js';
import { takeSecretsFromEnvironment } from '../system/child-environment.js';

const preload = path.join(path.dirname(fileURLToPath(import.meta.url)), 'preload.cjs');

// The desktop app asks for secrets on screen; any left in its environment are not passed on.
takeSecretsFromEnvironment(process.env);
hardenBeforeReady();
// Before the app is ready: the scheme is standard (relative addresses work) and secure (like https).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false, corsEnabled: false, stream: false } }]);
if (!electronApp.requestSingleInstanceLock()) {
  electronApp.quit();
} else {
  // Packaged, the demo phones and guidance texts sit in electron-builder's extraResources folder.
  const vaultDir = defaultVaultDir();
  // The back end loads while Electron starts and the window opens: the page asks it only once it shows.
  const sentinelle: Promise<App> = import('../app.js').then(
    ({ App: LoadedApp }) =>
      new LoadedApp({
        vaultDir,
        printPdf: electronPdfPrinter(),
        ...(electronApp.isPackaged ? { resourcesDir: path.join(process.resourcesPath, 'resources') } : {}),
      }),
  );
  let window: BrowserWindow | null = null;

  electronApp.on('web-contents-created', (_event, contents) => hardenContents(contents));
  electronApp.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  electronApp.whenReady().then(async () => {
    hardenSession();
    // Only files of the built renderer are served; anything else is "not found".
    protocol.handle(APP_SCHEME, async (request) => {
      const found = resolveAppFile(builtRendererDir, request.url);
      if (!found) return new Response('Not found', { status: 404 });
      return new Response(await fs.promises.readFile(found.file), { headers: { 'Content-Type': found.type, 'Content-Security-Policy': RENDERER_CSP } });
    });
    Menu.setApplicationMenu(null);
    window = new BrowserWindow({
      width: 1200,
      height: 820,
      minWidth: 720,
      minHeight: 560,
      title: 'Sentinelle',
      show: false,
      webPreferences: {
        preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        spellcheck: false,
        navigateOnDragDrop: false,
        devTools: !electronApp.isPackaged,
      },
    });
    const unwire = wireIpc(sentinelle, window, APP_PAGE_URL);
    window.once('ready-to-show', () => window?.show());
    window.on('closed', () => {
      unwire();
      window = null;
    });
    await window.loadURL(APP_PAGE_URL);
  });

  electronApp.on('window-all-closed', () => electronApp.quit());
  electronApp.on('before-quit', () => void sentinelle.then((loaded) => loaded.dispose()));
}
