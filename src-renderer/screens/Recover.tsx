// A forgotten passphrase: open the vault with the recovery key and choose a new passphrase.
import { useState, type FormEvent } from 'react';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Field } from '../components/Field.js';
import { useT } from '../i18n/i18n.js';
import { useSession } from '../stores/session.js';
import { MIN_PASSPHRASE_LENGTH } from './CreateVault.js';

export function Recover() {
  const t = useT();
  const { recover, busy, error, go } = useSession();
  const [recoveryKey, setRecoveryKey] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [tried, setTried] = useState(false);
  const tooShort = passphrase.length < MIN_PASSPHRASE_LENGTH;
  const mismatch = passphrase !== confirmation;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (recoveryKey && !tooShort && !mismatch) void recover(recoveryKey, passphrase);
  }

  return (
    <main className="panel narrow">
      <h1>{t('recover.title')}</h1>
      <form onSubmit={submit} noValidate>
        <Field label={t('recover.key')} help={t('recover.keyHelp')} autoFocus autoComplete="off" spellCheck={false} value={recoveryKey} onChange={(e) => setRecoveryKey(e.target.value)} />
        <Field label={t('recover.newPassphrase')} help={t('create.passphraseHelp')} type="password" autoComplete="new-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} problem={tried && tooShort ? t('create.tooShort') : null} />
        <Field label={t('recover.confirm')} type="password" autoComplete="new-password" value={confirmation} onChange={(e) => setConfirmation(e.target.value)} problem={tried && !tooShort && mismatch ? t('create.mismatch') : null} />
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
