// Evidence bundles from the window's side that is not sealing: checking a bundle a lawyer or another
// shelter sent (chosen with the system's Open dialog, or the browser's picker: never a typed path), with
// its verdict and, once verified, its report to read; and describing a recipient's key (its owner and
// fingerprint, to compare aloud before sealing). Forgotten when the vault locks.
import { create } from 'zustand';
import type { OperationOutput } from '../../src-shared/api.js';
import { asSentinelleError, type SentinelleError } from '../../src-shared/errors.js';
import { api } from '../api/context.js';
import { useFiles } from './files.js';

export interface VerifyRequest {
  bundle: File;
  /** The text of the lawyer's secret key file, read in the page (it never travels as a file name). */
  identity?: string;
  passphrase?: string;
  /** The installation's fingerprint, as the sender read it aloud (optional: bundles made here are recognised). */
  signer?: string;
}

type Verdict = OperationOutput<'bundles.verify'>;

interface VerifyingState {
  verdict: Verdict | null;
  busy: boolean;
  error: SentinelleError | null;
  verify(request: VerifyRequest): Promise<Verdict | null>;
  describeKey(publicKey: string): Promise<OperationOutput<'keys.describe'>>;
  forget(): void;
}

export const useVerifying = create<VerifyingState>((set) => ({
  verdict: null,
  busy: false,
  error: null,
  async verify(request) {
    set({ busy: true, error: null, verdict: null });
    try {
      const handed = await useFiles.getState().hand([request.bundle]);
      const where = 'path' in handed ? { path: handed.path } : { upload: handed.uploads[0]! };
      const verdict = await api().invoke('bundles.verify', {
        ...where,
        ...(request.identity !== undefined ? { identity: request.identity } : { passphrase: request.passphrase ?? '' }),
        signers: request.signer ? [request.signer] : [],
        withReport: true,
      });
      set({ verdict });
      return verdict;
    } catch (error) {
      set({ error: asSentinelleError(error) });
      return null;
    } finally {
      set({ busy: false });
    }
  },
  describeKey: (publicKey) => api().invoke('keys.describe', { publicKey }),
  forget() {
    set({ verdict: null, busy: false, error: null });
  },
}));
