// Unlock with the passphrase; a way to the recovery key for a forgotten one.
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Field } from '../components/Field.js';
import { useT } from '../i18n/i18n.js';
import { useSession } from '../stores/session.js';
import { usePick } from '../stores/pick.js';

export function Unlock() {
  const t = useT();
  const { unlock, busy, error, lockReason, go } = usePick(useSession, 'unlock', 'busy', 'error', 'lockReason', 'go');
  const [passphrase, setPassphrase] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    if (passphrase) void unlock(passphrase);
  }

  return (
    <main className="panel narrow">
      <h1>{t('unlock.title')}</h1>
      {lockReason ? <p className="notice">{t(`unlock.lockedBecause.${lockReason}`)}</p> : null}
      <form onSubmit={submit}>
        <Field label={t('unlock.passphrase')} type="password" autoComplete="current-password" autoFocus value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
        <ErrorNotice error={error} />
        <button type="submit" className="primary" disabled={busy || passphrase.length === 0}>
          {busy ? t('unlock.working') : t('unlock.submit')}
        </button>
      </form>
      <button type="button" className="link" onClick={() => go('recover')}>
        {t('unlock.forgot')}
      </button>
    </main>
  );
}
