// One finding in plain language — most severe first, what to do and what to be careful about (beyond what
// the summary above already says for the whole case) — its review with her, and the technical evidence one
// click away (read when opened).
import { useState } from 'react';
import { caseSafety, ownSafety } from '../../../src-shared/advice.js';
import { type Finding } from '../../../src-shared/model.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { FindingReasons } from '../../components/FindingReasons.js';
import { useLoaded } from '../../components/use-action.js';
import { formatDateTime, useLanguage, useT } from '../../i18n/i18n.js';
import { useCaseView } from '../../stores/case-view.js';
import { useFindings } from '../../stores/findings.js';

export function FindingCard({ finding }: { finding: Finding }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const review = useCaseView((s) => s.review);
  const verdict = useFindings((s) => s.overview?.summary.verdict ?? 'nothing');
  const safety = ownSafety(finding, caseSafety(verdict));
  const [dismissing, setDismissing] = useState(false);
  const [technicalOpen, setTechnicalOpen] = useState(false);
  const [note, setNote] = useState('');
  const titleId = `finding-${finding.id}`;
  const confirmed = finding.reviewStatus === 'confirmed';
  return (
    <article className={`finding finding-${finding.severity}`} aria-labelledby={titleId} data-finding-id={finding.id}>
      <h3 id={titleId}>
        <span className={`severity severity-${finding.severity}`}>{t(`severity.${finding.severity}`)}</span> <bdi>{finding.title[language]}</bdi>
      </h3>
      <FindingReasons finding={finding} />
      {finding.advice.length > 0 ? (
        <>
          <p>
            <strong>{t('finding.advice')}</strong>
          </p>
          <ol>
            {finding.advice.map((step, i) => (
              <li key={i}>{step[language]}</li>
            ))}
          </ol>
        </>
      ) : null}
      {safety.length > 0 ? (
        <div className="notice notice-warning safety">
          <p>
            <strong>{t('finding.safety')}</strong> {safety.map((item) => item[language]).join(' ')}
          </p>
        </div>
      ) : null}
      <details onToggle={(event) => setTechnicalOpen(event.currentTarget.open)}>
        <summary>{t('finding.technical')}</summary>
        <dl className="technical">
          <dt>{t('finding.rule')}</dt>
          <dd className="mono">
            {finding.ruleId} ({finding.ruleVersion})
          </dd>
          <dt>{t('finding.evidence')}</dt>
          <dd>{t('finding.evidenceCount', { observations: finding.observationIds.length, artifacts: finding.artifactSha256s.length })}</dd>
          {technicalOpen ? <FindingEvidence finding={finding} /> : null}
        </dl>
      </details>
      <div className="review">
        <span className={`status status-${finding.reviewStatus === 'new' ? 'closed' : 'open'}`}>{t(`review.${finding.reviewStatus}`)}</span>
        {finding.reviewNote ? <span className="help"> — {finding.reviewNote}</span> : null}
        <div className="inline-form">
          {/* aria-disabled, not disabled: the button keeps the keyboard focus once the finding is confirmed. */}
          <button type="button" onClick={() => void (confirmed ? undefined : review(finding.id, 'confirmed'))} aria-disabled={confirmed}>
            {t('review.confirm')}
          </button>
          <button type="button" onClick={() => setDismissing(!dismissing)} aria-expanded={dismissing}>
            {t('review.dismiss')}
          </button>
        </div>
        {dismissing ? (
          <div className="field">
            <label htmlFor={`note-${finding.id}`}>{t('review.note')}</label>
            <textarea id={`note-${finding.id}`} value={note} onChange={(event) => setNote(event.target.value)} rows={2} />
            <button
              type="button"
              disabled={note.trim() === ''}
              onClick={async () => {
                await review(finding.id, 'dismissed', note.trim());
                setDismissing(false);
              }}
            >
              {t('review.dismissWithNote')}
            </button>
          </div>
        ) : null}
      </div>
    </article>
  );
}

/** What the finding rests on, read when its technical details are opened: each observation, each artifact and where it was read. */
function FindingEvidence({ finding }: { finding: Finding }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  // Read again when the finding's evidence changes (a scan going on).
  const { value: evidence, error: failed } = useLoaded(() => useFindings.getState().evidence(finding.id), `${finding.id}:${finding.observationIds.join()}`);
  const capturesOf = (sha: string) => evidence?.captures.filter((capture) => capture.sha256 === sha) ?? [];
  return (
    <>
      {failed ? (
        <dd>
          <ErrorNotice error={failed} />
        </dd>
      ) : null}
      {evidence ? (
        <dd>
          <ul className="observations">
            {evidence.observations.map((observation) => (
              <li key={observation.id}>
                <span className="mono">
                  #{observation.id} {observation.kind} — <bdi>{observation.subject}</bdi>
                </span>
                {/* Scrolls when long: focusable, so the keyboard can scroll it too. */}
                <pre className="mono observation-data" tabIndex={0} role="region" aria-label={`${observation.kind} — ${observation.subject}`}>
                  {JSON.stringify(observation.data, null, 1)}
                </pre>
              </li>
            ))}
          </ul>
        </dd>
      ) : null}
      <dt>{t('finding.artifacts')}</dt>
      {finding.artifactSha256s.map((sha) => (
        <dd key={sha}>
          <span className="mono hash">{sha}</span>
          {capturesOf(sha).map((capture) => (
            <span key={capture.id} className="help mono">
              {' '}
              — {capture.command ?? capture.path ?? capture.source}, {t('finding.capturedAt', { date: formatDateTime(capture.capturedAt, language) })}
            </span>
          ))}
        </dd>
      ))}
    </>
  );
}
