// Why a verdict on an app says what it says: each of its reasons (a list that names the app, a heuristic
// that fired on it), strongest first, in plain words, then what holds for all of them (how the app came to
// the phone) once; a finding with one reason shows its explanation.
import type { Finding } from '../../src-shared/model.js';
import { verdictOf } from '../../src-shared/verdicts.js';
import { useLanguage, useT } from '../i18n/i18n.js';

export function FindingReasons({ finding }: { finding: Finding }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const verdict = verdictOf(finding);
  const reasons = verdict?.reasons ?? [];
  if (reasons.length <= 1) {
    return (
      <p>
        <strong>{t('finding.why')}</strong> {finding.explanation[language]}
      </p>
    );
  }
  return (
    <>
      <p>
        <strong>{t('finding.reasons', { count: reasons.length })}</strong>
      </p>
      <ul className="reasons">
        {reasons.map((reason) => (
          <li key={reason.fingerprint}>
            <span className={`severity severity-${reason.severity}`}>{t(`severity.${reason.severity}`)}</span> <strong><bdi>{reason.title[language]}</bdi></strong> — {reason.explanation[language]}
          </li>
        ))}
      </ul>
      {verdict && verdict.notes.length > 0 ? <p>{verdict.notes.map((note) => note[language]).join(' ')}</p> : null}
    </>
  );
}
