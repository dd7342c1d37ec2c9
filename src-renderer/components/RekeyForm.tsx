// "The old passphrase may be known": puts the whole vault under a new key with a new passphrase (the
// current one checked first), then shows the new recovery key once. For an advocate who fears that the
// abuser — or anyone who should not — learnt the passphrase, or got hold of a copy of the vault folder.
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from './ErrorNotice.js';
import { Field } from './Field.js';
import { useNewPassphrase } from './NewPassphraseFields.js';
import { useT } from '../i18n/i18n.js';
import { useSession } from '../stores/session.js';
import { usePick } from '../stores/pick.js';

export function RekeyForm() {
  const t = useT();
  const { rekey, busy, error } = usePick(useSession, 'rekey', 'busy', 'error');
  const [current, setCurrent] = useState('');
  const next = useNewPassphrase({ passphrase: t('rekey.newPassphrase'), confirm: t('rekey.confirm') });

  function submit(event: FormEvent) {
    event.preventDefault();
    next.markTried();
    if (current && next.valid) void rekey(current, next.value);
  }

  return (
    <form onSubmit={submit} noValidate aria-labelledby="rekey-title">
      <h2 id="rekey-title">{t('rekey.title')}</h2>
      <p className="help">{t('rekey.intro')}</p>
      <Field label={t('rekey.current')} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
      {next.fields}
      <ErrorNotice error={error} />
      <button type="submit" disabled={busy}>
        {t('rekey.submit')}
      </button>
    </form>
  );
}
