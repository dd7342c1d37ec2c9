// First run: choose the vault's passphrase (typed twice).
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Field } from '../components/Field.js';
import { useT } from '../i18n/i18n.js';
import { useSession } from '../stores/session.js';

export const MIN_PASSPHRASE_LENGTH = 10;

export function CreateVault() {
  const t = useT();
  const { create, busy, error } = useSession();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [tried, setTried] = useState(false);
  const tooShort = passphrase.length < MIN_PASSPHRASE_LENGTH;
  const mismatch = confirmation !== passphrase;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (!tooShort && !mismatch) void create(passphrase);
  }

  return (
    <main className="panel narrow">
      <h1>{t('create.title')}</h1>
      <p>{t('create.intro')}</p>
      <form onSubmit={submit} noValidate>
        <Field
          label={t('create.passphrase')}
          help={t('create.passphraseHelp')}
          type="password"
          autoComplete="new-password"
          autoFocus
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          problem={tried && tooShort ? t('create.tooShort') : null}
        />
        <Field
          label={t('create.confirm')}
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onChange={(e) => setConfirmation(e.target.value)}
          problem={tried && !tooShort && mismatch ? t('create.mismatch') : null}
        />
        <ErrorNotice error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('create.working') : t('create.submit')}
        </button>
      </form>
    </main>
  );
}
