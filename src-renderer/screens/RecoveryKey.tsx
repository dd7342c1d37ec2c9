// Shown once, right after the vault is created: the recovery key, and a confirmation that it was written down.
import { useState } from 'react';
import { useT } from '../i18n/i18n.js';
import { useSession } from '../stores/session.js';
import { usePick } from '../stores/pick.js';

export function RecoveryKey() {
  const t = useT();
  const { recoveryKey, acknowledgeRecoveryKey } = usePick(useSession, 'recoveryKey', 'acknowledgeRecoveryKey');
  const [writtenDown, setWrittenDown] = useState(false);
  return (
    <main className="panel narrow">
      <h1>{t('recovery.title')}</h1>
      <p>{t('recovery.intro')}</p>
      <p className="notice notice-warning">{t('recovery.advice')}</p>
      <figure className="recovery-key">
        <figcaption>{t('recovery.keyLabel')}</figcaption>
        <code data-testid="recovery-key" translate="no">
          {recoveryKey}
        </code>
      </figure>
      <label className="checkbox">
        <input type="checkbox" checked={writtenDown} onChange={(e) => setWrittenDown(e.target.checked)} />
        {t('recovery.confirm')}
      </label>
      <button type="button" className="primary" disabled={!writtenDown} onClick={acknowledgeRecoveryKey}>
        {t('recovery.continue')}
      </button>
    </main>
  );
}
