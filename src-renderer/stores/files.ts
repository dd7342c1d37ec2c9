// How this window reaches files: the desktop app's own dialogs, or the browser's picker and downloads
// (api/client.ts). Screens ask here whether a folder can be chosen and hand chosen files over; the stores of
// each area send them to the back end.
import { create } from 'zustand';
import { fileTransport } from '../api/context.js';
import type { HandedFiles, SaveKind } from '../api/client.js';

interface FilesState {
  /** The desktop app: files are chosen and saved with the system's dialogs and read where they are. */
  desktop(): boolean;
  /** The system's folder dialog (desktop only; null in a browser, or when cancelled). */
  chooseFolder(title: string): Promise<string | null>;
  /** Files chosen in the page's picker, as the back end reads them (sent to it from a browser). */
  hand(files: readonly File[], onProgress?: (sent: number, total: number) => void): Promise<HandedFiles>;
  /** Where to save: the Save dialog (null when cancelled) or a download. */
  saveTarget(options: { title: string; suggestedName: string; kind: SaveKind }): Promise<{ out: string } | { download: true } | null>;
  /** Brings an offered file into the browser's downloads (nothing to do on the desktop). */
  receive(download: { id: string; name: string } | null): Promise<void>;
}

export const useFiles = create<FilesState>(() => ({
  desktop: () => fileTransport().kind === 'desktop',
  chooseFolder: async (title) => (await fileTransport().chooseFolder(title)) ?? null,
  hand: (files, onProgress) => fileTransport().hand(files, onProgress),
  saveTarget: (options) => fileTransport().saveTarget(options),
  receive: async (download) => {
    if (download) await fileTransport().receive(download);
  },
}));
