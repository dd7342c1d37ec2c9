// Evidence bundles from the window's side that is not a case: checking a bundle a lawyer or another shelter
// sent, and describing a recipient's key (its owner and fingerprint, to compare aloud before sealing).
import { create } from 'zustand';
import type { OperationInput, OperationOutput } from '../../src-shared/api.js';
import { api } from '../api/context.js';

interface BundlesState {
  verify(request: OperationInput<'bundles.verify'>): Promise<OperationOutput<'bundles.verify'>>;
  describeKey(publicKey: string): Promise<OperationOutput<'keys.describe'>>;
}

export const useBundles = create<BundlesState>(() => ({
  verify: (request) => api().invoke('bundles.verify', request),
  describeKey: (publicKey) => api().invoke('keys.describe', { publicKey }),
}));
