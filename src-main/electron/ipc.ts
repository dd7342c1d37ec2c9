// IPC wiring: one channel for requests, one for events. Only the app's own window, from its own page in
// the main frame, may call; the request is validated by app.ts like any other door's.
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import type { App } from '../app.js';

export const INVOKE_CHANNEL = 'sentinelle:invoke';
export const EVENT_CHANNEL = 'sentinelle:event';

export function wireIpc(app: App, window: BrowserWindow, rendererUrl: string): () => void {
  const isTrustedSender = (event: IpcMainInvokeEvent) =>
    event.sender === window.webContents && event.senderFrame !== null && event.senderFrame === window.webContents.mainFrame && event.senderFrame.url.startsWith(rendererUrl);

  ipcMain.handle(INVOKE_CHANNEL, (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'host.forbidden-origin', message: 'This request was refused for safety.' } };
    }
    return app.invoke(name, input);
  });
  const unsubscribe = app.subscribe((name, payload) => {
    if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    ipcMain.removeHandler(INVOKE_CHANNEL);
    unsubscribe();
  };
}
