// The API's handlers for detection, findings (a page at a time, their overview and evidence), observations,
// the advocate's own rules, and the checks to go through with her that the scans suggest.
import type { FindingsOverview } from '../../src-shared/findings-page.js';
import { summarizeCase } from '../../src-shared/verdicts.js';
import type { OpenVault } from '../vault/vault.js';
import { sensorUse } from '../consultation/sensor-use.js';
import { suggestChecks } from '../consultation/suggest-checks.js';
import type { AppContext, HandlersFor } from './app-context.js';
import { detectionCounts } from './scan-session.js';

/** The case's current findings at a glance: counts and the summary (the screen shows the headline; the first 50 of each list are enough there). */
export function findingsOverview(vault: OpenVault, caseId: string): FindingsOverview {
  const summary = summarizeCase(vault.findings.forSummary(caseId));
  return { ...vault.findings.counts(caseId), summary: { ...summary, stalkerware: summary.stalkerware.slice(0, 50), askHer: summary.askHer.slice(0, 50), withHer: summary.withHer.slice(0, 50) } };
}

export function findingHandlers(ctx: AppContext): HandlersFor<'detection.' | 'findings.' | 'observations.' | 'rules.' | 'consultation.'> {
  return {
    'detection.run': ({ caseId }) => {
      const vault = ctx.requireVault();
      return { ...detectionCounts(ctx.scans.detect(vault, caseId)), overview: findingsOverview(vault, caseId) };
    },
    'findings.page': ({ caseId, filter, offset, limit }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      return { offset, ...vault.findings.page(caseId, filter, offset, limit) };
    },
    'findings.overview': ({ caseId }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      return findingsOverview(vault, caseId);
    },
    'findings.get': ({ findingId }) => ctx.requireVault().findings.get(findingId),
    'consultation.get': ({ caseId }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      return vault.consultations.get(caseId);
    },
    'consultation.save': ({ caseId, record }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      const saved = vault.consultations.save(caseId, record);
      // Her worrying answers become findings (and those she no longer gives are retired).
      ctx.scans.detect(vault, caseId);
      return saved;
    },
    'consultation.sensorUse': ({ caseId }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      const seen = (kind: string) => vault.observations.listByCase(caseId, { kind, limit: 100_000 });
      return sensorUse(seen('android.appop'), seen('android.package'));
    },
    'consultation.suggested': ({ caseId }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      const seen = (kind: string) => vault.observations.listByCase(caseId, { kind, limit: 100_000 });
      return suggestChecks([...seen('android.account'), ...seen('android.backup-transport'), ...seen('android.package'), ...seen('ios.app'), ...seen('ios.account')]);
    },
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
