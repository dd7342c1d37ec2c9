// A screen's API call with its busy flag and error: the error shown where the call was made, the result
// returned (null when it failed).
import { useState } from 'react';
import { SentinelleError } from '../../src-shared/errors.js';

/** Runs an API call for a panel: its error shown in the panel, its result returned. */
export function useAction() {
  const [error, setError] = useState<SentinelleError | null>(null);
  const [busy, setBusy] = useState(false);
  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (caught) {
      setError(caught instanceof SentinelleError ? caught : new SentinelleError('internal', String(caught)));
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, run };
}
