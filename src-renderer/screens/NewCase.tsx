// Open a new case: a pseudonym (chosen for you if left empty) and an optional note.
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Field } from '../components/Field.js';
import { useT } from '../i18n/i18n.js';
import { useCases } from '../stores/cases.js';
import { useSession } from '../stores/session.js';

export function NewCase() {
  const t = useT();
  const go = useSession((s) => s.go);
  const { create, busy, error } = useCases();
  const [pseudonym, setPseudonym] = useState('');
  const [label, setLabel] = useState('');

  async function submit(event: FormEvent) {
    event.preventDefault();
    const created = await create({ label: label.trim(), ...(pseudonym.trim() ? { pseudonym: pseudonym.trim() } : {}) });
    if (created) go('cases');
  }

  return (
    <main className="panel narrow">
      <h1>{t('newCase.title')}</h1>
      <p>{t('newCase.intro')}</p>
      <form onSubmit={submit}>
        <Field label={t('newCase.pseudonym')} help={t('newCase.pseudonymHelp')} autoFocus maxLength={80} value={pseudonym} onChange={(e) => setPseudonym(e.target.value)} />
        <Field label={t('newCase.label')} help={t('newCase.labelHelp')} maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} />
        <ErrorNotice error={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy}>
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
