// First run: choose the vault's passphrase (typed twice).
import type { FormEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { useNewPassphrase } from '../components/NewPassphraseFields.js';
import { useT } from '../i18n/i18n.js';
import { useSession } from '../stores/session.js';
import { usePick } from '../stores/pick.js';

export function CreateVault() {
  const t = useT();
  const { create, busy, error } = usePick(useSession, 'create', 'busy', 'error');
  const passphrase = useNewPassphrase({ passphrase: t('create.passphrase'), confirm: t('create.confirm') }, true);

  function submit(event: FormEvent) {
    event.preventDefault();
    passphrase.markTried();
    if (passphrase.valid) void create(passphrase.value);
  }

  return (
    <main className="panel narrow">
      <h1>{t('create.title')}</h1>
      <p>{t('create.intro')}</p>
      <form onSubmit={submit} noValidate>
        {passphrase.fields}
        <ErrorNotice error={error} />
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('create.working') : t('create.submit')}
        </button>
      </form>
    </main>
  );
}
