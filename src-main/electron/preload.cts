// The preload: exposes the typed API to the page through contextBridge — one function to invoke an
// operation and one to receive events — and nothing else. The main process validates every request.
import electron = require('electron');
import type { IpcRendererEvent } from 'electron';

const { contextBridge, ipcRenderer } = electron;

contextBridge.exposeInMainWorld('sentinelle', {
  invoke: (name: string, input: unknown): Promise<unknown> => ipcRenderer.invoke('sentinelle:invoke', name, input),
  onEvent: (listener: (event: string, payload: unknown) => void): (() => void) => {
    const forward = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on('sentinelle:event', forward);
    return () => ipcRenderer.removeListener('sentinelle:event', forward);
  },
});
