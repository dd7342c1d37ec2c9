// A forgotten passphrase: open the vault with the recovery key and choose a new passphrase.
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Field } from '../components/Field.js';
import { useNewPassphrase } from '../components/NewPassphraseFields.js';
import { useT } from '../i18n/i18n.js';
import { useSession } from '../stores/session.js';
import { usePick } from '../stores/pick.js';

export function Recover() {
  const t = useT();
  const { recover, busy, error, go } = usePick(useSession, 'recover', 'busy', 'error', 'go');
  const [recoveryKey, setRecoveryKey] = useState('');
  const passphrase = useNewPassphrase({ passphrase: t('recover.newPassphrase'), confirm: t('recover.confirm') });

  function submit(event: FormEvent) {
    event.preventDefault();
    passphrase.markTried();
    if (recoveryKey && passphrase.valid) void recover(recoveryKey, passphrase.value);
  }

  return (
    <main className="panel narrow">
      <h1>{t('recover.title')}</h1>
      <form onSubmit={submit} noValidate>
        <Field label={t('recover.key')} help={t('recover.keyHelp')} autoFocus autoComplete="off" spellCheck={false} value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} />
        {passphrase.fields}
        <ErrorNotice error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {t('recover.submit')}
        </button>
      </form>
      <button type="button" className="link" onClick={() => go('unlock')}>
        {t('recover.back')}
      </button>
    </main>
  );
}
