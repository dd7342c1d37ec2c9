// Printing a bundle's report to PDF with Electron's own Chromium (printToPDF) in a hidden window that runs
// no script; the page is written to the vault's private scratch folder for the moment it takes.
import fs from 'node:fs';
import path from 'node:path';
import { BrowserWindow } from 'electron';

export function electronPdfPrinter(scratchDir: string): (html: string) => Promise<Buffer | null> {
  return async (html) => {
    fs.mkdirSync(scratchDir, { recursive: true, mode: 0o700 });
    const dir = fs.mkdtempSync(path.join(scratchDir, 'report-'));
    const page = path.join(dir, 'report.html');
    const printer = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false } });
    try {
      fs.writeFileSync(page, html, { mode: 0o600 });
      await printer.loadFile(page);
      return await printer.webContents.printToPDF({ printBackground: true });
    } catch {
      return null;
    } finally {
      printer.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
}
