// The preload: exposes the typed API to the page through contextBridge — one function to invoke an
// operation, one to receive events, and the system's file dialogs (a chosen file's path, a folder, where to
// save) — and nothing else. The main process validates every request.
import electron = require('electron');
import type { IpcRendererEvent } from 'electron';

const { contextBridge, ipcRenderer, webUtils } = electron;

contextBridge.exposeInMainWorld('sentinelle', {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('sentinelle:invoke', name, input),
  onEvent: (listener: (event: string, payload: unknown) => void): (() => void) => {
    const forward = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on('sentinelle:event', forward);
    return () => ipcRenderer.removeListener('sentinelle:event', forward);
  },
  files: {
    /** Where a file chosen in the page's file input (the system's Open dialog) is on this computer. */
    pathOf: (file: File): string => webUtils.getPathForFile(file),
    chooseFolder: (title: string): Promise<string | null> => ipcRenderer.invoke('sentinelle:dialog', { kind: 'folder', title }),
    chooseSavePath: (options: { title: string; suggestedName: string; kind: string }): Promise<string | null> =>
      ipcRenderer.invoke('sentinelle:dialog', { kind: 'save', title: options.title, suggestedName: options.suggestedName, what: options.kind }),
  },
});
