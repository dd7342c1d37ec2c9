// Choosing a new passphrase: typed twice, at least 10 characters, problems shown once the advocate tries
// to submit. Used when creating the vault and when recovering it with the recovery key.
import { useState, type ReactElement } from 'react';
import { useT } from '../i18n/i18n.js';
import { Field } from './Field.js';

export const MIN_PASSPHRASE_LENGTH = 10;

export interface NewPassphrase {
  value: string;
  /** True once both entries are long enough and the same. */
  valid: boolean;
  /** Call on submit: from then on, problems are shown. */
  markTried(): void;
  fields: ReactElement;
}

export function useNewPassphrase(labels: { passphrase: string; confirm: string }, autoFocus = false): NewPassphrase {
  const t = useT();
  const [passphrase, setPassphrase] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [tried, setTried] = useState(false);
  const tooShort = passphrase.length < MIN_PASSPHRASE_LENGTH;
  const mismatch = confirmation !== passphrase;
  return {
    value: passphrase,
    valid: !tooShort && !mismatch,
    markTried: () => setTried(true),
    fields: (
      <>
        <Field
          label={labels.passphrase}
          help={t('create.passphraseHelp')}
          type="password"
          autoComplete="new-password"
          autoFocus={autoFocus}
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          problem={tried && tooShort ? t('create.tooShort') : null}
        />
        <Field
          label={labels.confirm}
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onChange={(e) => setConfirmation(e.target.value)}
          problem={tried && !tooShort && mismatch ? t('create.mismatch') : null}
        />
      </>
    ),
  };
}
