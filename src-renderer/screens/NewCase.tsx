// Open a new case: a pseudonym (chosen for you if left empty), an optional note, the consent checklist
// (every item needed) and the safety-planning checklist, explained — removing stalkerware can alert the
// person who installed it. What was gone through is recorded in the custody log.
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Field } from '../components/Field.js';
import { useT } from '../i18n/i18n.js';
import { useCases } from '../stores/cases.js';
import { useSession } from '../stores/session.js';
import { usePick } from '../stores/pick.js';

const CONSENT = ['consent.informed', 'consent.own-device', 'consent.data'] as const;
const SAFETY = ['safety.no-removal', 'safety.plan', 'safety.location'] as const;

export function NewCase() {
  const t = useT();
  const go = useSession((s) => s.go);
  const openCase = useSession((s) => s.openCase);
  const { create, busy, error } = usePick(useCases, 'create', 'busy', 'error');
  const [pseudonym, setPseudonym] = useState('');
  const [label, setLabel] = useState('');
  const [checked, setChecked] = useState<string[]>([]);
  const consentGiven = CONSENT.every((item) => checked.includes(item));
  const toggle = (item: string) => setChecked(checked.includes(item) ? checked.filter((other) => other !== item) : [...checked, item]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!consentGiven) return;
    const created = await create({ label: label.trim(), checklist: checked, ...(pseudonym.trim() ? { pseudonym: pseudonym.trim() } : {}) });
    // Straight into the new case: the next step is connecting the phone.
    if (created) openCase(created.id);
  }

  return (
    <main className="panel narrow">
      <h1>{t('newCase.title')}</h1>
      <p>{t('newCase.intro')}</p>
      <form onSubmit={submit}>
        <Field label={t('newCase.pseudonym')} help={t('newCase.pseudonymHelp')} autoFocus maxLength={80} value={pseudonym} onChange={(e) => setPseudonym(e.target.value)} />
        <Field label={t('newCase.label')} help={t('newCase.labelHelp')} maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} />
        <fieldset>
          <legend>{t('newCase.consent')}</legend>
          {CONSENT.map((item) => (
            <label key={item} className="checkbox">
              <input type="checkbox" checked={checked.includes(item)} onChange={() => toggle(item)} />
              <span>{t(`checklist.${item}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('newCase.safety')}</legend>
          <p className="help">{t('newCase.safetyWhy')}</p>
          {SAFETY.map((item) => (
            <label key={item} className="checkbox">
              <input type="checkbox" checked={checked.includes(item)} onChange={() => toggle(item)} />
              <span>{t(`checklist.${item}`)}</span>
            </label>
          ))}
        </fieldset>
        {!consentGiven ? <p className="help">{t('newCase.consentNeeded')}</p> : null}
        <ErrorNotice error={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !consentGiven}>
            {t('newCase.submit')}
          </button>
          <button type="button" onClick={() => go('cases')}>
            {t('newCase.cancel')}
          </button>
        </div>
      </form>
    </main>
  );
}
