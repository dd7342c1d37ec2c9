// A screen's API call with its busy flag and error: the error shown where the call was made, the result
// returned (null when it failed); and what a panel loads when it opens, with its error.
import { useEffect, useState } from 'react';
import { asSentinelleError, type SentinelleError } from '../../src-shared/errors.js';

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
      setError(asSentinelleError(caught));
      return null;
    } finally {
      setBusy(false);
    }
  }
  return { error, busy, run };
}

/**
 * What a panel loads when it shows (and again when `key` changes): the value or the error, never an answer
 * that came after the panel moved on. `setValue` lets events update what was loaded.
 */
export function useLoaded<T>(load: () => Promise<T>, key: string) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<SentinelleError | null>(null);
  useEffect(() => {
    let current = true;
    load().then(
      (loaded) => current && setValue(() => loaded),
      (failed: unknown) => current && setError(asSentinelleError(failed)),
    );
    return () => {
      current = false;
    };
    // `load` is new at each render; `key` says when to load again.
  }, [key]);
  return { value, error, setValue };
}
