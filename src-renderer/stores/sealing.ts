// Handing a case to a lawyer: the passphrase Sentinelle makes for it (kept only while the seal dialog is
// open, never stored), the report to read and print before sealing, sealing itself — saved where the
// desktop's Save dialog says, or downloaded by the browser, with the reader page beside it — and what the
// hand-over sheet prints. Forgotten when the dialog closes and when the vault locks.
import { create } from 'zustand';
import { bundleFileName, type ArtifactClass, type CaseContent, type ExportResult } from '../../src-shared/bundle.js';
import type { ConsultationPart } from '../../src-shared/consultation.js';
import { asSentinelleError, type SentinelleError } from '../../src-shared/errors.js';
import { api } from '../api/context.js';
import { useFiles } from './files.js';

export interface SealRequest {
  caseId: string;
  pseudonym: string;
  recipients: string[];
  passphrase?: string;
  exclude: ArtifactClass[];
  /** The parts of the consultation she chose to share (absent: none was recorded). */
  consultation?: ConsultationPart[];
  redact: boolean;
  language: 'en' | 'fr';
  /** The Save dialog's title, in her language. */
  saveTitle: string;
}

interface SealingState {
  /** The passphrase made for this seal (words of her language), until the dialog closes. */
  passphrase: string | null;
  exported: ExportResult | null;
  /** How far sealing has gone (0 to 1), while it does. */
  progress: number | null;
  busy: boolean;
  error: SentinelleError | null;
  /** The report as the bundle would carry it, for the preview. */
  preview: string | null;
  /** This installation's reader page: its name and the SHA-256 an expert compares. */
  readerInfo: { fileName: string; sha256: string } | null;
  /** Where the reader page was last saved from Settings (null in a browser: it was downloaded). */
  readerSaved: { path: string | null } | null;
  loadReaderInfo(): Promise<void>;
  /** What the case holds of each kind of evidence, to choose what a bundle leaves out. */
  contents(caseId: string): Promise<CaseContent[]>;
  newPassphrase(language: 'en' | 'fr'): Promise<void>;
  /** Seals and saves the bundle (and the reader page); null when the advocate cancelled the Save dialog or it failed. */
  seal(request: SealRequest): Promise<ExportResult | null>;
  /** The reader page again, beside the bundle or as a download (when the first copy could not be written). */
  saveReader(title: string): Promise<void>;
  loadPreview(caseId: string, language: 'en' | 'fr'): Promise<void>;
  /** The report's preview closed. */
  closePreview(): void;
  /** The seal dialog closed: its passphrase and result are forgotten. */
  forget(): void;
}

export const useSealing = create<SealingState>((set, get) => {
  async function attempt<T>(work: () => Promise<T>): Promise<T | null> {
    set({ busy: true, error: null });
    try {
      return await work();
    } catch (error) {
      set({ error: asSentinelleError(error) });
      return null;
    } finally {
      set({ busy: false });
    }
  }

  return {
    passphrase: null,
    exported: null,
    progress: null,
    busy: false,
    error: null,
    preview: null,
    readerInfo: null,
    readerSaved: null,
    async loadReaderInfo() {
      await attempt(async () => set({ readerInfo: await api().invoke('reader.info', {}) }));
    },
    contents: (caseId) => api().invoke('bundles.contents', { caseId }),
    async newPassphrase(language) {
      await attempt(async () => set({ passphrase: (await api().invoke('bundles.passphrase', { language })).passphrase }));
    },
    async seal(request) {
      set({ exported: null, error: null });
      const where = await useFiles.getState().saveTarget({ title: request.saveTitle, suggestedName: bundleFileName(request.pseudonym, new Date().toISOString()), kind: 'bundle' });
      if (!where) return null;
      set({ progress: 0 });
      const stop = api().subscribe((event, payload) => {
        if (event !== 'bundle.progress') return;
        const { phase, bytes, totalBytes } = payload as { phase: string; bytes: number; totalBytes: number };
        if (phase === 'export') set({ progress: totalBytes > 0 ? bytes / totalBytes : 1 });
      });
      try {
        return await attempt(async () => {
          const { saveTitle: _title, pseudonym: _pseudonym, ...options } = request;
          const exported = await api().invoke('bundles.export', { ...options, ...where, withReader: true });
          set({ exported });
          // In a browser, the bundle and the reader page arrive as downloads, under their names.
          await useFiles.getState().receive(exported.download);
          await useFiles.getState().receive(exported.reader?.download ?? null);
          return exported;
        });
      } finally {
        stop();
        set({ progress: null });
      }
    },
    async saveReader(title) {
      const exported = get().exported;
      await attempt(async () => {
        const where = await useFiles.getState().saveTarget({ title, suggestedName: 'sentinelle-reader.html', kind: 'reader' });
        if (!where) return;
        const copy = await api().invoke('reader.save', where);
        await useFiles.getState().receive(copy.download);
        set(exported ? { exported: { ...exported, reader: copy } } : { readerSaved: { path: copy.path } });
      });
    },
    async loadPreview(caseId, language) {
      set({ preview: null });
      await attempt(async () => set({ preview: (await api().invoke('reports.preview', { caseId, language })).html }));
    },
    closePreview() {
      set({ preview: null, error: null });
    },
    forget() {
      set({ passphrase: null, exported: null, progress: null, busy: false, error: null, preview: null, readerSaved: null });
    },
  };
});
