// An error in plain language (translated from its code), with the technical cause one click away.
import type { SentinelleError } from '../../src-shared/errors.js';
import { errorMessageKey, useT } from '../i18n/i18n.js';
import { TechnicalText } from './TechnicalText.js';

export function ErrorNotice({ error }: { error: SentinelleError | null }) {
  const t = useT();
  if (!error) return null;
  return (
    <div className="notice notice-error" role="alert">
      <TechnicalText summary={t(errorMessageKey(error.code))} technical={[error.code, error.technical].filter(Boolean).join('\n')} />
    </div>
  );
}
