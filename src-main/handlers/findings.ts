// The API's handlers for detection, findings (a page at a time, their overview and evidence), observations
// and the advocate's own rules.
import { summarizeCase } from '../../src-shared/verdicts.js';
import type { AppContext, HandlersFor } from './app-context.js';
import { detectionCounts } from './scan-session.js';

export function findingHandlers(ctx: AppContext): HandlersFor<'detection.' | 'findings.' | 'observations.' | 'rules.'> {
  return {
    'detection.run': ({ caseId }) => {
      const vault = ctx.requireVault();
      return { ...detectionCounts(ctx.scans.detect(vault, caseId)), findings: vault.findings.listByCase(caseId) };
    },
    'findings.page': ({ caseId, filter, offset, limit }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      return { offset, ...vault.findings.page(caseId, filter, offset, limit) };
    },
    'findings.overview': ({ caseId }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      const summary = summarizeCase(vault.findings.forSummary(caseId));
      // The screen shows the headline; the apps behind it are in the list (the first ones are enough here).
      return { ...vault.findings.counts(caseId), summary: { ...summary, stalkerware: summary.stalkerware.slice(0, 50), askHer: summary.askHer.slice(0, 50) } };
    },
    'findings.get': ({ findingId }) => ctx.requireVault().findings.get(findingId),
    'findings.list': ({ caseId }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      return vault.findings.listByCase(caseId);
    },
    'findings.review': ({ findingId, status, note }) => ctx.requireVault().findings.review(findingId, status, note),
    'findings.evidence': ({ findingId }) => {
      const vault = ctx.requireVault();
      const finding = vault.findings.get(findingId);
      return {
        observations: vault.observations.getMany(finding.observationIds).filter((observation) => observation.caseId === finding.caseId),
        captures: vault.artifacts.capturesOf(finding.caseId, finding.artifactSha256s),
      };
    },
    'observations.list': ({ caseId, kind, limit }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      return vault.observations.listByCase(caseId, { ...(kind === undefined ? {} : { kind }), limit });
    },
    'rules.list': () => ctx.requireVault().rules.list(),
    'rules.create': ({ definition }) => ctx.requireVault().rules.create(definition),
    'rules.update': ({ ruleId, definition }) => ctx.requireVault().rules.update(ruleId, definition),
    'rules.delete': ({ ruleId }) => {
      ctx.requireVault().rules.delete(ruleId);
      return { done: true as const };
    },
    'rules.setEnabled': ({ ruleId, enabled }) => ctx.requireVault().rules.setEnabled(ruleId, enabled),
  };
}
