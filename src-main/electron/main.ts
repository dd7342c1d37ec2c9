// The Electron main process: one hardened window showing the renderer, the typed API over IPC, single
// instance, and the vault locked when the app quits. Everything else lives in plain Node modules.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { app as electronApp, BrowserWindow, Menu } from 'electron';
import { App } from '../app.js';
import { builtRendererDir } from '../package-info.js';
import { defaultVaultDir } from '../paths.js';
import { wireIpc } from './ipc.js';
import { electronPdfPrinter } from './print-pdf.js';
import { hardenBeforeReady, hardenContents, hardenSession } from './security.js';
import { takeSecretsFromEnvironment } from '../system/child-environment.js';

const preload = path.join(path.dirname(fileURLToPath(import.meta.url)), 'preload.cjs');
const indexFile = path.join(builtRendererDir, 'index.html');
const pageUrl = pathToFileURL(indexFile).href;

// The desktop app asks for secrets on screen; any left in its environment are not passed on.
takeSecretsFromEnvironment(process.env);
hardenBeforeReady();
if (!electronApp.requestSingleInstanceLock()) {
  electronApp.quit();
} else {
  // Packaged, the demo phones and guidance texts sit in electron-builder's extraResources folder.
  const vaultDir = defaultVaultDir();
  const sentinelle = new App({
    vaultDir,
    printPdf: electronPdfPrinter(),
    ...(electronApp.isPackaged ? { resourcesDir: path.join(process.resourcesPath, 'resources') } : {}),
  });
  let window: BrowserWindow | null = null;

  electronApp.on('web-contents-created', (_event, contents) => hardenContents(contents));
  electronApp.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  electronApp.whenReady().then(async () => {
    hardenSession();
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
    const unwire = wireIpc(sentinelle, window, pageUrl);
    window.once('ready-to-show', () => window?.show());
    window.on('closed', () => {
      unwire();
      window = null;
    });
    await window.loadFile(indexFile);
  });

  electronApp.on('window-all-closed', () => electronApp.quit());
  electronApp.on('before-quit', () => void sentinelle.dispose());
}
