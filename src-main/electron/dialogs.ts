// The system's own dialogs for the window: choosing a folder (an iPhone backup kept elsewhere, an
// acquisition's folder) and where to save (a sealed bundle, the reader page, the events file), starting on
// the USB key when one is plugged in, with a suggested name. Files are opened with the page's own file
// input, which Electron shows as the system's Open dialog; the preload gives the back end their path.
import path from 'node:path';
import { app, dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import { suggestedSaveFolder } from '../system/save-folders.js';

export const DIALOG_CHANNEL = 'sentinelle:dialog';

const DialogRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('folder'), title: z.string().max(200) }).strict(),
  z.object({ kind: z.literal('save'), title: z.string().max(200), suggestedName: z.string().min(1).max(255), what: z.enum(['bundle', 'reader', 'events']) }).strict(),
]);

const FILTERS: Record<'bundle' | 'reader' | 'events', Electron.FileFilter[]> = {
  bundle: [{ name: 'Sentinelle bundle', extensions: ['sntl'] }],
  reader: [{ name: 'Web page', extensions: ['html'] }],
  events: [{ name: 'JSON lines', extensions: ['json', 'jsonl', 'log'] }],
};

export function wireDialogs(window: BrowserWindow, isTrustedSender: (event: IpcMainInvokeEvent) => boolean): () => void {
  ipcMain.handle(DIALOG_CHANNEL, async (event, raw: unknown) => {
    if (!isTrustedSender(event)) return null;
    const request = DialogRequest.safeParse(raw);
    if (!request.success) return null;
    if (request.data.kind === 'folder') {
      const chosen = await dialog.showOpenDialog(window, { title: request.data.title, properties: ['openDirectory'] });
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    }
    // A file name only: whatever the page asks, the dialog starts in a folder of this computer's choosing.
    const name = path.basename(request.data.suggestedName);
    const chosen = await dialog.showSaveDialog(window, {
      title: request.data.title,
      defaultPath: path.join(suggestedSaveFolder(app.getPath('documents')), name),
      filters: FILTERS[request.data.what],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    });
    return chosen.canceled ? null : (chosen.filePath ?? null);
  });
  return () => ipcMain.removeHandler(DIALOG_CHANNEL);
}
