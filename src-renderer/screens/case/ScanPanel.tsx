// The scan in progress (its step, what was done, the time it has taken, a way to stop it) and the last
// scan's result.
import { useEffect, useRef, useState } from 'react';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { useCaseView } from '../../stores/case-view.js';
import { useFindings } from '../../stores/findings.js';
import { usePick } from '../../stores/pick.js';

export function ScanPanel() {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const { scan, cancelScan, lastScan } = usePick(useCaseView, 'scan', 'cancelScan', 'lastScan');
  const active = useFindings((s) => s.overview?.active ?? 0);
  const heading = useRef<HTMLHeadingElement>(null);
  const [now, setNow] = useState(Date.now());
  // One clock per scan (not per progress event, which may come faster than it ticks).
  const scanId = scan?.scanId;
  useEffect(() => {
    if (!scanId) return;
    // The button that started the scan is now disabled: focus goes to the scan, which is what happens next.
    heading.current?.focus();
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [scanId]);
  if (!scan) {
    return lastScan ? (
      <p className="notice notice-success" role="status">
        {t('scan.done', { observations: lastScan.observations, created: lastScan.created })}
      </p>
    ) : null;
  }
  const fraction = (scan.index - 1 + (scan.fraction ?? 0)) / scan.total;
  // Detection during a scan adds and updates findings, and retires none until the end.
  const foundSoFar = Math.max(0, active - scan.activeBefore);
  const seconds = Math.max(0, Math.round((now - scan.startedAt) / 1000));
  // An estimate once a few steps are done: the time so far per step, for the steps left (in whole minutes).
  const remaining = scan.index > 2 && fraction > 0 ? Math.max(1, Math.round(((seconds / fraction) * (1 - fraction)) / 60)) : null;
  return (
    <section aria-labelledby="scan-title" className="section scan">
      <h2 id="scan-title" ref={heading} tabIndex={-1}>
        {scan.deviceName ? (
          <>
            {t('scan.titleOf')} <bdi>{scan.deviceName}</bdi>
          </>
        ) : (
          t('scan.title')
        )}
      </h2>
      <p className="notice notice-warning scan-keep">{t('scan.keep')}</p>
      {/* What a screen reader announces: each new step and the count of findings, not every tick of the clock. */}
      <p className="visually-hidden" aria-live="polite">
        {scan.label[language]}. {t('scan.foundSoFar', { count: foundSoFar })}
      </p>
      <p>{t('scan.step', { index: scan.index, total: scan.total, label: scan.label[language] })}</p>
      <ol className="scan-steps" aria-label={t('scan.steps')}>
        {scan.steps.map((step) => {
          const current = step.step === scan.step;
          return (
            <li key={step.step} className={current ? 'scan-step-current' : 'scan-step-done'} aria-current={current ? 'step' : undefined}>
              <span aria-hidden="true">{current ? '▸' : '✓'}</span> {step.label[language]}
              <span className="visually-hidden"> — {t(current ? 'scan.stepCurrent' : 'scan.stepDone')}</span>
            </li>
          );
        })}
      </ol>
      {scan.total > scan.index ? <p className="help">{t('scan.stepsLeft', { count: scan.total - scan.index })}</p> : null}
      <progress max={1} value={fraction} aria-label={t('scan.progress')} aria-valuetext={`${Math.round(fraction * 100)}%`} />
      <p className="help">
        {t('scan.elapsed', { seconds })}
        {remaining !== null ? ` ${t('scan.remaining', { minutes: remaining })}` : ''}
      </p>
      <p>{t('scan.foundSoFar', { count: foundSoFar })}</p>
      <button type="button" onClick={() => void cancelScan()}>
        {t('scan.cancel')}
      </button>
    </section>
  );
}
