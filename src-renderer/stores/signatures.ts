// The signatures in use as the settings screen shows them (database, community lists, imported sets,
// trusted keys), and the changes made there: a pack or feed checked before it is imported, imported,
// removed; a signer's key trusted or no longer. Each change reads the signatures in use again.
import { create } from 'zustand';
import type { OperationInput, OperationOutput } from '../../src-shared/api.js';
import type { SignatureInfo } from '../../src-shared/signature-info.js';
import { api } from '../api/context.js';

export type SignatureFiles = OperationInput<'signatures.verify'>;
export type SignaturePreview = OperationOutput<'signatures.verify'>;

interface SignaturesState {
  info: SignatureInfo | null;
  load(): Promise<SignatureInfo>;
  /** Reads and checks a pack or feed without importing it: what it holds, and who signed it. */
  check(files: SignatureFiles): Promise<SignaturePreview>;
  importSet(files: SignatureFiles, allowUntrusted: boolean): Promise<OperationOutput<'signatures.import'>>;
  remove(setId: string): Promise<void>;
  trustKey(publicKeyFile: string): Promise<OperationOutput<'signatures.trustKey'>>;
  untrustKey(publicKey: string): Promise<void>;
  forget(): void;
}

export const useSignatures = create<SignaturesState>((set, get) => ({
  info: null,
  async load() {
    const info = await api().invoke('signatures.info', {});
    set({ info });
    return info;
  },
  check: (files) => api().invoke('signatures.verify', files),
  async importSet(files, allowUntrusted) {
    const result = await api().invoke('signatures.import', { ...files, allowUntrusted });
    await get().load();
    return result;
  },
  async remove(setId) {
    await api().invoke('signatures.remove', { setId });
    await get().load();
  },
  async trustKey(publicKeyFile) {
    const trusted = await api().invoke('signatures.trustKey', { publicKeyFile });
    await get().load();
    return trusted;
  },
  async untrustKey(publicKey) {
    await api().invoke('signatures.untrustKey', { publicKey });
    await get().load();
  },
  forget() {
    set({ info: null });
  },
}));
