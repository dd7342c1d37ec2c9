// The case at a glance, at the top of the case screen: signs of stalkerware (which apps), apps to ask her
// about, or nothing found — with how sure we are, in plain words; the safety notes that concern the whole
// case, said here once rather than on every finding; and keeping the evidence, with the way to seal it.
// The same summary opens the report.
import { useEffect, useRef } from 'react';
import { caseSafety } from '../../src-shared/advice.js';
import { useLanguage, useT } from '../i18n/i18n.js';
import { useCaseView } from '../stores/case-view.js';
import { useFindings } from '../stores/findings.js';

const TONE = { stalkerware: 'notice-alarm', 'ask-her': 'notice-warning', nothing: 'notice-success' } as const;

/** `onSeal`: opens the seal dialog (absent while sealing is not possible, a scan running). */
export function CaseSummaryPanel({ onSeal }: { onSeal?: (() => void) | undefined }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const overview = useFindings((s) => s.overview);
  const lastScan = useCaseView((s) => s.lastScan);
  const examined = useCaseView((s) => s.scans.some((scan) => scan.status === 'completed' || scan.status === 'interrupted'));
  const heading = useRef<HTMLHeadingElement>(null);
  // A scan just ended: what it found is what comes next, for the keyboard and a screen reader too.
  useEffect(() => {
    if (lastScan) heading.current?.focus();
  }, [lastScan]);
  // Before anything was read there is nothing to sum up.
  if (!overview || (overview.active === 0 && !lastScan && !examined)) return null;
  const summary = overview.summary;
  const safety = caseSafety(summary.verdict);
  return (
    <section aria-labelledby="summary-title" className={`notice ${TONE[summary.verdict]} case-summary`}>
      <h2 id="summary-title" ref={heading} tabIndex={-1}>
        {t('summary.title')}
      </h2>
      <p className="summary-headline">{summary.headline[language]}</p>
      <p>
        <strong>{t('summary.certainty')}</strong> {summary.certainty[language]}
      </p>
      {safety.length > 0 ? (
        <p className="summary-safety">
          <strong>{t('summary.safety')}</strong> {safety.map((note) => note[language]).join(' ')}
        </p>
      ) : null}
      {onSeal ? (
        <p className="summary-keep">
          <span>{t('summary.keep')}</span>
          <button type="button" className="primary" onClick={onSeal}>
            {t('summary.seal')}
          </button>
        </p>
      ) : null}
    </section>
  );
}
