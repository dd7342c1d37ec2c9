// The consultation with her, on the case screen: the guided checks for what no scan can see — those the scans
// suggest first, each with why, its steps in plain words and what a worrying answer looks like, and her answer
// recorded — which apps used her location, camera or microphone and when, then the rest of ISDi's form (her concerns, devices brought, weaknesses found, safety planning,
// changes made with her consent, follow-ups). Saved in the case; a worrying answer becomes a finding.
import { useEffect, useId, useState } from 'react';
import { CONCERN_WORDS, CONCERNS, OUTCOME_WORDS, type CheckAnswer } from '../../../src-shared/consultation.js';
import { GUIDED_CHECKS, type GuidedCheck } from '../../../src-shared/guided-checks.js';
import { ErrorNotice } from '../../components/ErrorNotice.js';
import { useLanguage, useT } from '../../i18n/i18n.js';
import { useConsultation } from '../../stores/consultation.js';
import { usePick } from '../../stores/pick.js';

const OUTCOMES: readonly CheckAnswer['outcome'][] = ['fine', 'worrying', 'not-done'];

export function ConsultationPanel({ caseId }: { caseId: string }) {
  const t = useT();
  const { draft, suggested, busy, error, savedAt, ready, load, save, edit } = usePick(useConsultation, 'draft', 'suggested', 'busy', 'error', 'savedAt', 'ready', 'load', 'save', 'edit');
  useEffect(() => {
    void load(caseId);
  }, [caseId, load]);
  const [consentMissing, setConsentMissing] = useState(false);
  const suggestedIds = new Set(suggested.map((suggestion) => suggestion.id));
  const first = suggested.map((suggestion) => GUIDED_CHECKS.find((check) => check.id === suggestion.id)!);
  const others = GUIDED_CHECKS.filter((check) => !suggestedIds.has(check.id));
  const worrying = draft.checks.filter((answer) => answer.outcome === 'worrying').length;
  const heading = (
    <>
      <h2 id="consultation-title">{t('consultation.title')}</h2>
      <p className="help">{t('consultation.help')}</p>
      <p className="notice notice-warning consultation-safety">{t('consultation.safety')}</p>
    </>
  );
  // The checks and fields wait for the record as saved: what she typed before it came would be lost.
  if (!ready)
    return (
      <section aria-labelledby="consultation-title" className="section consultation">
        {heading}
        {error ? <ErrorNotice error={error} /> : <p role="status">{t('loading.part')}</p>}
      </section>
    );
  return (
    <section aria-labelledby="consultation-title" className="section consultation">
      {heading}
      <h3>{t('consultation.suggested')}</h3>
      <div className="guided-checks">
        {first.map((check) => (
          <CheckCard key={check.id} check={check} because={suggested.find((suggestion) => suggestion.id === check.id)?.because ?? null} />
        ))}
      </div>
      {others.length > 0 ? (
        <details className="other-checks">
          <summary>{t('consultation.others', { count: others.length })}</summary>
          <div className="guided-checks">
            {others.map((check) => (
              <CheckCard key={check.id} check={check} because={null} />
            ))}
          </div>
        </details>
      ) : null}
      <SensorUseList />
      <details className="consultation-record">
        <summary>{t('consultation.record')}</summary>
        <fieldset className="concerns">
          <legend>{t('consultation.concerns')}</legend>
          {CONCERNS.map((concern) => (
            <ConcernBox key={concern} concern={concern} />
          ))}
        </fieldset>
        <TextField label={t('consultation.concernsNote')} value={draft.concernsNote} onChange={(concernsNote) => edit({ concernsNote })} />
        <LinesField label={t('consultation.devices')} lines={draft.devicesBrought} onChange={(devicesBrought) => edit({ devicesBrought })} />
        <LinesField label={t('consultation.vulnerabilities')} lines={draft.vulnerabilities} onChange={(vulnerabilities) => edit({ vulnerabilities })} />
        <TextField label={t('consultation.safetyPlanning')} help={t('consultation.safetyPlanningHelp')} value={draft.safetyPlanning} onChange={(safetyPlanning) => edit({ safetyPlanning })} />
        <ChangesField onConsentMissing={setConsentMissing} />
        <LinesField label={t('consultation.followUps')} lines={draft.followUps} onChange={(followUps) => edit({ followUps })} />
      </details>
      <ErrorNotice error={error} />
      <p className="actions">
        <button type="button" className="primary" disabled={busy || consentMissing} onClick={() => void save()}>
          {t('consultation.save')}
        </button>{' '}
        <span role="status" className="help">
          {consentMissing ? t('consultation.consentMissing') : savedAt ? t(worrying > 0 ? 'consultation.savedWithFindings' : 'consultation.saved', { count: worrying }) : ''}
        </span>
      </p>
    </section>
  );
}

