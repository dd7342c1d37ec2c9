// The API's handlers for cases (their devices and install timeline), settings, retention, the custody log
// and the audit trail, and the dashboard.
import { dashboardSummary } from '../dashboard.js';
import { version } from '../package-info.js';
import { installTimeline } from '../evidence/install-timeline.js';
import { purgeExpiredCases } from '../vault/retention.js';
import { signatureListAges } from '../../src-shared/signature-info.js';
import { summarizeCase } from '../../src-shared/verdicts.js';
import type { AppContext, HandlersFor } from './app-context.js';

export function caseHandlers(ctx: AppContext): HandlersFor<'session.' | 'cases.' | 'settings.' | 'retention.' | 'custody.' | 'audit.' | 'dashboard.'> {
  return {
    'session.activity': () => ({ done: true as const }),
    'cases.list': ({ status }) => {
      const vault = ctx.requireVault();
      return vault.cases.list(status).map((item) => {
        // Read to the end or until interrupted: a scan that could not start examined nothing.
        const read = vault.scans.listByCase(item.id).filter((scan) => scan.status === 'completed' || scan.status === 'interrupted');
        const lastExaminedAt = read.map((scan) => scan.endedAt ?? scan.startedAt).sort().at(-1) ?? null;
        const findings = vault.findings.forSummary(item.id);
        const outcome = read.length === 0 && findings.length === 0 ? 'not-examined' : summarizeCase(findings).verdict;
        return { ...item, outcome, lastExaminedAt };
      });
    },
    'cases.get': ({ caseId }) => ctx.requireVault().cases.get(caseId),
    'cases.create': ({ checklist, ...input }) => {
      const vault = ctx.requireVault();
      const created = vault.cases.create(input);
      if (checklist.length > 0) vault.custody.append('case.checklist', created.id, { items: checklist });
      ctx.emit('cases.changed', { caseId: created.id });
      return created;
    },
    'cases.devices': ({ caseId }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      return vault.devices.listByCase(caseId);
    },
    'cases.installTimeline': ({ caseId }) => {
      const vault = ctx.requireVault();
      vault.cases.get(caseId);
      return installTimeline(vault.devices.listByCase(caseId), vault.scans.listByCase(caseId), vault.observations.listByCase(caseId, { kind: 'android.package' }));
    },
    'cases.close': ({ caseId }) => {
      const closed = ctx.requireVault().cases.close(caseId);
      ctx.emit('cases.changed', { caseId });
      return closed;
    },
    'cases.reopen': ({ caseId }) => {
      const reopened = ctx.requireVault().cases.reopen(caseId);
      ctx.emit('cases.changed', { caseId });
      return reopened;
    },
    'settings.get': () => ctx.requireVault().settings.get(),
    'settings.update': (changes) => {
      const vault = ctx.requireVault();
      const updated = vault.settings.update(changes);
      vault.audit.record('settings.changed', { keys: Object.keys(changes) });
      if (changes.autoLockMinutes !== undefined) ctx.armAutoLock(updated.autoLockMinutes * 60_000);
      return updated;
    },
    'settings.about': () => ({ version, licence: 'GPL-3.0-or-later' }),
    'retention.purge': () => purgeExpiredCases(ctx.requireVault(), ctx.clock),
    'custody.list': ({ caseId, limit }) => ctx.requireVault().custody.list({ caseId, limit }),
    'custody.verify': () => {
      const report = ctx.requireVault().checkCustody();
      if (!report.intact) ctx.emit('custody.alarm', report);
      return report;
    },
    'audit.list': ({ limit }) => ctx.requireVault().audit.list(limit),
    'dashboard.summary': () => {
      const vault = ctx.requireVault();
      return dashboardSummary(vault, ctx.clock, ctx.signatures.database().version, signatureListAges(ctx.signatures.info(vault), ctx.clock.now()));
    },
  };
}
