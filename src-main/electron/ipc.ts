// IPC wiring: one channel for requests, one for events, one for the system's dialogs (dialogs.ts). Only the
// app's own window, from its own page in the main frame, may call; the request is validated by app.ts like
// any other door's.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { App } from '../app.js';
import { wireDialogs } from './dialogs.js';

export const INVOKE_CHANNEL = 'sentinelle:invoke';
export const EVENT_CHANNEL = 'sentinelle:event';

/**
 * `pageUrl` is the renderer's index.html under the app's own scheme; only that page, in the main frame, may
 * call. The app may still be loading: requests wait for it.
 */
export function wireIpc(loading: Promise<App>, window: BrowserWindow, pageUrl: string): () => void {
  const isTrustedSender = (event: IpcMainInvokeEvent) => {
    const frame = event.senderFrame;
    if (event.sender !== window.webContents || frame === null || frame !== window.webContents.mainFrame) return false;
    const url = new URL(frame.url);
    return `${url.protocol}//${url.host}${url.pathname}` === pageUrl;
  };

  const unwireDialogs = wireDialogs(window, isTrustedSender);
  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'host.forbidden-origin', message: 'This request was refused for safety.' } };
    }
    return loading.then((app) => app.invoke(name, input));
  });
  const unsubscribe = loading.then((app) =>
    app.subscribe((name, payload) => {
      if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
    }),
  );
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    unwireDialogs();
    void unsubscribe.then((stop) => stop());
  };
}