/** Which apps used her location, camera or microphone, and when last: to ask her whether she used each then. */
function SensorUseList() {
  const t = useT();
  const sensors = useConsultation((s) => s.sensors);
  if (sensors.length === 0) return null;
  return (
    <details className="sensor-use">
      <summary>{t('consultation.sensors', { count: sensors.length })}</summary>
      <p className="help">{t('consultation.sensorsHelp')}</p>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('consultation.sensorApp')}</th>
            <th scope="col">{t('consultation.sensorWhat')}</th>
            <th scope="col">{t('consultation.sensorWhen')}</th>
          </tr>
        </thead>
        <tbody>
          {sensors.map((line) => (
            <tr key={`${line.packageName}:${line.sensor}:${line.profile ?? ''}`}>
              <td>
                <bdi>{line.label ?? line.packageName}</bdi>
                {line.label ? <span className="help block mono">{line.packageName}</span> : null}
                {line.profile ? <span className="help block">{line.profile}</span> : null}
              </td>
              <td>{t(`consultation.sensor.${line.sensor}`)}</td>
              <td className="mono">{line.lastAccess}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/** One guided check: why, the steps, what a worrying answer looks like, and what it showed with her words. */
function CheckCard({ check, because }: { check: GuidedCheck; because: { en: string; fr: string } | null }) {
  const t = useT();
  const language = useLanguage((s) => s.language);
  const answer = useConsultation((s) => s.draft.checks.find((candidate) => candidate.check === check.id));
  const setAnswer = useConsultation((s) => s.answer);
  const id = useId();
  const outcome = answer?.outcome;
  return (
    <details className={`guided-check${outcome ? ` outcome-${outcome}` : ''}`} data-check={check.id}>
      <summary>
        <strong>{check.title[language]}</strong>
        <span className="check-state">{outcome ? OUTCOME_WORDS[outcome][language] : t('consultation.notYet')}</span>
        {because ? <span className="help check-because">{because[language]}</span> : null}
      </summary>
      <p>{check.why[language]}</p>
      <ol className="check-steps">
        {check.steps.map((step, i) => (
          <li key={i}>{step[language]}</li>
        ))}
      </ol>
      <p>
        <strong>{t('consultation.worrying')}</strong> {check.worrying[language]}
      </p>
      <fieldset className="check-outcome">
        <legend>{t('consultation.outcome')}</legend>
        {OUTCOMES.map((value) => (
          <label key={value}>
            <input type="radio" name={`${id}-outcome`} value={value} checked={outcome === value} onChange={() => setAnswer(check.id, { outcome: value })} /> {OUTCOME_WORDS[value][language]}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-answer`}>{t('consultation.answer')}</label>
      <textarea id={`${id}-answer`} rows={2} maxLength={4000} value={answer?.answer ?? ''} placeholder={t('consultation.answerExample')} onChange={(event) => setAnswer(check.id, { answer: event.target.value })} />
    </details>
  );
}

function ConcernBox({ concern }: { concern: (typeof CONCERNS)[number] }) {
  const language = useLanguage((s) => s.language);
  const concerns = useConsultation((s) => s.draft.concerns);
  const edit = useConsultation((s) => s.edit);
  const checked = concerns.includes(concern);
  return (
    <label className="check-line">
      <input type="checkbox" checked={checked} onChange={() => edit({ concerns: checked ? concerns.filter((item) => item !== concern) : CONCERNS.filter((item) => item === concern || concerns.includes(item)) })} />{' '}
      {CONCERN_WORDS[concern][language]}
    </label>
  );
}

function TextField({ label, help, value, onChange }: { label: string; help?: string; value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {help ? <p className="help">{help}</p> : null}
      <textarea id={id} rows={2} maxLength={4000} value={value} onChange={(event) => onChange(event.target.value)} />
    </div>
  );
}

/** A list typed one item per line; the text is kept as typed (an empty line while typing stays). */
function LinesField({ label, lines, onChange }: { label: string; lines: readonly string[]; onChange: (lines: string[]) => void }) {
  const t = useT();
  const id = useId();
  const [text, setText] = useState(lines.join('\n'));
  // The record was loaded or saved again: show it as it is now.
  useEffect(() => {
    setText((typed) => (sameLines(typed, lines) ? typed : lines.join('\n')));
  }, [lines]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="help">{t('consultation.onePerLine')}</p>
      <textarea
        id={id}
        rows={2}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          onChange(toLines(event.target.value));
        }}
      />
    </div>
  );
}

/** Changes made on site: each one only with her consent, which the advocate confirms. */
function ChangesField({ onConsentMissing }: { onConsentMissing: (missing: boolean) => void }) {
  const t = useT();
  const changes = useConsultation((s) => s.draft.changes);
  const edit = useConsultation((s) => s.edit);
  const id = useId();
  const [text, setText] = useState(changes.map((change) => change.what).join('\n'));
  const [agreed, setAgreed] = useState(changes.length > 0);
  useEffect(() => {
    setText((typed) => (sameLines(typed, changes.map((change) => change.what)) ? typed : changes.map((change) => change.what).join('\n')));
  }, [changes]);
  const typed = toLines(text);
  useEffect(() => {
    onConsentMissing(typed.length > 0 && !agreed);
  }, [typed.length, agreed, onConsentMissing]);
  const update = (value: string, consent: boolean) => {
    setText(value);
    setAgreed(consent);
    edit({ changes: consent ? toLines(value).map((what) => ({ what, withHerConsent: true as const })) : [] });
  };
  return (
    <div className="field">
      <label htmlFor={id}>{t('consultation.changes')}</label>
      <p className="help">{t('consultation.changesHelp')}</p>
      <textarea id={id} rows={2} value={text} onChange={(event) => update(event.target.value, agreed)} />
      <label className="check-line">
        <input type="checkbox" checked={agreed} onChange={(event) => update(text, event.target.checked)} /> {t('consultation.consent')}
      </label>
    </div>
  );
}

function toLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.slice(0, 500));
}

function sameLines(text: string, lines: readonly string[]): boolean {
  return JSON.stringify(toLines(text)) === JSON.stringify(lines);
}
