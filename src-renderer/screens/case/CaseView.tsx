// One case: the scan in progress, the summary, the findings — results first — the consultation with her
// (guided checks for what no scan can see), then what to examine (folded
// away once something was), the install timeline, the report's preview, and sealing an evidence bundle for
// a lawyer — each panel in its own file beside this one.
import { useState } from 'react';
import type { Scan } from '../../../src-shared/model.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { CaseSummaryPanel } from '../../components/CaseSummaryPanel.js';
import { InstallTimelinePanel } from '../../components/InstallTimelinePanel.js';
import { useT } from '../../i18n/i18n.js';
import { useCaseView } from '../../stores/case-view.js';
import { useSession } from '../../stores/session.js';
import { useFindings } from '../../stores/findings.js';
import { usePick } from '../../stores/pick.js';
import { Sources } from './Sources.js';
import { ScanPanel } from './ScanPanel.js';
import { FindingsSection } from './FindingsSection.js';
import { ExportDialog } from './ExportDialog.js';
import { ReportPreview } from './ReportPreview.js';
import { ConsultationPanel } from './ConsultationPanel.js';

export function CaseView() {
  const t = useT();
  const { theCase, error } = usePick(useCaseView, 'theCase', 'error');
  // A case can be sealed once something was examined, even when nothing was found (that is evidence too).
  const examined = useCaseView((s) => s.scans.some(readSomething));
  const scanning = useCaseView((s) => s.scan !== null);
  const active = useFindings((s) => s.overview?.active ?? 0);
  // Once something was examined (or is being, or found), its results come first.
  const results = examined || scanning || active > 0;
  const go = useSession((s) => s.go);
  const [exporting, setExporting] = useState(false);
  const [previewing, setPreviewing] = useState(false);
  if (!theCase) {
    // Still loading, or the case could not be opened: then say why, with the way back.
    return (
      <main className="panel">
        {error ? (
          <>
            <h1>{t('case.cannotOpen')}</h1>
            <ErrorNotice error={error} />
            <button type="button" onClick={() => go('cases')}>
              {t('case.back')}
            </button>
          </>
        ) : (
          t('loading.part')
        )}
      </main>
    );
  }
  return (
    <main className="panel">
      <div className="toolbar">
        <h1>{t('case.title', { pseudonym: theCase.pseudonym })}</h1>
        <div className="toolbar-actions">
          <button type="button" onClick={() => setPreviewing(true)} disabled={!examined || scanning} aria-describedby={examined ? undefined : 'seal-why'}>
            {t('case.preview')}
          </button>
          <button type="button" onClick={() => setExporting(true)} disabled={!examined || scanning} aria-describedby={examined ? undefined : 'seal-why'}>
            {t('case.export')}
          </button>
          <button type="button" onClick={() => go('cases')}>
            {t('case.back')}
          </button>
        </div>
      </div>
      <p className="help">
        {t('case.id')} <span className="mono">{theCase.id}</span>
        {examined ? null : (
          <>
            {' · '}
            <span id="seal-why">{t('case.sealWhy')}</span>
          </>
        )}
      </p>
      {/* Results first: the scan in progress, then what it found; where to scan from folds away below. */}
      <ErrorNotice error={error} />
      <ScanPanel />
      {results ? <CaseSummaryPanel onSeal={examined && !scanning ? () => setExporting(true) : undefined} /> : null}
      {results ? <FindingsSection /> : null}
      <ConsultationPanel caseId={theCase.id} />
      {theCase.status === 'closed' ? <ClosedCase /> : <Sources folded={results && !scanning} />}
      <InstallTimelinePanel />
      {exporting ? <ExportDialog onDone={() => setExporting(false)} /> : null}
      {previewing ? <ReportPreview onDone={() => setPreviewing(false)} /> : null}
    </main>
  );
}

/** A scan that read the device (to its end, or until it was interrupted), as opposed to one that could not start. */
function readSomething(scan: Scan): boolean {
  return scan.status === 'completed' || scan.status === 'interrupted';
}

/** A closed case takes no new evidence until it is reopened (it counts down to its purge). */
function ClosedCase() {
  const t = useT();
  const { reopen, busy } = usePick(useCaseView, 'reopen', 'busy');
  return (
    <section className="section notice notice-warning">
      <p>{t('case.closedNotice')}</p>
      <button type="button" disabled={busy} onClick={() => void reopen()}>
        {t('case.reopen')}
      </button>
    </section>
  );
}
