// Handlers whose module is imported when one of their operations is first called: scanning, sealing and
// checking bundles, responding and the demo phone pull in most of the back end (adb, parsers, collectors),
// which the unlock screen does not need — so the app answers sooner after it starts.
import { operationNames, type OperationName } from '../../src-shared/api.js';
import type { HandlersFor } from './app-context.js';

type Handler = (input: never) => unknown;

export function lazyHandlers<Prefix extends string>(prefixes: readonly Prefix[], load: () => Promise<HandlersFor<Prefix>>): HandlersFor<Prefix> {
  let loading: Promise<HandlersFor<Prefix>> | null = null;
  const names = operationNames.filter((name) => prefixes.some((prefix) => name.startsWith(prefix)));
  return Object.fromEntries(
    names.map((name) => [
      name,
      async (input: never) => {
        loading ??= load().catch((error: unknown) => {
          loading = null;
          throw error;
        });
        const handlers = (await loading) as unknown as Record<OperationName, Handler>;
        return handlers[name](input);
      },
    ]),
  ) as unknown as HandlersFor<Prefix>;
}
