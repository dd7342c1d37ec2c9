// Printing a bundle's report to PDF with Electron's own Chromium (printToPDF) in a hidden window that runs
// no script. The page is handed over as a data: address, so the report never exists as a file.
import { BrowserWindow } from 'electron';

export function electronPdfPrinter(): (html: string) => Promise<Buffer | null> {
  return async (html) => {
    const printer = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
    try {
      await printer.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
      return await printer.webContents.printToPDF({ printBackground: true });
    } catch {
      return null;
    } finally {
      printer.destroy();
    }
  };
}
