// The API's handlers for forwarding findings to a shelter network's Wazuh server.
import type { AppContext, HandlersFor } from './app-context.js';

export function forwardingHandlers(ctx: AppContext): HandlersFor<'forward.'> {
  return {
    'forward.status': () => ctx.forward.status(ctx.requireVault()),
    'forward.configure': (update) => ctx.forward.configure(ctx.requireVault(), update),
    'forward.test': () => ctx.forward.test(ctx.requireVault()),
    'forward.flush': () => ctx.forward.flush(ctx.requireVault(), true),
  };
}
