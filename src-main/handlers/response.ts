// The API's handlers for responding to a finding: safety-planning guidance, and the explicit, confirmed,
// reversible containment step with its undo.
import { containmentTarget, disableApp, undoContainment } from '../response/containment.js';
import { responseGuidance } from '../response/guidance.js';
import type { AppContext, HandlersFor } from './app-context.js';

export function responseHandlers(ctx: AppContext): HandlersFor<'response.'> {
  return {
    'response.guidance': ({ findingId }) => {
      const vault = ctx.requireVault();
      const finding = vault.findings.get(findingId);
      return responseGuidance(finding, containmentTarget(vault, finding)?.packageName ?? null);
    },
    'response.contain': ({ findingId, serial, confirmations }) => {
      const vault = ctx.requireVault();
      return disableApp(vault, vault.findings.get(findingId), confirmations, (work) => ctx.android.withPhone(serial, work));
    },
    'response.undo': ({ containmentId, serial }) => undoContainment(ctx.requireVault(), containmentId, (work) => ctx.android.withPhone(serial, work)),
    'response.list': ({ caseId }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      return vault.containment.listByCase(caseId);
    },
  };
}
